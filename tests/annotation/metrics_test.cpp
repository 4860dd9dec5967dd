#include <gtest/gtest.h>

#include <cmath>

#include "annotation/metrics.h"

namespace ugc::annotation {
namespace {

std::string slice(std::string_view text, std::size_t begin, std::size_t end) {
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

TEST(Metrics, TokenizationIsLowercaseSplitOnNonAlphanumerics) {
  EXPECT_EQ(metricTokens("Don't STOP, 2x-speed!"), (std::vector<std::string>{"don", "t", "stop", "2x", "speed"}));
  EXPECT_EQ(metricTokens("café ok"), (std::vector<std::string>{"café", "ok"}));
  EXPECT_TRUE(metricTokens(" ... ").empty());
}

// Hand-computed: 50 items, both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
// po = 35/50 = 0.7; pA(yes) = 0.5, pB(yes) = 0.6; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.4.
TEST(Metrics, CohenKappaHandComputed) {
  std::vector<std::string> a, b;
  auto add = [&](const char* x, const char* y, int times) {
    for (int i = 0; i < times; ++i) {
      a.push_back(x);
      b.push_back(y);
    }
  };
  add("Yes", "yes", 20);  // case and spacing do not matter
  add("Yes", "No", 5);
  add("No", "Yes", 10);
  add("No", " no", 15);
  auto kappa = cohenKappa(a, b);
  ASSERT_TRUE(kappa);
  EXPECT_NEAR(*kappa, 0.4, 1e-12);
  // Three categories: tone. Agreements at items 1, 2, 4: po = 3/6;
  // pA = (P 3, N 2, Ne 1)/6, pB = (P 2, N 2, Ne 2)/6; pe = (6 + 4 + 2)/36 = 1/3;
  // kappa = (1/2 - 1/3) / (2/3) = 0.25.
  kappa = cohenKappa({"Positive", "Positive", "Positive", "Negative", "Negative", "neutral"},
                     {"Positive", "Positive", "Neutral", "Negative", "Neutral", "Negative"});
  ASSERT_TRUE(kappa);
  EXPECT_NEAR(*kappa, 0.25, 1e-12);
  // Perfect agreement, total disagreement, one shared label throughout.
  EXPECT_NEAR(*cohenKappa({"a", "b"}, {"a", "b"}), 1.0, 1e-12);
  EXPECT_NEAR(*cohenKappa({"a", "b"}, {"b", "a"}), -1.0, 1e-12);
  EXPECT_EQ(*cohenKappa({"No", "No"}, {"no", "No"}), 1.0);
  EXPECT_EQ(cohenKappa({"a"}, {}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(cohenKappa({}, {}).error().code, ErrorCode::InvalidArgument);
}

// Hand-computed: LCS("the cat sat on the mat", "the cat is on the mat") = 5 -> P = R = 5/6.
// LCS("police killed the gunman", "the gunman was shot by police") = 2 ("the gunman"):
// P = 2/4, R = 2/6, F1 = 2PR/(P+R) = 0.4.
TEST(Metrics, RougeLHandComputed) {
  EXPECT_NEAR(rougeLF1("The cat sat on the mat.", "the cat is on the mat"), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(rougeLF1("police killed the gunman", "the gunman was shot by police"), 0.4, 1e-12);
  EXPECT_EQ(rougeLF1("", "anything"), 0.0);
  EXPECT_EQ(rougeLF1("a b", "c d"), 0.0);
  EXPECT_NEAR(rougeLF1("same words", "Same, words!"), 1.0, 1e-12);
}

TEST(Metrics, TokenJaccard) {
  // {the, cat, sat} vs {the, dog, sat}: 2 shared of 4.
  EXPECT_NEAR(tokenJaccard("the cat sat the", "The dog sat"), 0.5, 1e-12);
  EXPECT_EQ(tokenJaccard("", ""), 1.0);
  EXPECT_EQ(tokenJaccard("a", ""), 0.0);
}

// Hand-computed: candidate "the cat sat on a mat today" vs reference "the cat sat on the mat":
// clipped precisions 5/7, 3/6, 2/5, 1/4; c = 7 > r = 6 so BP = 1;
// BLEU = (5/7 * 1/2 * 2/5 * 1/4)^(1/4) = 0.434720...
TEST(Metrics, Bleu4HandComputed) {
  auto one = corpusBleu4({"the cat sat on a mat today"}, {{"the cat sat on the mat"}});
  ASSERT_TRUE(one);
  EXPECT_NEAR(one->precisions[0], 5.0 / 7, 1e-12);
  EXPECT_NEAR(one->precisions[1], 3.0 / 6, 1e-12);
  EXPECT_NEAR(one->precisions[2], 2.0 / 5, 1e-12);
  EXPECT_NEAR(one->precisions[3], 1.0 / 4, 1e-12);
  EXPECT_EQ(one->brevityPenalty, 1.0);
  EXPECT_NEAR(one->bleu, 0.4347208719449914, 1e-12);
  // Too short: all precisions 1, BP = exp(1 - 6/4).
  auto short_ = corpusBleu4({"the cat sat on"}, {{"the cat sat on the mat"}});
  EXPECT_NEAR(short_->bleu, std::exp(-0.5), 1e-12);
  // Corpus level sums the counts: (5+4)/(7+4), (3+3)/(6+3), (2+2)/(5+2), (1+1)/(4+1);
  // c = 11, r = 12, BP = exp(1 - 12/11): 0.542580...
  auto corpus = corpusBleu4({"the cat sat on a mat today", "the cat sat on"},
                            {{"the cat sat on the mat"}, {"the cat sat on the mat"}});
  ASSERT_TRUE(corpus);
  EXPECT_EQ(corpus->candidateLength, 11u);
  EXPECT_EQ(corpus->referenceLength, 12u);
  EXPECT_NEAR(corpus->bleu, 0.5425800364872199, 1e-12);
  // Clipping: "the the the the" against "the cat": unigram precision 1/4, no bigram -> 0.
  auto clipped = corpusBleu4({"the the the the"}, {{"the cat"}});
  EXPECT_NEAR(clipped->precisions[0], 0.25, 1e-12);
  EXPECT_EQ(clipped->bleu, 0.0);
  // Several references: counts clip at the best reference, length is the closest one.
  auto multi = corpusBleu4({"the cat sat on the mat"}, {{"a dog", "the cat sat on the mat"}});
  EXPECT_NEAR(multi->bleu, 1.0, 1e-12);
  EXPECT_EQ(multi->referenceLength, 6u);
  EXPECT_EQ(corpusBleu4({"a"}, {}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(corpusBleu4({"a"}, {{}}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(corpusBleu4({}, {}).error().code, ErrorCode::InvalidArgument);
}

TEST(Metrics, WordDiffSpansRebuildBothTexts) {
  const std::string draft = "A man talks loudly about cars in a garage.";
  const std::string final = "A young man talks about classic cars in a garage at night.";
  auto spans = wordDiff(draft, final);
  std::string rebuiltDraft, rebuiltFinal;
  std::vector<std::pair<DiffOp, std::string>> ops;
  for (const DiffSpan& span : spans) {
    if (span.op != DiffOp::Insert) rebuiltDraft += slice(draft, span.draftBegin, span.draftEnd) + " ";
    if (span.op != DiffOp::Delete) rebuiltFinal += slice(final, span.finalBegin, span.finalEnd) + " ";
    ops.emplace_back(span.op, span.op == DiffOp::Delete ? slice(draft, span.draftBegin, span.draftEnd)
                                                        : slice(final, span.finalBegin, span.finalEnd));
  }
  EXPECT_EQ(rebuiltDraft, draft + " ");
  EXPECT_EQ(rebuiltFinal, final + " ");
  const std::vector<std::pair<DiffOp, std::string>> expected = {
      {DiffOp::Equal, "A"},         {DiffOp::Insert, "young"},   {DiffOp::Equal, "man talks"},
      {DiffOp::Delete, "loudly"},   {DiffOp::Equal, "about"},    {DiffOp::Insert, "classic"},
      {DiffOp::Equal, "cars in a"}, {DiffOp::Delete, "garage."}, {DiffOp::Insert, "garage at night."}};
  EXPECT_EQ(ops, expected);
  // young, classic, at, night inserted; loudly deleted; garage. -> garage substituted.
  EXPECT_EQ(wordEditDistance(draft, final), 6);
}

TEST(Metrics, WordDiffEdgeCases) {
  EXPECT_TRUE(wordDiff("", "").empty());
  auto inserted = wordDiff("", "new text");
  ASSERT_EQ(inserted.size(), 1u);
  EXPECT_EQ(inserted[0].op, DiffOp::Insert);
  EXPECT_EQ(inserted[0].words, 2);
  auto same = wordDiff("one  two\nthree", "one two three");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0].op, DiffOp::Equal);
  EXPECT_EQ(same[0].draftEnd, 14u);
  EXPECT_EQ(wordEditDistance("", "a b c"), 3);
  EXPECT_EQ(wordEditDistance("a b c", "a b c"), 0);
  EXPECT_EQ(wordEditDistance("a b c", "c b a"), 2);
}

TEST(Metrics, AnnotatorStatisticsFromEvents) {
  auto event = [](const char* video, Stage stage, WorkflowAction action, const char* actor, TimestampMs at) {
    WorkflowEvent e;
    e.videoId = video;
    e.stage = stage;
    e.action = action;
    e.actor = actor;
    e.at = at;
    return e;
  };
  using A = WorkflowAction;
  const TimestampMs minute = 60000;
  std::vector<WorkflowEvent> events = {
      // anna: audio of v1, 10 min, rejected; 4 more min, approved.
      event("v1", Stage::Audio, A::Start, "anna", 0),
      event("v1", Stage::Audio, A::Submit, "anna", 10 * minute),
      event("v1", Stage::Audio, A::Reject, "rita", 11 * minute),
      event("v1", Stage::Audio, A::Start, "anna", 20 * minute),
      event("v1", Stage::Audio, A::Submit, "anna", 24 * minute),
      event("v1", Stage::Audio, A::Approve, "rita", 30 * minute),
      // bob: visual of v1, 30 min, approved. Given out of order on purpose.
      event("v1", Stage::Visual, A::Approve, "rita", 100 * minute),
      event("v1", Stage::Visual, A::Submit, "bob", 90 * minute),
      event("v1", Stage::Visual, A::Start, "bob", 60 * minute),
      event("v1", Stage::Visual, A::AttachDraft, "adam", 1),
  };
  auto stats = annotatorStatistics(events);
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].annotator, "anna");
  EXPECT_EQ(stats[0].stages.at(Stage::Audio).submissions, 2);
  EXPECT_EQ(stats[0].stages.at(Stage::Audio).workMs, 14 * minute);
  EXPECT_NEAR(stats[0].stages.at(Stage::Audio).meanMinutes(), 7.0, 1e-12);
  EXPECT_EQ(stats[0].approved, 1);
  EXPECT_EQ(stats[0].rejected, 1);
  EXPECT_NEAR(stats[0].rejectionRate(), 0.5, 1e-12);
  EXPECT_EQ(stats[1].annotator, "bob");
  EXPECT_EQ(stats[1].stages.at(Stage::Visual).workMs, 30 * minute);
  EXPECT_EQ(stats[1].rejectionRate(), 0.0);
  EXPECT_TRUE(annotatorStatistics({}).empty());
}

}  // namespace ugc::annotation

namespace ugc::annotation {

TEST(Metrics, FieldKappasPerMultipleChoiceField) {
  auto audio = [](const char* tone, const char* music, int speakers) {
    AudioFields f;
    f.tone = tone;
    f.backgroundMusic = music;
    f.speakerCount = speakers;
    return f;
  };
  // Tone: the 2x2 example of CohenKappaHandComputed scaled down: agreements 3/4,
  // pA(pos) = 1/2, pB(pos) = 1/4 -> pe = 1/8 + 3/8 = 1/2, kappa = (3/4 - 1/2) / (1/2) = 0.5.
  std::vector<AudioFields> a = {audio("Positive", "Yes", 1), audio("Positive", "No", 2), audio("Negative", "No", 0),
                                audio("negative", "Yes", 1)};
  std::vector<AudioFields> b = {audio("Positive", "Yes", 1), audio("Negative", "No", 2), audio("Negative", "No", 0),
                                audio("Negative", "Yes", 1)};
  auto kappas = audioFieldKappas(a, b);
  ASSERT_TRUE(kappas);
  EXPECT_NEAR(kappas->at("tone"), 0.5, 1e-12);
  EXPECT_NEAR(kappas->at("background_music"), 1.0, 1e-12);
  EXPECT_NEAR(kappas->at("speaker_count"), 1.0, 1e-12);
  EXPECT_EQ(kappas->at("music_style"), 1.0);  // never answered by either: "" throughout
  EXPECT_FALSE(audioFieldKappas(a, {}));
  VisualFields changes, constant, unknown;
  changes.backgroundChanges = true;
  constant.backgroundChanges = false;
  auto visual = visualFieldKappas({changes, constant}, {constant, changes});
  ASSERT_TRUE(visual);
  EXPECT_NEAR(visual->at("background_changes"), -1.0, 1e-12);
  EXPECT_TRUE(visualFieldKappas({unknown}, {unknown}));
}

}  // namespace ugc::annotation
