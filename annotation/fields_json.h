#pragma once
// Reading the structured fields from their JSON form: the stored form (db's revisions.fields_json,
// the jsonl export) and the demo ground truth's sections. One reader for every place that reads
// fields as JSON; the writer, which must match Python's formatting byte for byte, is db's
// (db/fields_json.h). Keys are snake_case; absent keys and nulls keep the defaults; a key of the
// wrong type is InvalidInput naming the key, never coerced.

#include <string_view>

#include "annotation/fields.h"
#include "core/error.h"

namespace ugc::annotation {

// Keys: speaker_count, tone, background_music, language, music_style, voice_source, speaker_genders.
Result<AudioFields> audioFieldsFromJson(std::string_view jsonText);
// Keys: background, background_changes, background_change, motion, ocr, objects
// ([{"category", "count", "color", "position", "extra", "raw"}]).
Result<VisualFields> visualFieldsFromJson(std::string_view jsonText);

}  // namespace ugc::annotation
