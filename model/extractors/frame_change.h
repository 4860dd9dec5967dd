#pragma once
// Whether a sampled frame shows anything new since the last frame a detector ran on. The frame is
// reduced to a grid of cells (16x16 pixels) holding the mean luma and the texture (the mean luma
// step to the right and lower neighbour pixels: letters, edges). Each cell of the new frame is
// compared with the range of the reference frame's cells around it (3x3): a camera drifting or
// zooming by less than a cell moves content in from the neighbours and stays near their range. The
// frame has changed when one cell's texture lies far outside (a caption or an object appearing), or
// when many cells' brightness does (a cut, a big pan). The text, object and face detectors reuse
// their last result on the other frames.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/media_types.h"

namespace ugc::model {

struct FrameGrid {
  int columns = 0, rows = 0;
  std::vector<uint8_t> mean;     // mean BT.601 luma per cell, row-major
  std::vector<uint8_t> texture;  // mean |step| to the right and below neighbours' luma
};

// Cells of cellPixels x cellPixels frame pixels (the last row and column may be smaller).
FrameGrid frameGrid(const media::RgbImage& frame, int cellPixels = 16);

// How `now` differs from `reference`, cell by cell, each value compared with the range of the
// reference's 3x3 cells around it. Sizes that differ count as a complete change.
struct FrameChange {
  int largestTextureChange = 0;  // gray levels the most changed cell's texture lies outside the range
  int largestMeanChange = 0;     // the same for the cells' mean luma
  double meanChangedShare = 0;   // share of cells whose mean lies outside by more than meanLevels
};
FrameChange compareGrids(const FrameGrid& reference, const FrameGrid& now, int meanLevels = 10);

struct FrameChangeGateParams {
  int cellPixels = 16;
  // New texture (letters, an object's edges) in one cell: a caption of 40 px letters appearing on a
  // photograph moves a cell's texture 57 levels beyond its neighbours', a camera panning 10 px or
  // zooming slowly at most 18 (measured on the test clips, docs/extractors.md).
  int textureLevels = 20;
  // Or the picture's brightness changing in many cells (a cut, a big pan, lights): a share of the
  // cells whose mean moved more than meanLevels outside the range. Cuts change 25 % or more of the
  // cells, the panning and zooming clips at most 3 % between two frames.
  int meanLevels = 10;
  double meanChangedShare = 0.10;
  // Frames the detector runs on after a change (the changed one included) before the gate may reuse
  // its result: 2 lets the object summary confirm a count by a second frame really detected.
  int detectionsAfterChange = 1;
  // Frames in a row that may reuse a result; then the detector runs again however still the
  // picture looks (slow drift and things leaving the picture never go unseen for longer).
  int maxReusedFrames = 8;
};

class FrameChangeGate {
 public:
  explicit FrameChangeGate(const FrameChangeGateParams& params = {}) : params_(params) {}
  // True when the detector must run on this frame (the first, a changed one, one of the frames
  // right after a change, or after maxReusedFrames reused ones); the frame then becomes the
  // reference the next frames are compared with.
  bool mustDetect(const media::RgbImage& frame);
  // The caller ran its detector on this frame although mustDetect said no (it saw a change the
  // gate cannot): the frame becomes the reference, as a detected frame does.
  void detectedAnyway(const media::RgbImage& frame);
  int detections() const { return detections_; }
  int framesSeen() const { return frames_; }
  const FrameChange& lastChange() const { return lastChange_; }  // the last frame against the reference
  // Whether the last frame was the first or a changed one (not one right after, nor a refresh).
  bool lastStartedStretch() const { return startedStretch_; }

 private:
  FrameChangeGateParams params_;
  FrameGrid reference_;
  bool haveReference_ = false;
  int pendingDetections_ = 0;
  int reused_ = 0;
  int detections_ = 0;
  int frames_ = 0;
  FrameChange lastChange_;
  bool startedStretch_ = false;
};

}  // namespace ugc::model
