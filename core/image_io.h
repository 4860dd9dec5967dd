#pragma once
// Writing pictures: PNG through FFmpeg's PNG encoder (no extra dependency).

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"

namespace ugc::media {

// Errors: InvalidArgument (empty image or wrong buffer size), Internal (encoder missing).
Result<std::vector<uint8_t>> encodePng(const RgbImage& image);
// Errors: as encodePng, Io.
Status writePng(const std::filesystem::path& path, const RgbImage& image);

}  // namespace ugc::media
