#pragma once
// What the captioner takes from a media file, computed the same way for training and for
// drafting: the log-mel spectrogram (core/), a few evenly spaced frames at the network's frame
// size, and the extractor signals written as short lines. Drafting caches the features in the
// project store (serializeMediaFeatures), so switching back to a video never decodes it again.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/progress.h"
#include "model/captioner.h"
#include "model/extractors/signals.h"

namespace ugc::model {

struct MediaFeatures {
  double duration = 0;
  std::optional<LogMelInput> logMel;  // absent without an audio stream
  std::optional<FrameInput> frames;   // absent without a video stream
};

// Decodes the file: 16 kHz log-mel (T x melBins) and config.maxFrames frames letterboxed into
// config.frameSize squares. Errors: NotFound, InvalidInput (not media), Unsupported, Cancelled.
Result<MediaFeatures> extractMediaFeatures(const std::filesystem::path& media, const CaptionerConfig& config,
                                           const CancelToken& cancel = {});

// A cache key part that changes whenever the features would (frame size, frame count, mel bins).
std::string mediaFeaturesVersion(const CaptionerConfig& config);

// A compact binary form for the store's signal cache, and back (InvalidInput when damaged).
std::string serializeMediaFeatures(const MediaFeatures& features);
Result<MediaFeatures> parseMediaFeatures(std::string_view bytes);

// The media and the signals of a clip put into a captioner input; buildStageView() later drops
// whatever the input's stage may not see.
void addMedia(const MediaFeatures& features, CaptionerInput& input);
void addSignals(const Signals& extracted, CaptionerInput& input);

}  // namespace ugc::model
