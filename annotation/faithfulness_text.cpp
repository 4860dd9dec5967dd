#include "annotation/faithfulness_text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ugc::annotation::faithfulness_text {
namespace {

bool isWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

bool isJoiner(std::string_view text, std::size_t at) {
  if (at == 0 || at + 1 >= text.size()) return false;
  const char c = text[at];
  if (c != '-' && c != '\'') return false;
  return isWordByte(text[at - 1]) && isWordByte(text[at + 1]);
}

// A curly apostrophe (U+2019) between word bytes joins like a straight one.
bool isCurlyJoiner(std::string_view text, std::size_t at) {
  return at > 0 && at + 3 < text.size() && text.substr(at, 3) == "\xE2\x80\x99" && isWordByte(text[at - 1]) &&
         isWordByte(text[at + 3]);
}

}  // namespace

std::string asciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::vector<Word> splitWords(std::string_view text) {
  std::vector<Word> words;
  bool sentenceStart = true;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isWordByte(text[i])) {
      const char c = text[i];
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') sentenceStart = true;
      ++i;
      continue;
    }
    Word word;
    word.begin = i;
    std::string lower;
    while (i < text.size()) {
      if (isWordByte(text[i])) {
        lower.push_back(text[i]);
        ++i;
      } else if (isJoiner(text, i)) {
        lower.push_back(text[i]);
        ++i;
      } else if (isCurlyJoiner(text, i)) {
        lower.push_back('\'');
        i += 3;
      } else {
        break;
      }
    }
    word.end = i;
    const std::string_view raw = text.substr(word.begin, word.end - word.begin);
    word.capitalised = raw[0] >= 'A' && raw[0] <= 'Z';
    int letters = 0;
    bool lowerSeen = false;
    for (char c : raw) {
      if (c >= 'A' && c <= 'Z') ++letters;
      if (c >= 'a' && c <= 'z') lowerSeen = true;
    }
    word.allCaps = letters >= 2 && !lowerSeen;
    lower = asciiLower(lower);
    if (lower.size() > 2 && lower.ends_with("'s")) lower.resize(lower.size() - 2);
    if (lower.size() > 2 && lower.ends_with("s'")) lower.resize(lower.size() - 1);
    word.lower = std::move(lower);
    word.sentenceStart = sentenceStart;
    sentenceStart = false;
    words.push_back(std::move(word));
  }
  return words;
}

std::string singular(std::string_view lowerWord) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kIrregular = {{
      {"people", "person"},
      {"persons", "person"},
      {"men", "man"},
      {"women", "woman"},
      {"children", "child"},
      {"feet", "foot"},
      {"teeth", "tooth"},
      {"mice", "mouse"},
      {"geese", "goose"},
      {"knives", "knife"},
      {"leaves", "leaf"},
      {"shelves", "shelf"},
      {"wolves", "wolf"},
      {"ladies", "lady"},
      {"gentlemen", "gentleman"},
      {"sheep", "sheep"},
  }};
  for (const auto& [plural, one] : kIrregular) {
    if (lowerWord == plural) return std::string(one);
  }
  // Compounds keep their head's irregular plural ("policemen", "firemen").
  if (lowerWord.size() > 4 && lowerWord.ends_with("men")) return std::string(lowerWord.substr(0, lowerWord.size() - 2)) + "an";
  static constexpr std::string_view kNotPlural[] = {"glass", "grass", "bus", "gas", "dress", "news", "series",
                                                    "lens",  "chess", "mass", "class", "boss", "process",
                                                    "this",  "his",   "is",   "was",   "has",  "as",
                                                    "its",   "us",    "plus", "status", "canvas", "cactus",
                                                    "headphones", "glasses", "pants", "jeans", "shorts",
                                                    "scissors", "clothes", "stairs", "goods", "trousers"};
  for (std::string_view word : kNotPlural) {
    if (lowerWord == word) return std::string(lowerWord);
  }
  std::string word(lowerWord);
  if (word.size() > 4 && word.ends_with("ies")) return word.substr(0, word.size() - 3) + "y";
  if (word.size() > 3 && (word.ends_with("ches") || word.ends_with("shes") || word.ends_with("xes") ||
                          word.ends_with("sses") || word.ends_with("zes"))) {
    return word.substr(0, word.size() - 2);
  }
  if (word.size() > 3 && word.ends_with("s") && !word.ends_with("ss") && !word.ends_with("us") &&
      !word.ends_with("is")) {
    return word.substr(0, word.size() - 1);
  }
  return word;
}

bool looksPlural(std::string_view lowerWord) {
  static constexpr std::string_view kPluralOnly[] = {"headphones", "glasses", "pants", "jeans", "shorts",
                                                     "scissors",   "clothes", "stairs", "goods", "trousers"};
  for (std::string_view word : kPluralOnly) {
    if (lowerWord == word) return true;
  }
  return singular(lowerWord) != lowerWord;
}

std::optional<int> numberWord(std::string_view lowerWord) {
  static constexpr std::string_view kNumbers[] = {"zero",    "one",     "two",       "three",    "four",
                                                  "five",    "six",     "seven",     "eight",    "nine",
                                                  "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                                  "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                                  "twenty"};
  for (std::size_t n = 0; n < std::size(kNumbers); ++n) {
    if (lowerWord == kNumbers[n]) return static_cast<int>(n);
  }
  if (lowerWord.empty() || lowerWord.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : lowerWord) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::size_t approximateSubstringDistance(std::string_view pattern, std::string_view text) {
  // Row j = the best distance of pattern[0, i) ending at text position j; row 0 is all zeros
  // because a match may start anywhere.
  std::vector<std::size_t> previous(text.size() + 1, 0);
  std::vector<std::size_t> current(text.size() + 1, 0);
  for (std::size_t i = 1; i <= pattern.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= text.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return *std::min_element(previous.begin(), previous.end());
}

std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace ugc::annotation::faithfulness_text
