#include "core/thumbnails.h"

#include <cstring>

namespace ugc::media {

Result<Filmstrip> makeFilmstrip(const std::filesystem::path& path, const FilmstripParams& params,
                                const ProgressSink& progress, const CancelToken& cancel) {
  if (params.count <= 0 || params.height <= 0 || params.gap < 0)
    return makeError(ErrorCode::InvalidArgument, "filmstrip count and height must be positive");
  FrameSamplerParams sampler;
  sampler.width = 0;  // width from the displayed aspect
  sampler.height = params.height;
  auto frames = sampleFramesUniform(path, params.count, sampler, progress, cancel);
  if (!frames) return tl::unexpected(frames.error());

  Filmstrip film;
  film.thumbnails = std::move(*frames);
  int width = 0;
  for (const auto& f : film.thumbnails) width += f.image.width;
  width += params.gap * (int(film.thumbnails.size()) - 1);
  film.strip.width = width;
  film.strip.height = params.height;
  film.strip.pixels.assign(size_t(width) * size_t(params.height) * 3, 0);
  int x = 0;
  for (const auto& f : film.thumbnails) {
    for (int y = 0; y < std::min(f.image.height, params.height); ++y)
      std::memcpy(film.strip.pixel(x, y), f.image.pixel(0, y), size_t(f.image.width) * 3);
    x += f.image.width + params.gap;
  }
  return film;
}

}  // namespace ugc::media
