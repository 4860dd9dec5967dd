#pragma once
// The annotation field types as JSON, the form they are stored in (revisions.fields_json)
// and exported in (the jsonl export). Keys are snake_case; absent optionals are null.

#include <string>

#include "annotation/fields.h"
#include "core/error.h"

namespace ugc::db {

std::string audioFieldsToJson(const annotation::AudioFields& fields);
std::string visualFieldsToJson(const annotation::VisualFields& fields);
Result<annotation::AudioFields> audioFieldsFromJson(const std::string& json);
Result<annotation::VisualFields> visualFieldsFromJson(const std::string& json);

}  // namespace ugc::db
