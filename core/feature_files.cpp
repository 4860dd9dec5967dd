#include "core/feature_files.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ugc::media {
namespace {

void putLe(std::string& out, uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(char((value >> (8 * i)) & 0xff));
}

std::string wavHeader(int sampleRate, uint32_t dataBytes) {
  std::string h = "RIFF";
  putLe(h, 36 + dataBytes, 4);
  h += "WAVEfmt ";
  putLe(h, 16, 4);              // fmt chunk size
  putLe(h, 1, 2);               // PCM
  putLe(h, 1, 2);               // mono
  putLe(h, uint32_t(sampleRate), 4);
  putLe(h, uint32_t(sampleRate) * 2, 4);  // byte rate
  putLe(h, 2, 2);               // block align
  putLe(h, 16, 2);              // bits per sample
  h += "data";
  putLe(h, dataBytes, 4);
  return h;
}

}  // namespace

Result<WavWriter> WavWriter::create(const std::filesystem::path& path, int sampleRate) {
  if (sampleRate <= 0) return makeError(ErrorCode::InvalidArgument, "sample rate must be positive");
  WavWriter writer;
  writer.path_ = path;
  writer.sampleRate_ = sampleRate;
  writer.out_.open(path, std::ios::binary | std::ios::trunc);
  if (!writer.out_) return makeError(ErrorCode::Io, "cannot write " + path.string());
  const std::string header = wavHeader(sampleRate, 0);
  writer.out_.write(header.data(), std::streamsize(header.size()));
  return writer;
}

WavWriter::~WavWriter() {
  if (out_.is_open() && !finished_) (void)finish();
}

Status WavWriter::append(const float* samples, size_t count) {
  std::string bytes;
  bytes.reserve(count * 2);
  for (size_t i = 0; i < count; ++i) {
    const float clipped = std::clamp(std::isnan(samples[i]) ? 0.0f : samples[i], -1.0f, 1.0f);
    const auto value = int16_t(std::lround(clipped * 32767.0f));
    putLe(bytes, uint16_t(value), 2);
  }
  out_.write(bytes.data(), std::streamsize(bytes.size()));
  samples_ += int64_t(count);
  if (!out_) return makeError(ErrorCode::Io, "cannot write " + path_.string());
  return {};
}

Status WavWriter::finish() {
  if (finished_) return {};
  finished_ = true;
  const uint64_t dataBytes = uint64_t(samples_) * 2;
  if (dataBytes > 0xFFFFFFFFull - 36) return makeError(ErrorCode::Unsupported, "audio too long for a WAV file");
  const std::string header = wavHeader(sampleRate_, uint32_t(dataBytes));
  out_.seekp(0);
  out_.write(header.data(), std::streamsize(header.size()));
  out_.close();
  if (!out_) return makeError(ErrorCode::Io, "cannot write " + path_.string());
  return {};
}

Status writeNpy(const std::filesystem::path& path, const float* data, const std::vector<size_t>& shape) {
  std::string dims;
  size_t count = 1;
  for (size_t d : shape) {
    dims += std::to_string(d) + ", ";
    count *= d;
  }
  if (shape.size() > 1) dims.resize(dims.size() - 2);  // "(80, 100)"; a 1-D shape keeps "(n,)"
  else if (shape.size() == 1) dims.resize(dims.size() - 1);
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, ending in \n.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string prefix = "\x93NUMPY";
  prefix += char(1);
  prefix += char(0);
  putLe(prefix, uint32_t(header.size()), 2);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(prefix.data(), std::streamsize(prefix.size()));
  out.write(header.data(), std::streamsize(header.size()));
  // x86 and ARM are little-endian, as '<f4' says.
  out.write(reinterpret_cast<const char*>(data), std::streamsize(count * sizeof(float)));
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

}  // namespace ugc::media
