#include "core/audio_decoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>

#include "core/ffmpeg_handles.h"

namespace ugc::media {
namespace {

using detail::MediaInput;

// Resamples decoded frames to mono float and hands out fixed-size chunks.
class MonoResampler {
 public:
  MonoResampler(const AudioDecodeParams& params, const AudioChunkCallback& onChunk, int64_t limit)
      : params_(params), onChunk_(onChunk), limit_(limit) {
    chunk_.reserve(std::max<size_t>(1, params.chunkSamples));
  }
  ~MonoResampler() { av_channel_layout_uninit(&inLayout_); }
  MonoResampler(const MonoResampler&) = delete;
  MonoResampler& operator=(const MonoResampler&) = delete;

  Status push(const AVFrame* frame) {
    if (!swr_ || frame->sample_rate != inRate_ || frame->format != inFormat_ ||
        av_channel_layout_compare(&frame->ch_layout, &inLayout_) != 0) {
      if (swr_) {
        if (auto s = drain(); !s) return s;
      }
      if (auto s = configure(frame); !s) return s;
    }
    return convert(const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples);
  }

  // Flushes the resampler's delay line and the last partial chunk.
  Status finish() {
    if (swr_) {
      if (auto s = drain(); !s) return s;
    }
    emit(true);
    return {};
  }

  int64_t delivered() const { return delivered_; }
  bool full() const { return limit_ > 0 && delivered_ + int64_t(chunk_.size()) >= limit_; }

 private:
  Status configure(const AVFrame* frame) {
    av_channel_layout_uninit(&inLayout_);
    if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || frame->ch_layout.nb_channels <= 0) {
      av_channel_layout_default(&inLayout_, std::max(1, frame->ch_layout.nb_channels));
    } else {
      av_channel_layout_copy(&inLayout_, &frame->ch_layout);
    }
    inRate_ = frame->sample_rate;
    inFormat_ = frame->format;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    SwrContext* raw = nullptr;
    int rc = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, params_.sampleRate, &inLayout_,
                                 AVSampleFormat(frame->format), frame->sample_rate, 0, nullptr);
    swr_.reset(raw);
    if (rc >= 0) rc = swr_init(swr_.get());
    if (rc < 0) return makeError(ErrorCode::Unsupported, "cannot resample this audio: " + detail::ffmpegErrorText(rc));
    // Layout comparisons above use the frame's layout as it arrives.
    if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
      av_channel_layout_uninit(&inLayout_);
      av_channel_layout_copy(&inLayout_, &frame->ch_layout);
    }
    return {};
  }

  Status convert(const uint8_t** in, int inSamples) {
    const int capacity = swr_get_out_samples(swr_.get(), inSamples);
    if (capacity < 0) return makeError(ErrorCode::Internal, "resampler failure");
    scratch_.resize(size_t(capacity) + 1);
    uint8_t* out[1] = {reinterpret_cast<uint8_t*>(scratch_.data())};
    const int produced = swr_convert(swr_.get(), out, capacity + 1, in, inSamples);
    if (produced < 0) return makeError(ErrorCode::InvalidInput, "resampling failed: " + detail::ffmpegErrorText(produced));
    for (int i = 0; i < produced; ++i) {
      chunk_.push_back(std::clamp(scratch_[size_t(i)], -1.0f, 1.0f));
      if (chunk_.size() >= params_.chunkSamples) emit(false);
    }
    return {};
  }

  Status drain() { return convert(nullptr, 0); }

  void emit(bool final) {
    if (chunk_.empty() || (!final && chunk_.size() < params_.chunkSamples)) return;
    size_t count = chunk_.size();
    if (limit_ > 0) count = size_t(std::clamp<int64_t>(limit_ - delivered_, 0, int64_t(count)));
    if (count > 0 && onChunk_) onChunk_(chunk_.data(), count);
    delivered_ += int64_t(count);
    chunk_.clear();
  }

  const AudioDecodeParams& params_;
  const AudioChunkCallback& onChunk_;
  int64_t limit_;
  detail::SwrContextPtr swr_;
  AVChannelLayout inLayout_{};
  int inRate_ = 0;
  int inFormat_ = -1;
  std::vector<float> scratch_;
  std::vector<float> chunk_;
  int64_t delivered_ = 0;
};

}  // namespace

