// extractSignals on real files the test makes: absent results are results, not errors.
#include <gtest/gtest.h>

#include <fstream>

#include "core/subprocess.h"
#include "model/extractors/signals.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

TEST(ExtractSignals, VideoWithoutAudioTextOrCutsGivesAbsentResults) {
  test::TempDir dir;
  const auto clip = dir / "plain.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=0x336699:s=360x640:r=30:d=3", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                   clip.string()});
  auto signals = extractSignals(clip);
  ASSERT_TRUE(signals.has_value()) << signals.error().describe();
  EXPECT_TRUE(signals->hasVideo);
  EXPECT_FALSE(signals->hasAudio);
  EXPECT_NEAR(signals->duration, 3.0, 0.1);
  EXPECT_TRUE(signals->ocr.ran);
  EXPECT_TRUE(signals->ocr.lines.empty());
  EXPECT_EQ(signals->ocr.framesSampled, 6);
  EXPECT_FALSE(signals->audio.ran);
  EXPECT_FALSE(signals->audio.musicPresent);
  EXPECT_EQ(signals->voice.speakerCount, 0);
  EXPECT_TRUE(signals->scenes.ran);
  EXPECT_FALSE(signals->scenes.backgroundChanges);
  EXPECT_FALSE(signals->loudness.ran);
}

TEST(ExtractSignals, SilentTrackAndSpeechOnlyClip) {
  test::TempDir dir;
  const auto silent = dir / "silent.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=black:s=320x568:r=25:d=3", "-f", "lavfi", "-i",
                   "anullsrc=r=44100:cl=stereo", "-t", "3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                   silent.string()});
  auto quiet = extractSignals(silent);
  ASSERT_TRUE(quiet.has_value()) << quiet.error().describe();
  EXPECT_TRUE(quiet->audio.ran);
  EXPECT_TRUE(quiet->audio.silentTrack);
  EXPECT_TRUE(quiet->audio.speech.empty());
  EXPECT_FALSE(quiet->loudness.integratedLufs.has_value());

  const auto wav = dir / "line.wav";
  auto spoken = runProcess({"espeak-ng", "-v", "en-us+m3", "-p", "35", "-w", wav.string(),
                            "Good morning everyone, welcome back to the channel."});
  ASSERT_TRUE(spoken && spoken->exitCode == 0);
  const auto talk = dir / "talk.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=gray:s=320x568:r=25:d=4", "-i", wav.string(), "-t", "4", "-c:v",
                   "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", talk.string()});
  auto speech = extractSignals(talk);
  ASSERT_TRUE(speech.has_value()) << speech.error().describe();
  EXPECT_GT(speech->audio.speechSeconds, 1.5);
  EXPECT_FALSE(speech->audio.musicPresent);
  ASSERT_EQ(speech->voice.speakerCount, 1);
  EXPECT_EQ(speech->voice.speakers[0].gender, Gender::Male);
  ASSERT_TRUE(speech->loudness.integratedLufs.has_value());
  EXPECT_LT(*speech->loudness.integratedLufs, -5);
  EXPECT_GT(*speech->loudness.integratedLufs, -40);

  // The JSON cache form reads back to the same signals.
  const std::string json = toJson(*speech);
  auto back = signalsFromJson(json);
  ASSERT_TRUE(back.has_value()) << back.error().describe();
  EXPECT_EQ(toJson(*back), json);
  EXPECT_FALSE(signalsFromJson("{\"format\": \"other\"}").has_value());
  EXPECT_FALSE(signalsFromJson("not json").has_value());
}

TEST(ExtractSignals, AudioOnlyFileHasNoPictureSignals) {
  test::TempDir dir;
  const auto wav = dir / "voice.wav";
  auto spoken = runProcess({"espeak-ng", "-v", "en-us+f4", "-p", "70", "-w", wav.string(),
                            "This recording has no picture at all, only a voice."});
  ASSERT_TRUE(spoken && spoken->exitCode == 0);
  auto signals = extractSignals(wav);
  ASSERT_TRUE(signals.has_value()) << signals.error().describe();
  EXPECT_FALSE(signals->hasVideo);
  EXPECT_TRUE(signals->hasAudio);
  EXPECT_FALSE(signals->ocr.ran);
  EXPECT_FALSE(signals->scenes.ran);
  EXPECT_TRUE(signals->audio.ran);
  ASSERT_EQ(signals->voice.speakerCount, 1);
  EXPECT_EQ(signals->voice.speakers[0].gender, Gender::Female);
}

TEST(ExtractSignals, UnreadableFilesAreErrorsNotCrashes) {
  test::TempDir dir;
  auto missing = extractSignals(dir / "nope.mp4");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  std::ofstream(dir / "junk.mp4") << "this is not a video";
  auto junk = extractSignals(dir / "junk.mp4");
  ASSERT_FALSE(junk.has_value());
  EXPECT_EQ(junk.error().code, ErrorCode::InvalidInput);
}

TEST(ExtractSignals, CancelledCallReturnsCancelled) {
  test::TempDir dir;
  const auto clip = dir / "c.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "testsrc=s=360x640:r=30:d=4", "-f", "lavfi", "-i", "sine=f=440:d=4", "-c:v",
                   "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.string()});
  CancelToken cancel;
  cancel.cancel();
  auto result = extractSignals(clip, {}, {}, cancel);
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(result.error().isCancelled());
}

TEST(ExtractSignals, MissingTesseractLanguageIsAClearError) {
  test::TempDir dir;
  const auto clip = dir / "c.mp4";
  test::runFfmpeg(
      {"-f", "lavfi", "-i", "color=c=red:s=160x284:r=10:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.string()});
  ExtractOptions options;
  options.ocrEngine = OcrEngineChoice::Tesseract;  // PP-OCRv4, the default, needs no tessdata
  options.tessdataDir = dir.path();
  auto result = extractSignals(clip, options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::NotFound);
  EXPECT_NE(result.error().message.find("traineddata"), std::string::npos);
}

}  // namespace
}  // namespace ugc::model

namespace ugc::model {

// Found by fuzz_signals_json: a count of 7.8e46 was cast to int (undefined behaviour).
TEST(SignalsJson, CountsOutOfRangeOrNotWholeAreAnInputError) {
  Signals signals;
  signals.file = "clip.mp4";
  signals.duration = 3;
  const std::string good = toJson(signals);
  ASSERT_TRUE(signalsFromJson(good).has_value()) << good;
  const std::string key = "\"frames_sampled\":";
  const auto at = good.find(key);
  ASSERT_NE(at, std::string::npos) << good;
  const auto valueStart = at + key.size();
  const auto valueEnd = good.find_first_of(",}", valueStart);
  for (const char* bad : {"7.8e46", "-7.8e46", "2.5", "4294967296", "\"3\""}) {
    std::string text = good;
    text.replace(valueStart, valueEnd - valueStart, bad);
    auto parsed = signalsFromJson(text);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput) << bad;
  }
}

}  // namespace ugc::model
