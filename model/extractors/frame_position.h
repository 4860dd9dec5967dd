#pragma once
// Where something sits in the frame, in the words the release's `objects` answers use
// (release-dev/object.json: "in the center of the video", "on the left side of the video",
// "on top of the video", "lower right corner of the video", ...). The frame is cut into a 3x3
// grid and the box's centre picks the cell; docs/extractors.md lists the table.

#include <string>

#include "model/extractors/signals.h"

namespace ugc::model {

// Empty for a box of zero size (position unknown).
std::string framePositionWords(const FrameBox& box);

}  // namespace ugc::model
