#pragma once
// Thumbnails for browsing: K frames at a small size, and the same joined into a filmstrip.

#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/frame_sampler.h"
#include "core/media_types.h"
#include "core/progress.h"

namespace ugc::media {

struct FilmstripParams {
  int count = 8;          // thumbnails, at the centres of equal slices of the clip
  int height = 96;        // each thumbnail's height; the width follows the displayed aspect
  int gap = 2;            // black pixels between thumbnails in the strip
};

inline FilmstripParams defaultFilmstripParams() { return {}; }

struct Filmstrip {
  std::vector<SampledFrame> thumbnails;
  RgbImage strip;  // the thumbnails left to right
};

// Errors: as sampleFramesUniform.
Result<Filmstrip> makeFilmstrip(const std::filesystem::path& path, const FilmstripParams& params = {},
                                const ProgressSink& progress = {}, const CancelToken& cancel = {});

}  // namespace ugc::media
