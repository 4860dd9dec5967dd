#include "model/extractors/media_input.h"

#include <algorithm>
#include <cmath>

#include "core/audio_decoder.h"
#include "core/frame_sampler.h"
#include "core/probe.h"

namespace ugc::model {
namespace {

constexpr size_t kFramesPerBatch = 16;

GrayImage toGray(const media::RgbImage& rgb) {
  GrayImage gray;
  gray.width = rgb.width;
  gray.height = rgb.height;
  gray.pixels.resize(size_t(rgb.width) * size_t(rgb.height));
  const uint8_t* p = rgb.pixels.data();
  for (size_t i = 0; i < gray.pixels.size(); ++i, p += 3)
    gray.pixels[i] = uint8_t((77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8);  // BT.601 luma
  return gray;
}

}  // namespace

bool DecodedMedia::fillBatch(const CancelToken& cancel) {
  if (batchPos_ < batch_.size()) return true;
  if (nextIndex_ >= ocrTimes_.size() || error_) return false;
  const size_t end = std::min(ocrTimes_.size(), nextIndex_ + kFramesPerBatch);
  const std::vector<double> times(ocrTimes_.begin() + long(nextIndex_), ocrTimes_.begin() + long(end));
  media::FrameSamplerParams params;
  params.width = ocrWidth_;
  params.height = ocrHeight_;
  params.fit = media::FitMode::Contain;
  params.workers = 1;  // OCR already has a thread of its own; audio and scenes use the other core
  params.decoderThreads = 1;
  auto frames = media::sampleFramesAt(path_, times, params, {}, cancel);
  if (!frames) {
    error_ = frames.error();
    return false;
  }
  batch_.clear();
  batchTimes_.clear();
  for (auto& sampled : *frames) {
    batch_.push_back(std::move(sampled.image));
    batchTimes_.push_back(sampled.requestedTime);
  }
  batchPos_ = 0;
  nextIndex_ = end;
  return !batch_.empty();
}

bool DecodedMedia::nextOcrFrame(GrayImage& frame, double& time, const CancelToken& cancel) {
  if (!fillBatch(cancel)) return false;
  frame = toGray(batch_[batchPos_]);
  time = batchTimes_[batchPos_];
  ++batchPos_;
  return true;
}

bool DecodedMedia::nextOcrRgbFrame(media::RgbImage& frame, double& time, const CancelToken& cancel) {
  if (!fillBatch(cancel)) return false;
  frame = std::move(batch_[batchPos_]);
  time = batchTimes_[batchPos_];
  ++batchPos_;
  return true;
}

Result<DecodedMedia> openMediaForSignals(const std::filesystem::path& path, const DecodeRequest& request,
                                         const CancelToken& cancel) {
  media::ProbeParams probeParams;
  probeParams.computeFingerprint = false;
  auto probe = media::probeMedia(path, probeParams, cancel);
  if (!probe) return tl::unexpected(probe.error());
  DecodedMedia media;
  media.path_ = path;
  media.request_ = request;
  media.duration = probe->duration;
  media.hasVideo = probe->video.has_value() && probe->video->displayWidth > 0 && probe->video->displayHeight > 0;
  media.hasAudio = probe->audio.has_value();
  media.ocrFrameInterval = 1.0 / request.ocrFramesPerSecond;

  if (media.hasAudio && request.audio) {
    media::AudioDecodeParams audioParams;
    audioParams.maxSeconds = request.maxAudioSeconds;
    auto audio = media::decodeAudio(path, audioParams, {}, cancel);
    if (!audio) return tl::unexpected(audio.error());
    media.audio = std::move(audio->samples);
    if (media.duration <= 0) media.duration = audio->summary.seconds();
  }
  if (media.hasVideo && request.ocrFramesPerSecond > 0) {
    const int width = probe->video->displayWidth, height = probe->video->displayHeight;
    const double shrink = std::min(1.0, double(request.ocrMaxWidth) / width);
    media.ocrWidth_ = std::max(2, int(std::lround(width * shrink)));
    media.ocrHeight_ = std::max(2, int(std::lround(height * shrink)));
    // Frames at the centres of 1/fps slices, so the first and last are inside the clip.
    const double duration = std::max(media.duration, media.ocrFrameInterval);
    for (double t = media.ocrFrameInterval / 2; t < duration; t += media.ocrFrameInterval) media.ocrTimes_.push_back(t);
  }
  return media;
}

}  // namespace ugc::model
