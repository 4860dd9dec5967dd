#include <gtest/gtest.h>

#include <algorithm>

#include "annotation/qa_review.h"
#include "support/annotation_fixtures.h"
#include "annotation/qa_templates.h"

namespace ugc::annotation {
namespace {

AudioFields talkingAudio() { return test::completeAudioFields(); }

VisualFields busyVisual() {
  VisualFields visual;
  visual.background = "a kitchen";
  visual.backgroundChanges = true;
  visual.backgroundChange = "The scene moves from the kitchen to a garden.";
  visual.motion = "cooking";
  visual.ocrLines = {"EASY PASTA", "step 1"};
  visual.objects = {{"pan", "1", "black", "center", "", ""}};
  return visual;
}

std::vector<QaType> typesOf(const std::vector<QaPair>& pairs) {
  std::vector<QaType> types;
  for (const QaPair& pair : pairs) types.push_back(pair.type);
  return types;
}

const QaPair& pairOf(const std::vector<QaPair>& pairs, QaType type) {
  auto it = std::find_if(pairs.begin(), pairs.end(), [&](const QaPair& p) { return p.type == type; });
  if (it == pairs.end()) throw std::runtime_error("missing pair");
  return *it;
}

}  // namespace

TEST(QaTemplates, FullFieldsGiveEveryTemplatePair) {
  auto pairs = generateTemplateQa("v1", talkingAudio(), busyVisual());
  EXPECT_EQ(typesOf(pairs), (std::vector<QaType>{QaType::Tone, QaType::VoiceSource, QaType::Ocr,
                                                 QaType::BackgroundChange, QaType::Objects, QaType::BackgroundMusic}));
  for (const QaPair& pair : pairs) {
    EXPECT_EQ(pair.videoId, "v1");
    EXPECT_EQ(pair.origin, QaOrigin::Template);
    EXPECT_EQ(pair.status, QaStatus::Pending);
  }
  const QaPair& tone = pairOf(pairs, QaType::Tone);
  EXPECT_EQ(tone.question,
            "What is the tone and mood of the speakers? Please answer with one of the following options.");
  EXPECT_EQ(tone.options, (std::vector<std::string>{"Positive", "Negative", "Neutral"}));
  EXPECT_EQ(tone.answer, "Positive");
  EXPECT_EQ(pairOf(pairs, QaType::VoiceSource).options,
            (std::vector<std::string>{"Narration", "In-Video Voice", "Out-Video Voice"}));
  EXPECT_EQ(pairOf(pairs, QaType::BackgroundMusic).options, (std::vector<std::string>{"Yes", "No"}));
  EXPECT_EQ(pairOf(pairs, QaType::BackgroundMusic).answer, "Yes");
  const QaPair& ocr = pairOf(pairs, QaType::Ocr);
  EXPECT_EQ(ocr.question, "");
  EXPECT_EQ(ocr.answer, "");
  EXPECT_EQ(ocr.answerLines, (std::vector<std::string>{"EASY PASTA", "step 1"}));
  EXPECT_EQ(pairOf(pairs, QaType::Objects).answer, "pan (count: 1, color: black, position: center)");
  EXPECT_TRUE(pairOf(pairs, QaType::Objects).options.empty());
  EXPECT_EQ(pairOf(pairs, QaType::BackgroundChange).answer, busyVisual().backgroundChange);
}

TEST(QaTemplates, NoVoiceNoTextNoMusicConstantBackground) {
  AudioFields audio;
  audio.speakerCount = 0;
  audio.tone = "Neutral";
  audio.backgroundMusic = "No";
  audio.voiceSource = "Narration";  // stale value: 0 speakers means no voice
  VisualFields visual;
  visual.background = "a beach";
  visual.backgroundChanges = false;
  visual.backgroundChange = "left over text";
  visual.objects = {{"wave", "many", "blue", "everywhere", "", ""}};
  auto pairs = generateTemplateQa("v2", audio, visual);
  EXPECT_EQ(typesOf(pairs), (std::vector<QaType>{QaType::Tone, QaType::Objects, QaType::BackgroundMusic}));
  EXPECT_EQ(pairOf(pairs, QaType::BackgroundMusic).answer, "No");
  EXPECT_FALSE(hasVoice(audio));
  audio.speakerCount.reset();
  EXPECT_TRUE(hasVoice(audio));  // unknown count: the voice source decides (as in the release)
  audio.voiceSource.clear();
  EXPECT_FALSE(hasVoice(audio));
  // Nothing answered: no pairs at all.
  EXPECT_TRUE(generateTemplateQa("v3", AudioFields{}, VisualFields{}).empty());
  // A changing background without its description yields no pair (nothing to ask about).
  visual.backgroundChanges = true;
  visual.backgroundChange.clear();
  EXPECT_EQ(typesOf(generateTemplateQa("v2", audio, visual)),
            (std::vector<QaType>{QaType::Tone, QaType::Objects, QaType::BackgroundMusic}));
}

TEST(QaTemplates, CaptionQuestionsUseTheReleasePrompts) {
  auto pairs = generateCaptionQa("v1", "audio text", "", "final text");
  EXPECT_EQ(typesOf(pairs), (std::vector<QaType>{QaType::AudioCaption, QaType::FinalCaption}));
  EXPECT_EQ(pairs[0].question, kAudioCaptionPrompt);
  EXPECT_EQ(pairs[1].question.back(), ' ');  // the release's final prompt ends with a space
  EXPECT_EQ(pairs[1].answer, "final text");
  EXPECT_EQ(templateQuestion(QaType::Ocr), "");
  EXPECT_TRUE(templateOptions(QaType::Objects).empty());
}

TEST(QaRegeneration, AddsUpdatesRemovesAndKeepsHumanPairs) {
  AudioFields audio = talkingAudio();
  VisualFields visual = busyVisual();
  std::vector<QaPair> current = generateTemplateQa("v1", audio, visual);
  for (std::size_t i = 0; i < current.size(); ++i) current[i].id = static_cast<std::int64_t>(i + 1);
  // A reviewer approved the tone pair, edited the objects pair and added a pair of their own.
  const User rita{"rita", Role::Reviewer};
  QaPair& tone = current[0];
  tone = *approveQaPair(tone, rita);
  auto objectsIt =
      std::find_if(current.begin(), current.end(), [](const QaPair& p) { return p.type == QaType::Objects; });
  QaEdit edit{objectsIt->question, {}, "pan (count: 2, color: black, position: center)", {}};
  *objectsIt = *editQaPair(*objectsIt, rita, edit);
  auto added = addQaPair("v1", QaType::Objects, rita, QaEdit{"What is on the stove?", {}, "a pan", {}});
  ASSERT_TRUE(added);
  current.push_back(*added);
  QaPair otherVideo = generateTemplateQa("v9", audio, visual)[0];
  current.push_back(otherVideo);
  QaPair caption = generateCaptionQa("v1", "a", "", "")[0];
  current.push_back(caption);

  // The fields change: the voice goes, the OCR lines change, objects change, music stays.
  audio.voiceSource.clear();
  audio.speakerCount = 0;
  visual.ocrLines = {"EASY PASTA"};
  visual.objects = {{"pot", "1", "silver", "left", "", ""}};
  QaRegeneration result = regenerateQa("v1", current, audio, visual);

  auto changeOf = [&](QaType type) {
    for (const QaChange& change : result.changes)
      if (change.type == type) return change.kind;
    throw std::runtime_error("no change recorded");
  };
  EXPECT_EQ(changeOf(QaType::Tone), QaChangeKind::Unchanged);
  EXPECT_EQ(changeOf(QaType::VoiceSource), QaChangeKind::Removed);
  EXPECT_EQ(changeOf(QaType::Ocr), QaChangeKind::Updated);
  EXPECT_EQ(changeOf(QaType::Objects), QaChangeKind::KeptHuman);
  EXPECT_EQ(changeOf(QaType::BackgroundMusic), QaChangeKind::Unchanged);
  EXPECT_EQ(changeOf(QaType::BackgroundChange), QaChangeKind::Unchanged);

  // The approved tone pair keeps its status; the updated OCR pair keeps its id, goes Pending.
  EXPECT_EQ(pairOf(result.pairs, QaType::Tone).status, QaStatus::Approved);
  const QaPair& ocr = pairOf(result.pairs, QaType::Ocr);
  EXPECT_EQ(ocr.answerLines, std::vector<std::string>{"EASY PASTA"});
  EXPECT_EQ(ocr.id, 3);
  EXPECT_EQ(ocr.status, QaStatus::Pending);
  // The human-edited objects pair is untouched; the human-added pair survives.
  int objectPairs = 0;
  for (const QaPair& pair : result.pairs) {
    if (pair.type != QaType::Objects || pair.videoId != "v1") continue;
    ++objectPairs;
    EXPECT_TRUE(pair.origin == QaOrigin::HumanEdited || pair.origin == QaOrigin::HumanAdded);
    if (pair.origin == QaOrigin::HumanEdited) {
      EXPECT_EQ(pair.answer, "pan (count: 2, color: black, position: center)");
    }
  }
  EXPECT_EQ(objectPairs, 2);
  const std::vector<QaType> types = typesOf(result.pairs);
  EXPECT_EQ(std::count(types.begin(), types.end(), QaType::VoiceSource), 0);
  // Other videos and caption pairs pass through.
  EXPECT_NE(std::find(result.pairs.begin(), result.pairs.end(), otherVideo), result.pairs.end());
  EXPECT_NE(std::find(result.pairs.begin(), result.pairs.end(), caption), result.pairs.end());
}

TEST(QaRegeneration, FromNothingAddsAndIsIdempotent) {
  auto first = regenerateQa("v1", {}, talkingAudio(), busyVisual());
  EXPECT_EQ(first.pairs.size(), 6u);
  for (const QaChange& change : first.changes) EXPECT_EQ(change.kind, QaChangeKind::Added);
  auto second = regenerateQa("v1", first.pairs, talkingAudio(), busyVisual());
  EXPECT_EQ(second.pairs, first.pairs);
  for (const QaChange& change : second.changes) EXPECT_EQ(change.kind, QaChangeKind::Unchanged);
  // Imported pairs are machine pairs too: replaced when the fields say otherwise.
  std::vector<QaPair> imported = first.pairs;
  for (QaPair& pair : imported) pair.origin = QaOrigin::Imported;
  AudioFields calmer = talkingAudio();
  calmer.tone = "neutral";
  auto third = regenerateQa("v1", imported, calmer, busyVisual());
  EXPECT_EQ(pairOf(third.pairs, QaType::Tone).answer, "neutral");
  EXPECT_EQ(pairOf(third.pairs, QaType::Tone).origin, QaOrigin::Template);
}

}  // namespace ugc::annotation
