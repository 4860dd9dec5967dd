#include "annotation/caption_lint.h"

#include <algorithm>
#include <optional>
#include <span>
#include <string>

namespace ugc::annotation {
namespace {

using Terms = std::span<const std::string_view>;

// Tuned on the release-dev captions (docs/workflow.md has the measured rates): words that name
// what only the eyes get. "hair" and "camera" were dropped: speakers talk about them.
constexpr std::string_view kVisualOnlyTerms[] = {"red",           "blue",
                                                 "green",         "yellow",
                                                 "orange",        "purple",
                                                 "pink",          "brown",
                                                 "black",         "white",
                                                 "gray",          "grey",
                                                 "beige",         "turquoise",
                                                 "violet",        "maroon",
                                                 "navy",          "we see",
                                                 "can be seen",   "is seen",
                                                 "are seen",      "visible",
                                                 "on-screen",     "on screen",
                                                 "onscreen",      "text reads",
                                                 "caption reads", "subtitle",
                                                 "subtitles",     "the screen shows",
                                                 "wearing",       "dressed in",
                                                 "shirt",         "t-shirt",
                                                 "jacket",        "outfit",
                                                 "smiles",        "smiling",
                                                 "close-up",      "zooms in",
                                                 "zooms out",     "visually",
                                                 "displayed",     "camera pans",
                                                 "camera zooms",  "camera angle",
                                                 "the frame",     "shown on",
                                                 "depicted",      "looks at",
                                                 "glances",       "appears on screen"};
constexpr std::string_view kVisualOnlyExceptions[] = {"white noise", "pink noise", "brown noise"};

// What only the ears get. "rhythm", "beat" and "lyrics" were dropped: dancing and lyric
// overlays are visible; "hearing" too (a formal hearing).
constexpr std::string_view kAudioOnlyTerms[] = {
    "music",    "musical", "song",   "songs", "melody", "soundtrack", "sound",         "sounds",       "audio",
    "hear",     "hears",   "heard",  "voice", "voices", "voiceover",  "voice-over",    "narrator",     "narration",
    "narrates", "audible", "loudly", "noise", "noises", "laughter",   "tone of voice", "sound effect", "sound effects"};
constexpr std::string_view kAudioOnlyExceptions[] = {"sound asleep", "musical instrument", "musical instruments"};

constexpr std::string_view kSpeechVerbs[] = {
    "says",   "said",     "saying",    "asks",    "asked",   "exclaims", "exclaimed", "shouts",    "shouted",  "yells",
    "yelled", "whispers", "whispered", "replies", "replied", "tells",    "told",      "announces", "announced"};
// Words before a quote that make it on-screen text rather than speech.
constexpr std::string_view kTextNouns[] = {
    "text",    "sign",    "caption", "captions", "subtitle", "subtitles", "screen", "shirt", "banner", "reads", "read",
    "overlay", "written", "label",   "poster",   "message",  "note",      "board",  "card",  "title",  "words"};
constexpr std::string_view kMusicTerms[] = {"music",      "musical", "song",         "songs", "melody",
                                            "soundtrack", "tune",    "instrumental", "bgm"};
constexpr std::string_view kVoiceTerms[] = {"speaker",  "speakers", "speaks",  "speaking",     "says",
                                            "said",     "voice",    "voices",  "narrator",     "narration",
                                            "narrates", "talks",    "talking", "conversation", "dialogue"};
constexpr std::string_view kNegations[] = {
    "no", "without", "absence of", "not", "lack of", "free of", "no background", "without any", "without background",
    "nor"};
constexpr std::string_view kSceneChangeTerms[] = {"transitions to", "cuts to",   "switches to", "scene changes",
                                                  "scene shifts",   "shifts to", "moves to a",  "the setting changes"};

bool isWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

std::string asciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Whole-word occurrences of `term` in the lower-cased text.
std::vector<TextSpan> findWord(const std::string& lower, std::string_view term) {
  std::vector<TextSpan> spans;
  for (std::size_t at = lower.find(term); at != std::string::npos; at = lower.find(term, at + 1)) {
    const std::size_t end = at + term.size();
    if (at > 0 && isWordByte(lower[at - 1])) continue;
    if (end < lower.size() && isWordByte(lower[end])) continue;
    spans.push_back({at, end});
  }
  return spans;
}

bool covers(const std::vector<TextSpan>& regions, TextSpan span) {
  return std::any_of(regions.begin(), regions.end(),
                     [&](const TextSpan& region) { return region.begin <= span.begin && span.end <= region.end; });
}

// The ' that closes the one opened at `open`: apostrophes between letters ("let's") are
// skipped; npos when another quote opens first or nothing closes it.
std::size_t closingSingleQuote(std::string_view text, std::size_t open) {
  for (std::size_t at = text.find('\'', open + 1); at != std::string_view::npos; at = text.find('\'', at + 1)) {
    const bool wordBefore = isWordByte(text[at - 1]);
    const bool wordAfter = at + 1 < text.size() && isWordByte(text[at + 1]);
    if (wordBefore && wordAfter) continue;
    if (wordAfter || at == open + 1) return std::string_view::npos;
    return at;
  }
  return std::string_view::npos;
}

// Quoted regions: "...", “...”, and '...' whose quotes are not apostrophes.
std::vector<TextSpan> findQuotes(std::string_view text) {
  static constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";
  static constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";
  std::vector<TextSpan> quotes;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t close = std::string_view::npos;
    std::size_t closeLength = 1;
    if (text[i] == '"') {
      close = text.find('"', i + 1);
    } else if (text.substr(i, kOpenCurly.size()) == kOpenCurly) {
      close = text.find(kCloseCurly, i + kOpenCurly.size());
      closeLength = kCloseCurly.size();
    } else if (text[i] == '\'' && (i == 0 || !isWordByte(text[i - 1]))) {
      close = closingSingleQuote(text, i);
    }
    if (close == std::string_view::npos) {
      ++i;
      continue;
    }
    quotes.push_back({i, close + closeLength});
    i = close + closeLength;
  }
  return quotes;
}

bool precededByAny(const std::string& lower, std::size_t at, std::size_t window, Terms words) {
  const std::size_t from = at > window ? at - window : 0;
  const std::string before = lower.substr(from, at - from);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return !findWord(before, word).empty(); });
}

