#pragma once
// The annotation field types as JSON, the form they are stored in (revisions.fields_json)
// and exported in (the jsonl export). Keys are snake_case; absent optionals are null.

#include <string>

#include "annotation/fields.h"
#include "annotation/fields_json.h"
#include "core/error.h"

namespace ugc::db {

std::string audioFieldsToJson(const annotation::AudioFields& fields);
std::string visualFieldsToJson(const annotation::VisualFields& fields);
// The readers are annotation's (one reader for the stored form and the demo ground truth).
using annotation::audioFieldsFromJson;
using annotation::visualFieldsFromJson;

}  // namespace ugc::db
