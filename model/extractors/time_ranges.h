#pragma once
// Building the sorted, merged time ranges the signals report (speech, music, ...).

#include <algorithm>
#include <vector>

#include "model/extractors/signals.h"

namespace ugc::model {

// Appends a range that starts at or after the last one, merging it when they touch.
inline void appendMergedRange(std::vector<TimeRange>& ranges, TimeRange range) {
  if (!ranges.empty() && range.start <= ranges.back().end + 1e-6) {
    ranges.back().end = std::max(ranges.back().end, range.end);
    return;
  }
  ranges.push_back(range);
}

inline double totalSeconds(const std::vector<TimeRange>& ranges) {
  double sum = 0;
  for (const auto& r : ranges) sum += r.end - r.start;
  return sum;
}

}  // namespace ugc::model
