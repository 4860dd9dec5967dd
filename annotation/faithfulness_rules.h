#pragma once
// Internal to the faithfulness checker: the caption prepared once (words, quotes) and the
// per-kind rules, split over faithfulness.cpp (quotes, named text), faithfulness_audio.cpp
// (music, style, language, speaker count) and faithfulness_visual.cpp (objects, colours, people,
// scene, cuts).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/faithfulness.h"
#include "annotation/faithfulness_text.h"

namespace ugc::annotation::faithfulness_rules {

using faithfulness_text::Word;

struct CheckContext {
  std::string_view caption;
  Stage stage = Stage::Audio;
  const FaithfulnessFacts& facts;
  std::vector<Word> words;
  std::vector<TextSpan> quotes;
};

// Whether the words [at, at + phrase words) spell `phrase` ("background music"), outside quotes.
bool isOneOf(std::string_view word, std::span<const std::string_view> list);
bool wordsMatch(const CheckContext& context, std::size_t at, std::string_view phrase);
std::size_t phraseWordCount(std::string_view phrase);
// A negation ("no", "without", "not", "lack of", ...) among the three words before `at`.
bool negatedAt(const CheckContext& context, std::size_t at);
// Whether `word` (lower-case) occurs as a whole word or phrase in `text`.
bool textHasWord(std::string_view text, std::string_view word);
// The visual fields' free text: main background, its change, main motion.
std::string visualFreeText(const FaithfulnessFacts& facts);

Claim makeClaim(const CheckContext& context, ClaimKind kind, std::size_t firstWord, std::size_t lastWord,
                std::string value);

void addQuoteClaims(const CheckContext& context, std::vector<Claim>& claims);
void addNamedTextClaims(const CheckContext& context, std::vector<Claim>& claims);
void addMusicClaims(const CheckContext& context, std::vector<Claim>& claims);
void addLanguageClaims(const CheckContext& context, std::vector<Claim>& claims);
void addSpeakerCountClaims(const CheckContext& context, std::vector<Claim>& claims);

void addObjectClaims(const CheckContext& context, std::vector<Claim>& claims);
void addColourClaims(const CheckContext& context, std::vector<Claim>& claims);
void addPersonClaims(const CheckContext& context, std::vector<Claim>& claims);
void addSceneClaims(const CheckContext& context, std::vector<Claim>& claims);
void addCutClaims(const CheckContext& context, std::vector<Claim>& claims);

}  // namespace ugc::annotation::faithfulness_rules
