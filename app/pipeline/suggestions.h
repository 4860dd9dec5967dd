#pragma once
// What the signal extractors suggest for the structured fields of the audio and visual
// stages. Only what the signals can know is filled; audio_suggestions.h has every audio field
// with its confidence, including the ones left "unknown" for the annotator.

#include "annotation/fields.h"
#include "model/extractors/signals.h"

namespace ugc::pipeline {

annotation::AudioFields audioSuggestions(const model::Signals& extracted);
annotation::VisualFields visualSuggestions(const model::Signals& extracted);

// What a draft made from suggestions alone may state (docs/model.md, "Grounded decoding"): an
// uncertain suggestion is omitted rather than guessed. Audio answers below this confidence
// (audio_suggestions.h) and detected object categories whose mean detector score is below
// kDraftObjectConfidence are left out; the annotator still sees every suggestion in the studio.
inline constexpr double kDraftSuggestionConfidence = 0.6;
inline constexpr double kDraftObjectConfidence = 0.5;
annotation::AudioFields confidentAudioSuggestions(const model::Signals& extracted,
                                                  double minConfidence = kDraftSuggestionConfidence);
annotation::VisualFields confidentVisualSuggestions(const model::Signals& extracted,
                                                    double minObjectConfidence = kDraftObjectConfidence);
// The objects part of visualSuggestions: the COCO detector's summary, one entry per category.
std::vector<annotation::ObjectEntry> objectSuggestions(const model::Signals& extracted);

}  // namespace ugc::pipeline
