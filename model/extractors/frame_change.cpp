#include "model/extractors/frame_change.h"

#include <algorithm>
#include <cstdlib>

namespace ugc::model {

FrameGrid frameGrid(const media::RgbImage& frame, int cellPixels) {
  FrameGrid grid;
  if (frame.empty() || cellPixels <= 0 || frame.pixels.size() != size_t(frame.width) * frame.height * 3) return grid;
  const int w = frame.width, h = frame.height;
  grid.columns = (w + cellPixels - 1) / cellPixels;
  grid.rows = (h + cellPixels - 1) / cellPixels;
  std::vector<uint8_t> luma(size_t(w) * h);
  const uint8_t* p = frame.pixels.data();
  for (size_t i = 0; i < luma.size(); ++i, p += 3) luma[i] = uint8_t((77u * p[0] + 150u * p[1] + 29u * p[2]) >> 8);
  const size_t cells = size_t(grid.columns) * grid.rows;
  std::vector<uint32_t> sums(cells, 0), steps(cells, 0), counts(cells, 0);
  for (int y = 0; y < h; ++y) {
    const uint8_t* row = luma.data() + size_t(y) * w;
    const uint8_t* below = y + 1 < h ? row + w : row;
    const size_t rowBase = size_t(y / cellPixels) * grid.columns;
    for (int x = 0; x < w; ++x) {
      const size_t cell = rowBase + size_t(x / cellPixels);
      sums[cell] += row[x];
      steps[cell] += uint32_t(std::abs(int(row[std::min(x + 1, w - 1)]) - int(row[x])) + std::abs(int(below[x]) - int(row[x])));
      ++counts[cell];
    }
  }
  grid.mean.resize(cells);
  grid.texture.resize(cells);
  for (size_t i = 0; i < cells; ++i) {
    grid.mean[i] = uint8_t(counts[i] ? sums[i] / counts[i] : 0);
    grid.texture[i] = uint8_t(std::min<uint32_t>(255, counts[i] ? steps[i] / counts[i] : 0));
  }
  return grid;
}

namespace {

// How far value lies outside [min, max] of plane's 3x3 cells around (cx, cy).
int outsideNeighbours(const std::vector<uint8_t>& plane, int columns, int rows, int cx, int cy, int value) {
  int low = 255, high = 0;
  for (int y = std::max(0, cy - 1); y <= std::min(rows - 1, cy + 1); ++y)
    for (int x = std::max(0, cx - 1); x <= std::min(columns - 1, cx + 1); ++x) {
      const int v = plane[size_t(y) * columns + size_t(x)];
      low = std::min(low, v), high = std::max(high, v);
    }
  return value < low ? low - value : value > high ? value - high : 0;
}

}  // namespace

FrameChange compareGrids(const FrameGrid& reference, const FrameGrid& now, int meanLevels) {
  FrameChange change;
  if (reference.columns != now.columns || reference.rows != now.rows || reference.mean.size() != now.mean.size() ||
      reference.texture.size() != now.texture.size() || now.mean.empty())
    return {255, 255, 1.0};
  // Both ways: what the new frame shows that the reference's neighbourhood does not (a caption
  // appearing), and what the reference showed that the new frame's neighbourhood does not (a caption
  // gone: its cells' texture drops to the background's around them).
  size_t changed = 0;
  for (int cy = 0; cy < now.rows; ++cy)
    for (int cx = 0; cx < now.columns; ++cx) {
      const size_t i = size_t(cy) * now.columns + size_t(cx);
      const int mean = std::max(outsideNeighbours(reference.mean, now.columns, now.rows, cx, cy, now.mean[i]),
                                outsideNeighbours(now.mean, now.columns, now.rows, cx, cy, reference.mean[i]));
      const int texture = std::max(outsideNeighbours(reference.texture, now.columns, now.rows, cx, cy, now.texture[i]),
                                   outsideNeighbours(now.texture, now.columns, now.rows, cx, cy, reference.texture[i]));
      change.largestMeanChange = std::max(change.largestMeanChange, mean);
      change.largestTextureChange = std::max(change.largestTextureChange, texture);
      changed += mean > meanLevels ? 1 : 0;
    }
  change.meanChangedShare = double(changed) / double(now.mean.size());
  return change;
}

bool FrameChangeGate::mustDetect(const media::RgbImage& frame) {
  ++frames_;
  FrameGrid grid = frameGrid(frame, params_.cellPixels);
  lastChange_ = haveReference_ ? compareGrids(reference_, grid, params_.meanLevels) : FrameChange{255, 255, 1.0};
  const bool changed = lastChange_.largestTextureChange > params_.textureLevels ||
                       lastChange_.meanChangedShare > params_.meanChangedShare;
  startedStretch_ = false;
  if (pendingDetections_ > 0) {
    --pendingDetections_;  // one of the frames right after a change
  } else if (changed) {
    startedStretch_ = true;
    pendingDetections_ = std::max(0, params_.detectionsAfterChange - 1);
  } else if (++reused_ <= params_.maxReusedFrames) {
    return false;
  }
  reused_ = 0;
  reference_ = std::move(grid);
  haveReference_ = true;
  ++detections_;
  return true;
}

void FrameChangeGate::detectedAnyway(const media::RgbImage& frame) {
  reference_ = frameGrid(frame, params_.cellPixels);
  haveReference_ = true;
  reused_ = 0;
  ++detections_;
}

}  // namespace ugc::model
