#pragma once
// The learned audio models the extractors use by default, found on the resource search path.

#include "model/extractors/signals.h"

namespace ugc::pipeline {

inline constexpr const char* kDefaultAudioEventsName = "models/audio-events";

// `options` with the default learned audio-event classifier filled in, when none is set and the
// default folder exists (when it is not found the heuristic runs; Signals::audio.method says so),
// and Silero VAD from the models cache when none is set and `scripts/fetch-models silero-vad` has
// installed it (otherwise no VAD runs: Signals::voiceActivity.ran is false).
model::ExtractOptions withDefaultAudioModels(model::ExtractOptions options);

}  // namespace ugc::pipeline
