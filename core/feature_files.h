#pragma once
// File formats for extracted features: WAV (16-bit PCM, written as it streams) and
// NumPy .npy arrays (float32, C order), the formats Python tooling reads directly.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/error.h"

namespace ugc::media {

// Mono 16-bit PCM WAV; the header's sizes are patched by finish().
class WavWriter {
 public:
  static Result<WavWriter> create(const std::filesystem::path& path, int sampleRate);
  WavWriter(WavWriter&&) = default;
  WavWriter& operator=(WavWriter&&) = default;
  ~WavWriter();

  // Samples in [-1, 1] (clipped), converted to 16-bit.
  Status append(const float* samples, size_t count);
  Status finish();
  int64_t samplesWritten() const { return samples_; }

 private:
  WavWriter() = default;
  std::filesystem::path path_;
  std::ofstream out_;
  int sampleRate_ = 0;
  int64_t samples_ = 0;
  bool finished_ = false;
};

// A float32 array of the given shape (C order) as a version 1.0 .npy file.
Status writeNpy(const std::filesystem::path& path, const float* data, const std::vector<size_t>& shape);

}  // namespace ugc::media
