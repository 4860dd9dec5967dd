// The checker's facts for a stage: fields confirmed else suggested, and the signals masked to
// what the stage may know.
#include "pipeline/stage_facts.h"

#include <gtest/gtest.h>

namespace ugc::pipeline {
namespace {

using annotation::Stage;

model::Signals sampleSignals() {
  model::Signals s;
  s.hasVideo = s.hasAudio = true;
  s.ocr.ran = true;
  s.ocr.lines = {{"MORNING WALK DOWNTOWN", 91, {{0.5, 3.0}}, 6}};
  s.scenes.ran = true;
  s.scenes.changeTimes = {4.2};
  s.audio.ran = true;
  s.audio.musicPresent = true;
  s.audio.musicConfidence = 0.8;
  s.audio.music = {{0, 10}};
  s.audio.speech = {{1, 4}};
  s.transcript.ran = true;
  s.transcript.quotableThreshold = 0.6;
  s.transcript.language = "en";
  s.transcript.languageConfidence = 0.9;
  // "good morning" quotable, "maybe" not, a pause, then "see you" quotable.
  s.transcript.words = {{"good", {1.0, 1.3}, 0.9, true},
                        {"morning", {1.3, 1.8}, 0.7, true},
                        {"maybe", {1.8, 2.1}, 0.3, false},
                        {"see", {3.5, 3.7}, 0.8, true},
                        {"you", {3.7, 3.9}, 0.9, true}};
  return s;
}

TEST(StageFacts, SignalsAreMaskedToTheStage) {
  const model::Signals signals = sampleSignals();
  annotation::AudioFields audio;
  audio.backgroundMusic = "Yes";
  annotation::VisualFields visual;
  visual.background = "a street";
  const auto heard = stageFacts(Stage::Audio, audio, visual, signals);
  EXPECT_TRUE(heard.audio.has_value());
  EXPECT_FALSE(heard.visual.has_value());
  EXPECT_FALSE(heard.ocrLines.has_value());
  EXPECT_FALSE(heard.sceneChangeSeconds.has_value());
  ASSERT_TRUE(heard.transcript.has_value());
  ASSERT_TRUE(heard.audioEvents.has_value());
  EXPECT_EQ(heard.transcriptLanguage, "English");
  EXPECT_DOUBLE_EQ(heard.transcriptConfidenceThreshold, 0.6);

  const auto seen = stageFacts(Stage::Visual, audio, visual, signals);
  EXPECT_FALSE(seen.audio.has_value());
  EXPECT_FALSE(seen.transcript.has_value());
  EXPECT_FALSE(seen.audioEvents.has_value());
  ASSERT_TRUE(seen.ocrLines.has_value());
  EXPECT_EQ(*seen.ocrLines, std::vector<std::string>{"MORNING WALK DOWNTOWN"});
  ASSERT_TRUE(seen.sceneChangeSeconds.has_value());
  EXPECT_EQ(seen.sceneChangeSeconds->size(), 1u);

  const auto joint = stageFacts(Stage::Joint, audio, visual, signals);
  EXPECT_TRUE(joint.audio && joint.visual && joint.ocrLines && joint.transcript);
  // Without signals only the fields are known.
  const auto bare = stageFacts(Stage::Joint, audio, visual, std::nullopt);
  EXPECT_FALSE(bare.ocrLines || bare.transcript || bare.audioEvents || bare.sceneChangeSeconds);
}

TEST(StageFacts, TranscriptSpansSeparateQuotableWordsAndPauses) {
  const auto facts = stageFacts(Stage::Audio, {}, {}, sampleSignals());
  ASSERT_TRUE(facts.transcript.has_value());
  const auto& spans = *facts.transcript;
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].text, "good morning");
  EXPECT_DOUBLE_EQ(spans[0].confidence, 0.7);  // its least sure word
  EXPECT_EQ(spans[1].text, "maybe");
  EXPECT_LT(spans[1].confidence, facts.transcriptConfidenceThreshold);
  EXPECT_EQ(spans[2].text, "see you");
  EXPECT_DOUBLE_EQ(spans[2].startSeconds, 3.5);

  // What the checker makes of a draft against these facts.
  const std::string draft = "A voice says \"good morning\", then \"good morning maybe\", over music.";
  const auto claims = annotation::checkFaithfulness(draft, Stage::Audio, facts);
  ASSERT_GE(claims.size(), 3u);
  EXPECT_EQ(claims[0].kind, annotation::ClaimKind::QuotedSpeech);
  EXPECT_EQ(claims[0].verdict, annotation::ClaimVerdict::Supported);
  EXPECT_EQ(claims[1].verdict, annotation::ClaimVerdict::Unsupported);  // "maybe" is not quotable
  bool music = false;
  for (const auto& claim : claims) {
    if (claim.kind == annotation::ClaimKind::Music) {
      music = true;
      EXPECT_EQ(claim.verdict, annotation::ClaimVerdict::Supported) << claim.reason;
    }
  }
  EXPECT_TRUE(music);
}

TEST(StageFacts, ConfirmedFieldsWinOverSuggestions) {
  annotation::AudioFields confirmed;
  confirmed.backgroundMusic = "No";
  annotation::AudioFields suggested;
  suggested.backgroundMusic = "Yes";
  suggested.speakerCount = 2;
  suggested.language = "English";
  const auto merged = withSuggestions(confirmed, suggested);
  EXPECT_EQ(merged.backgroundMusic, "No");
  EXPECT_EQ(merged.speakerCount, 2);
  EXPECT_EQ(merged.language, "English");
  annotation::VisualFields seen;
  seen.backgroundChanges = false;
  annotation::VisualFields guess;
  guess.backgroundChanges = true;
  guess.ocrLines = {"SALE"};
  const auto visual = withSuggestions(seen, guess);
  EXPECT_EQ(visual.backgroundChanges, false);
  EXPECT_EQ(visual.ocrLines, std::vector<std::string>{"SALE"});
}

}  // namespace
}  // namespace ugc::pipeline
