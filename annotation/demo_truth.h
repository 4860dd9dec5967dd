#pragma once
// The ground truth of a demo clip, "ugc-videocap-demo-truth/1" (docs/formats.md, "Demo ground
// truth"): written by app/demo when it synthesises the corpus, read here for the demo import
// (db/) and the drafter's training corpus (model/), so both read it the same way.

#include <string>
#include <string_view>

#include "annotation/fields.h"
#include "core/error.h"

namespace ugc::annotation {

inline constexpr std::string_view kDemoTruthFormat = "ugc-videocap-demo-truth/1";

struct DemoTruth {
  std::string videoId;
  AudioFields audio;
  // The demo's objects carry their motion as "action"; it joins the position the way the release
  // writes moving objects: "position: center of the screen, moves from left to right".
  VisualFields visual;
  std::string audioCaption;
  std::string visualCaption;
  std::string jointCaption;
};

// InvalidInput with a one-line reason: not JSON (with the line), another format, a missing
// section or caption, a field of the wrong type, an object without a category.
Result<DemoTruth> parseDemoTruth(std::string_view jsonText);

}  // namespace ugc::annotation
