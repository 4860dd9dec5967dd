#pragma once
// The seven audio-stage answers as the signals suggest them, each with a confidence and the
// signal it rests on. A field the signals cannot answer is "unknown" (confidence 0), never a
// constant guess; a field that does not apply (music style without music, speaker genders when
// nobody speaks) has an empty value with the confidence of the decision that makes it not apply.
// docs/extractors.md ("Audio field suggestions") says which signal supports each field.

#include <string>
#include <vector>

#include "model/extractors/signals.h"

namespace ugc::pipeline {

inline constexpr const char* kUnknownSuggestion = "unknown";

struct AudioFieldSuggestion {
  std::string field;      // the field codec's key: speaker_count, speaker_genders, tone, background_music,
                          // music_style, language, voice_source
  std::string value;      // in the release's spelling ("Yes", "English", "male, female"), "unknown" or ""
  double confidence = 0;  // 0..1, in `value`; 0 for "unknown"
  std::string basis;      // which signal, e.g. "silero-vad segments + pitch clustering"
};

// All seven, in the order above.
std::vector<AudioFieldSuggestion> audioFieldSuggestions(const model::Signals& extracted);

// {"speaker_count": {"value": ..., "confidence": ..., "basis": ...}, ...} as JSON text.
std::string audioFieldSuggestionsJson(const std::vector<AudioFieldSuggestion>& suggestions);

// Words whose tone is plain in everyday speech; the tone suggestion counts the quotable ones.
bool isPositiveToneWord(const std::string& lowercaseWord);
bool isNegativeToneWord(const std::string& lowercaseWord);

}  // namespace ugc::pipeline
