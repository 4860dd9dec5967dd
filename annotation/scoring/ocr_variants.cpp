// The parsing follows the released scripts' behaviour on Python: json.loads on the fence-stripped
// answer; "every double-quoted substring" is re.findall(r'"(.*?)"') (no newline inside, the key
// "ocr" excluded); str(item) for items that are not strings.
#include "annotation/scoring/ocr_variants.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "annotation/scoring/python_text.h"

namespace ugc::annotation::scoring {
namespace {

using nlohmann::json;

std::string pythonStrip(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  // Leading.
  while (begin < end) {
    std::size_t pos = begin;
    if (!isPythonSpace(decodeUtf8(text, pos))) break;
    begin = pos;
  }
  // Trailing: walk code points from `begin`, remembering the end of the last non-space one.
  std::size_t lastNonSpaceEnd = begin;
  std::size_t pos = begin;
  while (pos < end) {
    const char32_t cp = decodeUtf8(text, pos);
    if (!isPythonSpace(cp)) lastNonSpaceEnd = pos;
  }
  return std::string(text.substr(begin, lastNonSpaceEnd - begin));
}

std::string pythonRepr(const json& value);

std::string pythonStringRepr(const std::string& s) {
  const bool useDouble = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
  const char quote = useDouble ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) {
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

std::string pythonFloat(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string s = json(v).dump();  // shortest round-trip digits, like repr()
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

// str(value) as Python prints a json.loads result.
std::string pythonStr(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return value.get<std::string>();
    case json::value_t::null: return "None";
    case json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return value.dump();
    case json::value_t::number_float: return pythonFloat(value.get<double>());
    default: return pythonRepr(value);
  }
}

std::string pythonRepr(const json& value) {
  if (value.is_string()) return pythonStringRepr(value.get<std::string>());
  if (value.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + pythonRepr(value[i]);
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ", ") + pythonStringRepr(key) + ": " + pythonRepr(item);
      first = false;
    }
    return out + "}";
  }
  return pythonStr(value);
}

std::optional<json> parseJson(std::string_view text) {
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

// The items of a parsed answer: an object's "ocr" or a list; nullopt for any other value.
// An "ocr" that is a string iterates over its characters and an object over its keys, as
// Python's " ".join(map(str, ...)) would; null reads as no items, a number or bool as one.
std::optional<std::vector<std::string>> itemsOf(const json& value) {
  const json* list = nullptr;
  if (value.is_object()) {
    auto it = value.find("ocr");
    if (it == value.end()) return std::nullopt;
    list = &*it;
  } else if (value.is_array()) {
    list = &value;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> items;
  if (list->is_array()) {
    for (const auto& item : *list) items.push_back(pythonStr(item));
  } else if (list->is_string()) {
    const std::string s = list->get<std::string>();
    std::size_t pos = 0;
    while (pos < s.size()) {
      const std::size_t start = pos;
      decodeUtf8(s, pos);
      items.push_back(s.substr(start, pos - start));
    }
  } else if (list->is_object()) {
    for (const auto& entry : list->items()) items.push_back(entry.key());
  } else if (!list->is_null()) {
    items.push_back(pythonStr(*list));
  }
  return items;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ' ';
    out += items[i];
  }
  return out;
}

// re.findall(r'"(.*?)"', text) without the key "ocr".
std::vector<std::string> quotedSubstrings(std::string_view text) {
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find('"', pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    const std::size_t newline = text.find('\n', open + 1);
    if (newline != std::string_view::npos && newline < close) {
      pos = open + 1;  // no match starting here; the regex moves on one character
      continue;
    }
    std::string item(text.substr(open + 1, close - open - 1));
    if (item != "ocr") items.push_back(std::move(item));
    pos = close + 1;
  }
  return items;
}

// The answer field: a JSON string's text, or the structured value itself.
struct AnswerField {
  std::optional<std::string> text;
  json value;
};

AnswerField readField(std::string_view predictionFieldJson) {
  AnswerField field;
  auto parsed = parseJson(predictionFieldJson);
  if (!parsed) {
    field.text = std::string(predictionFieldJson);  // not JSON at all: take the bytes as text
  } else if (parsed->is_string()) {
    field.text = parsed->get<std::string>();
  } else {
    field.value = std::move(*parsed);
  }
  return field;
}

}  // namespace

const char* ocrVariantName(OcrVariant variant) {
  return variant == OcrVariant::Cleaned ? "cleaned" : "normalised";
}

Result<OcrVariant> parseOcrVariant(std::string_view name) {
  if (name == "cleaned") return OcrVariant::Cleaned;
  if (name == "normalised" || name == "normalized") return OcrVariant::Normalised;
  return makeError(ErrorCode::InvalidArgument,
                   "unknown OCR scoring variant '" + std::string(name) + "' (cleaned or normalised)");
}

std::string stripCodeFence(std::string_view text) {
  std::string s = pythonStrip(text);
  if (s.rfind("```json", 0) == 0) {
    s.erase(0, 7);
  } else if (s.rfind("```", 0) == 0) {
    s.erase(0, 3);
  }
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, "```") == 0) s.erase(s.size() - 3);
  return pythonStrip(s);
}

