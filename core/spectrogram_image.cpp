#include "core/spectrogram_image.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ugc::media {

void spectrogramColour(float t, uint8_t rgb[3]) {
  // Key points of matplotlib's "magma": black through purple and orange to pale yellow.
  static constexpr std::array<std::array<float, 3>, 6> kStops = {{
      {0, 0, 4}, {59, 15, 112}, {140, 41, 129}, {222, 73, 104}, {254, 159, 109}, {252, 253, 191}}};
  t = std::clamp(std::isnan(t) ? 0.0f : t, 0.0f, 1.0f);
  const float position = t * float(kStops.size() - 1);
  const size_t i = std::min(kStops.size() - 2, size_t(position));
  const float f = position - float(i);
  for (int c = 0; c < 3; ++c) rgb[c] = uint8_t(std::lround(kStops[i][size_t(c)] * (1 - f) + kStops[i + 1][size_t(c)] * f));
}

RgbImage renderSpectrogram(const LogMel& mel, const SpectrogramImageParams& params) {
  RgbImage image;
  if (mel.frames <= 0 || mel.bins <= 0) return image;
  image.width = params.width > 0 ? params.width : mel.frames;
  image.height = params.height > 0 ? params.height : mel.bins;
  image.pixels.resize(size_t(image.width) * size_t(image.height) * 3);
  const float top = *std::max_element(mel.values.begin(), mel.values.end());
  const float range = params.range > 0 ? params.range : 2.0f;
  for (int x = 0; x < image.width; ++x) {
    const int first = int(int64_t(x) * mel.frames / image.width);
    const int last = std::max(first + 1, int(int64_t(x + 1) * mel.frames / image.width));
    for (int y = 0; y < image.height; ++y) {
      const int bin = std::min(mel.bins - 1, (image.height - 1 - y) * mel.bins / image.height);
      float value = -1e30f;
      for (int t = first; t < last; ++t) value = std::max(value, mel.at(bin, t));
      spectrogramColour((value - (top - range)) / range, image.pixel(x, y));
    }
  }
  return image;
}

}  // namespace ugc::media
