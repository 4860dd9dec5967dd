#pragma once
// The media the extractors read, through the media engine (core/): probe, 16 kHz mono audio,
// and gray frames at the OCR rate, sampled in small batches so long videos never sit in
// memory whole.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "core/progress.h"
#include "model/extractors/ocr.h"

namespace ugc::model {

struct DecodeRequest {
  double ocrFramesPerSecond = 2.0;
  int ocrMaxWidth = 720;  // wider frames are scaled down (captions stay tens of pixels tall)
  bool audio = true;
  double maxAudioSeconds = 0;  // decode only this much audio (0: all of it)
};

class DecodedMedia {
 public:
  double duration = 0;
  bool hasVideo = false;
  bool hasAudio = false;
  double ocrFrameInterval = 0.5;
  std::vector<float> audio;  // 16 kHz mono; empty without an audio stream

  // The OCR frames one at a time, in time order; false after the last or on a decode error
  // (then error() says why).
  bool nextOcrFrame(GrayImage& frame, double& time, const CancelToken& cancel);
  // The same frames in colour (PP-OCRv4 and the detectors read RGB).
  bool nextOcrRgbFrame(media::RgbImage& frame, double& time, const CancelToken& cancel);
  const std::optional<Error>& error() const { return error_; }

 private:
  friend Result<DecodedMedia> openMediaForSignals(const std::filesystem::path&, const DecodeRequest&,
                                                  const CancelToken&);
  std::filesystem::path path_;
  DecodeRequest request_;
  std::vector<double> ocrTimes_;
  size_t nextIndex_ = 0;
  bool fillBatch(const CancelToken& cancel);
  std::vector<media::RgbImage> batch_;
  std::vector<double> batchTimes_;
  size_t batchPos_ = 0;
  int ocrWidth_ = 0, ocrHeight_ = 0;
  std::optional<Error> error_;
};

// Probes the file and decodes its audio; frames are decoded as nextOcrFrame asks for them.
// Errors: NotFound, InvalidInput (not media), Unsupported, Cancelled.
Result<DecodedMedia> openMediaForSignals(const std::filesystem::path& path, const DecodeRequest& request,
                                         const CancelToken& cancel);

}  // namespace ugc::model
