#pragma once
// Scene changes (cuts): moments where the picture changes abruptly. Frames are sampled
// at a low rate and small size; consecutive samples are compared with a colour histogram
// distance and a mean absolute pixel difference; a peak over the threshold is a cut,
// then located to the frame by sampling the frames between the two samples.

#include <filesystem>
#include <vector>

#include "core/error.h"
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

}  // namespace ugc::media
