#pragma once
// The structured answers as a flat key -> text map, the form the drafter reads them in
// (model::CaptionerInput::fields) and training samples carry. One codec both ways, so the
// draft service (encode) and the evaluation (decode) cannot drift apart; a round trip gives
// the fields back (on-screen text travels separately, as lines).
//
// Keys: speaker_count, tone, background_music, language, music_style, voice_source,
// speaker_genders ("male, female"), background, background_change ("No", "Yes" or how it
// changes), motion, objects (the release's object list, object_list.h). Empty answers are
// left out.

#include <map>
#include <string>

#include "annotation/fields.h"

namespace ugc::annotation {

using FieldMap = std::map<std::string, std::string>;

FieldMap encodeFields(const AudioFields& audio, const VisualFields& visual);

struct DecodeFieldOptions {
  // The release lists background_change only for videos whose background changes; read
  // there, a missing key means "no change". Elsewhere a missing key means "not answered".
  bool backgroundChangeListedOnlyWhenChanging = false;
};

struct DecodedFields {
  AudioFields audio;
  VisualFields visual;
};

// Lenient on spelling the way people and releases write it: case of yes/no, spaces, ';' or
// ',' between genders. A speaker count that is not a whole number is left unanswered.
DecodedFields decodeFields(const FieldMap& fields, const DecodeFieldOptions& options = {});

}  // namespace ugc::annotation
