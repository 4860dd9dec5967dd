#include "core/probe.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/sha256.h"

#include "media_fixtures.h"
#include "support/test_support.h"

namespace ugc::media {
namespace {

using test::Fixture;
using test::mediaFixture;

TEST(Probe, H264AacMp4) {
  auto result = probeMedia(mediaFixture(Fixture::H264Aac));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->container.find("mp4"), std::string::npos);
  EXPECT_NEAR(result->duration, 4.0, 0.1);
  ASSERT_TRUE(result->video);
  EXPECT_EQ(result->video->codec, "h264");
  EXPECT_EQ(result->video->width, 320);
  EXPECT_EQ(result->video->height, 240);
  EXPECT_EQ(result->video->displayWidth, 320);
  EXPECT_NEAR(result->video->displayAspect, 4.0 / 3.0, 1e-6);
  EXPECT_NEAR(result->video->avgFps, 30.0, 0.01);
  EXPECT_NEAR(result->video->realFps, 30.0, 0.01);
  EXPECT_EQ(result->video->frameCount, 120);
  EXPECT_EQ(result->video->rotation, 0);
  ASSERT_TRUE(result->audio);
  EXPECT_EQ(result->audio->codec, "aac");
  EXPECT_EQ(result->audio->sampleRate, 44100);
  EXPECT_EQ(result->audio->channels, 2);
  EXPECT_GT(result->bitRate, 0);
  EXPECT_EQ(result->fileSize, std::filesystem::file_size(mediaFixture(Fixture::H264Aac)));
  EXPECT_EQ(result->fingerprint.size(), 64u);
}

TEST(Probe, Vp9OpusWebm) {
  auto result = probeMedia(mediaFixture(Fixture::Vp9Opus));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_NE(result->container.find("webm"), std::string::npos);
  ASSERT_TRUE(result->video);
  EXPECT_EQ(result->video->codec, "vp9");
  EXPECT_EQ(result->video->width, 96);
  EXPECT_NEAR(result->video->avgFps, 25.0, 0.01);
  EXPECT_NEAR(double(result->video->frameCount), 50, 1);
  ASSERT_TRUE(result->audio);
  EXPECT_EQ(result->audio->codec, "opus");
  EXPECT_EQ(result->audio->sampleRate, 48000);
  EXPECT_NEAR(result->duration, 2.0, 0.1);
}

TEST(Probe, Mpeg2ProgramStream) {
  auto result = probeMedia(mediaFixture(Fixture::Mpeg2));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->video);
  EXPECT_EQ(result->video->codec, "mpeg2video");
  EXPECT_EQ(result->video->height, 64);
  EXPECT_NEAR(result->video->avgFps, 25.0, 0.01);
  ASSERT_TRUE(result->audio);
  EXPECT_EQ(result->audio->codec, "mp2");
  EXPECT_NEAR(result->duration, 2.0, 0.2);
}

TEST(Probe, HevcWithoutAudio) {
  auto result = probeMedia(mediaFixture(Fixture::Hevc));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->video);
  EXPECT_EQ(result->video->codec, "hevc");
  EXPECT_EQ(result->video->frameCount, 60);
  EXPECT_FALSE(result->audio);
}

TEST(Probe, VariableFrameRate) {
  auto result = probeMedia(mediaFixture(Fixture::VfrMkv));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->video);
  EXPECT_NEAR(result->duration, 3.0, 0.15);
  // Matroska stores no frame count: the probe estimates it (from the header's nominal
  // rate) and says so; counting would mean reading every packet.
  EXPECT_FALSE(result->video->frameCountExact);
  EXPECT_GT(result->video->frameCount, 0);
}

TEST(Probe, ReadsDisplayMatrixRotation) {
  auto result = probeMedia(mediaFixture(Fixture::RotatedPhone));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->video);
  EXPECT_EQ(result->video->rotation, 90);
  EXPECT_EQ(result->video->width, 160);
  EXPECT_EQ(result->video->height, 90);
  EXPECT_EQ(result->video->displayWidth, 90);
  EXPECT_EQ(result->video->displayHeight, 160);
  EXPECT_NEAR(result->video->displayAspect, 90.0 / 160.0, 1e-6);
}

TEST(Probe, AudioOnlyAndNoAudio) {
  auto audioOnly = probeMedia(mediaFixture(Fixture::AudioOnly));
  ASSERT_TRUE(audioOnly) << audioOnly.error().describe();
  EXPECT_FALSE(audioOnly->video);
  ASSERT_TRUE(audioOnly->audio);
  EXPECT_EQ(audioOnly->audio->channels, 1);
  auto silent = probeMedia(mediaFixture(Fixture::NoAudio));
  ASSERT_TRUE(silent) << silent.error().describe();
  EXPECT_TRUE(silent->video);
  EXPECT_FALSE(silent->audio);
}

TEST(Probe, FingerprintCoversHeadTailAndSize) {
  test::TempDir dir;
  const auto source = mediaFixture(Fixture::H264Aac);
  std::string bytes = test::readFile(source);
  auto write = [&](const std::string& name, const std::string& content) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  };
  auto original = contentFingerprint(write("a.mp4", bytes));
  auto renamedCopy = contentFingerprint(write("b.mp4", bytes));
  ASSERT_TRUE(original && renamedCopy);
  EXPECT_EQ(*original, *renamedCopy);
  std::string changed = bytes;
  changed[changed.size() / 2] ^= 0x55;
  EXPECT_NE(*contentFingerprint(write("c.mp4", changed)), *original);
  // A large file: only the head, the tail and the size count.
  std::string big(5 << 20, 'x');
  auto bigPrint = contentFingerprint(write("big.bin", big));
  std::string middleChanged = big;
  middleChanged[big.size() / 2] = 'y';
  EXPECT_EQ(*contentFingerprint(write("big2.bin", middleChanged)), *bigPrint);
  std::string tailChanged = big;
  tailChanged[big.size() - 10] = 'y';
  EXPECT_NE(*contentFingerprint(write("big3.bin", tailChanged)), *bigPrint);
  // The definition, computed independently: sha256(size LE64 + head MiB + tail MiB).
  std::string expectedInput(8, '\0');
  for (int i = 0; i < 8; ++i) expectedInput[size_t(i)] = char((uint64_t(big.size()) >> (8 * i)) & 0xff);
  expectedInput += big.substr(0, 1 << 20) + big.substr(big.size() - (1 << 20));
  EXPECT_EQ(*bigPrint, sha256Hex(expectedInput));
}

}  // namespace
}  // namespace ugc::media
