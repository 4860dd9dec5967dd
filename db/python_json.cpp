#include "db/python_json.h"

namespace ugc::db::detail {

void appendPythonString(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  size_t clean = 0;  // copy runs that need no escape in one go
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + clean, i - clean);
    clean = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.data() + clean, text.size() - clean);
  out += '"';
}

void appendPythonCompact(std::string& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ", ";
        first = false;
        appendPythonString(out, key);
        out += ": ";
        appendPythonCompact(out, item);
      }
      out += '}';
      return;
    }
    case nlohmann::ordered_json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ", ";
        first = false;
        appendPythonCompact(out, item);
      }
      out += ']';
      return;
    }
    case nlohmann::ordered_json::value_t::string:
      appendPythonString(out, value.get_ref<const std::string&>());
      return;
    default: out += value.dump();
  }
}

std::string pythonCompact(const nlohmann::ordered_json& value) {
  std::string out;
  appendPythonCompact(out, value);
  return out;
}

}  // namespace ugc::db::detail