// A negation word right before the match ("no background music", "without music").
bool isNegated(const std::string& lower, std::size_t at) {
  const std::size_t from = at > 24 ? at - 24 : 0;
  std::string before = lower.substr(from, at - from);
  for (std::string_view negation : kNegations) {
    for (const TextSpan& span : findWord(before, negation)) {
      // Only short gaps: "no soft background music" yes, "no ... long clause ... music" no.
      const std::string gap = before.substr(span.end);
      if (std::count(gap.begin(), gap.end(), ' ') <= 3) return true;
    }
  }
  return false;
}

struct MatchOptions {
  Terms exceptions = {};
  bool skipQuoted = false;
  bool skipNegated = false;
};

std::vector<TextSpan> findTerms(std::string_view text, Terms terms, const MatchOptions& options) {
  const std::string lower = asciiLower(text);
  const std::vector<TextSpan> quotes = options.skipQuoted ? findQuotes(text) : std::vector<TextSpan>{};
  std::vector<TextSpan> excepted;
  for (std::string_view exception : options.exceptions) {
    for (const TextSpan& span : findWord(lower, exception)) excepted.push_back(span);
  }
  std::vector<TextSpan> spans;
  for (std::string_view term : terms) {
    for (const TextSpan& span : findWord(lower, term)) {
      if (covers(quotes, span) || covers(excepted, span)) continue;
      if (options.skipNegated && isNegated(lower, span.begin)) continue;
      spans.push_back(span);
    }
  }
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  // Drop spans nested in an earlier one ("sound effects" holds "sound").
  std::vector<TextSpan> merged;
  for (const TextSpan& span : spans) {
    if (!merged.empty() && span.begin < merged.back().end) continue;
    merged.push_back(span);
  }
  return merged;
}

