#pragma once
// Min/max waveform peaks for drawing audio at any zoom. Built once into a pyramid of
// bucket summaries (16, 64, 256, ... samples per bucket), so a query costs a few bucket
// reads per column however many samples the column covers, and is exact (partial buckets
// at column edges are resolved at finer levels, down to the samples).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ugc::media {

struct PeakColumn {
  float min = 0;
  float max = 0;
};

class WaveformPeaks {
 public:
  WaveformPeaks() = default;
  WaveformPeaks(std::vector<float> samples, int sampleRate);

  int sampleRate() const { return sampleRate_; }
  int64_t sampleCount() const { return int64_t(samples_.size()); }
  size_t levelCount() const { return levels_.size(); }

  // columnCount columns dividing [startSample, endSample) evenly; samples outside the
  // signal read as silence. Each column's min/max covers exactly its own samples.
  std::vector<PeakColumn> columns(int64_t startSample, int64_t endSample, int columnCount) const;
  // The same for a time range in seconds.
  std::vector<PeakColumn> columnsForSeconds(double start, double end, int columnCount) const;

 private:
  PeakColumn rangePeak(int level, int64_t begin, int64_t end) const;

  std::vector<float> samples_;
  int sampleRate_ = 0;
  std::vector<std::vector<PeakColumn>> levels_;  // level i: buckets of kBaseBucket * 4^i samples
};

}  // namespace ugc::media
