// Damaged and unusual input: every case a specific error value (or a sane result), never
// a crash, a hang or a leak (the asan preset runs these too).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "core/audio_decoder.h"
#include "core/frame_sampler.h"
#include "core/probe.h"
#include "core/scene_detector.h"
#include "media_fixtures.h"
#include "support/test_support.h"

namespace ugc::media {
namespace {

using test::Fixture;
using test::mediaFixture;

class HostileMedia : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& name, const std::string& bytes) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  test::TempDir dir_;
};

void expectEveryCallFails(const std::filesystem::path& path, ErrorCode code) {
  auto probe = probeMedia(path);
  ASSERT_FALSE(probe) << path;
  EXPECT_EQ(probe.error().code, code) << probe.error().describe();
  auto frames = sampleFramesAt(path, {0.0, 1.0});
  ASSERT_FALSE(frames);
  EXPECT_EQ(frames.error().code, code) << frames.error().describe();
  auto audio = decodeAudio(path);
  ASSERT_FALSE(audio);
  EXPECT_EQ(audio.error().code, code) << audio.error().describe();
}

TEST_F(HostileMedia, MissingFile) { expectEveryCallFails(dir_ / "nothing-here.mp4", ErrorCode::NotFound); }

TEST_F(HostileMedia, ZeroBytes) {
  const auto path = write("empty.mp4", "");
  expectEveryCallFails(path, ErrorCode::InvalidInput);
  EXPECT_NE(probeMedia(path).error().message.find("empty"), std::string::npos);
}

TEST_F(HostileMedia, TextRenamedMp4) {
  expectEveryCallFails(write("notes.mp4", "These are my shopping notes, not a video.\nMilk\nEggs\n"), ErrorCode::InvalidInput);
}

TEST_F(HostileMedia, RandomBytes) {
  std::mt19937 rng(1234);
  std::string bytes(64 * 1024, '\0');
  for (auto& c : bytes) c = char(rng() & 0xff);
  expectEveryCallFails(write("noise.mp4", bytes), ErrorCode::InvalidInput);
}

TEST_F(HostileMedia, TruncatedBeforeTheIndex) {
  // ffmpeg writes the mp4 index (moov) at the end: cutting the file loses it.
  const std::string whole = test::readFile(mediaFixture(Fixture::H264Aac));
  expectEveryCallFails(write("cut.mp4", whole.substr(0, whole.size() / 2)), ErrorCode::InvalidInput);
}

TEST_F(HostileMedia, TruncatedMediaDataKeepsWhatDecodes) {
  // With the index first (faststart) the header survives but half the frames are gone.
  const auto faststart = dir_ / "faststart.mp4";
  test::runFfmpeg({"-i", mediaFixture(Fixture::H264Aac).string(), "-c", "copy", "-movflags", "+faststart", faststart.string()});
  const std::string whole = test::readFile(faststart);
  const auto cut = write("faststart-cut.mp4", whole.substr(0, whole.size() / 2));
  auto probe = probeMedia(cut);
  ASSERT_TRUE(probe) << probe.error().describe();
  auto frames = sampleFramesAt(cut, {0.5, 3.9});
  ASSERT_TRUE(frames) << frames.error().describe();
  EXPECT_NEAR((*frames)[0].timestamp, 0.5, 0.02);
  EXPECT_LT((*frames)[1].timestamp, 3.0);  // the last frame that exists stands in
  auto audio = decodeAudio(cut);
  ASSERT_TRUE(audio) << audio.error().describe();
  EXPECT_LT(audio->samples.size(), 64000u);
}

TEST_F(HostileMedia, AudioOnlyHasNoFrames) {
  auto frames = sampleFramesAt(mediaFixture(Fixture::AudioOnly), {0.5});
  ASSERT_FALSE(frames);
  EXPECT_EQ(frames.error().code, ErrorCode::NotFound);
  EXPECT_NE(frames.error().message.find("no video"), std::string::npos);
  EXPECT_TRUE(decodeAudio(mediaFixture(Fixture::AudioOnly)));
}

TEST_F(HostileMedia, HugeDimensionsAreRefused) {
  // Raw YUV4MPEG headers claiming huge pictures with almost no picture data behind them.
  const std::string tail = "FRAME\n" + std::string(4096, '\x80');
  // 10000 x 10000: FFmpeg accepts the header, the sampler refuses to allocate for it.
  const auto large = write("large.y4m", "YUV4MPEG2 W10000 H10000 F25:1 Ip A1:1 C420jpeg\n" + tail);
  auto probe = probeMedia(large);
  ASSERT_TRUE(probe) << probe.error().describe();
  ASSERT_TRUE(probe->video);
  EXPECT_EQ(probe->video->width, 10000);
  auto frames = sampleFramesAt(large, {0.0});
  ASSERT_FALSE(frames);
  EXPECT_EQ(frames.error().code, ErrorCode::Unsupported);
  EXPECT_NE(frames.error().message.find("too large"), std::string::npos);
  // 40000 x 40000: beyond what FFmpeg itself will describe.
  expectEveryCallFails(write("huge.y4m", "YUV4MPEG2 W40000 H40000 F25:1 Ip A1:1 C420jpeg\n" + tail), ErrorCode::InvalidInput);
}

TEST_F(HostileMedia, UnsupportedCodec) {
  // A Matroska file whose codec id names a codec FFmpeg does not know.
  const auto mkv = dir_ / "source.mkv";
  test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=64x64:r=10:d=1", "-c:v", "libx264", mkv.string()});
  std::string bytes = test::readFile(mkv);
  const size_t at = bytes.find("V_MPEG4/ISO/AVC");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 15, "V_XYZZY/ISO/AVC");
  const auto path = write("unknown-codec.mkv", bytes);
  auto frames = sampleFramesAt(path, {0.0});
  ASSERT_FALSE(frames);
  EXPECT_EQ(frames.error().code, ErrorCode::Unsupported) << frames.error().describe();
  auto scenes = detectSceneChanges(path);
  ASSERT_FALSE(scenes);
  EXPECT_EQ(scenes.error().code, ErrorCode::Unsupported);
}

TEST_F(HostileMedia, BadArguments) {
  auto nan = sampleFramesAt(mediaFixture(Fixture::NoAudio), {std::nan("")});
  ASSERT_FALSE(nan);
  EXPECT_EQ(nan.error().code, ErrorCode::InvalidArgument);
  auto none = sampleFramesUniform(mediaFixture(Fixture::NoAudio), 0);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::InvalidArgument);
  auto empty = sampleFramesAt(mediaFixture(Fixture::NoAudio), {});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  auto directory = probeMedia(dir_.path());
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace ugc::media
