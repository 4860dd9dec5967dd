#pragma once
// Scene changes (cuts): moments where the picture changes abruptly. Frames are sampled
// at a low rate and small size; consecutive samples are compared with a colour histogram
// distance and a mean absolute pixel difference; a peak over the threshold is a cut,
// then located to the frame by sampling the frames between the two samples.

#include <filesystem>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "core/progress.h"

namespace ugc::media {

struct SceneDetectorParams {
  double sampleFps = 5.0;      // samples per second for the first pass
  int frameSize = 64;          // samples are scaled to fit frameSize x frameSize
  double threshold = 0.30;     // combined distance (0..1) a cut must exceed
  double minSceneSeconds = 0.5;  // closer cuts keep only the strongest
  bool refineToFrame = true;   // locate each cut to the first frame of the new scene
};

inline SceneDetectorParams defaultSceneDetectorParams() { return {}; }

struct SceneChange {
  double time = 0;   // seconds: the first frame of the new scene (or the midpoint between samples)
  double score = 0;  // distance between the samples either side, 0..1
};

// Errors: as sampleFramesAt (NotFound when there is no video), Cancelled.
Result<std::vector<SceneChange>> detectSceneChanges(const std::filesystem::path& path,
                                                    const SceneDetectorParams& params = {},
                                                    const ProgressSink& progress = {}, const CancelToken& cancel = {});

// The same detector fed with frames someone else decodes (the signal extractor decodes a clip
// once for OCR, objects and cuts). add() takes the first pass's samples in time order, at any
// size: a frame larger than frameSize x frameSize is reduced to it by area averaging of its
// centred crop (as FitMode::Crop frames it). finish() picks the cuts as detectSceneChanges does
// and, with refineToFrame, decodes the few frames between the two samples of each cut from path.
class SceneChangeFinder {
 public:
  explicit SceneChangeFinder(const SceneDetectorParams& params = {});
  ~SceneChangeFinder();
  SceneChangeFinder(SceneChangeFinder&&) noexcept;
  SceneChangeFinder& operator=(SceneChangeFinder&&) noexcept;

  // The times of the first pass for a clip of this duration: 0, 1/sampleFps, ... < duration.
  std::vector<double> sampleTimes(double duration) const;
  // timestamp: the frame's own presentation time (two samples showing the same frame are no cut).
  void add(const RgbImage& frame, double timestamp);
  // Optionally, the frames between two samples (all of them, in time order, before the later
  // sample is added): a cut is then refined to the frame from these, with no decoding in finish().
  // Only the frames since the last sample are kept.
  void addBetween(const RgbImage& frame, double timestamp);
  // frameSeconds: one frame's duration, for the refinement (1/30 when unknown).
  Result<std::vector<SceneChange>> finish(const std::filesystem::path& path, double frameSeconds,
                                          const CancelToken& cancel = {});

 private:
  friend Result<std::vector<SceneChange>> detectSceneChanges(const std::filesystem::path&, const SceneDetectorParams&,
                                                             const ProgressSink&, const CancelToken&);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::media
