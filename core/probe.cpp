#include "core/probe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "core/ffmpeg_handles.h"
#include "core/sha256.h"

namespace ugc::media {
namespace {

using detail::MediaInput;

double toDouble(AVRational r) { return r.num > 0 && r.den > 0 ? av_q2d(r) : 0.0; }

// Whether the container header alone describes the stream well enough; when not, the
// probe falls back to avformat_find_stream_info, which decodes packets (slow).
bool headerDescribes(const AVStream* stream) {
  const AVCodecParameters* par = stream->codecpar;
  if (par->codec_id == AV_CODEC_ID_NONE) return false;
  if (par->codec_type == AVMEDIA_TYPE_VIDEO)
    return par->width > 0 && par->height > 0 && (stream->avg_frame_rate.num > 0 || stream->r_frame_rate.num > 0);
  if (par->codec_type == AVMEDIA_TYPE_AUDIO) return par->sample_rate > 0 && par->ch_layout.nb_channels > 0;
  return true;
}

double streamDuration(const AVFormatContext* format, const AVStream* stream) {
  if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0) return double(stream->duration) * av_q2d(stream->time_base);
  if (format->duration != AV_NOPTS_VALUE && format->duration > 0) return double(format->duration) / AV_TIME_BASE;
  return 0;
}

VideoStreamInfo describeVideo(const AVFormatContext* format, const AVStream* stream, int index) {
  const AVCodecParameters* par = stream->codecpar;
  VideoStreamInfo info;
  info.index = index;
  info.codec = avcodec_get_name(par->codec_id);
  info.width = par->width;
  info.height = par->height;
  info.avgFps = toDouble(stream->avg_frame_rate);
  info.realFps = toDouble(stream->r_frame_rate);
  if (info.avgFps <= 0) info.avgFps = info.realFps;
  info.rotation = detail::displayRotation(stream);

  AVRational sar = stream->sample_aspect_ratio.num > 0 ? stream->sample_aspect_ratio : par->sample_aspect_ratio;
  const double pixelAspect = sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
  int shownWidth = std::max(1, int(std::lround(par->width * pixelAspect)));
  int shownHeight = par->height;
  if (info.rotation == 90 || info.rotation == 270) std::swap(shownWidth, shownHeight);
  info.displayWidth = shownWidth;
  info.displayHeight = shownHeight;
  info.displayAspect = shownHeight > 0 ? double(shownWidth) / shownHeight : 0;

  if (stream->nb_frames > 0) {
    info.frameCount = stream->nb_frames;
    info.frameCountExact = true;
  } else {
    info.frameCount = int64_t(std::llround(streamDuration(format, stream) * info.avgFps));
  }
  return info;
}

AudioStreamInfo describeAudio(const AVStream* stream, int index) {
  AudioStreamInfo info;
  info.index = index;
  info.codec = avcodec_get_name(stream->codecpar->codec_id);
  info.sampleRate = stream->codecpar->sample_rate;
  info.channels = stream->codecpar->ch_layout.nb_channels;
  return info;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

Result<std::string> contentFingerprint(const std::filesystem::path& path) {
  constexpr uint64_t kMiB = 1 << 20;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return makeError(ErrorCode::Io, "cannot read " + path.string());
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return makeError(ErrorCode::Io, "cannot seek " + path.string());
  const long end = std::ftell(file.get());
  if (end < 0) return makeError(ErrorCode::Io, "cannot seek " + path.string());
  const uint64_t size = uint64_t(end);

  Sha256 hash;
  uint8_t sizeBytes[8];
  for (int i = 0; i < 8; ++i) sizeBytes[i] = uint8_t(size >> (8 * i));
  hash.update(sizeBytes, sizeof(sizeBytes));
  std::vector<uint8_t> buffer(kMiB);
  auto hashRange = [&](uint64_t offset, uint64_t length) -> Status {
    if (std::fseek(file.get(), long(offset), SEEK_SET) != 0) return makeError(ErrorCode::Io, "cannot seek " + path.string());
    if (std::fread(buffer.data(), 1, length, file.get()) != length)
      return makeError(ErrorCode::Io, "short read in " + path.string());
    hash.update(buffer.data(), length);
    return {};
  };
  Status status = size <= 2 * kMiB ? [&]() -> Status {
    for (uint64_t offset = 0; offset < size; offset += kMiB) {
      if (auto s = hashRange(offset, std::min(kMiB, size - offset)); !s) return s;
    }
    return {};
  }()
                                    : hashRange(0, kMiB).and_then([&] { return hashRange(size - kMiB, kMiB); });
  if (!status) return tl::unexpected(status.error());
  return hash.finishHex();
}

Result<ProbeResult> probeMedia(const std::filesystem::path& path, const ProbeParams& params, const CancelToken& cancel) {
  auto input = MediaInput::open(path, cancel);
  if (!input) return tl::unexpected(input.error());
  AVFormatContext* format = input->get();

  bool needAnalysis = format->duration == AV_NOPTS_VALUE || format->duration <= 0;
  for (unsigned i = 0; i < format->nb_streams && !needAnalysis; ++i) {
    const AVStream* s = format->streams[i];
    if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO || s->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
      needAnalysis = !headerDescribes(s);
  }
  if (format->nb_streams == 0) needAnalysis = true;
  if (needAnalysis) {
    if (auto status = input->findStreamInfo(); !status) return tl::unexpected(status.error());
  }
  if (cancel.isCancelled()) return cancelledError();

  ProbeResult result;
  result.path = path;
  result.container = format->iformat && format->iformat->name ? format->iformat->name : "";
  result.duration = format->duration != AV_NOPTS_VALUE && format->duration > 0 ? double(format->duration) / AV_TIME_BASE : 0;
  result.bitRate = format->bit_rate > 0 ? format->bit_rate : 0;
  std::error_code ec;
  result.fileSize = std::filesystem::file_size(path, ec);

  const int videoIndex = input->bestStream(true);
  const int audioIndex = input->bestStream(false);
  if (videoIndex >= 0) result.video = describeVideo(format, format->streams[videoIndex], videoIndex);
  if (audioIndex >= 0) result.audio = describeAudio(format->streams[audioIndex], audioIndex);
  if (!result.video && !result.audio)
    return makeError(ErrorCode::InvalidInput, "no audio or video stream in " + path.string());
  if (result.duration <= 0 && result.video) result.duration = streamDuration(format, format->streams[videoIndex]);
  if (result.bitRate == 0 && result.duration > 0) result.bitRate = int64_t(double(result.fileSize) * 8 / result.duration);

  if (params.computeFingerprint) {
    auto fingerprint = contentFingerprint(path);
    if (!fingerprint) return tl::unexpected(fingerprint.error());
    result.fingerprint = std::move(*fingerprint);
  }
  return result;
}

}  // namespace ugc::media
