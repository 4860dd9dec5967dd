#include "db/fields_json.h"

#include "db/fields_json_detail.h"
#include "db/python_json.h"

namespace ugc::db {
namespace detail {
namespace {

using nlohmann::json;

// Reads an optional key of the expected type; wrong types are reported, not coerced.
template <typename T>
Status readKey(const json& object, const char* key, T& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    return makeError(ErrorCode::InvalidInput, std::string("field '") + key + "' has the wrong type (" +
                                                  it->type_name() + ")");
  }
  return {};
}

template <typename T>
Status readOptionalKey(const json& object, const char* key, std::optional<T>& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    out.reset();
    return {};
  }
  T value{};
  if (auto ok = readKey(object, key, value); !ok) return ok;
  out = value;
  return {};
}

}  // namespace

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

Result<annotation::AudioFields> audioFromJson(const json& in) {
  if (!in.is_object()) return makeError(ErrorCode::InvalidInput, "audio fields must be a JSON object");
  annotation::AudioFields fields;
  for (auto ok : {readOptionalKey(in, "speaker_count", fields.speakerCount), readKey(in, "tone", fields.tone),
                  readKey(in, "background_music", fields.backgroundMusic), readKey(in, "language", fields.language),
                  readKey(in, "music_style", fields.musicStyle), readKey(in, "voice_source", fields.voiceSource),
                  readKey(in, "speaker_genders", fields.speakerGenders)}) {
    if (!ok) return tl::unexpected(ok.error());
  }
  return fields;
}

Result<annotation::VisualFields> visualFromJson(const json& in) {
  if (!in.is_object()) return makeError(ErrorCode::InvalidInput, "visual fields must be a JSON object");
  annotation::VisualFields fields;
  for (auto ok : {readKey(in, "background", fields.background),
                  readOptionalKey(in, "background_changes", fields.backgroundChanges),
                  readKey(in, "background_change", fields.backgroundChange), readKey(in, "motion", fields.motion),
                  readKey(in, "ocr", fields.ocrLines)}) {
    if (!ok) return tl::unexpected(ok.error());
  }
  if (auto objects = in.find("objects"); objects != in.end() && !objects->is_null()) {
    if (!objects->is_array()) return makeError(ErrorCode::InvalidInput, "field 'objects' must be an array");
    for (const auto& entry : *objects) {
      if (!entry.is_object()) return makeError(ErrorCode::InvalidInput, "each object entry must be a JSON object");
      annotation::ObjectEntry object;
      for (auto ok : {readKey(entry, "category", object.category), readKey(entry, "count", object.count),
                      readKey(entry, "color", object.color), readKey(entry, "position", object.position),
                      readKey(entry, "extra", object.extra), readKey(entry, "raw", object.raw)}) {
        if (!ok) return tl::unexpected(ok.error());
      }
      fields.objects.push_back(std::move(object));
    }
  }
  return fields;
}

}  // namespace detail

std::string audioFieldsToJson(const annotation::AudioFields& fields) { return detail::pythonCompact(detail::toJson(fields)); }
std::string visualFieldsToJson(const annotation::VisualFields& fields) { return detail::pythonCompact(detail::toJson(fields)); }

Result<annotation::AudioFields> audioFieldsFromJson(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return makeError(ErrorCode::InvalidInput, "audio fields are not valid JSON");
  return detail::audioFromJson(json);
}

Result<annotation::VisualFields> visualFieldsFromJson(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return makeError(ErrorCode::InvalidInput, "visual fields are not valid JSON");
  return detail::visualFromJson(json);
}

}  // namespace ugc::db
