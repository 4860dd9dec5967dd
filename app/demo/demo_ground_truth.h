#pragma once
// The ground-truth annotation of a demo clip, written from its script and the speech
// timings that synthesis produced. Format: docs/formats.md ("Demo ground truth").

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "demo/demo_script.h"

namespace ugc::demo {

struct SpeechSegment {
  Voice voice = Voice::Female;
  std::string text;
  double start = 0;
  double end = 0;
};

struct ClipTimeline {
  std::vector<SpeechSegment> speech;
  std::vector<double> beeps;
};

inline constexpr const char* kGroundTruthFormat = "ugc-videocap-demo-truth/1";

nlohmann::ordered_json groundTruth(const ClipScript& script, const ClipTimeline& timeline, int width, int height,
                                   int fps);

}  // namespace ugc::demo
