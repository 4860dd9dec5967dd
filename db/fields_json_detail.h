#pragma once
// nlohmann forms of the field types, shared by db/*.cpp (not a public header of the store).

#include <nlohmann/json.hpp>

#include "annotation/fields.h"
#include "core/error.h"

namespace ugc::db::detail {

nlohmann::ordered_json toJson(const annotation::AudioFields& fields);
nlohmann::ordered_json toJson(const annotation::VisualFields& fields);
// Missing keys keep their defaults; a key of the wrong type is an error.
Result<annotation::AudioFields> audioFromJson(const nlohmann::json& json);
Result<annotation::VisualFields> visualFromJson(const nlohmann::json& json);

}  // namespace ugc::db::detail
