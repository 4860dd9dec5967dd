#include "annotation/fields_json.h"

#include <nlohmann/json.hpp>

namespace ugc::annotation {
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

Result<AudioFields> audioFromJson(const json& in) {
  if (!in.is_object()) return makeError(ErrorCode::InvalidInput, "audio fields must be a JSON object");
  AudioFields fields;
  for (auto ok : {readOptionalKey(in, "speaker_count", fields.speakerCount), readKey(in, "tone", fields.tone),
                  readKey(in, "background_music", fields.backgroundMusic), readKey(in, "language", fields.language),
                  readKey(in, "music_style", fields.musicStyle), readKey(in, "voice_source", fields.voiceSource),
                  readKey(in, "speaker_genders", fields.speakerGenders)}) {
    if (!ok) return tl::unexpected(ok.error());
  }
  return fields;
}

Result<VisualFields> visualFromJson(const json& in) {
  if (!in.is_object()) return makeError(ErrorCode::InvalidInput, "visual fields must be a JSON object");
  VisualFields fields;
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
      ObjectEntry object;
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

}  // namespace

Result<AudioFields> audioFieldsFromJson(std::string_view text) {
  auto parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return makeError(ErrorCode::InvalidInput, "audio fields are not valid JSON");
  return audioFromJson(parsed);
}

Result<VisualFields> visualFieldsFromJson(std::string_view text) {
  auto parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return makeError(ErrorCode::InvalidInput, "visual fields are not valid JSON");
  return visualFromJson(parsed);
}

}  // namespace ugc::annotation
