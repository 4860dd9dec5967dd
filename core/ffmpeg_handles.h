#pragma once
// Private to core/*.cpp: owning handles for FFmpeg objects. FFmpeg types are only
// forward-declared here so this header obeys the layering rule (FFmpeg headers in
// core/*.cpp only); the deleters live in ffmpeg_handles.cpp.

#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/progress.h"

struct AVFormatContext;
struct AVCodecContext;
struct AVFrame;
struct AVPacket;
struct AVStream;
struct SwsContext;
struct SwrContext;

namespace ugc::media::detail {

struct FormatContextDeleter { void operator()(AVFormatContext* p) const; };
struct CodecContextDeleter { void operator()(AVCodecContext* p) const; };
struct FrameDeleter { void operator()(AVFrame* p) const; };
struct PacketDeleter { void operator()(AVPacket* p) const; };
struct SwsContextDeleter { void operator()(SwsContext* p) const; };
struct SwrContextDeleter { void operator()(SwrContext* p) const; };

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;

FramePtr makeFrame();
PacketPtr makePacket();

// av_strerror as a std::string.
std::string ffmpegErrorText(int averror);

// An opened container. The cancel token is polled by FFmpeg's I/O interrupt callback,
// so a blocking read stops when the token fires; it lives on the heap so its address
// stays valid for the callback while the input is moved around.
class MediaInput {
 public:
  // Errors: NotFound (no such file), InvalidInput (empty, not media, corrupt), Io.
  // Only the container header is read; call findStreamInfo() when it is not enough.
  static Result<MediaInput> open(const std::filesystem::path& path, const CancelToken& cancel);

  AVFormatContext* get() const { return format_.get(); }
  AVFormatContext* operator->() const { return format_.get(); }
  // Runs avformat_find_stream_info (decodes a few packets per stream).
  Status findStreamInfo();
  // Whether findStreamInfo ran: a second input on the same file needs the same to agree on streams.
  bool analysed() const { return analysed_; }
  // The stream index of the best stream of the kind (video: true) or -1.
  int bestStream(bool video) const;

 private:
  std::unique_ptr<CancelToken> cancel_;
  FormatContextPtr format_;
  bool analysed_ = false;
};

// Opens a decoder for a stream of the input. threads: 0 = FFmpeg's automatic choice.
// Errors: Unsupported (no decoder for the codec), InvalidInput.
Result<CodecContextPtr> openDecoder(const MediaInput& input, int streamIndex, int threads);

// Clockwise degrees (0, 90, 180, 270) to turn the stream's pictures upright, read from
// its display matrix side data (what phones write as the "rotate" tag).
int displayRotation(const AVStream* stream);

}  // namespace ugc::media::detail
