#include "model/media_features.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.h"

namespace ugc::model {
namespace {

CaptionerConfig smallConfig() {
  auto config = CaptionerConfig::tinyConfig();
  config.frameSize = 32;
  config.maxFrames = 4;
  return config;
}

std::filesystem::path clip(const test::TempDir& dir, const std::string& name, bool withAudio) {
  const auto path = dir / name;
  std::vector<std::string> args{"-f", "lavfi", "-i", "testsrc2=size=180x320:rate=25:duration=3"};
  if (withAudio) args.insert(args.end(), {"-f", "lavfi", "-i", "sine=frequency=440:duration=3"});
  args.insert(args.end(), {"-pix_fmt", "yuv420p", "-c:v", "libx264", "-shortest", path.string()});
  test::runFfmpeg(args);
  return path;
}

TEST(MediaFeatures, DecodesLogMelAndLetterboxedFramesInTheNetworksShapes) {
  test::TempDir dir;
  const auto config = smallConfig();
  auto features = extractMediaFeatures(clip(dir, "a.mp4", true), config);
  ASSERT_TRUE(features) << features.error().describe();
  EXPECT_NEAR(features->duration, 3.0, 0.1);
  ASSERT_TRUE(features->logMel);
  EXPECT_NEAR(features->logMel->frames, 300, 3);  // 10 ms hop
  EXPECT_EQ(features->logMel->values.size(), size_t(features->logMel->frames) * 80);
  ASSERT_TRUE(features->frames);
  EXPECT_EQ(features->frames->width, 32);
  EXPECT_EQ(features->frames->height, 32);
  ASSERT_EQ(features->frames->rgb.size(), 4u);
  // Letterboxed portrait video: the left and right columns are black bars, the centre is not.
  const auto& rgb = features->frames->rgb[1];
  EXPECT_EQ(rgb[(16 * 32 + 0) * 3], 0);
  int centre = rgb[(16 * 32 + 16) * 3] + rgb[(16 * 32 + 16) * 3 + 1] + rgb[(16 * 32 + 16) * 3 + 2];
  EXPECT_GT(centre, 0);
  // A 440 Hz tone is loud in a low mel bin and quiet in the top bin, frame by frame.
  const int t = features->logMel->frames / 2;
  const float* row = features->logMel->values.data() + size_t(t) * 80;
  EXPECT_GT(*std::max_element(row, row + 30), row[79] + 0.5f);
}

TEST(MediaFeatures, AbsentStreamsAreAbsentNotErrors) {
  test::TempDir dir;
  auto silentVideo = extractMediaFeatures(clip(dir, "v.mp4", false), smallConfig());
  ASSERT_TRUE(silentVideo) << silentVideo.error().describe();
  EXPECT_FALSE(silentVideo->logMel);
  EXPECT_TRUE(silentVideo->frames);

  const auto audioOnly = dir / "a.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=frequency=300:duration=2", audioOnly.string()});
  auto audio = extractMediaFeatures(audioOnly, smallConfig());
  ASSERT_TRUE(audio) << audio.error().describe();
  EXPECT_TRUE(audio->logMel);
  EXPECT_FALSE(audio->frames);

  { std::ofstream(dir / "notes.mp4") << "not a video"; }
  auto bad = extractMediaFeatures(dir / "notes.mp4", smallConfig());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(extractMediaFeatures(dir / "absent.mp4", smallConfig()).error().code, ErrorCode::NotFound);
}

TEST(MediaFeatures, CacheBytesRoundTripExactlyAndDamageIsAnError) {
  test::TempDir dir;
  auto features = extractMediaFeatures(clip(dir, "a.mp4", true), smallConfig());
  ASSERT_TRUE(features);
  const auto bytes = serializeMediaFeatures(*features);
  auto back = parseMediaFeatures(bytes);
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->duration, features->duration);
  EXPECT_EQ(back->logMel->values, features->logMel->values);
  EXPECT_EQ(back->frames->rgb, features->frames->rgb);
  EXPECT_EQ(serializeMediaFeatures(*back), bytes);

  EXPECT_EQ(parseMediaFeatures(bytes.substr(0, bytes.size() - 7)).error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(parseMediaFeatures("garbage").error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(parseMediaFeatures(bytes + "x").error().code, ErrorCode::InvalidInput);
  EXPECT_NE(mediaFeaturesVersion(smallConfig()), mediaFeaturesVersion(CaptionerConfig::defaultConfig()));
}

TEST(MediaFeatures, SignalsBecomeShortLinesTheStageViewMasks) {
  Signals extracted;
  extracted.ocr.ran = true;
  extracted.ocr.lines.push_back({"SALE 50% OFF", 90, {{0, 2}}, 4});
  extracted.audio.ran = true;
  extracted.audio.speech.push_back({0.5, 2.25});
  extracted.audio.music.push_back({0, 3});
  extracted.voice.speakers.push_back({Gender::Female, 0.9, 210, 1.75});
  extracted.scenes.changeTimes = {1.5};
  CaptionerInput input;
  input.stage = annotation::Stage::Audio;
  addSignals(extracted, input);
  EXPECT_EQ(input.ocrLines, std::vector<std::string>{"SALE 50% OFF"});
  EXPECT_EQ(input.audioEvents,
            (std::vector<std::string>{"speech 0.5-2.2 s", "music 0.0-3.0 s", "female voice, 1.8 s"}));
  EXPECT_EQ(input.sceneChanges, std::vector<std::string>{"cut at 1.5 s"});
  auto audioView = buildStageView(input);
  ASSERT_TRUE(audioView);
  EXPECT_TRUE(audioView->ocrLines.empty());
  EXPECT_TRUE(audioView->sceneChanges.empty());
  EXPECT_EQ(audioView->audioEvents.size(), 3u);
}

}  // namespace
}  // namespace ugc::model
