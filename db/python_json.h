#pragma once
// JSON text as Python's json.dumps(value, ensure_ascii=False) writes it: ", " and ": "
// separators, UTF-8 unescaped, escapes only for '"', '\\' and control characters (\n, \r, \t,
// \b, \f by name, the rest as \u00xx). U+2028/U+2029 and DEL stay raw, as in Python.
// Used for stored JSON columns and the JSONL exports so they can be embedded without re-parsing.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ugc::db::detail {

void appendPythonString(std::string& out, std::string_view text);
void appendPythonCompact(std::string& out, const nlohmann::ordered_json& value);
std::string pythonCompact(const nlohmann::ordered_json& value);

}  // namespace ugc::db::detail
