// Bad audio through the whole audio path (learned events, Silero VAD, voice, loudness): silent,
// clipped, 0.2 s, 8 kHz six-channel and a 3-hour file — each a clear result, never a crash, and
// the 3-hour file's work bounded (only the first ExtractOptions::maxAudioSeconds is decoded).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "core/subprocess.h"
#include "model/audio/voice_activity.h"
#include "model/extractors/signals.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

ExtractOptions audioOptions() {
  ExtractOptions options;
  options.ocr = false;
  options.audioEventsModel = fs::path(UGC_RESOURCES_DIR) / "models" / "audio-events";
  if (auto vad = findPretrainedFile(kSileroVadModel, kSileroVadFile)) options.voiceActivityModel = *vad;
  return options;
}

fs::path speechWav(const test::TempDir& dir) {
  const auto wav = dir / "speech.wav";
  auto run = runProcess({"espeak-ng", "-v", "en-us+m3", "-w", wav.string(),
                         "The train was late again, so I decided to explore the old town on foot."});
  EXPECT_TRUE(run && run->exitCode == 0);
  return wav;
}

long peakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  return -1;
}

TEST(BadAudioInput, SilentTrackIsSilenceNotSpeech) {
  test::TempDir dir;
  const auto clip = dir / "silent.m4a";
  test::runFfmpeg({"-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo:d=5", "-c:a", "aac", clip.string()});
  auto signals = extractSignals(clip, audioOptions());
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_TRUE(signals->audio.ran);
  EXPECT_TRUE(signals->audio.silentTrack);
  EXPECT_FALSE(signals->audio.musicPresent);
  EXPECT_EQ(signals->voice.speakerCount, 0);
  EXPECT_TRUE(signals->voiceActivity.segments.empty());
  EXPECT_FALSE(signals->loudness.integratedLufs.has_value());
}

TEST(BadAudioInput, ClippedSpeechIsStillHeardAndTheClippingReported) {
  test::TempDir dir;
  const auto clip = dir / "clipped.wav";
  // +30 dB into 16-bit PCM: most of the voice is flattened at full scale.
  test::runFfmpeg({"-i", speechWav(dir).string(), "-af", "volume=30dB", "-c:a", "pcm_s16le", clip.string()});
  auto signals = extractSignals(clip, audioOptions());
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_GT(signals->loudness.clippingRatio, 0.01);
  EXPECT_FALSE(signals->audio.silentTrack);
  if (signals->voiceActivity.ran) {
    ASSERT_FALSE(signals->voiceActivity.segments.empty()) << toJson(*signals);
    for (const auto& s : signals->voiceActivity.segments) EXPECT_TRUE(s.probability >= 0 && s.probability <= 1);
  }
}

TEST(BadAudioInput, AFifthOfASecondGivesAResult) {
  test::TempDir dir;
  const auto clip = dir / "short.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=300:d=0.2", "-ar", "16000", clip.string()});
  auto signals = extractSignals(clip, audioOptions());
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_NEAR(signals->audioAnalysedSeconds, 0.2, 0.03);
  EXPECT_TRUE(signals->audio.ran);
  EXPECT_TRUE(signals->voiceActivity.segments.empty());
  EXPECT_EQ(signals->voice.speakerCount, 0);
}

TEST(BadAudioInput, EightKilohertzSixChannelSpeechIsFound) {
  test::TempDir dir;
  const auto clip = dir / "six.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:d=1", "-i", speechWav(dir).string(),
                   "-filter_complex",
                   "[0][1]concat=n=2:v=0:a=1,aresample=8000,pan=5.1|FL=c0|FR=c0|FC=c0|LFE=c0|BL=c0|BR=c0", "-ar", "8000",
                   clip.string()});
  const auto options = audioOptions();
  if (options.voiceActivityModel.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  auto signals = extractSignals(clip, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  ASSERT_EQ(signals->voiceActivity.segments.size(), 1u) << toJson(*signals);
  EXPECT_NEAR(signals->voiceActivity.segments[0].range.start, 1.0, 0.3);
  EXPECT_GT(signals->voiceActivity.speechSeconds, 2.5);
  EXPECT_EQ(signals->voice.speakerCount, 1);
}

TEST(BadAudioInput, ThreeHourFileIsBoundedToTheFirstTenMinutes) {
  test::TempDir dir;
  const auto clip = dir / "three_hours.mp3";
  // 3 hours of silence at 8 kbit/s: 11 MB, made in a few seconds.
  test::runFfmpeg({"-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:d=10800", "-c:a", "libmp3lame", "-b:a", "8k",
                   clip.string()});
  auto options = audioOptions();
  ASSERT_EQ(options.maxAudioSeconds, 600);
  const auto start = std::chrono::steady_clock::now();
  auto signals = extractSignals(clip, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_NEAR(signals->duration, 10800, 60);
  EXPECT_NEAR(signals->audioAnalysedSeconds, 600, 1);
  EXPECT_TRUE(signals->audio.silentTrack);
  EXPECT_LE(signals->audio.segments.size(), 1201u);
  // Bounded work: ten minutes of audio, not 180 (a loaded 2-core machine may be slow; the bound is loose).
  EXPECT_LT(seconds, 120) << "extraction of the 3-hour file took " << seconds << " s";
  EXPECT_LT(peakRssMiB(), 1200) << "the whole 3-hour track would need ~700 MB of samples alone";
  // Asking for everything is refused when negative, never undefined.
  options.maxAudioSeconds = -1;
  auto refused = extractSignals(clip, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace ugc::model
