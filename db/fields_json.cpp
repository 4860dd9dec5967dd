#include "db/fields_json.h"

#include "db/fields_json_detail.h"
#include "db/python_json.h"

namespace ugc::db {
namespace detail {

nlohmann::ordered_json toJson(const annotation::AudioFields& fields) {
  nlohmann::ordered_json out;
  out["speaker_count"] = fields.speakerCount ? nlohmann::ordered_json(*fields.speakerCount) : nullptr;
  out["tone"] = fields.tone;
  out["background_music"] = fields.backgroundMusic;
  out["language"] = fields.language;
  out["music_style"] = fields.musicStyle;
  out["voice_source"] = fields.voiceSource;
  out["speaker_genders"] = fields.speakerGenders;
  return out;
}

nlohmann::ordered_json toJson(const annotation::VisualFields& fields) {
  nlohmann::ordered_json out;
  out["background"] = fields.background;
  out["background_changes"] = fields.backgroundChanges ? nlohmann::ordered_json(*fields.backgroundChanges) : nullptr;
  out["background_change"] = fields.backgroundChange;
  out["motion"] = fields.motion;
  out["ocr"] = fields.ocrLines;
  out["objects"] = nlohmann::ordered_json::array();
  for (const auto& object : fields.objects) {
    out["objects"].push_back({{"category", object.category},
                              {"count", object.count},
                              {"color", object.color},
                              {"position", object.position},
                              {"extra", object.extra},
                              {"raw", object.raw}});
  }
  return out;
}

}  // namespace detail

std::string audioFieldsToJson(const annotation::AudioFields& fields) { return detail::pythonCompact(detail::toJson(fields)); }
std::string visualFieldsToJson(const annotation::VisualFields& fields) { return detail::pythonCompact(detail::toJson(fields)); }

}  // namespace ugc::db
