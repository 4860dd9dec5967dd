#pragma once
// QA generation with fixed rules: the structured fields of a video decide which template
// pairs it gets, and the question/options are the exact wording of the released files.
//
// Rules (docs/workflow.md):
//   Tone              when audio.tone is set; answer as entered (the release keeps "neutral")
//   VoiceSource       when a voice is present (hasVoice)
//   Ocr               when visual.ocrLines is non-empty; no question text, lines as the answer
//   BackgroundChange  when visual.backgroundChanges is true and its description is non-empty
//   Objects           when visual.objects is non-empty; answer = formatObjectList(objects)
//   BackgroundMusic   when audio.backgroundMusic is set (Yes/No as entered)
// Regeneration never overwrites a human-edited or human-added pair.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/fields.h"
#include "annotation/qa.h"

namespace ugc::annotation {

inline constexpr std::string_view kToneQuestion =
    "What is the tone and mood of the speakers? Please answer with one of the following options.";
inline constexpr std::string_view kVoiceSourceQuestion =
    "What is the source of the human voice in the audio? Please answer with one of the following "
    "options.";
inline constexpr std::string_view kBackgroundChangeQuestion =
    "Does the background change during the video? Describe it in detail.";
inline constexpr std::string_view kObjectsQuestion =
    "List all major objects in the video, including their category, count, color, and position. "
    "Please format your answer as: object (count: X, color: Y, position: Z); ...";
inline constexpr std::string_view kBackgroundMusicQuestion =
    "Is background music (BGM) present in the video? Please answer with one of the following "
    "options.";
inline constexpr std::string_view kAudioCaptionPrompt =
    "You are given an video clip with audio track. Write a detailed and coherent paragraph that "
    "describes the content based solely on the audio. Your description should include: "
    "significant audio cues such as voices, background music, sound effects, and their emotional "
    "tone. Ensure the output is a fluent and objective paragraph, not a bullet-point list, and "
    "captures the auditory experience in a human-like, narrative style.";
inline constexpr std::string_view kVisualCaptionPrompt =
    "You are given a video. Write a detailed and coherent paragraph that describes the visual "
    "content. Your description should include: (1) the primary scene and background setting; (2) "
    "key characters or objects and their actions or interactions; (3) any on-screen text (OCR) "
    "and its role in the video context; Ensure the output is a fluent and objective paragraph, "
    "not a bullet-point list, and captures the visual experience in a human-like, narrative "
    "style.";
// The release's final prompt ends with a space; keep it.
inline constexpr std::string_view kFinalCaptionPrompt =
    "You are given a short video with both audio and visual content. Write a detailed and "
    "coherent paragraph that naturally integrates all modalities. Your description should "
    "include: (1) the primary scene and background setting; (2) key characters or objects and "
    "their actions or interactions; (3) significant audio cues such as voices, background music, "
    "sound effects, and their emotional tone; (4) any on-screen text (OCR) and its role in the "
    "video context; and (5) the overall theme or purpose of the video. Ensure the output is a "
    "fluent and objective paragraph, not a bullet-point list, and captures the video's content "
    "in a human-like, narrative style. ";

// The exact question of a type ("" for Ocr, which the release ships without one).
std::string_view templateQuestion(QaType type);
// The exact options of a multiple-choice type; empty for open answers.
std::vector<std::string> templateOptions(QaType type);

// A voice is present when a voice source is given and the speaker count is not 0.
bool hasVoice(const AudioFields& audio);

// The template pairs the rules give a video, in kTemplateQaTypes order, origin Template,
// status Pending.
std::vector<QaPair> generateTemplateQa(std::string_view videoId, const AudioFields& audio, const VisualFields& visual);

// The three caption "questions" (prompt + caption) for the non-empty captions.
std::vector<QaPair> generateCaptionQa(std::string_view videoId, std::string_view audioCaption,
                                      std::string_view visualCaption, std::string_view finalCaption);

enum class QaChangeKind {
  Added,      // a rule now applies: new Template pair
  Updated,    // a machine pair (Template/Imported) whose content changed; status back to Pending
  Removed,    // a machine pair whose rule no longer applies
  Unchanged,  // a machine pair whose content is the same (its status is kept)
  KeptHuman,  // a HumanEdited pair that the fields would now generate differently, or a
              // HumanEdited/HumanAdded pair whose rule no longer applies: left as it is
};
std::string_view qaChangeKindName(QaChangeKind kind);

struct QaChange {
  QaType type = QaType::Tone;
  QaChangeKind kind = QaChangeKind::Unchanged;
  std::int64_t pairId = 0;  // the stored pair concerned (0 for Added)
};

struct QaRegeneration {
  std::vector<QaPair> pairs;      // the new set: kept, updated and added pairs
  std::vector<QaChange> changes;  // one entry per template-type decision
};

// Recomputes the template pairs of one video from its fields. Pairs of other videos, caption
// pairs and HumanAdded pairs pass through untouched. Machine pairs (Template, Imported) are
// replaced by the generated content, keeping their id; HumanEdited pairs are never touched.
QaRegeneration regenerateQa(std::string_view videoId, const std::vector<QaPair>& current, const AudioFields& audio,
                            const VisualFields& visual);

}  // namespace ugc::annotation
