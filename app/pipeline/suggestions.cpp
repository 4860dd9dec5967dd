#include "pipeline/suggestions.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "pipeline/audio_suggestions.h"

namespace ugc::pipeline {

namespace {

// The known answers of audioFieldSuggestions (audio_suggestions.h) at or above `minConfidence`;
// "unknown" stays unanswered.
annotation::AudioFields audioAnswers(const model::Signals& signals, double minConfidence) {
  annotation::AudioFields fields;
  for (const auto& s : audioFieldSuggestions(signals)) {
    if (s.value == kUnknownSuggestion || s.value.empty() || s.confidence < minConfidence) continue;
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

}  // namespace

annotation::AudioFields audioSuggestions(const model::Signals& signals) { return audioAnswers(signals, 0.0); }

annotation::AudioFields confidentAudioSuggestions(const model::Signals& signals, double minConfidence) {
  return audioAnswers(signals, minConfidence);
}

annotation::VisualFields confidentVisualSuggestions(const model::Signals& signals, double minObjectConfidence) {
  annotation::VisualFields fields = visualSuggestions(signals);
  if (!signals.objects.ran) return fields;
  std::vector<annotation::ObjectEntry> kept;
  for (const auto& entry : fields.objects) {
    bool uncertain = false;
    for (const auto& o : signals.objects.summary)
      uncertain = uncertain || (o.category == entry.category && o.confidence < minObjectConfidence);
    if (!uncertain) kept.push_back(entry);
  }
  fields.objects = std::move(kept);
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
