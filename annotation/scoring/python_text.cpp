#include "annotation/scoring/python_text.h"

#include <algorithm>

namespace ugc::annotation::scoring {
namespace {

bool inRanges(char32_t cp, const detail::CodePointRange* ranges, std::size_t size) {
  const auto* end = ranges + size;
  const auto* it = std::upper_bound(ranges, end, cp,
                                    [](char32_t value, const detail::CodePointRange& r) { return value < r.first; });
  if (it == ranges) return false;
  --it;
  return cp <= it->last;
}

}  // namespace

bool isPythonWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
  return inRanges(cp, detail::kWordRanges, detail::kWordRangesSize);
}

bool isPythonSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  return inRanges(cp, detail::kSpaceRanges, detail::kSpaceRangesSize);
}

char32_t decodeUtf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int length = 0;
  char32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += length;
  return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

std::string pythonLower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : char(c);
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = decodeUtf8(text, pos);
    if (cp == 0x130) {
      out += 'i';
      appendUtf8(out, 0x307);
    } else if (cp == 0x212A) {
      out += 'k';
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string collapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pendingSpace = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decodeUtf8(text, pos);
    if (isPythonSpace(cp)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && !out.empty()) out += ' ';
    pendingSpace = false;
    out.append(text.substr(start, pos - start));
  }
  return out;
}

std::string keepWordSpaceAnd(std::string_view text, std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decodeUtf8(text, pos);
    const bool kept = isPythonWordChar(cp) || isPythonSpace(cp) ||
                      (cp < 0x80 && keep.find(char(cp)) != std::string_view::npos);
    if (kept) out.append(text.substr(start, pos - start));
  }
  return out;
}

std::string replaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) return std::string(text);
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = text.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace ugc::annotation::scoring