std::string normaliseOcrText(std::string_view text) {
  std::string s = pythonLower(text);
  s = replaceAll(s, "\\n", " ");
  s = replaceAll(s, "\\t", " ");
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  s = keepWordSpaceAnd(s, "'\"");
  return collapseSpaces(s);
}

std::string cleanOcrPrediction(std::string_view text) {
  std::string s = pythonLower(text);
  s = replaceAll(s, "\\n", " ");
  for (char& c : s)
    if (c == '\n') c = ' ';
  s = replaceAll(s, "```json", "");
  s = replaceAll(s, "```", "");
  std::string stripped;
  stripped.reserve(s.size());
  for (char c : s)
    if (c != '\\' && c != '"' && c != '[' && c != ']' && c != '{' && c != '}') stripped += c;
  // re.sub(r"^\s*ocr:", "", s)
  std::size_t pos = 0, start = 0;
  while (pos < stripped.size()) {
    std::size_t next = pos;
    if (!isPythonSpace(decodeUtf8(stripped, next))) break;
    pos = next;
  }
  start = pos;
  if (stripped.compare(start, 4, "ocr:") == 0) stripped.erase(0, start + 4);
  s = keepWordSpaceAnd(stripped, "'");
  return collapseSpaces(s);
}

std::vector<std::string> normalisedPredictionItems(std::string_view predictionFieldJson) {
  AnswerField field = readField(predictionFieldJson);
  if (!field.text) return itemsOf(field.value).value_or(std::vector<std::string>{});
  const std::string answer = stripCodeFence(*field.text);
  if (auto parsed = parseJson(answer)) return itemsOf(*parsed).value_or(std::vector<std::string>{});
  return quotedSubstrings(answer);
}

std::string cleanedPredictionText(std::string_view predictionFieldJson) {
  AnswerField field = readField(predictionFieldJson);
  if (!field.text) {
    if (auto items = itemsOf(field.value)) return joined(*items);
    return field.value.is_null() ? std::string() : pythonStr(field.value);
  }
  const std::string answer = stripCodeFence(*field.text);
  if (auto parsed = parseJson(answer))
    if (auto items = itemsOf(*parsed)) return joined(*items);
  return answer;
}

std::optional<PreparedOcrPair> prepareOcrPair(const std::vector<std::string>& groundTruth,
                                              std::string_view predictionFieldJson, OcrVariant variant) {
  PreparedOcrPair pair;
  if (variant == OcrVariant::Normalised) {
    const auto items = normalisedPredictionItems(predictionFieldJson);
    if (groundTruth.empty() || items.empty()) return std::nullopt;
    pair.reference = normaliseOcrText(joined(groundTruth));
    pair.prediction = normaliseOcrText(joined(items));
    return pair;
  }
  const std::string reference = pythonLower(joined(groundTruth));
  if (pythonStrip(reference).empty()) return std::nullopt;
  pair.reference = reference;
  pair.prediction = cleanOcrPrediction(cleanedPredictionText(predictionFieldJson));
  return pair;
}

}  // namespace ugc::annotation::scoring
