#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

constexpr std::string_view kCountMarker = " (count: ";
constexpr std::string_view kColorMarker = ", color: ";
constexpr std::string_view kPositionMarker = ", position: ";

// Splits on "; " at parenthesis depth 0; unbalanced ')' never drives the depth negative.
std::vector<std::string_view> splitEntries(std::string_view text) {
  std::vector<std::string_view> entries;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0 && text.compare(i, 2, "; ") == 0) {
      entries.push_back(text.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  entries.push_back(text.substr(start));
  return entries;
}

ObjectEntry parseEntry(std::string_view text) {
  ObjectEntry entry;
  const std::size_t count = text.find(kCountMarker);
  const std::size_t color =
      count == std::string_view::npos ? count : text.find(kColorMarker, count + kCountMarker.size());
  const std::size_t position =
      color == std::string_view::npos ? color : text.find(kPositionMarker, color + kColorMarker.size());
  const std::size_t close = text.rfind(')');
  if (position == std::string_view::npos || close == std::string_view::npos ||
      close < position + kPositionMarker.size()) {
    entry.raw = std::string(text);
    return entry;
  }
  entry.category = std::string(text.substr(0, count));
  const std::size_t countBegin = count + kCountMarker.size();
  entry.count = std::string(text.substr(countBegin, color - countBegin));
  const std::size_t colorBegin = color + kColorMarker.size();
  entry.color = std::string(text.substr(colorBegin, position - colorBegin));
  const std::size_t positionBegin = position + kPositionMarker.size();
  entry.position = std::string(text.substr(positionBegin, close - positionBegin));
  entry.extra = std::string(text.substr(close + 1));
  return entry;
}

}  // namespace

std::vector<ObjectEntry> parseObjectList(std::string_view text) {
  std::vector<ObjectEntry> objects;
  if (text.empty()) return objects;
  for (std::string_view entry : splitEntries(text)) objects.push_back(parseEntry(entry));
  return objects;
}

std::string formatObjectEntry(const ObjectEntry& object) {
  if (!object.raw.empty()) return object.raw;
  // An empty piece ("a; " ends in one) parses to an all-empty entry and must stay empty.
  if (object == ObjectEntry{}) return {};
  std::string text = object.category;
  text += kCountMarker;
  text += object.count;
  text += kColorMarker;
  text += object.color;
  text += kPositionMarker;
  text += object.position;
  text += ')';
  text += object.extra;
  return text;
}

std::string formatObjectList(const std::vector<ObjectEntry>& objects) {
  std::string text;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) text += "; ";
    text += formatObjectEntry(objects[i]);
  }
  return text;
}

}  // namespace ugc::annotation
