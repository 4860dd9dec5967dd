#pragma once
// Word-level helpers of the faithfulness checker (faithfulness.h): the caption as words with
// byte spans, English singulars, number words, and approximate substring matching for
// misquotes. Internal to annotation/; tested through faithfulness_test.cpp.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::annotation::faithfulness_text {

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string lower;  // ASCII-lowercased, a possessive "'s" / "s'" dropped
  bool capitalised = false;  // first byte is an ASCII capital
  bool allCaps = false;      // two or more letters, every ASCII letter a capital
  bool inQuote = false;
  bool sentenceStart = false;  // first word of the text or after . ! ? : or a line break
};

// Runs of ASCII letters, digits and bytes >= 0x80; a '-' or an apostrophe between two such bytes
// stays inside the word ("hip-hop", "don't").
std::vector<Word> splitWords(std::string_view text);

std::string asciiLower(std::string_view text);

// "microphones" -> "microphone", "people" -> "person", "women" -> "woman", "boxes" -> "box",
// "shelves" -> "shelf", "berries" -> "berry"; words that only look plural stay ("glass", "bus").
std::string singular(std::string_view lowerWord);
bool looksPlural(std::string_view lowerWord);

// "one".."twenty", and digit strings: the number; nothing otherwise.
std::optional<int> numberWord(std::string_view lowerWord);

// The fewest single-byte edits (insert, delete, substitute) turning `pattern` into some
// substring of `text` (Sellers' algorithm).
std::size_t approximateSubstringDistance(std::string_view pattern, std::string_view text);

// `text` cut to `limit` bytes (at a UTF-8 boundary) with "..." when cut.
std::string shorten(std::string_view text, std::size_t limit = 60);

}  // namespace ugc::annotation::faithfulness_text
