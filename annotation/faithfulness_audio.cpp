// The faithfulness checker's sound and speech rules: music present/absent, its style or genre,
// the spoken language and the number of speakers (docs/workflow.md, "Faithfulness checker").

#include <algorithm>
#include <array>
#include <optional>

#include "annotation/faithfulness_rules.h"

namespace ugc::annotation::faithfulness_rules {
namespace {

using faithfulness_text::asciiLower;

constexpr std::string_view kMusicTerms[] = {"music",  "musical", "song",       "songs", "melody",      "melodies",
                                            "soundtrack", "tune", "tunes",     "bgm",   "instrumental"};

struct StyleWord {
  std::string_view word;
  std::string_view options;  // template options it agrees with, '|'-separated
};
constexpr StyleWord kStyleWords[] = {
    {"soothing", "soothing"}, {"calm", "soothing"},       {"calming", "soothing"},   {"gentle", "soothing"},
    {"soft", "soothing"},     {"relaxing", "soothing"},   {"peaceful", "soothing"},  {"mellow", "soothing"},
    {"tranquil", "soothing"}, {"serene", "soothing"},     {"exciting", "exciting"},  {"energetic", "exciting"},
    {"intense", "exciting"},  {"dynamic", "exciting"},    {"dramatic", "exciting"},  {"powerful", "exciting"},
    {"thrilling", "exciting"}, {"epic", "exciting"},      {"suspenseful", "exciting"}, {"high-energy", "exciting"},
    {"fast-paced", "exciting"}, {"sad", "sad"},           {"melancholic", "sad"},    {"melancholy", "sad"},
    {"somber", "sad"},        {"sombre", "sad"},          {"mournful", "sad"},       {"sorrowful", "sad"},
    {"cheerful", "cheerful"}, {"happy", "cheerful"},      {"joyful", "cheerful"},    {"lively", "cheerful"},
    {"playful", "cheerful"},  {"festive", "cheerful"},    {"upbeat", "cheerful|exciting"}};
constexpr std::string_view kGenres[] = {"pop",   "rock",  "hip-hop",   "rap",    "jazz",   "classical",
                                        "electronic", "edm", "country", "reggae", "folk",  "metal",
                                        "punk",  "blues", "techno",    "orchestral", "disco", "trap", "lo-fi"};
constexpr std::string_view kGenreHeads[] = {"music", "song", "songs", "track", "tune", "beat", "melody",
                                            "soundtrack", "instrumental", "band", "ballad"};

struct Language {
  std::string_view name;
  std::string_view family;
};
constexpr Language kLanguages[] = {
    {"english", "english"},     {"spanish", "spanish"},   {"chinese", "chinese"},     {"mandarin", "chinese"},
    {"cantonese", "chinese"},   {"french", "french"},     {"german", "german"},       {"japanese", "japanese"},
    {"korean", "korean"},       {"hindi", "hindi"},       {"arabic", "arabic"},       {"portuguese", "portuguese"},
    {"italian", "italian"},     {"russian", "russian"},   {"vietnamese", "vietnamese"}, {"thai", "thai"},
    {"indonesian", "indonesian"}, {"turkish", "turkish"}, {"dutch", "dutch"},         {"polish", "polish"},
    {"tagalog", "filipino"},    {"filipino", "filipino"}, {"malay", "malay"},         {"urdu", "urdu"},
    {"bengali", "bengali"},     {"persian", "persian"},   {"swedish", "swedish"},     {"greek", "greek"},
    {"hebrew", "hebrew"}};
// "English subtitles", "Chinese characters", "Spanish food": not the spoken language.
constexpr std::string_view kNotSpokenAfter[] = {"text",    "texts",   "subtitle", "subtitles", "caption", "captions",
                                                "word",    "words",   "letter",   "letters",   "lettering", "writing",
                                                "title",   "sign",    "characters", "food",    "cuisine",  "flag",
                                                "dish",    "version", "translation"};

constexpr std::string_view kSpeakerNouns[] = {"speaker", "speakers", "voice", "voices", "narrator", "narrators"};
constexpr std::string_view kSpeakerAdjectives[] = {"male", "female", "different", "distinct", "main", "separate",
                                                   "adult", "young", "older", "elderly", "human", "other"};
constexpr std::string_view kVagueMany[] = {"multiple", "several", "many", "various", "numerous", "few"};
constexpr std::string_view kNoSpeechNouns[] = {"speech", "speaker", "speakers", "voice", "voices", "dialogue",
                                               "talking", "narration", "conversation", "speaking"};

bool isMusicEvent(const AudioEventFact& event) {
  const std::string label = asciiLower(event.label);
  return event.confidence >= 0.5 && (label.find("music") != std::string::npos || label.find("song") != std::string::npos ||
                                     label.find("singing") != std::string::npos);
}

std::optional<bool> musicField(const FaithfulnessFacts& facts) {
  if (!facts.audio) return std::nullopt;
  const std::string answer = asciiLower(facts.audio->backgroundMusic);
  if (answer == "yes") return true;
  if (answer == "no") return false;
  return std::nullopt;
}

void judgeMusic(const FaithfulnessFacts& facts, bool claimedPresent, Claim& claim) {
  if (const auto field = musicField(facts)) {
    claim.verdict = *field == claimedPresent ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
    claim.reason = std::string("background music field: ") + (*field ? "Yes" : "No");
    return;
  }
  if (facts.audioEvents) {
    const auto music = std::find_if(facts.audioEvents->begin(), facts.audioEvents->end(), isMusicEvent);
    if (music != facts.audioEvents->end()) {
      claim.verdict = claimedPresent ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
      claim.reason = "audio event \"" + music->label + "\" detected";
    } else {
      claim.verdict = claimedPresent ? ClaimVerdict::Unsupported : ClaimVerdict::Supported;
      claim.reason = "no music among the audio events";
    }
    return;
  }
  claim.reason = "no background music field and no audio events";
}

void judgeStyle(const FaithfulnessFacts& facts, std::string_view options, Claim& claim) {
  if (musicField(facts) == false) {
    claim.verdict = ClaimVerdict::Contradicted;
    claim.reason = "background music field: No";
    return;
  }
  const std::string style = facts.audio ? asciiLower(facts.audio->musicStyle) : std::string();
  if (style.empty()) {
    claim.reason = "music style not answered";
  } else if (style == "other") {
    claim.reason = "music style field: Other";
  } else {
    const bool agrees = ("|" + std::string(options) + "|").find("|" + style + "|") != std::string::npos;
    claim.verdict = agrees ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
    claim.reason = "music style field: " + facts.audio->musicStyle;
  }
}

void judgeGenre(const FaithfulnessFacts& facts, std::string_view genre, Claim& claim) {
  if (musicField(facts) == false) {
    claim.verdict = ClaimVerdict::Contradicted;
    claim.reason = "background music field: No";
    return;
  }
  if (facts.audioEvents) {
    for (const AudioEventFact& event : *facts.audioEvents) {
      if (event.confidence >= 0.5 && textHasWord(event.label, genre)) {
        claim.verdict = ClaimVerdict::Supported;
        claim.reason = "audio event \"" + event.label + "\"";
        return;
      }
    }
  }
  claim.reason = "no fact names the genre";
}

const Language* languageOf(std::string_view text) {
  const std::string lower = asciiLower(text);
  for (const Language& language : kLanguages) {
    if (textHasWord(lower, language.name)) return &language;
  }
  return nullptr;
}

void judgeLanguage(const FaithfulnessFacts& facts, const Language& claimed, Claim& claim) {
  const std::pair<std::string, std::string> sources[] = {
      {"language field", facts.audio ? facts.audio->language : std::string()},
      {"transcript language", facts.transcriptLanguage}};
  for (const auto& [label, value] : sources) {
    if (value.empty()) continue;
    const Language* known = languageOf(value);
    const bool same = known ? (known->name == claimed.name || known->family == claimed.family ||
                               (known->family == claimed.name) || (claimed.family == known->name))
                            : false;
    claim.verdict = same ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
    claim.reason = label + ": " + value;
    return;
  }
  claim.reason = "no language field and no transcript language";
}

bool hasConfidentSpeech(const FaithfulnessFacts& facts) {
  if (!facts.transcript) return false;
  return std::any_of(facts.transcript->begin(), facts.transcript->end(), [&](const TranscriptSpanFact& span) {
    return span.confidence >= facts.transcriptConfidenceThreshold && !normaliseQuotedText(span.text).empty();
  });
}

// claimed: a count, or -1 for "several".
void judgeSpeakerCount(const FaithfulnessFacts& facts, int claimed, Claim& claim) {
  std::optional<int> known;
  std::string label;
  if (facts.audio && facts.audio->speakerCount) {
    known = *facts.audio->speakerCount;
    label = "speaker count field: " + std::to_string(*known);
  } else if (facts.audio && !facts.audio->speakerGenders.empty()) {
    known = static_cast<int>(facts.audio->speakerGenders.size());
    label = "speaker genders field lists " + std::to_string(*known);
  }
  if (known) {
    const bool agrees = claimed < 0 ? *known >= 2 : claimed == *known;
    claim.verdict = agrees ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
    claim.reason = label;
    return;
  }
  if (claimed == 0 && facts.audio && !facts.audio->voiceSource.empty()) {
    claim.verdict = ClaimVerdict::Contradicted;
    claim.reason = "voice source field: " + facts.audio->voiceSource;
    return;
  }
  if (hasConfidentSpeech(facts)) {
    claim.verdict = claimed == 0 ? ClaimVerdict::Contradicted : ClaimVerdict::Unsupported;
    claim.reason = claimed == 0 ? "the transcript has confident speech"
                                : "the transcript has speech but does not count speakers";
    return;
  }
  claim.reason = "no speaker count field";
}

}  // namespace

void addMusicClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote || !isOneOf(words[i].lower, kMusicTerms)) continue;
    if (words[i].lower == "musical" && i + 1 < words.size() && words[i + 1].lower.starts_with("instrument")) continue;
    const bool negated = negatedAt(context, i);
    std::size_t first = i;
    if (i > 0 && words[i - 1].lower == "background" && !words[i - 1].inQuote) first = i - 1;
    Claim claim = makeClaim(context, ClaimKind::Music, first, i, negated ? "absent" : "present");
    judgeMusic(context.facts, !negated, claim);
    claims.push_back(std::move(claim));
    if (negated) continue;
    // Style and genre words among the three words before the music word.
    for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
      const Word& word = words[i - back];
      if (word.inQuote) break;
      for (const StyleWord& style : kStyleWords) {
        if (word.lower != style.word) continue;
        Claim styleClaim = makeClaim(context, ClaimKind::MusicStyle, i - back, i - back, std::string(style.word));
        judgeStyle(context.facts, style.options, styleClaim);
        claims.push_back(std::move(styleClaim));
      }
      if (word.sentenceStart) break;
    }
  }
  // Genres name a kind of music: "punk rock song", "hip-hop track".
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote || !isOneOf(words[i].lower, kGenres)) continue;
    bool beforeHead = false;
    for (std::size_t ahead = i + 1; ahead < words.size() && ahead <= i + 3; ++ahead) {
      if (words[ahead].sentenceStart) break;
      if (isOneOf(words[ahead].lower, kGenreHeads)) beforeHead = true;
    }
    if (!beforeHead) continue;
    Claim claim = makeClaim(context, ClaimKind::MusicStyle, i, i, "genre:" + words[i].lower);
    judgeGenre(context.facts, words[i].lower, claim);
    claims.push_back(std::move(claim));
  }
}

void addLanguageClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    const auto language = std::find_if(std::begin(kLanguages), std::end(kLanguages),
                                       [&](const Language& l) { return l.name == words[i].lower; });
    if (language == std::end(kLanguages)) continue;
    if (i + 1 < words.size() && isOneOf(words[i + 1].lower, kNotSpokenAfter)) continue;
    if (i >= 2 && (words[i - 2].lower == "written" || words[i - 1].lower == "written")) continue;
    Claim claim = makeClaim(context, ClaimKind::Language, i, i, std::string(language->name));
    judgeLanguage(context.facts, *language, claim);
    claims.push_back(std::move(claim));
  }
}

void addSpeakerCountClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    const std::string& word = words[i].lower;
    // "no (any) (human|spoken) speech", "without any dialogue", "no one speaks".
    if (word == "no" || word == "without") {
      std::size_t at = i + 1;
      if (at < words.size() && words[at].lower == "any") ++at;
      if (at < words.size() && (words[at].lower == "human" || words[at].lower == "spoken")) ++at;
      bool zero = at < words.size() && !words[at].inQuote && isOneOf(words[at].lower, kNoSpeechNouns);
      if (!zero && word == "no" && at < words.size() && words[at].lower == "one" && at + 1 < words.size() &&
          (words[at + 1].lower == "speaks" || words[at + 1].lower == "talks")) {
        zero = true;
        ++at;
      }
      if (zero) {
        Claim claim = makeClaim(context, ClaimKind::SpeakerCount, i, at, "0");
        judgeSpeakerCount(context.facts, 0, claim);
        claims.push_back(std::move(claim));
        i = at;
      }
      continue;
    }
    std::optional<int> count = faithfulness_text::numberWord(word);
    std::size_t first = i;
    std::size_t at = i + 1;
    if (!count && (word == "single" || word == "sole" || word == "lone")) count = 1;
    if (!count && isOneOf(word, kVagueMany)) count = -1;
    if (!count && word == "only" && at < words.size() && words[at].lower == "one") {
      count = 1;
      ++at;
    }
    if (!count || *count == 0) continue;
    while (at < words.size() && at <= i + 3 && isOneOf(words[at].lower, kSpeakerAdjectives)) ++at;
    if (at >= words.size() || words[at].inQuote || !isOneOf(words[at].lower, kSpeakerNouns)) continue;
    // "one voice" of a plural claim is a count; "a voice" is not (no number).
    if (first > 0 && words[first - 1].lower == "a" && word != "single" && word != "few") --first;
    Claim claim = makeClaim(context, ClaimKind::SpeakerCount, first, at, *count < 0 ? "several" : std::to_string(*count));
    judgeSpeakerCount(context.facts, *count, claim);
    claims.push_back(std::move(claim));
    i = at;
  }
}

}  // namespace ugc::annotation::faithfulness_rules
