#pragma once
// From the learned classifier's block probabilities to the audio-events signal (segments,
// speech / music / other ranges, "music present"). Plain C++; the network is in
// audio_event_network.cpp.

#include <vector>

#include "model/audio/audio_event_model.h"
#include "model/extractors/signals.h"

namespace ugc::model {

struct LearnedEventThresholds {
  double speech = 0.5;
  double music = 0.5;
  double other = 0.5;
  double silence = 0.5;
};

// samples: the 16 kHz mono clip the frames were computed from (for per-segment loudness).
AudioEventsSignal audioEventsFromFrames(const AudioEventFrames& frames, const std::vector<float>& samples,
                                        const ExtractOptions& options, const LearnedEventThresholds& thresholds = {});

// Loads the classifier from options.audioEventsModel, classifies and converts. Errors: the
// model's (NotFound, InvalidInput for a corrupt file), Cancelled.
Result<AudioEventsSignal> detectAudioEventsLearned(const std::vector<float>& samples, const ExtractOptions& options,
                                                   const CancelToken& cancel);

}  // namespace ugc::model
