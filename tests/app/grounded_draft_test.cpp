// Grounded drafting with the real default weights (resources/models/captioner-default): quotes
// copy the stage's on-screen text verbatim, a beam that contradicts the facts is never offered,
// and uncertain suggestions stay out of a draft made from suggestions alone.
#include <gtest/gtest.h>

#include <random>

#include "annotation/faithfulness.h"
#include "annotation/object_list.h"
#include "annotation/template_caption.h"
#include "model/captioner.h"
#include "pipeline/draft_service.h"
#include "pipeline/stage_facts.h"
#include "pipeline/suggestions.h"
#include "support/test_support.h"

namespace ugc::pipeline {
namespace {

using annotation::Stage;

const model::Captioner& defaultModel() {
  static const model::Captioner captioner = [] {
    auto loaded = model::Captioner::load(std::string(UGC_RESOURCES_DIR) + "/models/captioner-default");
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(*loaded);
  }();
  return captioner;
}

DraftOptions modelOnly(bool grounded) {
  DraftOptions options;
  options.source = DraftSource::Model;
  options.grounded = grounded;
  options.decoding.constrainQuotes = grounded;
  return options;
}

// Upper-case "words" of random letters: no release caption, OCR line or field holds them.
std::vector<std::string> randomOnScreenTexts(int count, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<std::string> texts;
  for (int i = 0; i < count; ++i) {
    std::string text;
    const int words = 2 + int(random() % 2);
    for (int w = 0; w < words; ++w) {
      if (w) text += ' ';
      const int letters = 4 + int(random() % 4);
      for (int l = 0; l < letters; ++l) text += char('A' + random() % 26);
    }
    texts.push_back(text);
  }
  return texts;
}

StageContext visualContext(const std::string& onScreenText) {
  StageContext context;
  context.visual.objects = annotation::parseObjectList(
      "person (count: 1, color: black, position: in the center of the video)");
  context.visual.ocrLines = {onScreenText};
  return context;
}

// Every released and train-data text the weights were trained on, upper-cased (empty without the data).
std::string trainingTexts() {
  std::string all;
  const auto data = test::sharedDataDir();
  if (data.empty()) return all;
  for (const char* file : {"release-dev/ocr.jsonl", "release-dev/audio_caption_qa.json", "release-dev/visual_caption_qa.json",
                           "release-dev/final_caption_qa.json", "release-dev/object.json",
                           "release-dev/back_ground_change_new.json", "train-data/sft_1k.jsonl", "train-data/grpo_1k.jsonl"})
    if (std::filesystem::exists(data / file)) all += test::readFile(data / file);
  for (char& c : all) c = char(std::toupper(static_cast<unsigned char>(c)));
  return all;
}

TEST(GroundedDraft, ConstrainedQuotingReproducesTenRandomUnseenOcrStrings) {
  int exactBefore = 0;
  const std::string seen = trainingTexts();
  for (const std::string& text : randomOnScreenTexts(10, 20261206)) {
    EXPECT_EQ(seen.find(text), std::string::npos) << text << " is in the training data";
    const auto context = visualContext(text);
    auto draft = draftStage(defaultModel(), Stage::Visual, context, modelOnly(true));
    ASSERT_TRUE(draft) << draft.error().describe();
    EXPECT_EQ(draft->source, DraftSource::Model) << draft->grounding;
    EXPECT_NE(draft->text.find("\"" + text + "\""), std::string::npos) << text << "\n" << draft->text;
    // Every quote of the draft is that line, and the checker agrees.
    for (const auto& claim : annotation::checkFaithfulness(draft->text, Stage::Visual, stageFacts(Stage::Visual, context)))
      if (claim.kind == annotation::ClaimKind::OnScreenText) {
        EXPECT_EQ(claim.verdict, annotation::ClaimVerdict::Supported) << claim.reason << "\n" << draft->text;
      }
    auto before = draftStage(defaultModel(), Stage::Visual, context, modelOnly(false));
    ASSERT_TRUE(before);
    exactBefore += before->text.find("\"" + text + "\"") != std::string::npos;
  }
  std::printf("unconstrained decoding quoted %d of the 10 strings exactly\n", exactBefore);
}

TEST(GroundedDraft, NoQuoteWithoutASourceToCopy) {
  // The audio stage has no transcript here: nothing may be quoted as speech.
  StageContext context;
  context.audio.tone = "Positive";
  context.audio.voiceSource = "Narration";
  context.audio.speakerCount = 1;
  auto draft = draftStage(defaultModel(), Stage::Audio, context, modelOnly(true));
  ASSERT_TRUE(draft) << draft.error().describe();
  EXPECT_EQ(draft->text.find('"'), std::string::npos) << draft->text;
}

annotation::ClaimCounts countsOf(const std::string& text, Stage stage, const StageContext& context) {
  return annotation::countClaims(annotation::checkFaithfulness(text, stage, stageFacts(stage, context)));
}

TEST(GroundedDraft, ABestBeamThatContradictsTheFieldsGivesWayToTheNextFaithfulBeam) {
  StageContext context;
  context.audio.tone = "Positive";
  context.audio.voiceSource = "Narration";
  context.audio.backgroundMusic = "No";
  context.audio.speakerGenders = {"male"};
  // Without grounding the model's best beam says "ambient music" although the BGM field says No.
  auto before = draftStage(defaultModel(), Stage::Audio, context, modelOnly(false));
  ASSERT_TRUE(before) << before.error().describe();
  ASSERT_GT(countsOf(before->text, Stage::Audio, context).contradicted, 0) << before->text;
  auto draft = draftStage(defaultModel(), Stage::Audio, context, modelOnly(true));
  ASSERT_TRUE(draft) << draft.error().describe();
  EXPECT_EQ(draft->source, DraftSource::Model);
  EXPECT_EQ(draft->sourceId.rfind("model:", 0), 0u);
  EXPECT_EQ(countsOf(draft->text, Stage::Audio, context).contradicted, 0) << draft->text;
  EXPECT_EQ(draft->claims.contradicted, 0);
  EXPECT_NE(draft->text, before->text);
  // The draft says which beam it is and why the first was passed over.
  EXPECT_EQ(draft->grounding.rfind("beam ", 0), 0u) << draft->grounding;
  EXPECT_EQ(draft->grounding.find("beam 1 of"), std::string::npos) << draft->grounding;
  EXPECT_NE(draft->grounding.find("beam 1 contradicts the facts"), std::string::npos) << draft->grounding;
  EXPECT_NE(draft->grounding.find("background music field: No"), std::string::npos) << draft->grounding;
}

TEST(GroundedDraft, WhenEveryBeamContradictsTheFieldsTheContradictingSentencesAreLeftOut) {
  StageContext context;
  context.audio.tone = "Neutral";
  context.audio.backgroundMusic = "No";
  context.audio.speakerCount = 2;
  context.audio.speakerGenders = {"female", "female"};
  context.audio.language = "Chinese";
  auto before = draftStage(defaultModel(), Stage::Audio, context, modelOnly(false));
  ASSERT_TRUE(before) << before.error().describe();
  ASSERT_GT(countsOf(before->text, Stage::Audio, context).contradicted, 0) << before->text;  // "a male speaker"
  auto draft = draftStage(defaultModel(), Stage::Audio, context, modelOnly(true));
  ASSERT_TRUE(draft) << draft.error().describe();
  EXPECT_EQ(countsOf(draft->text, Stage::Audio, context).contradicted, 0) << draft->text;
  EXPECT_EQ(draft->text.find("male speaker"), std::string::npos) << draft->text;
  // Every beam says "a male speaker"; the best one that has more to say is offered without it
  // (the first beam is that one sentence only).
  EXPECT_EQ(draft->source, DraftSource::Model) << draft->grounding;
  EXPECT_EQ(draft->grounding.rfind("beam ", 0), 0u) << draft->grounding;
  EXPECT_NE(draft->grounding.find(" of 4 without 1 sentence that contradict the facts"), std::string::npos)
      << draft->grounding;
  EXPECT_NE(draft->grounding.find("speaker genders field: female, female"), std::string::npos) << draft->grounding;
  EXPECT_FALSE(draft->text.empty());
}

TEST(GroundedDraft, NoDraftWhenTheTemplateContradictsTheFactsToo) {
  // Fields that disagree with a signal: the background music field says No, a music event says otherwise.
  annotation::FaithfulnessFacts facts;
  annotation::AudioFields audio;
  audio.backgroundMusic = "No";
  facts.audio = audio;
  model::DraftResult drafted;
  drafted.beams = {{"Upbeat music plays.", {}, -1.0}, {"A song plays in the background.", {}, -2.0}};
  drafted.text = drafted.beams.front().text;
  StageDraft draft;
  draft.stage = Stage::Audio;
  draft.source = DraftSource::Model;
  chooseGroundedDraft(draft, drafted, "There is background music.", facts);
  EXPECT_EQ(draft.text, "");
  EXPECT_EQ(draft.source, DraftSource::Template);
  EXPECT_EQ(draft.grounding.rfind("no draft: the model's 2 beams and the template contradict the facts", 0), 0u)
      << draft.grounding;
  // A faithful template is offered instead, as the template.
  StageDraft fallback;
  fallback.stage = Stage::Audio;
  chooseGroundedDraft(fallback, drafted, "There is no background music present.", facts);
  EXPECT_EQ(fallback.text, "There is no background music present.");
  EXPECT_EQ(fallback.source, DraftSource::Template);
  EXPECT_EQ(fallback.sourceId, kTemplateSource);
  EXPECT_EQ(fallback.grounding.rfind("template: every sentence of the model's 2 beams contradicts the facts", 0), 0u)
      << fallback.grounding;
  // A beam with one contradicting sentence among others is offered without it.
  model::DraftResult mixed;
  mixed.beams = {{"A man speaks calmly. Upbeat music plays. He thanks the audience.", {}, -1.0}};
  StageDraft pruned;
  pruned.stage = Stage::Audio;
  chooseGroundedDraft(pruned, mixed, "There is no background music present.", facts);
  EXPECT_EQ(pruned.text, "A man speaks calmly. He thanks the audience.");
  EXPECT_EQ(pruned.grounding.rfind("beam 1 of 1 without 1 sentence that contradict", 0), 0u) << pruned.grounding;
  // A faithful second beam is taken over the first.
  drafted.beams.push_back({"A man speaks calmly.", {}, -3.0});
  StageDraft next;
  next.stage = Stage::Audio;
  chooseGroundedDraft(next, drafted, "There is no background music present.", facts);
  EXPECT_EQ(next.text, "A man speaks calmly.");
  EXPECT_EQ(next.source, DraftSource::Model);
  EXPECT_EQ(next.grounding.rfind("beam 3 of 3: beam 1 contradicts the facts", 0), 0u) << next.grounding;
}

TEST(GroundedDraft, UncertainObjectSuggestionsAreLeftOutOfTheDraftsFields) {
  model::Signals signals;
  signals.objects.ran = true;
  signals.objects.summary = {{"dog", 2, "brown", "in the center of the video", 0.82, 6},
                             {"skateboard", 1, "red", "at the bottom of the video", 0.31, 2}};
  const auto all = visualSuggestions(signals);
  ASSERT_EQ(all.objects.size(), 2u);
  const auto confident = confidentVisualSuggestions(signals);
  ASSERT_EQ(confident.objects.size(), 1u);
  EXPECT_EQ(confident.objects.front().category, "dog");
  EXPECT_EQ(annotation::visualTemplateCaption(confident).find("skateboard"), std::string::npos);
}

}  // namespace
}  // namespace ugc::pipeline
