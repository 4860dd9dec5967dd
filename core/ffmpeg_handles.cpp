#include "core/ffmpeg_handles.h"

#include <cstdarg>

#include "core/log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/log.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <cmath>
#include <mutex>
#include <system_error>

namespace ugc::media::detail {

void FormatContextDeleter::operator()(AVFormatContext* p) const { avformat_close_input(&p); }
void CodecContextDeleter::operator()(AVCodecContext* p) const { avcodec_free_context(&p); }
void FrameDeleter::operator()(AVFrame* p) const { av_frame_free(&p); }
void PacketDeleter::operator()(AVPacket* p) const { av_packet_free(&p); }
void SwsContextDeleter::operator()(SwsContext* p) const { sws_freeContext(p); }
void SwrContextDeleter::operator()(SwrContext* p) const { swr_free(&p); }

FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }
PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

std::string ffmpegErrorText(int averror) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(averror, text, sizeof(text));
  return text;
}

namespace {

int interruptCallback(void* opaque) { return static_cast<const CancelToken*>(opaque)->isCancelled() ? 1 : 0; }

LogLevel fromFfmpegLevel(int level) {
  if (level <= AV_LOG_ERROR) return LogLevel::Error;
  if (level <= AV_LOG_WARNING) return LogLevel::Warning;
  if (level <= AV_LOG_INFO) return LogLevel::Info;
  return LogLevel::Debug;
}

extern "C" void forwardFfmpegLog(void* avClass, int level, const char* format, va_list args) {
  // FFmpeg's damaged-input chatter is an Error at FFmpeg's scale but only detail to us:
  // every failure already becomes an error value with a reason. Below fatal it is logged
  // one level lower, so the default threshold (Error) keeps --json output clean.
  LogLevel ours = fromFfmpegLevel(level);
  if (level > AV_LOG_FATAL && ours > LogLevel::Debug) ours = LogLevel(int(ours) - 1);
  if (!logEnabled(ours)) return;
  char line[1024];
  int prefix = 1;
  av_log_format_line2(avClass, level, format, args, line, sizeof(line), &prefix);
  logMessage(ours, "ffmpeg", line);
}

// FFmpeg's log goes into ours (core/log.h) rather than being muted for the whole process,
// which would also silence every other FFmpeg user in it (Qt Multimedia's backend).
void routeFfmpegLogging() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(forwardFfmpegLog); });
}

}  // namespace

Result<MediaInput> MediaInput::open(const std::filesystem::path& path, const CancelToken& cancel) {
  routeFfmpegLogging();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return makeError(ErrorCode::NotFound, "no such file: " + path.string());
  if (!std::filesystem::is_regular_file(status))
    return makeError(ErrorCode::InvalidInput, "not a regular file: " + path.string());
  if (std::filesystem::file_size(path, ec) == 0)
    return makeError(ErrorCode::InvalidInput, "empty file: " + path.string());

  MediaInput input;
  input.cancel_ = std::make_unique<CancelToken>(cancel);
  AVFormatContext* raw = avformat_alloc_context();
  if (!raw) return makeError(ErrorCode::Internal, "out of memory");
  raw->interrupt_callback.callback = interruptCallback;
  raw->interrupt_callback.opaque = input.cancel_.get();
  const int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);  // frees raw on failure
  if (rc < 0) {
    if (cancel.isCancelled()) return cancelledError();
    if (rc == AVERROR(ENOENT)) return makeError(ErrorCode::NotFound, "no such file: " + path.string());
    if (rc == AVERROR(EACCES)) return makeError(ErrorCode::PermissionDenied, "cannot read: " + path.string());
    if (rc == AVERROR(ENOMEM)) return makeError(ErrorCode::Internal, "out of memory opening " + path.string());
    if (rc == AVERROR(EIO)) return makeError(ErrorCode::Io, "cannot read " + path.string());
    // The file exists and is readable: whatever the demuxer objected to is in its content.
    return makeError(ErrorCode::InvalidInput,
                     "not a readable media file: " + path.string() + " (" + ffmpegErrorText(rc) + ")");
  }
  input.format_.reset(raw);
  return input;
}

Status MediaInput::findStreamInfo() {
  analysed_ = true;
  const int rc = avformat_find_stream_info(format_.get(), nullptr);
  if (rc < 0) {
    if (cancel_->isCancelled()) return cancelledError();
    return makeError(ErrorCode::InvalidInput, "cannot read stream parameters: " + ffmpegErrorText(rc));
  }
  return {};
}

int MediaInput::bestStream(bool video) const {
  const int index =
      av_find_best_stream(format_.get(), video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (index < 0) return -1;
  // Cover art in music files is an attached picture, not a video track.
  if (video && (format_->streams[index]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
    for (unsigned i = 0; i < format_->nb_streams; ++i) {
      const AVStream* s = format_->streams[i];
      if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(s->disposition & AV_DISPOSITION_ATTACHED_PIC))
        return int(i);
    }
    return -1;
  }
  return index;
}

Result<CodecContextPtr> openDecoder(const MediaInput& input, int streamIndex, int threads) {
  if (streamIndex < 0 || unsigned(streamIndex) >= input->nb_streams)
    return makeError(ErrorCode::InvalidInput, "stream " + std::to_string(streamIndex) + " is missing");
  const AVStream* stream = input->streams[streamIndex];
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  if (!codec) {
    const char* name = avcodec_get_name(stream->codecpar->codec_id);
    return makeError(ErrorCode::Unsupported, std::string("no decoder for codec '") + (name ? name : "?") + "'");
  }
  CodecContextPtr context(avcodec_alloc_context3(codec));
  if (!context) return makeError(ErrorCode::Internal, "out of memory");
  int rc = avcodec_parameters_to_context(context.get(), stream->codecpar);
  if (rc < 0) return makeError(ErrorCode::InvalidInput, "bad codec parameters: " + ffmpegErrorText(rc));
  context->pkt_timebase = stream->time_base;
  context->thread_count = threads;
  rc = avcodec_open2(context.get(), codec, nullptr);
  if (rc < 0) {
    if (rc == AVERROR_PATCHWELCOME || rc == AVERROR(ENOSYS))
      return makeError(ErrorCode::Unsupported,
                       std::string("cannot decode '") + codec->name + "': " + ffmpegErrorText(rc));
    return makeError(ErrorCode::InvalidInput,
                     std::string("cannot open decoder '") + codec->name + "': " + ffmpegErrorText(rc));
  }
  return context;
}

int displayRotation(const AVStream* stream) {
  size_t size = 0;
  const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (!matrix || size < 9 * sizeof(int32_t)) return 0;
  // av_display_rotation_get is counter-clockwise; the picture must be turned the other way.
  const double degrees = -av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
  if (std::isnan(degrees)) return 0;
  int quarter = int(std::lround(degrees / 90.0)) % 4;
  if (quarter < 0) quarter += 4;
  return quarter * 90;
}

}  // namespace ugc::media::detail
