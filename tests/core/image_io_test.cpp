#include <gtest/gtest.h>

#include <cstring>

#include "core/feature_files.h"
#include "core/image_io.h"
#include "core/thumbnails.h"
#include "media_fixtures.h"
#include "support/test_support.h"

namespace ugc::media {
namespace {

uint32_t be32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) << 24 | uint32_t(uint8_t(s[at + 1])) << 16 | uint32_t(uint8_t(s[at + 2])) << 8 |
         uint32_t(uint8_t(s[at + 3]));
}
uint32_t le32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 | uint32_t(uint8_t(s[at + 2])) << 16 |
         uint32_t(uint8_t(s[at + 3])) << 24;
}

TEST(ImageIo, PngRoundTripsThroughFfmpeg) {
  test::TempDir dir;
  RgbImage image{.width = 5, .height = 3, .pixels = std::vector<uint8_t>(45)};
  for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = uint8_t(i * 5);
  const auto png = dir / "x.png";
  ASSERT_TRUE(writePng(png, image));
  const std::string bytes = test::readFile(png);
  ASSERT_GT(bytes.size(), 33u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_EQ(be32(bytes, 16), 5u);  // IHDR width
  EXPECT_EQ(be32(bytes, 20), 3u);  // IHDR height
  // Decoded back by the ffmpeg CLI, the pixels are the same bytes.
  const auto raw = dir / "x.rgb";
  test::runFfmpeg({"-i", png.string(), "-f", "rawvideo", "-pix_fmt", "rgb24", raw.string()});
  const std::string decoded = test::readFile(raw);
  ASSERT_EQ(decoded.size(), image.pixels.size());
  EXPECT_EQ(std::memcmp(decoded.data(), image.pixels.data(), decoded.size()), 0);
  EXPECT_FALSE(encodePng(RgbImage{}));
}

TEST(FeatureFiles, WavHeaderAndSamples) {
  test::TempDir dir;
  const auto path = dir / "a.wav";
  {
    auto wav = WavWriter::create(path, 16000);
    ASSERT_TRUE(wav);
    const float samples[] = {0.0f, 1.0f, -1.0f, 2.0f, 0.5f};
    ASSERT_TRUE(wav->append(samples, 3));
    ASSERT_TRUE(wav->append(samples + 3, 2));
    ASSERT_TRUE(wav->finish());
  }
  const std::string bytes = test::readFile(path);
  ASSERT_EQ(bytes.size(), 44u + 10u);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(le32(bytes, 4), 36u + 10u);
  EXPECT_EQ(le32(bytes, 24), 16000u);
  EXPECT_EQ(le32(bytes, 40), 10u);
  auto sample = [&](int i) { return int16_t(uint16_t(uint8_t(bytes[44 + 2 * i])) | uint16_t(uint8_t(bytes[45 + 2 * i])) << 8); };
  EXPECT_EQ(sample(0), 0);
  EXPECT_EQ(sample(1), 32767);
  EXPECT_EQ(sample(2), -32767);
  EXPECT_EQ(sample(3), 32767);  // clipped
  EXPECT_EQ(sample(4), 16384);
}

TEST(FeatureFiles, NpyLayout) {
  test::TempDir dir;
  const float values[] = {1, 2, 3, 4, 5, 6};
  ASSERT_TRUE(writeNpy(dir / "m.npy", values, {2, 3}));
  const std::string bytes = test::readFile(dir / "m.npy");
  EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY");
  const size_t headerLength = uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8;
  EXPECT_EQ((10 + headerLength) % 64, 0u);
  const std::string header = bytes.substr(10, headerLength);
  EXPECT_NE(header.find("'shape': (2, 3)"), std::string::npos) << header;
  EXPECT_NE(header.find("'<f4'"), std::string::npos);
  ASSERT_EQ(bytes.size(), 10 + headerLength + 6 * 4);
  float last = 0;
  std::memcpy(&last, bytes.data() + bytes.size() - 4, 4);
  EXPECT_EQ(last, 6.0f);
  ASSERT_TRUE(writeNpy(dir / "v.npy", values, {6}));
  EXPECT_NE(test::readFile(dir / "v.npy").find("'shape': (6,)"), std::string::npos);
}

TEST(Filmstrip, ThumbnailsJoinedLeftToRight) {
  FilmstripParams params;
  params.count = 4;
  params.height = 32;
  auto film = makeFilmstrip(test::mediaFixture(test::Fixture::RotatedPhone), params);  // displayed 90x160
  ASSERT_TRUE(film) << film.error().describe();
  ASSERT_EQ(film->thumbnails.size(), 4u);
  EXPECT_EQ(film->thumbnails[0].image.height, 32);
  EXPECT_EQ(film->thumbnails[0].image.width, 18);  // 90/160 * 32, upright
  EXPECT_EQ(film->strip.width, 4 * 18 + 3 * 2);
  EXPECT_EQ(film->strip.height, 32);
  EXPECT_GT(film->strip.pixel(20 + 16, 2)[0], 150);  // second thumbnail's red top-right corner
}

}  // namespace
}  // namespace ugc::media
