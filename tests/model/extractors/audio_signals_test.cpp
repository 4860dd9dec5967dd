#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "model/extractors/audio_signals.h"

namespace ugc::model {
namespace {

std::vector<float> sine(double hz, double amplitude, double seconds, int rate = kAnalysisRate) {
  std::vector<float> out(size_t(seconds * rate));
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = float(amplitude * std::sin(2 * std::numbers::pi * hz * double(i) / rate));
  return out;
}

TEST(Loudness, FullScaleSineAtOneKilohertzIsMinusThreeLufs) {
  // BS.1770's calibration: a 0 dBFS 997 Hz sine in one channel reads -3.01 LUFS.
  const auto loud = measureLoudness(sine(997, 1.0, 5), kAnalysisRate);
  ASSERT_TRUE(loud.integratedLufs.has_value());
  EXPECT_NEAR(*loud.integratedLufs, -3.01, 0.15);
  const auto quiet = measureLoudness(sine(997, 0.1, 5), kAnalysisRate);
  EXPECT_NEAR(*quiet.integratedLufs, -23.01, 0.15);
  // The same calibration holds at 48 kHz, where the filters have their reference coefficients.
  EXPECT_NEAR(*measureLoudness(sine(997, 1.0, 5, 48000), 48000).integratedLufs, -3.01, 0.1);
}

TEST(Loudness, SilenceIsBelowTheGateAndClippingIsCounted) {
  const auto silent = measureLoudness(std::vector<float>(16000 * 3, 0.f), kAnalysisRate);
  EXPECT_TRUE(silent.ran);
  EXPECT_FALSE(silent.integratedLufs.has_value());
  auto clipped = sine(200, 2.0, 2);
  for (auto& s : clipped) s = std::clamp(s, -1.f, 1.f);
  const auto loud = measureLoudness(clipped, kAnalysisRate);
  EXPECT_GT(loud.clippingRatio, 0.3);
  EXPECT_NEAR(loud.samplePeakDbfs, 0.0, 0.01);
}

TEST(Pitch, YinFindsTheFundamentalOfAHarmonicTone) {
  std::vector<float> tone(400);
  for (size_t i = 0; i < tone.size(); ++i) {
    const double t = double(i) / 8000;
    tone[i] = float(std::sin(2 * std::numbers::pi * 120 * t) + 0.5 * std::sin(2 * std::numbers::pi * 240 * t) +
                    0.3 * std::sin(2 * std::numbers::pi * 360 * t));
  }
  const auto pitch = yinPitch(tone.data(), int(tone.size()), 8000, 65, 450);
  EXPECT_NEAR(pitch.f0, 120.0, 2.0);
  EXPECT_LT(pitch.aperiodicity, 0.15);
}

// A melody of held notes (music) versus a tone whose pitch glides like intonation (voice-like).
std::vector<float> melody(double seconds) {
  std::vector<float> out(size_t(seconds * kAnalysisRate));
  const double notes[] = {262, 330, 392, 523, 440, 349};
  double phase = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / kAnalysisRate;
    const double f = notes[size_t(t / 0.4) % 6];
    phase += 2 * std::numbers::pi * f / kAnalysisRate;
    out[i] = float(0.2 * std::sin(phase) + 0.1 * std::sin(2 * phase) + 0.1 * std::sin(0.5 * phase));
  }
  return out;
}

std::vector<float> glidingVoice(double seconds, double baseHz) {
  std::vector<float> out(size_t(seconds * kAnalysisRate));
  double phase = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / kAnalysisRate;
    const double syllable = std::fmod(t, 0.25);
    // Each 0.25 s "syllable": pitch rising 20 %, then a short pause.
    const double f = baseHz * (1 + 0.8 * syllable);
    phase += 2 * std::numbers::pi * f / kAnalysisRate;
    double v = 0;
    for (int h = 1; h <= 12; ++h) v += std::sin(h * phase) / h;
    out[i] = syllable < 0.2 ? float(0.2 * v) : 0.f;
  }
  return out;
}

TEST(AudioEvents, SilenceMusicAndVoiceAreTold) {
  ExtractOptions options;
  AudioAnalysisParams params;
  const CancelToken cancel;

  const auto silent = detectAudioEvents(analyseAudio(std::vector<float>(16000 * 4, 0.f), params, cancel), options);
  EXPECT_TRUE(silent.silentTrack);
  EXPECT_FALSE(silent.musicPresent);
  EXPECT_TRUE(silent.speech.empty());

  const auto music = detectAudioEvents(analyseAudio(melody(6), params, cancel), options);
  EXPECT_FALSE(music.silentTrack);
  EXPECT_TRUE(music.musicPresent);
  EXPECT_LT(music.speechSeconds, 1.0);

  const auto features = analyseAudio(glidingVoice(6, 110), params, cancel);
  const auto voice = detectAudioEvents(features, options);
  EXPECT_FALSE(voice.musicPresent);
  EXPECT_GT(voice.speechSeconds, 3.0);
  const auto analysed = analyseVoice(features, voice, options);
  ASSERT_GE(analysed.speakerCount, 1);
  EXPECT_EQ(analysed.speakers[0].gender, Gender::Male);
  EXPECT_NEAR(analysed.speakers[0].medianF0, 110 * 1.09, 15);
}

TEST(AudioEvents, CancelledAnalysisIsEmpty) {
  CancelToken cancel;
  cancel.cancel();
  const auto features = analyseAudio(melody(3), {}, cancel);
  EXPECT_EQ(features.frameCount, 0);
}

}  // namespace
}  // namespace ugc::model
