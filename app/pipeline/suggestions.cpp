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

// The detector's per-category summary as object entries ("person (count: 2, color: white,
// position: in the center of the video)"), as the release writes them.
std::vector<annotation::ObjectEntry> objectSuggestions(const model::Signals& signals) {
  std::vector<annotation::ObjectEntry> entries;
  if (signals.objects.ran) {
    for (const auto& o : signals.objects.summary)
      entries.push_back({o.category, std::to_string(o.count), o.color.empty() ? "N/A" : o.color,
                         o.position.empty() ? "N/A" : o.position, "", ""});
  }
  // Faces the object detector did not see as persons (close-ups): an estimated person entry.
  bool person = false;
  for (const auto& e : entries) person = person || e.category == "person";
  if (!person && signals.faces.ran && signals.faces.count > 0)
    entries.push_back({"person", std::to_string(signals.faces.count), "N/A",
                       signals.faces.positions.empty() ? "N/A" : signals.faces.positions.front(), "", ""});
  return entries;
}

annotation::VisualFields visualSuggestions(const model::Signals& signals) {
  annotation::VisualFields fields;
  fields.objects = objectSuggestions(signals);
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
