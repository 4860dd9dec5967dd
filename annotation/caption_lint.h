#pragma once
// Text checks on captions used by validation.h: word counts, "paragraph, not a list", and the
// modality-leakage lint (an audio caption describing what can only be seen, a visual caption
// describing what can only be heard). Matching is ASCII case-insensitive on whole words;
// spans are byte offsets into the text given, so the GUI can highlight them.

#include <cstddef>
#include <string_view>
#include <vector>

namespace ugc::annotation {

// [begin, end) in bytes.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const TextSpan&) const = default;
};

// Words = whitespace-separated tokens holding at least one letter or digit (any non-ASCII byte
// counts as a letter). "a - b" is 2 words, "well-known" 1.
int countCaptionWords(std::string_view text);

// Lines that start (after spaces) with a bullet ("-", "*", "•", "·") or a number marker
// ("1.", "2)", "(3)"): the span of each marker.
std::vector<TextSpan> findListMarkers(std::string_view text);
// Line breaks between non-empty lines (blank lines do not add more).
int countLineBreaks(std::string_view text);

// Visual-only content in an audio caption: colours, clothing, "we see", "on-screen", "close-up",
// ... Quoted text is skipped (it is reported speech: "Black Pink").
std::vector<TextSpan> findAudioCaptionLeakage(std::string_view caption);
// Audio-only content in a visual caption: music, sound, voices, hearing, and speech verbs
// quoting what is said ("she says, '...'") unless the quote is on-screen text ("the sign says").
// Quoted text is skipped (it is on-screen text).
std::vector<TextSpan> findVisualCaptionLeakage(std::string_view caption);

// Mentions of music not negated ("no background music" is not a mention).
std::vector<TextSpan> findMusicMentions(std::string_view caption);
// Mentions of a voice or speech (speaker, says, narrator, ...), not negated.
std::vector<TextSpan> findVoiceMentions(std::string_view caption);
// Quotes introduced as on-screen text ("text reads 'SALE'", "a caption saying ..."):
// the span of each quote.
std::vector<TextSpan> findQuotedOnScreenText(std::string_view caption);
// Quoted regions, quote marks included: "...", “...” and '...' whose quotes are not apostrophes
// inside words ("let's"). The leakage lint skips them; the faithfulness checker checks them.
std::vector<TextSpan> findQuotedRegions(std::string_view text);
// Wording that says the scene changes ("transitions to", "cuts to", "moves to a").
std::vector<TextSpan> findSceneChangeMentions(std::string_view caption);

}  // namespace ugc::annotation