Result<AudioStreamSummary> decodeAudioChunks(const std::filesystem::path& path, const AudioDecodeParams& params,
                                             const AudioChunkCallback& onChunk, const ProgressSink& progress,
                                             const CancelToken& cancel) {
  if (params.sampleRate <= 0 || params.chunkSamples == 0)
    return makeError(ErrorCode::InvalidArgument, "sample rate and chunk size must be positive");
  auto input = MediaInput::open(path, cancel);
  if (!input) return tl::unexpected(input.error());
  AVFormatContext* format = input->get();
  // The header alone is enough for most containers; elementary streams (MP3, ADTS AAC) announce no
  // sample rate or channels until packets are parsed, and decode nothing without them.
  auto headerLacksAudioParameters = [&] {
    for (unsigned i = 0; i < format->nb_streams; ++i) {
      const AVCodecParameters* p = format->streams[i]->codecpar;
      if (p->codec_type == AVMEDIA_TYPE_AUDIO && (p->sample_rate <= 0 || p->ch_layout.nb_channels <= 0)) return true;
    }
    return false;
  };
  if (format->nb_streams == 0 || headerLacksAudioParameters()) {
    if (auto s = input->findStreamInfo(); !s) return tl::unexpected(s.error());
  }
  int index = params.streamIndex;
  if (index >= 0) {
    if (index >= int(format->nb_streams) || format->streams[index]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
      return makeError(ErrorCode::InvalidArgument, "stream " + std::to_string(index) + " is not an audio stream");
  } else {
    index = input->bestStream(false);
  }
  AudioStreamSummary summary;
  summary.sampleRate = params.sampleRate;
  if (index < 0) return summary;  // NoAudioStream
  summary.availability = AudioAvailability::Decoded;
  summary.streamIndex = index;
  for (unsigned i = 0; i < format->nb_streams; ++i)
    if (int(i) != index) format->streams[i]->discard = AVDISCARD_ALL;

  auto codec = detail::openDecoder(*input, index, 1);
  if (!codec) return tl::unexpected(codec.error());
  const AVStream* stream = format->streams[index];
  const double duration = format->duration > 0 ? double(format->duration) / AV_TIME_BASE : 0;
  const int64_t limit = params.maxSeconds > 0 ? int64_t(params.maxSeconds * params.sampleRate) : 0;
  MonoResampler resampler(params, onChunk, limit);
  auto packet = detail::makePacket();
  auto frame = detail::makeFrame();
  int errors = 0;
  bool inputDone = false;

  auto receiveAll = [&]() -> Result<bool> {  // true when the decoder has finished
    for (;;) {
      const int rc = avcodec_receive_frame(codec->get(), frame.get());
      if (rc == AVERROR(EAGAIN)) return false;
      if (rc == AVERROR_EOF) return true;
      if (rc < 0) {
        if (++errors > 100) return makeError(ErrorCode::InvalidInput, "audio does not decode: " + detail::ffmpegErrorText(rc));
        continue;
      }
      auto status = resampler.push(frame.get());
      av_frame_unref(frame.get());
      if (!status) return tl::unexpected(status.error());
    }
  };

  for (;;) {
    if (cancel.isCancelled()) return cancelledError();
    if (resampler.full()) break;
    if (!inputDone) {
      const int rc = av_read_frame(format, packet.get());
      if (rc < 0) {
        inputDone = true;  // end of file (or damage: keep what decoded)
        avcodec_send_packet(codec->get(), nullptr);
      } else {
        if (packet->stream_index == index) {
          if (duration > 0 && packet->pts != AV_NOPTS_VALUE)
            report(progress, "decoding audio", std::max<int64_t>(0, int64_t(double(packet->pts) * av_q2d(stream->time_base) * 1000)),
                   int64_t(duration * 1000));
          if (avcodec_send_packet(codec->get(), packet.get()) < 0 && ++errors > 100)
            return makeError(ErrorCode::InvalidInput, "audio does not decode");
        }
        av_packet_unref(packet.get());
      }
    }
    auto finished = receiveAll();
    if (!finished) return tl::unexpected(finished.error());
    if (*finished) break;
  }
  if (cancel.isCancelled()) return cancelledError();
  if (auto status = resampler.finish(); !status) return tl::unexpected(status.error());
  summary.samples = resampler.delivered();
  report(progress, "decoding audio", 1, 1);
  return summary;
}

Result<DecodedAudio> decodeAudio(const std::filesystem::path& path, const AudioDecodeParams& params,
                                 const ProgressSink& progress, const CancelToken& cancel) {
  DecodedAudio audio;
  auto summary = decodeAudioChunks(
      path, params, [&](const float* samples, size_t count) { audio.samples.insert(audio.samples.end(), samples, samples + count); },
      progress, cancel);
  if (!summary) return tl::unexpected(summary.error());
  audio.summary = *summary;
  return audio;
}

}  // namespace ugc::media
