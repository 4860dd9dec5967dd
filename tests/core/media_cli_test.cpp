// End to end through the ugccap binary: probe, frames, features (app/cli/media_commands.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/subprocess.h"
#include "media_fixtures.h"
#include "support/test_support.h"

namespace ugc::media {
namespace {

namespace fs = std::filesystem;
using test::Fixture;
using test::mediaFixture;

ProcessOutput ugccap(std::vector<std::string> args) {
  args.insert(args.begin(), {UGC_CLI_PATH, "--quiet"});
  auto out = runProcess(args);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().describe());
  return out ? *out : ProcessOutput{};
}

TEST(MediaCli, ProbeJsonKeepsGoingPastUnreadableFiles) {
  test::TempDir dir;
  const auto bad = dir / "bad.mp4";
  std::ofstream(bad) << "not a video";
  const auto out = ugccap({"probe", "--json", mediaFixture(Fixture::RotatedPhone).string(), bad.string(),
                           mediaFixture(Fixture::AudioOnly).string()});
  EXPECT_EQ(out.exitCode, 2);
  std::istringstream lines(out.standardOutput);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0]["video"]["rotation"], 90);
  EXPECT_EQ(objects[0]["video"]["display_width"], 90);
  EXPECT_TRUE(objects[1]["video"].is_null());
  EXPECT_EQ(objects[1]["audio"]["codec"], "aac");
  // One line on stderr naming the bad file.
  EXPECT_NE(out.standardError.find("bad.mp4"), std::string::npos);
  EXPECT_EQ(std::count(out.standardError.begin(), out.standardError.end(), '\n'), 1);
}

TEST(MediaCli, FramesAreNamedByTimestamp) {
  test::TempDir dir;
  const auto out = ugccap({"frames", mediaFixture(Fixture::H264Aac).string(), "-n", "4", "--size", "64x48", "--out",
                           (dir / "frames").string()});
  ASSERT_EQ(out.exitCode, 0) << out.standardError;
  for (const char* name :
       {"frame_000000.500.png", "frame_000001.500.png", "frame_000002.500.png", "frame_000003.500.png"})
    EXPECT_TRUE(fs::exists(dir / "frames" / name)) << name;
  EXPECT_EQ(ugccap({"frames", mediaFixture(Fixture::H264Aac).string(), "--size", "big", "--out", dir.path().string()})
                .exitCode,
            1);
  EXPECT_EQ(ugccap({"frames", mediaFixture(Fixture::AudioOnly).string(), "--out", dir.path().string()}).exitCode, 2);
}

TEST(MediaCli, FramesFromATruncatedFileSayWhatIsMissing) {
  // The header (moved to the front) declares the whole duration; the data stops early.
  test::TempDir dir;
  const auto whole = dir / "whole.mp4";
  auto made =
      runProcess({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "12",
                  "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p", "-movflags", "faststart", whole.string()});
  ASSERT_TRUE(made && made->exitCode == 0);
  std::string bytes = test::readFile(whole);
  const auto cut = dir / "cut.mp4";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 3);

  const auto lenient = ugccap({"frames", cut.string(), "-n", "8", "--out", (dir / "a").string()});
  EXPECT_EQ(lenient.exitCode, 0) << lenient.standardError;
  EXPECT_NE(lenient.standardError.find("warning: asked for 8 frames, wrote"), std::string::npos)
      << lenient.standardError;
  EXPECT_NE(lenient.standardError.find("truncated or damaged"), std::string::npos) << lenient.standardError;
  const auto strict = ugccap({"frames", cut.string(), "-n", "8", "--strict", "--out", (dir / "b").string()});
  EXPECT_EQ(strict.exitCode, 2);
  // The whole file gives every frame and no warning, strict or not.
  const auto full = ugccap({"frames", whole.string(), "-n", "8", "--strict", "--out", (dir / "c").string()});
  EXPECT_EQ(full.exitCode, 0) << full.standardError;
  EXPECT_EQ(full.standardError.find("warning"), std::string::npos) << full.standardError;
}

TEST(MediaCli, FeaturesWriteWavNpyAndPeaks) {
  test::TempDir dir;
  const auto out = ugccap({"features", mediaFixture(Fixture::H264Aac).string(), "--out", dir.path().string()});
  ASSERT_EQ(out.exitCode, 0) << out.standardError;
  const std::string wav = test::readFile(dir / "audio_16k.wav");
  ASSERT_GT(wav.size(), 44u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_NEAR(double(wav.size() - 44) / 2, 64000, 1500);
  const std::string npy = test::readFile(dir / "log_mel.npy");
  EXPECT_EQ(npy.substr(1, 5), "NUMPY");
  const auto index = nlohmann::json::parse(test::readFile(dir / "features.json"));
  EXPECT_EQ(index["log_mel"]["shape"][0], 80);
  const int frames = index["log_mel"]["shape"][1];
  EXPECT_NEAR(frames, 400, 10);
  EXPECT_NE(npy.find("'shape': (80, " + std::to_string(frames) + ")"), std::string::npos);
  const auto peaks = nlohmann::json::parse(test::readFile(dir / "waveform_peaks.json"));
  EXPECT_NEAR(double(peaks["max"].size()), 400, 10);  // 100 columns per second
  EXPECT_GT(peaks["max"][200].get<double>(), 0.05);

  test::TempDir silent;
  const auto none = ugccap({"features", mediaFixture(Fixture::NoAudio).string(), "--out", silent.path().string()});
  EXPECT_EQ(none.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(test::readFile(silent / "features.json"))["has_audio"], false);
}

}  // namespace
}  // namespace ugc::media
