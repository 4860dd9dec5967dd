#include "core/image_io.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
}

#include <cstring>
#include <fstream>

#include "core/ffmpeg_handles.h"

namespace ugc::media {

Result<std::vector<uint8_t>> encodePng(const RgbImage& image) {
  if (image.empty() || image.pixels.size() != size_t(image.width) * size_t(image.height) * 3)
    return makeError(ErrorCode::InvalidArgument, "image is empty or its buffer does not match its size");
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
  if (!codec) return makeError(ErrorCode::Internal, "FFmpeg has no PNG encoder");
  detail::CodecContextPtr context(avcodec_alloc_context3(codec));
  if (!context) return makeError(ErrorCode::Internal, "out of memory");
  context->width = image.width;
  context->height = image.height;
  context->pix_fmt = AV_PIX_FMT_RGB24;
  context->time_base = {1, 25};
  int rc = avcodec_open2(context.get(), codec, nullptr);
  if (rc < 0) return makeError(ErrorCode::Internal, "cannot open the PNG encoder: " + detail::ffmpegErrorText(rc));

  auto frame = detail::makeFrame();
  frame->width = image.width;
  frame->height = image.height;
  frame->format = AV_PIX_FMT_RGB24;
  if ((rc = av_frame_get_buffer(frame.get(), 0)) < 0) return makeError(ErrorCode::Internal, "out of memory");
  for (int y = 0; y < image.height; ++y)
    std::memcpy(frame->data[0] + size_t(y) * size_t(frame->linesize[0]), image.pixel(0, y), size_t(image.width) * 3);

  auto packet = detail::makePacket();
  if ((rc = avcodec_send_frame(context.get(), frame.get())) < 0 ||
      (rc = avcodec_receive_packet(context.get(), packet.get())) < 0)
    return makeError(ErrorCode::Internal, "PNG encoding failed: " + detail::ffmpegErrorText(rc));
  return std::vector<uint8_t>(packet->data, packet->data + packet->size);
}

Status writePng(const std::filesystem::path& path, const RgbImage& image) {
  auto bytes = encodePng(image);
  if (!bytes) return tl::unexpected(bytes.error());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes->data()), std::streamsize(bytes->size()));
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

}  // namespace ugc::media
