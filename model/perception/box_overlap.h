#pragma once
// Intersection over union of two pixel boxes, for the detectors' non-maximum suppression. Any box
// type with int x, y, width, height (DetectedObject, DetectedFace) will do.

#include <algorithm>

namespace ugc::model {

template <typename Box>
float boxIou(const Box& a, const Box& b) {
  const int x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  const int x1 = std::min(a.x + a.width, b.x + b.width), y1 = std::min(a.y + a.height, b.y + b.height);
  const double inter = double(std::max(0, x1 - x0)) * std::max(0, y1 - y0);
  const double uni = double(a.width) * a.height + double(b.width) * b.height - inter;
  return uni > 0 ? float(inter / uni) : 0.f;
}

}  // namespace ugc::model
