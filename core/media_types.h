#pragma once
// Plain media value types shared by the media engine's public headers.

#include <cstdint>
#include <vector>

namespace ugc::media {

// Packed 8-bit RGB, row after row, no padding: pixels.size() == width * height * 3.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;

  bool empty() const { return width <= 0 || height <= 0; }
  const uint8_t* pixel(int x, int y) const { return pixels.data() + (size_t(y) * size_t(width) + size_t(x)) * 3; }
  uint8_t* pixel(int x, int y) { return pixels.data() + (size_t(y) * size_t(width) + size_t(x)) * 3; }
};

}  // namespace ugc::media
