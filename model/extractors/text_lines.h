#pragma once
// Merging per-frame OCR readings into on-screen lines: the same overlay read in twenty frames,
// with a misread letter here and there, is one line with the time range it was on screen.

#include <string>
#include <string_view>
#include <vector>

#include "model/extractors/signals.h"

namespace ugc::model {

struct TextReading {
  double time = 0;        // seconds, the sampled frame's time
  std::string text;       // one recognised line
  double confidence = 0;  // 0..100
  FrameBox box{};         // where it was read (zero size: unknown)
};

// The merge key: word characters kept (ASCII letters uppercased, digits, and every non-ASCII code
// point that is not space or punctuation, so Chinese survives), punctuation dropped, single spaces
// between words. Non-ASCII punctuation (CJK and full-width marks, general punctuation) is dropped too.
std::string normaliseOcrText(std::string_view text);

// Levenshtein distance over code points divided by the longer length: 0 same, 1 nothing in common.
double normalisedEditDistance(std::string_view a, std::string_view b);

struct TextMergeParams {
  double frameInterval = 0.5;  // seconds between sampled frames
  double maxDistance = 0.34;   // readings closer than this (normalised) are the same line
  int minFrames = 2;           // lines read in fewer frames are dropped
};

// Lines ordered by first appearance, each with its on-screen ranges.
std::vector<OcrLine> mergeTextReadings(std::vector<TextReading> readings, const TextMergeParams& params);

}  // namespace ugc::model
