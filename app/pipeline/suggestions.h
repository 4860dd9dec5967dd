#pragma once
// What the signal extractors suggest for the structured fields of the audio and visual
// stages. Only what the signals can know is filled; audio_suggestions.h has every audio field
// with its confidence, including the ones left "unknown" for the annotator.

#include "annotation/fields.h"
#include "model/extractors/signals.h"

namespace ugc::pipeline {

annotation::AudioFields audioSuggestions(const model::Signals& extracted);
annotation::VisualFields visualSuggestions(const model::Signals& extracted);
// The objects part of visualSuggestions: the COCO detector's summary, one entry per category.
std::vector<annotation::ObjectEntry> objectSuggestions(const model::Signals& extracted);

}  // namespace ugc::pipeline
