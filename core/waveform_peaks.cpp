#include "core/waveform_peaks.h"

#include <algorithm>
#include <cmath>

namespace ugc::media {
namespace {

constexpr int64_t kBaseBucket = 16;
constexpr int64_t kLevelFactor = 4;

int64_t bucketSize(int level) {
  int64_t size = kBaseBucket;
  for (int i = 0; i < level; ++i) size *= kLevelFactor;
  return size;
}

PeakColumn merge(PeakColumn a, PeakColumn b) { return {std::min(a.min, b.min), std::max(a.max, b.max)}; }

constexpr PeakColumn kEmpty{1e30f, -1e30f};

}  // namespace

WaveformPeaks::WaveformPeaks(std::vector<float> samples, int sampleRate)
    : samples_(std::move(samples)), sampleRate_(sampleRate) {
  std::vector<PeakColumn> level;
  for (size_t i = 0; i < samples_.size(); i += kBaseBucket) {
    PeakColumn peak = kEmpty;
    const size_t end = std::min(samples_.size(), i + size_t(kBaseBucket));
    for (size_t j = i; j < end; ++j) peak = merge(peak, {samples_[j], samples_[j]});
    level.push_back(peak);
  }
  while (!level.empty()) {
    levels_.push_back(level);
    if (level.size() == 1) break;
    std::vector<PeakColumn> coarser;
    for (size_t i = 0; i < level.size(); i += kLevelFactor) {
      PeakColumn peak = kEmpty;
      for (size_t j = i; j < std::min(level.size(), i + size_t(kLevelFactor)); ++j) peak = merge(peak, level[j]);
      coarser.push_back(peak);
    }
    level = std::move(coarser);
  }
}

PeakColumn WaveformPeaks::rangePeak(int level, int64_t begin, int64_t end) const {
  if (begin >= end) return kEmpty;
  if (level < 0) {
    PeakColumn peak = kEmpty;
    for (int64_t i = begin; i < end; ++i) peak = merge(peak, {samples_[size_t(i)], samples_[size_t(i)]});
    return peak;
  }
  const int64_t size = bucketSize(level);
  const int64_t firstFull = (begin + size - 1) / size;
  const int64_t lastFull = end / size;  // exclusive; a partial last bucket is not "full"...
  const auto& buckets = levels_[size_t(level)];
  // ...except the signal's final bucket, which covers everything up to the end.
  const bool endsAtSignal = end == int64_t(samples_.size());
  const int64_t fullEnd = endsAtSignal ? int64_t(buckets.size()) : lastFull;
  if (firstFull >= fullEnd) return rangePeak(level - 1, begin, end);
  PeakColumn peak = rangePeak(level - 1, begin, firstFull * size);
  for (int64_t b = firstFull; b < fullEnd; ++b) peak = merge(peak, buckets[size_t(b)]);
  if (!endsAtSignal) peak = merge(peak, rangePeak(level - 1, lastFull * size, end));
  return peak;
}

std::vector<PeakColumn> WaveformPeaks::columns(int64_t startSample, int64_t endSample, int columnCount) const {
  std::vector<PeakColumn> out;
  if (columnCount <= 0 || endSample <= startSample) return out;
  out.reserve(size_t(columnCount));
  const double perColumn = double(endSample - startSample) / columnCount;
  const int64_t total = int64_t(samples_.size());
  for (int c = 0; c < columnCount; ++c) {
    const int64_t a = startSample + int64_t(std::floor(perColumn * c));
    const int64_t b = std::max(a + 1, startSample + int64_t(std::floor(perColumn * (c + 1))));
    const int64_t clampedA = std::clamp<int64_t>(a, 0, total);
    const int64_t clampedB = std::clamp<int64_t>(b, 0, total);
    // Level choice: the coarsest whose buckets fit in the column.
    int level = -1;
    while (level + 1 < int(levels_.size()) && bucketSize(level + 1) <= clampedB - clampedA) ++level;
    PeakColumn peak = rangePeak(level, clampedA, clampedB);
    if (a < 0 || b > total) peak = merge(peak, {0, 0});  // silence outside the signal
    if (peak.min > peak.max) peak = {0, 0};
    out.push_back(peak);
  }
  return out;
}

std::vector<PeakColumn> WaveformPeaks::columnsForSeconds(double start, double end, int columnCount) const {
  return columns(int64_t(std::llround(start * sampleRate_)), int64_t(std::llround(end * sampleRate_)), columnCount);
}

}  // namespace ugc::media
