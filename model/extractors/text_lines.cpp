#include "model/extractors/text_lines.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "model/extractors/frame_position.h"

namespace ugc::model {

namespace {

// UTF-8 decoding for the merge key: PP-OCRv4 reads Chinese, and a byte-wise key would drop
// every CJK character (bytes >= 0x80 are not isalnum), so Chinese lines never survived merging.
// A malformed byte counts as one code point U+FFFD.
std::vector<char32_t> decodeUtf8(std::string_view text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + size_t(n) > text.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? c : char32_t(c & (0x7F >> n));
    bool valid = true;
    for (int k = 1; k < n; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + size_t(k)]);
      valid = valid && (next >> 6) == 2;
      cp = (cp << 6) | (next & 0x3F);
    }
    out.push_back(valid ? cp : char32_t(0xFFFD));
    i += valid ? size_t(n) : 1;
  }
  return out;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

bool isSpace(char32_t cp) { return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000; }

// Punctuation and symbols outside ASCII that vanish from the key like ASCII punctuation:
// Latin-1 symbols, general punctuation, CJK symbols and punctuation, full-width ASCII
// punctuation, replacement characters.
bool isNonAsciiPunctuation(char32_t cp) {
  return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD;
}

// A character that is part of a word: ASCII letters and digits, and any other code point that
// is neither space nor punctuation (CJK ideographs, accented letters, kana, hangul...).
bool isWordCharacter(char32_t cp) {
  if (cp < 0x80) return std::isalnum(int(cp)) != 0;
  return !isSpace(cp) && !isNonAsciiPunctuation(cp);
}

}  // namespace

std::string normaliseOcrText(std::string_view text) {
  std::string out;
  bool pendingSpace = false;
  for (char32_t cp : decodeUtf8(text)) {
    if (isWordCharacter(cp)) {
      if (pendingSpace && !out.empty()) out.push_back(' ');
      pendingSpace = false;
      appendUtf8(out, cp < 0x80 ? char32_t(std::toupper(int(cp))) : cp);
    } else if (isSpace(cp)) {
      pendingSpace = true;
    }
    // Punctuation vanishes without splitting the word: "LET'S" -> "LETS".
  }
  return out;
}

double normalisedEditDistance(std::string_view aText, std::string_view bText) {
  const std::vector<char32_t> a = decodeUtf8(aText), b = decodeUtf8(bText);
  if (a.empty() && b.empty()) return 0;
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return double(previous[b.size()]) / double(std::max(a.size(), b.size()));
}

namespace {

struct Track {
  std::string key;                      // normalised text of the first reading
  std::map<std::string, int> variants;  // cleaned reading -> frames
  std::map<std::string, double> variantConfidence;
  std::vector<double> times;
  double confidenceSum = 0;
  FrameBox boxSum;  // sums of the known boxes, averaged into the line's box
  int boxes = 0;
};

// Strips stray symbols Tesseract reads from outlines and edges at either end of a line
// (code point by code point, so a line starting with a CJK character keeps it).
std::string trimLine(const std::string& text) {
  const std::vector<char32_t> cps = decodeUtf8(text);
  size_t first = 0, last = cps.size();
  auto keepAtEnd = [](char32_t c) { return isWordCharacter(c) || c == '!' || c == '?' || c == '\'' || c == '"'; };
  while (first < last && !isWordCharacter(cps[first])) ++first;
  while (last > first && !keepAtEnd(cps[last - 1])) --last;
  std::string out;
  bool space = false;
  for (size_t i = first; i < last; ++i) {
    if (isSpace(cps[i])) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    appendUtf8(out, cps[i]);
  }
  return out;
}

}  // namespace

std::vector<OcrLine> mergeTextReadings(std::vector<TextReading> readings, const TextMergeParams& params) {
  std::stable_sort(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  std::vector<Track> tracks;
  for (const auto& reading : readings) {
    const std::string cleaned = trimLine(reading.text);
    const std::string key = normaliseOcrText(cleaned);
    size_t letters = 0;
    for (char32_t c : decodeUtf8(key)) letters += c != ' ' ? 1 : 0;
    if (letters < 2) continue;
    Track* best = nullptr;
    double bestDistance = params.maxDistance;
    for (auto& track : tracks) {
      const double d = normalisedEditDistance(key, track.key);
      if (d <= bestDistance) {
        bestDistance = d;
        best = &track;
      }
    }
    if (!best) {
      tracks.push_back(Track{key, {}, {}, {}, 0, {}, 0});
      best = &tracks.back();
    }
    best->variants[cleaned] += 1;
    best->variantConfidence[cleaned] += reading.confidence;
    if (best->times.empty() || best->times.back() != reading.time) best->times.push_back(reading.time);
    best->confidenceSum += reading.confidence;
    if (reading.box.width > 0 && reading.box.height > 0) {
      best->boxSum.x += reading.box.x;
      best->boxSum.y += reading.box.y;
      best->boxSum.width += reading.box.width;
      best->boxSum.height += reading.box.height;
      ++best->boxes;
    }
  }

  std::vector<OcrLine> lines;
  for (const auto& track : tracks) {
    if (int(track.times.size()) < params.minFrames) continue;
    OcrLine line;
    int bestCount = -1;
    double bestConfidence = -1;
    int readingsCount = 0;
    for (const auto& [text, count] : track.variants) {
      readingsCount += count;
      const double confidence = track.variantConfidence.at(text) / count;
      if (count > bestCount || (count == bestCount && confidence > bestConfidence)) {
        line.text = text;
        bestCount = count;
        bestConfidence = confidence;
      }
    }
    line.confidence = track.confidenceSum / std::max(1, readingsCount);
    line.frames = int(track.times.size());
    if (track.boxes > 0) {
      const double n = track.boxes;
      line.box = {track.boxSum.x / n, track.boxSum.y / n, track.boxSum.width / n, track.boxSum.height / n};
      line.position = framePositionWords(line.box);
    }
    const double half = params.frameInterval / 2;
    for (double t : track.times) {
      TimeRange range{std::max(0.0, t - half), t + half};
      if (!line.ranges.empty() && range.start <= line.ranges.back().end + params.frameInterval * 1.01)
        line.ranges.back().end = range.end;
      else
        line.ranges.push_back(range);
    }
    lines.push_back(line);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.ranges.front().start < b.ranges.front().start; });
  return lines;
}

}  // namespace ugc::model
