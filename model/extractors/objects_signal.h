#pragma once
// The objects signal: detections on sampled frames summarised per category (count = most
// instances visible at once, colour by an area-weighted vote, position from the area-weighted box centre).

#include <cstddef>
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
  // A frame the change gate found unchanged since the last observed one: its detections again, at
  // this time (false before any frame was observed).
  bool repeatLast(double time);
  ObjectsSignal finish() const;

 private:
  const ObjectDetector& detector_;
  ObjectsSignal signal_;
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

// The per-category summary of per-frame detections (exposed for tests).
std::vector<ObjectSummary> summariseObjects(const std::vector<ObjectFrame>& frames);

}  // namespace ugc::model
