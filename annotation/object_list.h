#pragma once
// The object answer of the benchmark: "obj (count: X, color: Y, position: Z); obj2 (...)".
// Parsing is lossless: formatObjectList(parseObjectList(text)) == text for every input,
// including the hand-typed answers of the release that break the template (newlines inside
// fields, nested parentheses, entries with no "(count: ...)" at all: see ObjectEntry::raw).

#include <string>
#include <string_view>
#include <vector>

#include "annotation/fields.h"

namespace ugc::annotation {

// Entries are separated by "; " outside parentheses. An empty text gives no entries.
std::vector<ObjectEntry> parseObjectList(std::string_view text);
std::string formatObjectList(const std::vector<ObjectEntry>& objects);
// One entry: its raw text when set, else "category (count: X, color: Y, position: Z)extra".
std::string formatObjectEntry(const ObjectEntry& object);

}  // namespace ugc::annotation
