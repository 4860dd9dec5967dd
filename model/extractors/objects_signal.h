#pragma once
// The objects signal: detections on sampled frames summarised per category (count = most
// instances visible at once, colour by an area-weighted vote, position from the area-weighted box centre).

#include <cstddef>
#include <string>
#include <vector>

#include "core/media_types.h"
#include "model/extractors/signals.h"

namespace ugc::model {

class ObjectDetector;

class ObjectTracker {
 public:
  explicit ObjectTracker(const ObjectDetector& detector) : detector_(detector) {}
  // Detects on one frame (its colours are read from the same pixels). Errors from the network.
  Status observe(const media::RgbImage& frame, double time);
  // The frames after a change of picture start a stretch (the change gate's).
  void beginStretch();
  // A frame the change gate found unchanged: per category, the detections of the stretch's latest
  // observed frame that had that category, at this time (false when the stretch has none yet).
  bool repeatLast(double time);
  ObjectsSignal finish() const;

 private:
  const ObjectDetector& detector_;
  ObjectsSignal signal_;
  std::vector<size_t> stretch_;  // indices into signal_.frames of the stretch's observed frames
};

class FaceDetector;

class FaceTracker {
 public:
  explicit FaceTracker(const FaceDetector& detector) : detector_(detector) {}
  Status observe(const media::RgbImage& frame, double time);
  bool repeatLast(double time);  // as ObjectTracker::repeatLast
  FacesSignal finish() const;

 private:
  const FaceDetector& detector_;
  FacesSignal signal_;
};

// Count (most at once, confirmed by a second frame) and positions of per-frame faces.
void summariseFaces(FacesSignal& faces);

// The per-category summary of per-frame detections (exposed for tests). A frame's count of a
// category leaves out instances under a tenth of its largest instance's area (background).
std::vector<ObjectSummary> summariseObjects(const std::vector<ObjectFrame>& frames);

}  // namespace ugc::model
