#pragma once
// The faithfulness checker's facts (annotation/faithfulness.h) for one stage of a video: its
// structured fields (what the annotator confirmed, else what the extractors suggest) and the
// cached signals the stage may use: OCR lines and scene cuts for the visual stage, transcript
// spans, the recogniser's language and audio events for the audio stage, all of them for the
// joint stage. The drafter (`ugccap draft --explain`) and the studio's caption lint use it.

#include <optional>
#include <string>

#include "annotation/faithfulness.h"
#include "annotation/fields.h"
#include "core/error.h"
#include "model/extractors/signals.h"

namespace ugc::db {
class Project;
}

namespace ugc::pipeline {

struct StageContext;

// Each field the annotator left empty takes the suggestion's value.
annotation::AudioFields withSuggestions(annotation::AudioFields confirmed, const annotation::AudioFields& suggested);
annotation::VisualFields withSuggestions(annotation::VisualFields confirmed, const annotation::VisualFields& suggested);

// Fields as they stand (already merged with suggestions by the caller) and the signals, masked to
// what `stage` may know. Transcript words become spans: maximal runs of consecutive quotable
// words (at or above the transcript's quotable threshold, which becomes the facts' threshold) and
// runs of the others, split at pauses over 0.7 s.
annotation::FaithfulnessFacts stageFacts(annotation::Stage stage, const annotation::AudioFields& audio,
                                         const annotation::VisualFields& visual,
                                         const std::optional<model::Signals>& extracted);
// The same from a draft's context: its fields, with the signals' suggestions for empty ones.
annotation::FaithfulnessFacts stageFacts(annotation::Stage stage, const StageContext& context);

// A stored video's stage: the fields of each stage's head revision (else nothing), with the
// cached signals' suggestions for what is empty, and the cached signals (none when never
// extracted: no signal is computed here).
Result<annotation::FaithfulnessFacts> videoStageFacts(db::Project& project, const std::string& videoId,
                                                      annotation::Stage stage);

}  // namespace ugc::pipeline
