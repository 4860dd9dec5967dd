#pragma once
// The few pieces of Python 3's text semantics the released scoring scripts rely on, so the OCR
// scorer gives their numbers on any input: `re`'s Unicode \w and \s, str.lower() where it can
// produce ASCII, and str(item) of a JSON value. Input is UTF-8; an invalid byte reads as U+FFFD.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ugc::annotation::scoring {

// Python's \w on a str: str.isalnum() or "_" (Unicode 14 tables, generated).
bool isPythonWordChar(char32_t cp);
// Python's \s on a str: str.isspace().
bool isPythonSpace(char32_t cp);

// Decodes one code point at text[pos], advancing pos (at least one byte).
char32_t decodeUtf8(std::string_view text, std::size_t& pos);
void appendUtf8(std::string& out, char32_t cp);

// str.lower() as far as the metrics can see: ASCII letters, U+0130 (-> "i" U+0307) and the
// Kelvin sign U+212A (-> "k"); other non-ASCII code points are kept as they are (their case
// never changes a token: the metrics' tokens are ASCII, and \w is closed under lowercasing).
std::string pythonLower(std::string_view text);

// re.sub(r"\s+", " ", text).strip()
std::string collapseSpaces(std::string_view text);

// Keeps the code points that are \w, \s or one of `keep` (ASCII); removes the rest.
std::string keepWordSpaceAnd(std::string_view text, std::string_view keep);

// Replaces every occurrence of `from` by `to`.
std::string replaceAll(std::string_view text, std::string_view from, std::string_view to);

namespace detail {
struct CodePointRange {
  char32_t first;
  char32_t last;
};
extern const CodePointRange kWordRanges[];
extern const std::size_t kWordRangesSize;
extern const CodePointRange kSpaceRanges[];
extern const std::size_t kSpaceRangesSize;
}  // namespace detail

}  // namespace ugc::annotation::scoring
