#pragma once
// Private to core/*.cpp: decoded picture -> upright, scaled RGB image.

#include "core/error.h"
#include "core/ffmpeg_handles.h"
#include "core/frame_sampler.h"
#include "core/media_types.h"

namespace ugc::media::detail {

// The upright output size (before Letterbox padding / Crop cutting) for a picture whose
// displayed size is displayWidth x displayHeight (rotation already applied).
struct FitGeometry {
  int contentWidth = 0;   // the scaled picture, upright
  int contentHeight = 0;
  int outputWidth = 0;    // the returned image
  int outputHeight = 0;
};
FitGeometry computeFit(int displayWidth, int displayHeight, int boxWidth, int boxHeight, FitMode fit);

// Turns a packed RGB image clockwise by 0, 90, 180 or 270 degrees.
RgbImage rotateClockwise(const RgbImage& image, int degrees);

class FrameConverter {
 public:
  // rotation: clockwise degrees to apply (0 when the caller does not want it).
  Result<RgbImage> convert(const AVFrame* frame, int rotation, int boxWidth, int boxHeight, FitMode fit);

 private:
  SwsContextPtr sws_;
};

}  // namespace ugc::media::detail
