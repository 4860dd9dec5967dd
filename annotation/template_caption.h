#pragma once
// Template drafts: fill-in sentences built from a stage's structured fields, in the phrasing of
// the released UGC-VideoCap captions ("The audio features a male speaker with a neutral tone.",
// "The video takes place in ...", "The text on the screen reads ..."). They are the baseline the
// captioner must beat (ugccap eval-drafts) and the fallback the studio offers when it scores
// better. They say only what the fields say: no field, no sentence.

#include <string>
#include <string_view>

#include "annotation/fields.h"

namespace ugc::annotation {

// Speakers (count, genders), tone, language, voice source, background music and its style.
// Empty when no audio field is answered.
std::string audioTemplateCaption(const AudioFields& fields);

// Background, the object list, background change (its description verbatim when given), main
// motion and the on-screen text lines (quoted, duplicates dropped). Empty when nothing is answered.
std::string visualTemplateCaption(const VisualFields& fields);

// The joint baseline: the visual caption, then the audio caption, separated by one space (either may
// be empty). Visual first because released final captions open with the scene and bring the audio in
// afterwards ("Meanwhile, the audio features ..."); on release-dev that order scores ~0.01 ROUGE-L
// higher than audio first.
std::string concatenateCaptions(std::string_view audioCaption, std::string_view visualCaption);

// concatenateCaptions(audioTemplateCaption(audio), visualTemplateCaption(visual)).
std::string jointTemplateCaption(const AudioFields& audio, const VisualFields& visual);

}  // namespace ugc::annotation
