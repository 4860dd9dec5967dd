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

TEST(GroundedDraft, ConstrainedQuotingReproducesTenRandomUnseenOcrStrings) {
  int exactBefore = 0;
  for (const std::string& text : randomOnScreenTexts(10, 20261206)) {
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

namespace ugc::pipeline {
namespace {
TEST(GroundedDraftExplore, DISABLED_PrintBeams) {
  std::vector<std::pair<Stage, StageContext>> cases;
  {
    StageContext c;
    c.audio.tone = "Positive";
    c.audio.voiceSource = "Narration";
    c.audio.backgroundMusic = "Yes";
    c.audio.musicStyle = "Cheerful";
    cases.push_back({Stage::Audio, c});
  }
  {
    StageContext c;
    c.audio.tone = "Neutral";
    c.audio.backgroundMusic = "No";
    c.audio.speakerCount = 2;
    c.audio.speakerGenders = {"female", "female"};
    c.audio.language = "Chinese";
    cases.push_back({Stage::Audio, c});
  }
  {
    StageContext c;
    c.visual.objects = annotation::parseObjectList("dog (count: 3, color: brown, position: in the center of the video)");
    c.visual.backgroundChanges = true;
    c.visual.backgroundChange = "The scene cuts from a park to a kitchen.";
    cases.push_back({Stage::Visual, c});
  }
  {
    StageContext c;
    c.visual.objects = annotation::parseObjectList("woman (count: 1, color: white, position: in the center of the video); cup (count: 2, color: red, position: on the table)");
    c.visual.backgroundChanges = false;
    cases.push_back({Stage::Visual, c});
  }
  for (auto& [stage, context] : cases) {
    model::CaptionerInput input;
    input.stage = stage;
    input.fields = captionerFields(context.audio, context.visual);
    input.ocrLines = context.visual.ocrLines;
    auto drafted = defaultModel().draft(input);
    ASSERT_TRUE(drafted);
    const auto facts = stageFacts(stage, context);
    for (const auto& beam : drafted->beams) {
      auto claims = annotation::checkFaithfulness(beam.text, stage, facts);
      auto counts = annotation::countClaims(claims);
      std::printf("[%d] c=%d u=%d s=%d: %s\n", int(stage), counts.contradicted, counts.unsupported, counts.supported, beam.text.c_str());
      for (auto& cl : claims) if (cl.verdict == annotation::ClaimVerdict::Contradicted) std::printf("    X %s\n", cl.reason.c_str());
    }
    auto d = draftStage(defaultModel(), stage, context, modelOnly(true));
    std::printf("  => %s | %s\n\n", d->grounding.c_str(), d->text.c_str());
  }
}
}  // namespace
}  // namespace ugc::pipeline
