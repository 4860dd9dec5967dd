#pragma once
// The media the extractors read, through the media engine (core/): probe, 16 kHz mono audio, and
// the video decoded once, on a thread of its own, for every visual consumer: RGB frames at the OCR
// rate (at most ocrMaxWidth wide) for OCR and the object and face detectors, and the scene
// detector's samples from the same pass. Frames wait in a queue of a few, so long videos never sit
// in memory whole and decoding runs while the detectors work on the previous frame.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "core/progress.h"

namespace ugc::media {
class SceneChangeFinder;
}

namespace ugc::model {

struct DecodeRequest {
  double ocrFramesPerSecond = 2.0;  // 0: no OCR frames
  int ocrMaxWidth = 720;            // wider frames are scaled down (captions stay tens of pixels tall)
  bool audio = true;
  double maxAudioSeconds = 0;  // decode only this much audio (0: all of it)
  // When set, the finder's samples (SceneChangeFinder::sampleTimes) are decoded in the same pass
  // and added to it on the decoding thread; read it after finishVideo().
  media::SceneChangeFinder* sceneFinder = nullptr;
};

class DecodedMedia {
 public:
  DecodedMedia();
  ~DecodedMedia();  // stops and joins the decoding thread
  DecodedMedia(DecodedMedia&&) noexcept;
  DecodedMedia& operator=(DecodedMedia&&) noexcept;

  double duration = 0;
  bool hasVideo = false;
  bool hasAudio = false;
  double ocrFrameInterval = 0.5;
  double frameSeconds = 1.0 / 30;  // one video frame (1 / average frame rate)
  std::vector<float> audio;        // 16 kHz mono; empty without an audio stream

  // The OCR frames one at a time, in time order; false after the last, on cancel or on a decode
  // error (then error() says why). The first call starts the decoding thread.
  bool nextOcrRgbFrame(media::RgbImage& frame, double& time, const CancelToken& cancel);
  // The OCR frames' reader is done (at the end, or after an error): frames not taken are dropped
  // so the pass can run to its end for the scene finder.
  void releaseOcrFrames();
  // Starts the decoding thread if no frame was asked for yet, and waits until it has decoded the
  // whole pass (the scene finder then holds all its samples). With OCR frames, someone must read
  // them (nextOcrRgbFrame) or release them. Returns the decode error, if any.
  Status finishVideo(const CancelToken& cancel);
  // CPU seconds the decoding thread spent decoding (not waiting for the queue to drain).
  double videoDecodeSeconds() const;
  const std::optional<Error>& error() const;

 private:
  friend Result<DecodedMedia> openMediaForSignals(const std::filesystem::path&, const DecodeRequest&,
                                                  const CancelToken&);
  struct VideoPass;
  std::unique_ptr<VideoPass> video_;
};

// Probes the file and decodes its audio; video frames are decoded as nextOcrRgbFrame asks for them.
// Errors: NotFound, InvalidInput (not media), Unsupported, Cancelled.
Result<DecodedMedia> openMediaForSignals(const std::filesystem::path& path, const DecodeRequest& request,
                                         const CancelToken& cancel);

}  // namespace ugc::model
