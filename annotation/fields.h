#pragma once
// The structured fields of the UGC-VideoCap annotation template, per stage.
// Values keep the text as entered or released ("neutral" and "Neutral" both occur in the
// release); the workflow rules compare them case-insensitively. Empty = not answered.

#include <optional>
#include <string>
#include <vector>

#include "annotation/stage.h"

namespace ugc::annotation {

// Choices offered to annotators, in the release's spelling.
inline constexpr const char* kToneOptions[] = {"Positive", "Negative", "Neutral"};
inline constexpr const char* kVoiceSourceOptions[] = {"Narration", "In-Video Voice", "Out-Video Voice"};
inline constexpr const char* kMusicStyleOptions[] = {"Soothing", "Exciting", "Sad", "Cheerful", "Other"};
inline constexpr const char* kYesNoOptions[] = {"Yes", "No"};

// Audio-only stage: the annotator hears, does not see.
struct AudioFields {
  std::optional<int> speakerCount;          // number of people who talk
  std::string tone;                         // Positive / Negative / Neutral
  std::string backgroundMusic;              // Yes / No
  std::string language;                     // free text, e.g. "English"
  std::string musicStyle;                   // only when backgroundMusic is Yes
  std::string voiceSource;                  // only when a voice is present
  std::vector<std::string> speakerGenders;  // "male", "female", ...
  bool operator==(const AudioFields&) const = default;
};

// One entry of "object (count: X, color: Y, position: Z)" (object_list.h parses and formats
// lists of them byte-exactly). The position runs to the entry's last ')' (so "center, running"
// stays in it); `extra` keeps whatever follows that ')' before the next "; ".
// An entry that does not follow the template at all keeps its verbatim text in `raw` (the other
// members are then empty), so every released answer regenerates exactly.
struct ObjectEntry {
  std::string category;
  std::string count;  // as written: "2", "many", "N/A"
  std::string color;
  std::string position;
  std::string extra;
  std::string raw;  // non-empty only for an entry outside the template
  bool operator==(const ObjectEntry&) const = default;
};

// Visual-only stage: the annotator sees, does not hear.
struct VisualFields {
  std::string background;  // main background
  std::optional<bool> backgroundChanges;
  std::string backgroundChange;       // how it changes, when it does
  std::string motion;                 // main motion
  std::vector<std::string> ocrLines;  // on-screen English text, one entry per line
  std::vector<ObjectEntry> objects;
  bool operator==(const VisualFields&) const = default;
};

}  // namespace ugc::annotation
