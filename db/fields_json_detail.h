#pragma once
// nlohmann forms of the field types, shared by db/*.cpp (not a public header of the store).

#include <nlohmann/json.hpp>

#include "annotation/fields.h"
#include "core/error.h"

namespace ugc::db::detail {

nlohmann::ordered_json toJson(const annotation::AudioFields& fields);
nlohmann::ordered_json toJson(const annotation::VisualFields& fields);

}  // namespace ugc::db::detail
