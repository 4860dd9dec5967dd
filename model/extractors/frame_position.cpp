#include "model/extractors/frame_position.h"

namespace ugc::model {

std::string framePositionWords(const FrameBox& box) {
  if (box.width <= 0 || box.height <= 0) return {};
  auto third = [](double centre) { return centre < 1.0 / 3 ? 0 : centre < 2.0 / 3 ? 1 : 2; };
  const int column = third(box.x + box.width / 2), row = third(box.y + box.height / 2);
  // Phrases as the release writes them; the corners follow its "lower right corner of the video".
  static const char* const kWords[3][3] = {
      {"upper left corner of the video", "on top of the video", "upper right corner of the video"},
      {"on the left side of the video", "in the center of the video", "on the right side of the video"},
      {"lower left corner of the video", "at the bottom of the video", "lower right corner of the video"},
  };
  return kWords[row][column];
}

}  // namespace ugc::model
