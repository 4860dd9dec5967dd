#include "core/log_mel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <random>

#include "core/fft.h"

namespace ugc::media {
namespace {

std::vector<std::complex<double>> directDft(const std::vector<std::complex<float>>& x) {
  const size_t n = x.size();
  std::vector<std::complex<double>> out(n);
  for (size_t k = 0; k < n; ++k) {
    std::complex<double> sum = 0;
    for (size_t t = 0; t < n; ++t)
      sum += std::complex<double>(x[t]) * std::polar(1.0, -2.0 * std::numbers::pi * double(k * t % n) / double(n));
    out[k] = sum;
  }
  return out;
}

std::vector<float> sine(double hz, double seconds, double amplitude = 0.5) {
  std::vector<float> s(size_t(seconds * kMelSampleRate));
  for (size_t i = 0; i < s.size(); ++i) s[i] = float(amplitude * std::sin(2 * std::numbers::pi * hz * double(i) / kMelSampleRate));
  return s;
}

TEST(Fft, MatchesDirectDftForMixedRadixSizes) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (size_t n : {1u, 2u, 7u, 12u, 64u, 100u, 400u, 49u}) {
    std::vector<std::complex<float>> x(n);
    for (auto& v : x) v = {dist(rng), dist(rng)};
    std::vector<std::complex<float>> y(n);
    Fft(n).forward(x.data(), y.data());
    const auto expected = directDft(x);
    for (size_t k = 0; k < n; ++k) EXPECT_LT(std::abs(std::complex<double>(y[k]) - expected[k]), 1e-3 * std::sqrt(double(n))) << n << " bin " << k;
  }
}

TEST(Fft, RealTransformAndParseval) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> x(400);
  for (auto& v : x) v = dist(rng);
  std::vector<std::complex<float>> bins(201);
  RealFft(400).forward(x.data(), bins.data());
  std::vector<std::complex<float>> complexInput(x.begin(), x.end());
  const auto expected = directDft(complexInput);
  for (size_t k = 0; k <= 200; ++k) EXPECT_LT(std::abs(std::complex<double>(bins[k]) - expected[k]), 1e-2);

  // Parseval: sum x^2 == (1/N) sum |X|^2 over all N bins (the upper half mirrors the lower).
  std::vector<float> power(201);
  RealFft(400).powerSpectrum(x.data(), power.data());
  double timeEnergy = 0, freqEnergy = power[0] + power[200];
  for (float v : x) timeEnergy += double(v) * v;
  for (size_t k = 1; k < 200; ++k) freqEnergy += 2.0 * power[k];
  EXPECT_NEAR(freqEnergy / 400.0, timeEnergy, 1e-4 * timeEnergy);
}

TEST(LogMel, SlaneyFiltersMatchHandComputation) {
  const auto filters = slaneyMelFilters(16000, 400, 80);
  ASSERT_EQ(filters.size(), 80u * 201u);
  // Filter 0 spans 0 .. 74.5 Hz peaking at 37.2 Hz; FFT bin 1 is 40 Hz:
  // weight = (74.47 - 40) / (74.47 - 37.24) * 2 / 74.47 = 0.024863 (see test notes).
  EXPECT_NEAR(filters[1], 0.0248626, 1e-6);
  EXPECT_EQ(filters[0], 0.0f);  // 0 Hz is the filter's lower edge
  EXPECT_EQ(filters[2], 0.0f);  // 80 Hz is past its upper edge
  // Slaney normalisation: every triangle has unit area in Hz; sampled at 40 Hz steps the
  // wide (high) filters come close, the narrow ones are too coarsely sampled to check.
  for (int m = 50; m < 79; ++m) {
    double area = 0;
    for (int k = 0; k < 201; ++k) area += filters[size_t(m) * 201 + size_t(k)] * 40.0;
    EXPECT_NEAR(area, 1.0, 0.1) << "filter " << m;
  }
}

TEST(LogMel, SilenceIsTheHandComputedFloor) {
  // log10(1e-10) = -10 everywhere; the max is -10, so nothing is clamped: (-10 + 4) / 4 = -1.5.
  const LogMel mel = computeLogMel(std::vector<float>(1600, 0.0f));
  EXPECT_EQ(mel.bins, 80);
  EXPECT_EQ(mel.frames, 10);  // 1600 / 160
  for (float v : mel.values) EXPECT_FLOAT_EQ(v, -1.5f);
}

TEST(LogMel, SineEnergyLandsInTheRightMelBin) {
  // Slaney mel points are 0.5586 mel apart; filter m peaks at point m + 1. 1 kHz (15 mel)
  // is nearest point 27 (1005.6 Hz) -> filter 26; 440 Hz (6.6 mel) nearest point 12 (446.9 Hz) -> filter 11.
  for (auto [hz, expectedBin] : {std::pair{1000.0, 26}, std::pair{440.0, 11}}) {
    const LogMel mel = computeLogMel(sine(hz, 1.0));
    ASSERT_EQ(mel.frames, 100);
    const int frame = 50;
    int best = 0;
    for (int b = 1; b < mel.bins; ++b)
      if (mel.at(b, frame) > mel.at(best, frame)) best = b;
    EXPECT_EQ(best, expectedBin) << hz << " Hz";
    EXPECT_FLOAT_EQ(mel.at(best, frame), mel.at(best, frame));
    // The global maximum maps to (max + 4) / 4 and the floor is 8 (log10 units) below it.
    float top = -1e9f, bottom = 1e9f;
    for (float v : mel.values) top = std::max(top, v), bottom = std::min(bottom, v);
    EXPECT_NEAR(top - bottom, 2.0f, 1e-5);  // 8 / 4: far bins of a pure tone hit the clamp
  }
}

TEST(LogMel, EnergyScalesWithAmplitude) {
  // Doubling the amplitude multiplies power by 4: +log10(4) before the (x + 4) / 4 step.
  const LogMel quiet = computeLogMel(sine(1000, 0.5, 0.25));
  const LogMel loud = computeLogMel(sine(1000, 0.5, 0.5));
  EXPECT_NEAR(loud.at(26, 20) - quiet.at(26, 20), std::log10(4.0) / 4.0, 1e-3);
}

TEST(LogMel, StreamingInPiecesEqualsOneShot) {
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0, 0.1f);
  std::vector<float> signal = sine(700, 2.3);
  for (auto& v : signal) v += noise(rng);
  const LogMel whole = computeLogMel(signal);
  LogMelStream stream;
  const size_t pieces[] = {1, 150, 17, 4000, 333};
  for (size_t offset = 0, i = 0; offset < signal.size(); ++i) {
    const size_t n = std::min(pieces[i % 5], signal.size() - offset);
    stream.push(signal.data() + offset, n);
    offset += n;
  }
  const LogMel streamed = stream.finish();
  ASSERT_EQ(streamed.frames, whole.frames);
  EXPECT_EQ(whole.frames, int(signal.size() / 160));
  for (size_t i = 0; i < whole.values.size(); ++i) ASSERT_FLOAT_EQ(streamed.values[i], whole.values[i]) << i;
}

TEST(LogMel, ShortSignalsDoNotCrash) {
  EXPECT_EQ(computeLogMel({}).frames, 0);
  EXPECT_EQ(computeLogMel(std::vector<float>(100, 0.1f)).frames, 0);
  EXPECT_EQ(computeLogMel(std::vector<float>(170, 0.1f)).frames, 1);
}

}  // namespace
}  // namespace ugc::media
