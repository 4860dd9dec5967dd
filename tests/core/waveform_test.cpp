#include "core/spectrogram_image.h"
#include "core/waveform_peaks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace ugc::media {
namespace {

// The obvious answer: scan every sample of every column.
std::vector<PeakColumn> bruteForce(const std::vector<float>& s, int64_t start, int64_t end, int columns) {
  std::vector<PeakColumn> out;
  const double per = double(end - start) / columns;
  for (int c = 0; c < columns; ++c) {
    const int64_t a = start + int64_t(std::floor(per * c));
    const int64_t b = std::max(a + 1, start + int64_t(std::floor(per * (c + 1))));
    PeakColumn p{1e30f, -1e30f};
    bool outside = false;
    for (int64_t i = a; i < b; ++i) {
      if (i < 0 || i >= int64_t(s.size())) {
        outside = true;
        continue;
      }
      p.min = std::min(p.min, s[size_t(i)]);
      p.max = std::max(p.max, s[size_t(i)]);
    }
    if (outside) p = {std::min(p.min, 0.0f), std::max(p.max, 0.0f)};
    out.push_back(p);
  }
  return out;
}

TEST(WaveformPeaks, EveryZoomMatchesBruteForce) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> samples(100003);
  for (auto& v : samples) v = dist(rng);
  const WaveformPeaks peaks(samples, 16000);
  EXPECT_GT(peaks.levelCount(), 5u);
  struct Query {
    int64_t start, end;
    int columns;
  };
  for (const Query& q : {Query{0, 100003, 1}, Query{0, 100003, 800}, Query{12345, 12400, 200}, Query{777, 99999, 37},
                         Query{-500, 2000, 25}, Query{99000, 101000, 10}, Query{3, 90000, 3}}) {
    const auto got = peaks.columns(q.start, q.end, q.columns);
    const auto want = bruteForce(samples, q.start, q.end, q.columns);
    ASSERT_EQ(got.size(), want.size());
    for (size_t c = 0; c < got.size(); ++c) {
      ASSERT_EQ(got[c].min, want[c].min) << q.start << ".." << q.end << " column " << c;
      ASSERT_EQ(got[c].max, want[c].max) << q.start << ".." << q.end << " column " << c;
    }
  }
}

TEST(WaveformPeaks, SineEnvelopeAndSeconds) {
  std::vector<float> samples(16000);
  for (size_t i = 0; i < samples.size(); ++i) samples[i] = float(0.5 * std::sin(2 * std::numbers::pi * 100 * double(i) / 16000));
  const WaveformPeaks peaks(samples, 16000);
  const auto columns = peaks.columnsForSeconds(0, 1, 10);  // 0.1 s each: ten periods
  ASSERT_EQ(columns.size(), 10u);
  for (const auto& c : columns) {
    EXPECT_NEAR(c.max, 0.5f, 1e-3);
    EXPECT_NEAR(c.min, -0.5f, 1e-3);
  }
  EXPECT_TRUE(WaveformPeaks({}, 16000).columns(0, 100, 4).size() == 4u);
}

TEST(SpectrogramImage, ToneIsABrightRowAtTheRightHeight) {
  std::vector<float> samples(16000);
  for (size_t i = 0; i < samples.size(); ++i) samples[i] = float(0.5 * std::sin(2 * std::numbers::pi * 1000 * double(i) / 16000));
  const LogMel mel = computeLogMel(samples);
  const RgbImage image = renderSpectrogram(mel);
  ASSERT_EQ(image.width, 100);
  ASSERT_EQ(image.height, 80);
  // Mel bin 26 holds 1 kHz (see log_mel_test); row 79 - 26 from the top.
  auto brightness = [&](int y) {
    const uint8_t* p = image.pixel(50, y);
    return p[0] + p[1] + p[2];
  };
  int brightest = 0;
  for (int y = 1; y < image.height; ++y)
    if (brightness(y) > brightness(brightest)) brightest = y;
  EXPECT_EQ(brightest, 79 - 26);
  EXPECT_LT(brightness(5), 100);  // 7 kHz: near the floor, dark

  const RgbImage scaled = renderSpectrogram(mel, {.width = 40, .height = 160});
  EXPECT_EQ(scaled.width, 40);
  EXPECT_EQ(scaled.pixels.size(), size_t(40 * 160 * 3));
  EXPECT_TRUE(renderSpectrogram(LogMel{}).empty());
}

}  // namespace
}  // namespace ugc::media
