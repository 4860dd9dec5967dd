#include "annotation/faithfulness.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "annotation/faithfulness_rules.h"

namespace ugc::annotation {
namespace faithfulness_rules {
namespace {

using faithfulness_text::shorten;

constexpr std::string_view kTextCues[] = {
    "text",    "texts",   "sign",    "caption",  "captions",  "subtitle", "subtitles", "screen",   "banner",
    "reads",   "reading", "read",    "written",  "writes",    "label",    "labeled",   "labelled", "poster",
    "title",   "titled",  "overlay", "words",    "word",      "logo",     "displays",  "displayed", "message",
    "note",    "board",   "card",    "letters",  "lettering", "slogan",   "hashtag",   "username", "button",
    "heading", "headline", "superimposed", "appears", "shown"};
constexpr std::string_view kSpeechCues[] = {
    "says",      "said",      "saying",  "say",      "asks",     "asked",    "asking",   "exclaims", "exclaimed",
    "exclaiming", "shouts",   "shouted", "shouting", "yells",    "yelled",   "whispers", "whispered", "replies",
    "replied",   "responds",  "tells",   "told",     "announces", "announced", "mentions", "mentioned", "repeats",
    "repeated",  "chants",    "sings",   "sang",     "singing",  "lyrics",   "lyric",    "phrase",   "phrases",
    "speaker",   "speaks",    "voice",   "narrator", "narrates", "utters",   "screams",  "sung",     "exclamation"};
// "the sign says" is text: a speech verb with one of these among its three preceding words.
constexpr std::string_view kSpeechVerbsThatTextUses[] = {"says", "said", "saying", "say"};

std::string innerText(std::string_view caption, TextSpan quote) {
  const std::size_t mark = caption[quote.begin] == '"' || caption[quote.begin] == '\'' ? 1 : 3;
  const std::size_t closeMark = caption[quote.end - 1] == '"' || caption[quote.end - 1] == '\'' ? 1 : 3;
  if (quote.end - quote.begin < mark + closeMark) return {};
  return std::string(caption.substr(quote.begin + mark, quote.end - quote.begin - mark - closeMark));
}

enum class QuoteCue { None, Text, Speech };

QuoteCue cueOf(const CheckContext& context, std::size_t wordIndex) {
  const std::string& word = context.words[wordIndex].lower;
  if (isOneOf(word, kSpeechVerbsThatTextUses)) {
    for (std::size_t back = 1; back <= 3 && back <= wordIndex; ++back) {
      if (isOneOf(context.words[wordIndex - back].lower, kTextCues)) return QuoteCue::Text;
    }
  }
  if (isOneOf(word, kSpeechCues)) return QuoteCue::Speech;
  if (isOneOf(word, kTextCues)) return QuoteCue::Text;
  return QuoteCue::None;
}

// The nearest cue among the eight words before the quote (within its sentence), else among the
// three after it ("'Hello,' she says").
QuoteCue quoteCue(const CheckContext& context, TextSpan quote) {
  std::size_t first = 0;
  while (first < context.words.size() && context.words[first].end <= quote.begin) ++first;
  // Earlier quotes are stepped over: in "saying 'A' and then 'B'" the cue of A is B's too.
  int budget = 8;
  for (std::size_t at = first; at > 0 && budget > 0;) {
    const Word& word = context.words[--at];
    if (word.inQuote) continue;
    --budget;
    const QuoteCue cue = cueOf(context, at);
    if (cue != QuoteCue::None) return cue;
    if (word.sentenceStart) break;
  }
  std::size_t after = first;
  while (after < context.words.size() && context.words[after].begin < quote.end) ++after;
  for (std::size_t ahead = after; ahead < context.words.size() && ahead < after + 3; ++ahead) {
    if (context.words[ahead].inQuote || context.words[ahead].sentenceStart) break;
    const QuoteCue cue = cueOf(context, ahead);
    if (cue != QuoteCue::None) return cue;
  }
  return QuoteCue::None;
}

struct Source {
  std::string label;  // "OCR line 2"
  std::string text;
};

std::vector<Source> ocrSources(const FaithfulnessFacts& facts) {
  std::vector<Source> sources;
  if (facts.visual) {
    for (std::size_t i = 0; i < facts.visual->ocrLines.size(); ++i) {
      sources.push_back({"on-screen text line " + std::to_string(i + 1), facts.visual->ocrLines[i]});
    }
  }
  if (facts.ocrLines) {
    for (std::size_t i = 0; i < facts.ocrLines->size(); ++i) {
      sources.push_back({"OCR line " + std::to_string(i + 1), (*facts.ocrLines)[i]});
    }
  }
  return sources;
}

bool hasOcrFacts(const FaithfulnessFacts& facts) { return facts.ocrLines.has_value() || facts.visual.has_value(); }

std::string formatConfidence(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// Confident spans, and runs of up to three consecutive confident spans (a quote may straddle
// the recogniser's segmentation).
// confident = false: every span and run of up to three consecutive spans, whatever their
// confidence (what the recogniser heard, sure or not).
std::vector<Source> transcriptSources(const FaithfulnessFacts& facts, bool confident) {
  std::vector<Source> sources;
  if (!facts.transcript) return sources;
  const auto& spans = *facts.transcript;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const bool isConfident = spans[i].confidence >= facts.transcriptConfidenceThreshold;
    if (confident && !isConfident) continue;
    const std::string label = "transcript span " + std::to_string(i + 1) + " (confidence " +
                              formatConfidence(spans[i].confidence) + ")";
    sources.push_back({label, spans[i].text});
    std::string joined = spans[i].text;
    for (std::size_t next = i + 1; next < spans.size() && next < i + 3; ++next) {
      if (confident && spans[next].confidence < facts.transcriptConfidenceThreshold) break;
      joined += " " + spans[next].text;
      sources.push_back({"transcript spans " + std::to_string(i + 1) + "-" + std::to_string(next + 1), joined});
    }
  }
  return sources;
}

std::string withoutSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

struct QuoteVerdict {
  ClaimVerdict verdict = ClaimVerdict::Unsupported;
  std::string reason;
};

// Exact (normalised) substring of a source: supported; within a third of its length in byte
// edits of some source's substring: a misquote, contradicted.
QuoteVerdict judgeQuote(const std::string& quote, const std::vector<Source>& sources,
                        const std::vector<Source>& unsure = {}, double threshold = 0) {
  const std::string normalised = normaliseQuotedText(quote);
  for (const Source& source : sources) {
    if (quoteOccursIn(quote, source.text)) {
      return {ClaimVerdict::Supported, "found in " + source.label + ": \"" + shorten(source.text) + "\""};
    }
  }
  // OCR and recognisers drop spaces ("tell onyou"): the same letters with the spaces ignored
  // still count, for quotes of four letters or more.
  const std::string spaceless = withoutSpaces(normalised);
  if (spaceless.size() >= 4) {
    for (const Source& source : sources) {
      if (withoutSpaces(normaliseQuotedText(source.text)).find(spaceless) != std::string::npos) {
        return {ClaimVerdict::Supported,
                "found in " + source.label + " (spaces ignored): \"" + shorten(source.text) + "\""};
      }
    }
  }
  // Found once words below the confidence threshold count: not a misquote, just not sure.
  for (const Source& source : unsure) {
    if (quoteOccursIn(quote, source.text)) {
      return {ClaimVerdict::Unsupported, "only in " + source.label + ", below the confidence threshold " +
                                             formatConfidence(threshold)};
    }
  }
  std::size_t best = std::string::npos;
  const Source* closest = nullptr;
  for (const Source& source : sources) {
    const std::size_t distance =
        faithfulness_text::approximateSubstringDistance(normalised, normaliseQuotedText(source.text));
    if (distance < best) {
      best = distance;
      closest = &source;
    }
  }
  if (closest && normalised.size() >= 4 && best * 3 <= normalised.size()) {
    const std::string how = best == 0 ? "cuts a word of it short" : std::to_string(best) + (best == 1 ? " edit" : " edits");
    return {ClaimVerdict::Contradicted,
            "misquotes " + closest->label + ", which reads \"" + shorten(closest->text) + "\" (" + how + ")"};
  }
  return {ClaimVerdict::Unsupported, {}};
}

QuoteVerdict judgeOnScreenText(const std::string& quote, const FaithfulnessFacts& facts) {
  if (!hasOcrFacts(facts)) return {ClaimVerdict::Unsupported, "no on-screen text facts (no OCR, no visual fields)"};
  const std::vector<Source> sources = ocrSources(facts);
  QuoteVerdict verdict = judgeQuote(quote, sources);
  if (verdict.verdict == ClaimVerdict::Unsupported) {
    verdict.reason = sources.empty() ? "no on-screen text was read" : "not in any of the " +
                                                                          std::to_string(sources.size()) +
                                                                          " on-screen text lines";
  }
  return verdict;
}

QuoteVerdict judgeSpeech(const std::string& quote, const FaithfulnessFacts& facts) {
  if (!facts.transcript) return {ClaimVerdict::Unsupported, "no transcript"};
  QuoteVerdict verdict = judgeQuote(quote, transcriptSources(facts, true), transcriptSources(facts, false),
                                    facts.transcriptConfidenceThreshold);
  if (verdict.reason.empty()) verdict.reason = "not in any confident transcript span";
  return verdict;
}

Claim quoteClaim(TextSpan span, ClaimKind kind, const std::string& inner, const QuoteVerdict& verdict) {
  return Claim{kind, span, normaliseQuotedText(inner), verdict.verdict, verdict.reason};
}

}  // namespace

bool isOneOf(std::string_view word, std::span<const std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::size_t phraseWordCount(std::string_view phrase) {
  return static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

bool wordsMatch(const CheckContext& context, std::size_t at, std::string_view phrase) {
  std::size_t index = at;
  std::size_t start = 0;
  while (start <= phrase.size()) {
    const std::size_t space = phrase.find(' ', start);
    const std::string_view part = phrase.substr(start, space == std::string_view::npos ? phrase.size() - start : space - start);
    if (index >= context.words.size() || context.words[index].inQuote || context.words[index].lower != part) return false;
    ++index;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return true;
}

bool negatedAt(const CheckContext& context, std::size_t at) {
  static constexpr std::string_view kNegations[] = {"no", "without", "not", "nor", "never", "lacks", "lacking", "absent"};
  static constexpr std::string_view kOfNegations[] = {"lack", "absence", "free", "devoid"};
  for (std::size_t back = 1; back <= 3 && back <= at; ++back) {
    const Word& word = context.words[at - back];
    if (isOneOf(word.lower, kNegations)) return true;
    if (word.lower == "of" && back < at && isOneOf(context.words[at - back - 1].lower, kOfNegations)) return true;
    if (word.sentenceStart) break;
  }
  return false;
}

bool textHasWord(std::string_view text, std::string_view word) {
  const std::string lower = faithfulness_text::asciiLower(text);
  const std::vector<Word> words = faithfulness_text::splitWords(lower);
  const std::size_t count = phraseWordCount(word);
  for (std::size_t i = 0; i + count <= words.size(); ++i) {
    std::string joined;
    for (std::size_t k = 0; k < count; ++k) {
      if (k) joined += ' ';
      joined += k + 1 == count ? faithfulness_text::singular(words[i + k].lower) : words[i + k].lower;
    }
    if (joined == word) return true;
  }
  return false;
}

std::string visualFreeText(const FaithfulnessFacts& facts) {
  if (!facts.visual) return {};
  std::string text;
  for (const std::string* part : {&facts.visual->background, &facts.visual->backgroundChange, &facts.visual->motion}) {
    if (part->find_first_not_of(" \t\n") == std::string::npos) continue;
    if (!text.empty()) text += " / ";
    text += *part;
  }
  return text;
}

Claim makeClaim(const CheckContext& context, ClaimKind kind, std::size_t firstWord, std::size_t lastWord,
                std::string value) {
  Claim claim;
  claim.kind = kind;
  claim.span = {context.words[firstWord].begin, context.words[lastWord].end};
  claim.value = std::move(value);
  return claim;
}

void addQuoteClaims(const CheckContext& context, std::vector<Claim>& claims) {
  for (const TextSpan& quote : context.quotes) {
    const std::string inner = innerText(context.caption, quote);
    if (normaliseQuotedText(inner).empty()) continue;
    const QuoteCue cue = quoteCue(context, quote);
    const bool asText = cue == QuoteCue::Text || (cue == QuoteCue::None && context.stage == Stage::Visual);
    const bool asSpeech = cue == QuoteCue::Speech || (cue == QuoteCue::None && context.stage == Stage::Audio);
    if (asText) {
      claims.push_back(quoteClaim(quote, ClaimKind::OnScreenText, inner, judgeOnScreenText(inner, context.facts)));
    } else if (asSpeech) {
      claims.push_back(quoteClaim(quote, ClaimKind::QuotedSpeech, inner, judgeSpeech(inner, context.facts)));
    } else {
      // Joint stage, no cue: whichever source holds it; else on-screen text when any was read.
      const QuoteVerdict text = judgeOnScreenText(inner, context.facts);
      const QuoteVerdict speech = judgeSpeech(inner, context.facts);
      if (text.verdict == ClaimVerdict::Supported) {
        claims.push_back(quoteClaim(quote, ClaimKind::OnScreenText, inner, text));
      } else if (speech.verdict == ClaimVerdict::Supported) {
        claims.push_back(quoteClaim(quote, ClaimKind::QuotedSpeech, inner, speech));
      } else if (text.verdict == ClaimVerdict::Contradicted || ocrSources(context.facts).size() > 0 ||
                 !context.facts.transcript) {
        claims.push_back(quoteClaim(quote, ClaimKind::OnScreenText, inner, text));
      } else {
        claims.push_back(quoteClaim(quote, ClaimKind::QuotedSpeech, inner, speech));
      }
    }
  }
}

void addNamedTextClaims(const CheckContext& context, std::vector<Claim>& claims) {
  static constexpr std::string_view kNamingCues[] = {"reads", "reading", "read", "says", "saying", "titled",
                                                     "labeled", "labelled", "word", "words", "text", "caption",
                                                     "logo", "sign", "banner", "slogan"};
  const auto& words = context.words;
  std::size_t i = 0;
  while (i < words.size()) {
    if (!words[i].allCaps || words[i].inQuote) {
      ++i;
      continue;
    }
    std::size_t last = i;
    while (last + 1 < words.size() && words[last + 1].allCaps && !words[last + 1].inQuote &&
           !words[last + 1].sentenceStart) {
      ++last;
    }
    const bool cued = i > 0 && !words[i - 1].inQuote && isOneOf(words[i - 1].lower, kNamingCues);
    if (cued || last > i) {
      const TextSpan span{words[i].begin, words[last].end};
      const std::string text(context.caption.substr(span.begin, span.end - span.begin));
      claims.push_back(quoteClaim(span, ClaimKind::OnScreenText, text, judgeOnScreenText(text, context.facts)));
    }
    i = last + 1;
  }
}

}  // namespace faithfulness_rules

const char* claimKindName(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::QuotedSpeech: return "quoted_speech";
    case ClaimKind::OnScreenText: return "on_screen_text";
    case ClaimKind::Object: return "object";
    case ClaimKind::Colour: return "colour";
    case ClaimKind::Person: return "person";
    case ClaimKind::Music: return "music";
    case ClaimKind::MusicStyle: return "music_style";
    case ClaimKind::Language: return "language";
    case ClaimKind::SpeakerCount: return "speaker_count";
    case ClaimKind::Scene: return "scene";
    case ClaimKind::Cut: return "cut";
  }
  return "unknown";
}

const char* claimVerdictName(ClaimVerdict verdict) {
  switch (verdict) {
    case ClaimVerdict::Supported: return "supported";
    case ClaimVerdict::Contradicted: return "contradicted";
    case ClaimVerdict::Unsupported: return "unsupported";
  }
  return "unknown";
}

std::string normaliseQuotedText(std::string_view text) {
  std::string out;
  bool pendingSpace = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // U+2018/U+2019 (curly apostrophes) are dropped like the straight one; U+201C/U+201D and
    // the other punctuation of the General Punctuation block (dashes, ellipsis) separate words.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const unsigned char third = static_cast<unsigned char>(text[i + 2]);
      i += 2;
      if (third == 0x98 || third == 0x99) continue;
      pendingSpace = true;
      continue;
    }
    if (c == '\'') continue;
    const bool word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && !out.empty()) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

bool quoteOccursIn(std::string_view quote, std::string_view source) {
  const std::string needle = normaliseQuotedText(quote);
  if (needle.empty()) return false;
  const std::string haystack = " " + normaliseQuotedText(source) + " ";
  return haystack.find(" " + needle + " ") != std::string::npos;
}

ClaimCounts countClaims(const std::vector<Claim>& claims) {
  ClaimCounts counts;
  for (const Claim& claim : claims) {
    switch (claim.verdict) {
      case ClaimVerdict::Supported: ++counts.supported; break;
      case ClaimVerdict::Contradicted: ++counts.contradicted; break;
      case ClaimVerdict::Unsupported: ++counts.unsupported; break;
    }
  }
  return counts;
}

std::vector<Claim> checkFaithfulness(std::string_view caption, Stage stage, const FaithfulnessFacts& facts) {
  using namespace faithfulness_rules;
  CheckContext context{caption, stage, facts, faithfulness_text::splitWords(caption), findQuotedRegions(caption)};
  for (Word& word : context.words) {
    word.inQuote = std::any_of(context.quotes.begin(), context.quotes.end(), [&](const TextSpan& quote) {
      return quote.begin <= word.begin && word.end <= quote.end;
    });
  }
  std::vector<Claim> claims;
  addQuoteClaims(context, claims);
  if (stage != Stage::Audio) addNamedTextClaims(context, claims);
  if (stage != Stage::Visual) {
    addMusicClaims(context, claims);
    addLanguageClaims(context, claims);
    addSpeakerCountClaims(context, claims);
  }
  if (stage != Stage::Audio) {
    addObjectClaims(context, claims);
    addColourClaims(context, claims);
    addSceneClaims(context, claims);
    addCutClaims(context, claims);
  }
  addPersonClaims(context, claims);
  std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return a.span.begin < b.span.begin || (a.span.begin == b.span.begin && a.span.end > b.span.end);
  });
  return claims;
}

}  // namespace ugc::annotation
