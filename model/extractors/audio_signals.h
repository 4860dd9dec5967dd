#pragma once
// Audio events, voice and loudness from 16 kHz mono samples and their frame features.
// Plain inputs so tests can feed synthetic signals without any media file.

#include <vector>

#include "model/extractors/audio_analysis.h"
#include "model/extractors/signals.h"

namespace ugc::model {

// Per-segment speech / music / silence / other decisions and clip-level "music present".
AudioEventsSignal detectAudioEvents(const AudioFrameFeatures& features, const ExtractOptions& options);

// Pitch per speech turn, gender suggestions and a speaker count from pitch clustering.
VoiceSignal analyseVoice(const AudioFrameFeatures& features, const AudioEventsSignal& events,
                         const ExtractOptions& options);

// EBU R128 integrated loudness (ITU-R BS.1770-4 K-weighting, 400 ms blocks, absolute -70 LUFS
// and relative -10 LU gates) of a mono signal, sample peak and clipping ratio.
LoudnessSignal measureLoudness(const std::vector<float>& samples, int sampleRate);

}  // namespace ugc::model
