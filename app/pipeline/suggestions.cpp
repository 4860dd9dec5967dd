#include "pipeline/suggestions.h"

#include <cstdio>

namespace ugc::pipeline {

annotation::AudioFields audioSuggestions(const model::Signals& signals) {
  annotation::AudioFields fields;
  if (!signals.hasAudio) {
    // No audio stream: nobody speaks and no music plays.
    fields.speakerCount = 0;
    fields.backgroundMusic = "No";
    return fields;
  }
  if (signals.audio.ran) fields.backgroundMusic = signals.audio.musicPresent ? "Yes" : "No";
  if (signals.voice.ran) {
    fields.speakerCount = signals.voice.speakerCount;
    for (const auto& speaker : signals.voice.speakers) {
      if (speaker.gender == model::Gender::Unknown) continue;
      const std::string gender = model::genderName(speaker.gender);
      bool seen = false;
      for (const auto& g : fields.speakerGenders) seen = seen || g == gender;
      if (!seen) fields.speakerGenders.push_back(gender);
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
