#include "annotation/scoring/mcq.h"

#include <algorithm>

namespace ugc::annotation::scoring {
namespace {

bool isTrimmed(char c) {
  static constexpr std::string_view kTrim = " \t\r\n.,;:!?\"'*()[]{}`";
  return kTrim.find(c) != std::string_view::npos;
}

std::string lowerTrimmed(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && isTrimmed(text[begin])) ++begin;
  while (end > begin && isTrimmed(text[end - 1])) --end;
  std::string out;
  for (char c : text.substr(begin, end - begin)) out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  return out;
}

bool isWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

std::optional<std::size_t> exactOption(const std::string& text, const std::vector<std::string>& options) {
  for (std::size_t i = 0; i < options.size(); ++i)
    if (text == lowerTrimmed(options[i])) return i;
  return std::nullopt;
}

std::optional<std::size_t> letterOption(const std::string& text, std::size_t count) {
  if (text.size() == 1 && text[0] >= 'a' && std::size_t(text[0] - 'a') < count) return std::size_t(text[0] - 'a');
  return std::nullopt;
}

bool containsPhrase(const std::string& text, const std::string& phrase) {
  if (phrase.empty()) return false;
  for (std::size_t pos = text.find(phrase); pos != std::string::npos; pos = text.find(phrase, pos + 1)) {
    const bool startOk = pos == 0 || !isWordByte(text[pos - 1]);
    const std::size_t end = pos + phrase.size();
    const bool endOk = end == text.size() || !isWordByte(text[end]);
    if (startOk && endOk) return true;
  }
  return false;
}

}  // namespace

std::optional<std::size_t> answerOption(std::string_view answer, const std::vector<std::string>& options) {
  return exactOption(lowerTrimmed(answer), options);
}

std::optional<std::size_t> matchOption(std::string_view prediction, const std::vector<std::string>& options) {
  const std::string text = lowerTrimmed(prediction);
  if (text.empty()) return std::nullopt;
  if (auto exact = exactOption(text, options)) return exact;
  if (auto letter = letterOption(text, options.size())) return letter;
  // "b. negative", "(b) negative", "b) negative", "b: negative"
  if (text.size() > 2 && text[0] >= 'a' && std::size_t(text[0] - 'a') < options.size() &&
      (text[1] == '.' || text[1] == ')' || text[1] == ':')) {
    const std::size_t letter = std::size_t(text[0] - 'a');
    const auto named = exactOption(lowerTrimmed(text.substr(1)), options);
    if (named) return *named == letter ? named : std::nullopt;
  }
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (!containsPhrase(text, lowerTrimmed(options[i]))) continue;
    if (found) return std::nullopt;  // two options named: ambiguous
    found = i;
  }
  return found;
}

McqSummary summariseMcq(const std::vector<McqItem>& items, std::size_t optionCount) {
  McqSummary summary;
  summary.items = items.size();
  summary.confusion.assign(optionCount, std::vector<std::size_t>(optionCount + 1, 0));
  std::vector<std::size_t> truthCounts(optionCount, 0);
  for (const auto& item : items) {
    if (item.truth >= optionCount) continue;
    ++truthCounts[item.truth];
    const std::size_t column = item.predicted && *item.predicted < optionCount ? *item.predicted : optionCount;
    ++summary.confusion[item.truth][column];
    if (item.predicted && *item.predicted == item.truth) ++summary.correct;
  }
  if (!items.empty()) {
    summary.accuracy = double(summary.correct) / double(items.size());
    summary.constantOption = std::size_t(std::max_element(truthCounts.begin(), truthCounts.end()) - truthCounts.begin());
    summary.constantAccuracy = double(truthCounts[summary.constantOption]) / double(items.size());
  }
  return summary;
}

}  // namespace ugc::annotation::scoring
