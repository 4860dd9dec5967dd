#include "core/frame_convert.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ugc::media::detail {

FitGeometry computeFit(int displayWidth, int displayHeight, int boxWidth, int boxHeight, FitMode fit) {
  FitGeometry g;
  const double w = std::max(1, displayWidth);
  const double h = std::max(1, displayHeight);
  if (boxWidth <= 0 && boxHeight <= 0) {
    boxWidth = int(w);
    boxHeight = int(h);
  } else if (boxWidth <= 0) {
    boxWidth = std::max(1, int(std::lround(w * boxHeight / h)));
  } else if (boxHeight <= 0) {
    boxHeight = std::max(1, int(std::lround(h * boxWidth / w)));
  }
  const double scale = fit == FitMode::Crop ? std::max(boxWidth / w, boxHeight / h) : std::min(boxWidth / w, boxHeight / h);
  g.contentWidth = std::max(1, int(std::lround(w * scale)));
  g.contentHeight = std::max(1, int(std::lround(h * scale)));
  if (fit != FitMode::Crop) {
    g.contentWidth = std::min(g.contentWidth, boxWidth);
    g.contentHeight = std::min(g.contentHeight, boxHeight);
  } else {
    g.contentWidth = std::max(g.contentWidth, boxWidth);
    g.contentHeight = std::max(g.contentHeight, boxHeight);
  }
  if (fit == FitMode::Contain) {
    g.outputWidth = g.contentWidth;
    g.outputHeight = g.contentHeight;
  } else {
    g.outputWidth = boxWidth;
    g.outputHeight = boxHeight;
  }
  return g;
}

RgbImage rotateClockwise(const RgbImage& image, int degrees) {
  degrees = ((degrees % 360) + 360) % 360;
  if (degrees == 0) return image;
  const int w = image.width;
  const int h = image.height;
  RgbImage out;
  out.width = degrees == 180 ? w : h;
  out.height = degrees == 180 ? h : w;
  out.pixels.resize(image.pixels.size());
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = 0, sy = 0;
      if (degrees == 90) {
        sx = y;
        sy = h - 1 - x;
      } else if (degrees == 180) {
        sx = w - 1 - x;
        sy = h - 1 - y;
      } else {
        sx = w - 1 - y;
        sy = x;
      }
      std::memcpy(out.pixel(x, y), image.pixel(sx, sy), 3);
    }
  }
  return out;
}

namespace {

// Places content centred on a black canvas, or cuts its centre, to reach w x h.
RgbImage fitToCanvas(const RgbImage& content, int w, int h) {
  if (content.width == w && content.height == h) return content;
  RgbImage out;
  out.width = w;
  out.height = h;
  out.pixels.assign(size_t(w) * size_t(h) * 3, 0);
  const int offsetX = (w - content.width) / 2;  // negative when cutting
  const int offsetY = (h - content.height) / 2;
  for (int y = 0; y < h; ++y) {
    const int sy = y - offsetY;
    if (sy < 0 || sy >= content.height) continue;
    const int x0 = std::max(0, offsetX);
    const int x1 = std::min(w, offsetX + content.width);
    if (x1 > x0) std::memcpy(out.pixel(x0, y), content.pixel(x0 - offsetX, sy), size_t(x1 - x0) * 3);
  }
  return out;
}

}  // namespace

Result<RgbImage> FrameConverter::convert(const AVFrame* frame, int rotation, int boxWidth, int boxHeight, FitMode fit) {
  if (frame->width <= 0 || frame->height <= 0) return makeError(ErrorCode::InvalidInput, "decoded picture has no size");
  const AVRational sar = frame->sample_aspect_ratio;
  const double pixelAspect = sar.num > 0 && sar.den > 0 ? double(sar.num) / sar.den : 1.0;
  const int shownWidth = std::max(1, int(std::lround(frame->width * pixelAspect)));
  const int shownHeight = frame->height;
  const bool quarterTurn = rotation == 90 || rotation == 270;
  const int uprightWidth = quarterTurn ? shownHeight : shownWidth;
  const int uprightHeight = quarterTurn ? shownWidth : shownHeight;
  const FitGeometry g = computeFit(uprightWidth, uprightHeight, boxWidth, boxHeight, fit);

  // Scale in the coded orientation, then turn the (small) result.
  const int scaledWidth = quarterTurn ? g.contentHeight : g.contentWidth;
  const int scaledHeight = quarterTurn ? g.contentWidth : g.contentHeight;
  const auto format = AVPixelFormat(frame->format);
  sws_.reset(sws_getCachedContext(sws_.release(), frame->width, frame->height, format, scaledWidth, scaledHeight,
                                  AV_PIX_FMT_RGB24, SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
  if (!sws_) {
    const char* name = av_get_pix_fmt_name(format);
    return makeError(ErrorCode::Unsupported, std::string("cannot convert pixel format ") + (name ? name : "?"));
  }
  // Honour the stream's matrix and range; swscale assumes limited-range BT.601 otherwise.
  int* invTable = nullptr;
  int* table = nullptr;
  int srcRange = 0, dstRange = 0, brightness = 0, contrast = 0, saturation = 0;
  if (sws_getColorspaceDetails(sws_.get(), &invTable, &srcRange, &table, &dstRange, &brightness, &contrast,
                               &saturation) >= 0) {
    const int colorspace = frame->colorspace == AVCOL_SPC_UNSPECIFIED ? SWS_CS_DEFAULT : int(frame->colorspace);
    srcRange = frame->color_range == AVCOL_RANGE_JPEG ? 1 : srcRange;
    sws_setColorspaceDetails(sws_.get(), sws_getCoefficients(colorspace), srcRange, table, 1, brightness, contrast,
                             saturation);
  }

  RgbImage scaled;
  scaled.width = scaledWidth;
  scaled.height = scaledHeight;
  scaled.pixels.resize(size_t(scaledWidth) * size_t(scaledHeight) * 3);
  uint8_t* dst[4] = {scaled.pixels.data(), nullptr, nullptr, nullptr};
  int dstStride[4] = {scaledWidth * 3, 0, 0, 0};
  const int rows = sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
  if (rows <= 0) return makeError(ErrorCode::InvalidInput, "cannot scale decoded picture");
  RgbImage upright = rotateClockwise(scaled, rotation);
  return fitToCanvas(upright, g.outputWidth, g.outputHeight);
}

}  // namespace ugc::media::detail
