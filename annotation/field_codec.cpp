#include "annotation/field_codec.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string lowered(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string field(const FieldMap& fields, const char* key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string() : it->second;
}

}  // namespace

FieldMap encodeFields(const AudioFields& audio, const VisualFields& visual) {
  FieldMap fields;
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) fields[key] = value;
  };
  if (audio.speakerCount) put("speaker_count", std::to_string(*audio.speakerCount));
  put("tone", audio.tone);
  put("background_music", audio.backgroundMusic);
  put("language", audio.language);
  put("music_style", audio.musicStyle);
  put("voice_source", audio.voiceSource);
  std::string genders;
  for (const auto& gender : audio.speakerGenders) {
    if (gender.empty()) continue;
    if (!genders.empty()) genders += ", ";
    genders += gender;
  }
  put("speaker_genders", genders);
  put("background", visual.background);
  if (visual.backgroundChanges && !*visual.backgroundChanges) {
    put("background_change", "No");
  } else if (!visual.backgroundChange.empty()) {
    put("background_change", visual.backgroundChange);
  } else if (visual.backgroundChanges) {
    put("background_change", "Yes");
  }
  put("motion", visual.motion);
  put("objects", formatObjectList(visual.objects));
  return fields;
}

DecodedFields decodeFields(const FieldMap& fields, const DecodeFieldOptions& options) {
  DecodedFields out;
  AudioFields& audio = out.audio;
  audio.tone = field(fields, "tone");
  audio.backgroundMusic = field(fields, "background_music");
  audio.language = field(fields, "language");
  audio.musicStyle = field(fields, "music_style");
  audio.voiceSource = field(fields, "voice_source");
  if (const std::string count = trimmed(field(fields, "speaker_count")); !count.empty()) {
    int n = 0;
    if (auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
        ec == std::errc() && end == count.data() + count.size() && n >= 0)
      audio.speakerCount = n;
  }
  std::string genders = field(fields, "speaker_genders");
  std::replace(genders.begin(), genders.end(), ';', ',');
  for (size_t start = 0; start <= genders.size();) {
    const size_t comma = std::min(genders.find(',', start), genders.size());
    if (auto g = trimmed(std::string_view(genders).substr(start, comma - start)); !g.empty())
      audio.speakerGenders.push_back(g);
    start = comma + 1;
  }

  VisualFields& visual = out.visual;
  visual.background = field(fields, "background");
  visual.motion = field(fields, "motion");
  visual.objects = parseObjectList(field(fields, "objects"));
  const std::string change = trimmed(field(fields, "background_change"));
  if (lowered(change) == "no") {
    visual.backgroundChanges = false;
  } else if (lowered(change) == "yes") {
    visual.backgroundChanges = true;
  } else if (!change.empty()) {
    visual.backgroundChanges = true;
    visual.backgroundChange = change;
  } else if (options.backgroundChangeListedOnlyWhenChanging) {
    visual.backgroundChanges = false;
  }
  return out;
}

}  // namespace ugc::annotation
