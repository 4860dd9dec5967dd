#pragma once
// Synthesises the demo corpus: short vertical (9:16) clips that look and sound like
// user-generated videos (moving scenes, drawn objects, burned-in text, one or two
// synthetic speakers, a synthesised melody or none, silence, a clip without audio),
// each with a ground-truth annotation written from the parameters that made it.
// Needs the ffmpeg and espeak-ng programs. Deterministic for a given seed.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::demo {

inline constexpr uint32_t kDefaultSeed = 20250715;

struct DemoCorpusParams {
  uint32_t seed = kDefaultSeed;
  bool overwrite = false;  // false: keep clips whose media and ground truth already exist
  int width = 360;         // 9:16
  int height = 640;
  int fps = 30;
  int parallelJobs = 2;
};

struct DemoClip {
  std::string videoId;
  std::filesystem::path mediaPath;        // <dir>/<id>.mp4
  std::filesystem::path groundTruthPath;  // <dir>/<id>.json
};

struct DemoCorpus {
  std::vector<DemoClip> clips;
  size_t generated = 0;  // clips made by this call (the rest already existed)
};

// Writes the clips, their ground-truth JSON and a corpus.json index into dir.
Result<DemoCorpus> generateDemoCorpus(const std::filesystem::path& dir, const DemoCorpusParams& params,
                                      const ProgressSink& progress, const CancelToken& cancel);

}  // namespace ugc::demo
