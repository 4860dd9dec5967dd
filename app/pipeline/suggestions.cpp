#include "pipeline/suggestions.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "pipeline/audio_suggestions.h"

namespace ugc::pipeline {

annotation::AudioFields audioSuggestions(const model::Signals& signals) {
  // The known answers of audioFieldSuggestions (audio_suggestions.h); "unknown" stays unanswered.
  annotation::AudioFields fields;
  for (const auto& s : audioFieldSuggestions(signals)) {
    if (s.value == kUnknownSuggestion || s.value.empty()) continue;
    if (s.field == "speaker_count") fields.speakerCount = std::stoi(s.value);
    if (s.field == "tone") fields.tone = s.value;
    if (s.field == "background_music") fields.backgroundMusic = s.value;
    if (s.field == "language") fields.language = s.value;
    if (s.field == "music_style") fields.musicStyle = s.value;
    if (s.field == "voice_source") fields.voiceSource = s.value;
    if (s.field == "speaker_genders")
      for (size_t start = 0; start < s.value.size();) {
        const size_t comma = std::min(s.value.find(", ", start), s.value.size());
        fields.speakerGenders.push_back(s.value.substr(start, comma - start));
        start = comma + 2;
      }
  }
  return fields;
}

annotation::VisualFields visualSuggestions(const model::Signals& signals) {
  annotation::VisualFields fields;
  if (signals.ocr.ran) {
    for (const auto& line : signals.ocr.lines) fields.ocrLines.push_back(line.text);
  }
  if (signals.scenes.ran) {
    fields.backgroundChanges = signals.scenes.backgroundChanges;
    if (signals.scenes.backgroundChanges) {
      std::string times;
      char buffer[32];
      for (double t : signals.scenes.changeTimes) {
        std::snprintf(buffer, sizeof buffer, "%s%.1f s", times.empty() ? "" : ", ", t);
        times += buffer;
      }
      fields.backgroundChange = "The scene cuts at " + times + " (detected; describe the backgrounds).";
    }
  }
  return fields;
}

}  // namespace ugc::pipeline
