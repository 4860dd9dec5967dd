#pragma once
// The faithfulness checker: which checkable claims a caption makes, and whether the stage's facts
// support them. Used by the drafter (a draft with a contradicted claim is not offered), the
// editor's lint (unsupported and contradicted claims are highlighted) and the evaluation
// (`ugccap faithfulness report`). Pure: the caller gathers the facts. The rules, their word
// lists and the normalisation of quoted text are documented in docs/workflow.md
// ("Faithfulness checker").
//
// A claim is "supported" when a fact states it, "contradicted" when a fact states otherwise, and
// "unsupported" when no fact says either way (including when that kind of fact is absent).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/caption_lint.h"
#include "annotation/fields.h"
#include "annotation/stage.h"

namespace ugc::annotation {

// One recognised span of speech.
struct TranscriptSpanFact {
  double startSeconds = 0;
  double endSeconds = 0;
  std::string text;
  double confidence = 1;  // 0..1; spans below FaithfulnessFacts::transcriptConfidenceThreshold do not support quotes
};

// One labelled stretch of sound ("Music", "Speech", "Applause", "Rock music").
struct AudioEventFact {
  std::string label;
  double startSeconds = 0;
  double endSeconds = 0;
  double confidence = 1;
};

// One object category a detector saw, with what it measured (count 0 = not counted).
struct DetectedObjectFact {
  std::string category;
  int count = 0;
  std::string color;  // empty = not measured
  double confidence = 1;
};

struct FaceFact {
  std::string gender;  // "male", "female", empty = unknown
  double confidence = 1;
};

// What a stage knows about its video. Every part is optional: absent means "not known" (claims
// that need it are unsupported); present and empty means "looked, found none".
struct FaithfulnessFacts {
  std::optional<AudioFields> audio;    // audio and joint stages
  std::optional<VisualFields> visual;  // visual and joint stages (its ocrLines count as OCR lines)
  std::optional<std::vector<std::string>> ocrLines;  // what an OCR engine read, besides visual->ocrLines
  std::optional<std::vector<TranscriptSpanFact>> transcript;
  std::optional<std::vector<AudioEventFact>> audioEvents;
  std::optional<std::vector<double>> sceneChangeSeconds;  // cuts a scene detector found
  std::optional<std::vector<DetectedObjectFact>> objects;
  std::optional<std::vector<FaceFact>> faces;
  std::string transcriptLanguage;  // the recogniser's language ("English"); empty = unknown
  double transcriptConfidenceThreshold = 0.5;
};

enum class ClaimKind {
  QuotedSpeech,  // "she says 'hello'"
  OnScreenText,  // a quote introduced as text, or a text cue naming CAPITALISED words
  Object,        // an object category, with its count when given ("two microphones")
  Colour,        // a colour word with the thing it colours ("a red apple")
  Person,        // people and their gender ("a woman", "a male speaker")
  Music,         // music present ("upbeat music") or absent ("no background music")
  MusicStyle,    // the music's style or genre ("cheerful", "hip-hop")
  Language,      // the spoken language ("speaking in English")
  SpeakerCount,  // how many talk ("two speakers", "no human speech")
  Scene,         // a scene or background word ("kitchen", "on a beach")
  Cut,           // the scene changes ("cuts to") or does not ("the background remains the same")
};
inline constexpr ClaimKind kAllClaimKinds[] = {
    ClaimKind::QuotedSpeech, ClaimKind::OnScreenText, ClaimKind::Object,       ClaimKind::Colour,
    ClaimKind::Person,       ClaimKind::Music,        ClaimKind::MusicStyle,   ClaimKind::Language,
    ClaimKind::SpeakerCount, ClaimKind::Scene,        ClaimKind::Cut};

enum class ClaimVerdict { Supported, Contradicted, Unsupported };
inline constexpr ClaimVerdict kAllClaimVerdicts[] = {ClaimVerdict::Supported, ClaimVerdict::Contradicted,
                                                     ClaimVerdict::Unsupported};

// Stable snake_case names ("quoted_speech", "on_screen_text", ..., "supported", ...).
const char* claimKindName(ClaimKind kind);
const char* claimVerdictName(ClaimVerdict verdict);

struct Claim {
  ClaimKind kind = ClaimKind::Object;
  TextSpan span;      // bytes of the caption
  std::string value;  // what is claimed, normalised: "male", "2 microphone", "present", "english", "cut", ...
  ClaimVerdict verdict = ClaimVerdict::Unsupported;
  std::string reason;  // for the annotator: which fact supports or contradicts it, or what is missing
  bool operator==(const Claim&) const = default;
};

// The claims of `caption` in order of their span, each with its verdict. Which kinds a stage
// checks: audio — quotes (as speech unless a text cue introduces them), people, music, style,
// language, speaker count; visual — quotes (as on-screen text unless a speech verb introduces
// them), objects, colours, people, scene, cut; joint — all. Never fails: malformed UTF-8 is
// matched byte-wise.
std::vector<Claim> checkFaithfulness(std::string_view caption, Stage stage, const FaithfulnessFacts& facts);

// The normalisation quoted text is compared under: ASCII case folded; curly quotes and
// apostrophes to straight ones, then every apostrophe dropped ("don't" = "dont"); every run of
// ASCII whitespace and punctuation other than the apostrophe to one space; trimmed. Bytes >= 0x80
// stay as they are.
std::string normaliseQuotedText(std::string_view text);

// Whether normaliseQuotedText(quote) occurs in normaliseQuotedText(source) on word boundaries.
bool quoteOccursIn(std::string_view quote, std::string_view source);

struct ClaimCounts {
  int supported = 0;
  int contradicted = 0;
  int unsupported = 0;
  int total() const { return supported + contradicted + unsupported; }
};
ClaimCounts countClaims(const std::vector<Claim>& claims);

}  // namespace ugc::annotation