// A quote starting after `from`, past optional ",:" and at most two words.
std::optional<TextSpan> quoteAfter(std::string_view text, std::size_t from, const std::vector<TextSpan>& quotes) {
  std::size_t i = from;
  auto skipSpaces = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == ':')) ++i;
  };
  skipSpaces();
  for (int words = 0; words <= 2; ++words) {
    for (const TextSpan& quote : quotes) {
      if (quote.begin == i) return quote;
    }
    while (i < text.size() && isWordByte(text[i])) ++i;
    skipSpaces();
  }
  return std::nullopt;
}

}  // namespace

int countCaptionWords(std::string_view text) {
  int words = 0;
  bool inToken = false;
  bool tokenHasWord = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool space = i == text.size() || text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r';
    if (space) {
      if (inToken && tokenHasWord) ++words;
      inToken = false;
      tokenHasWord = false;
    } else {
      inToken = true;
      tokenHasWord = tokenHasWord || isWordByte(text[i]);
    }
  }
  return words;
}

std::vector<TextSpan> findListMarkers(std::string_view text) {
  std::vector<TextSpan> markers;
  std::size_t lineStart = 0;
  while (lineStart <= text.size()) {
    std::size_t i = lineStart;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::string_view rest = text.substr(i);
    std::size_t length = 0;
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '*')) {
      length = 1;
    } else if (rest.starts_with("\xE2\x80\xA2") /* • */) {
      length = 3;
    } else if (rest.starts_with("\xC2\xB7") /* · */) {
      length = 2;
    } else {
      std::size_t digits = rest.starts_with("(") ? 1 : 0;
      const std::size_t first = digits;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      if (digits > first && digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')')) length = digits + 1;
    }
    // A marker is followed by a space ("-5 degrees" and "3.5 seconds" are not markers).
    if (length > 0 && length < rest.size() && rest[length] == ' ') markers.push_back({i, i + length});
    const std::size_t newline = text.find('\n', lineStart);
    if (newline == std::string_view::npos) break;
    lineStart = newline + 1;
  }
  return markers;
}

int countLineBreaks(std::string_view text) {
  int nonEmptyLines = 0;
  std::size_t lineStart = 0;
  while (true) {
    const std::size_t newline = text.find('\n', lineStart);
    const std::string_view line =
        text.substr(lineStart, newline == std::string_view::npos ? std::string_view::npos : newline - lineStart);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++nonEmptyLines;
    if (newline == std::string_view::npos) break;
    lineStart = newline + 1;
  }
  return nonEmptyLines > 0 ? nonEmptyLines - 1 : 0;
}

std::vector<TextSpan> findAudioCaptionLeakage(std::string_view caption) {
  return findTerms(caption, kVisualOnlyTerms, {kVisualOnlyExceptions, true, false});
}

std::vector<TextSpan> findVisualCaptionLeakage(std::string_view caption) {
  std::vector<TextSpan> spans = findTerms(caption, kAudioOnlyTerms, {kAudioOnlyExceptions, true, false});
  const std::string lower = asciiLower(caption);
  const std::vector<TextSpan> quotes = findQuotes(caption);
  for (std::string_view verb : kSpeechVerbs) {
    for (const TextSpan& span : findWord(lower, verb)) {
      if (covers(quotes, span) || !quoteAfter(caption, span.end, quotes)) continue;
      if (precededByAny(lower, span.begin, 60, kTextNouns)) continue;
      spans.push_back(span);
    }
  }
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) { return a.begin < b.begin; });
  return spans;
}

std::vector<TextSpan> findMusicMentions(std::string_view caption) {
  return findTerms(caption, kMusicTerms, {{}, true, true});
}

std::vector<TextSpan> findVoiceMentions(std::string_view caption) {
  return findTerms(caption, kVoiceTerms, {{}, true, true});
}

std::vector<TextSpan> findQuotedOnScreenText(std::string_view caption) {
  const std::string lower = asciiLower(caption);
  std::vector<TextSpan> found;
  for (const TextSpan& quote : findQuotes(caption)) {
    if (precededByAny(lower, quote.begin, 40, kTextNouns)) found.push_back(quote);
  }
  return found;
}

std::vector<TextSpan> findQuotedRegions(std::string_view text) { return findQuotes(text); }

std::vector<TextSpan> findSceneChangeMentions(std::string_view caption) {
  return findTerms(caption, kSceneChangeTerms, {{}, true, false});
}

}  // namespace ugc::annotation
