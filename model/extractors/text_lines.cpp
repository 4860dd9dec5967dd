#include "model/extractors/text_lines.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace ugc::model {

std::string normaliseOcrText(std::string_view text) {
  std::string out;
  bool pendingSpace = false;
  for (char raw : text) {
    const unsigned char c = static_cast<unsigned char>(raw);
    if (std::isalnum(c)) {
      if (pendingSpace && !out.empty()) out.push_back(' ');
      pendingSpace = false;
      out.push_back(char(std::toupper(c)));
    } else if (std::isspace(c)) {
      pendingSpace = true;
    }
    // Punctuation vanishes without splitting the word: "LET'S" -> "LETS".
  }
  return out;
}

double normalisedEditDistance(std::string_view a, std::string_view b) {
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
};

// Strips stray symbols Tesseract reads from outlines and edges at either end of a line.
std::string trimLine(const std::string& text) {
  size_t first = 0, last = text.size();
  auto keep = [](unsigned char c) { return std::isalnum(c) || c == '!' || c == '?' || c == '\'' || c == '"'; };
  while (first < last && !std::isalnum(static_cast<unsigned char>(text[first]))) ++first;
  while (last > first && !keep(static_cast<unsigned char>(text[last - 1]))) --last;
  std::string out;
  bool space = false;
  for (size_t i = first; i < last; ++i) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(text[i]);
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
    for (char c : key) letters += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
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
      tracks.push_back(Track{key, {}, {}, {}, 0});
      best = &tracks.back();
    }
    best->variants[cleaned] += 1;
    best->variantConfidence[cleaned] += reading.confidence;
    if (best->times.empty() || best->times.back() != reading.time) best->times.push_back(reading.time);
    best->confidenceSum += reading.confidence;
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
