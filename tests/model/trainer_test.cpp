// Training the tiny configuration for real (label: slow): the loss falls, runs are reproducible,
// a checkpoint resumes to the same weights, cancellation is its own result, and the copy head
// learns to reproduce strings it never saw.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "model/trainer.h"
#include "model_fixtures.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

TrainerParams tinyParams(const ugc::test::TempDir& dir, const std::string& name, int steps) {
  const auto tokenizerPath = (dir / "tokenizer.model").string();
  if (!std::filesystem::exists(tokenizerPath)) {
    EXPECT_TRUE(test::excerptTokenizer().save(tokenizerPath));
  }
  TrainerParams p;
  p.config = CaptionerConfig::tinyConfig();
  p.tokenizerPath = tokenizerPath;
  p.outDir = (dir / name).string();
  p.steps = steps;
  p.batchSize = 4;
  p.learningRate = 3e-3;
  p.warmupSteps = 5;
  p.evalEvery = 10;
  p.checkpointEvery = 10;
  p.heldOutFraction = 0.25;
  p.threads = 1;
  p.seed = 5;
  return p;
}

TEST(Trainer, TinyModelLossFallsClearlyOnTheReleaseExcerpt) {
  ugc::test::TempDir dir;
  const auto corpus = test::excerptCorpus();
  ASSERT_EQ(corpus.samples.size(), 24u);  // 8 videos x 3 stages
  int progressCalls = 0;
  auto params = tinyParams(dir, "run", 100);
  params.lengthBuckets = true;  // as `ugccap train` runs by default
  auto report = trainCaptioner(params, corpus, [&](const Progress& p) { progressCalls += p.step == "training"; }, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->steps, 100);
  EXPECT_EQ(progressCalls, 100);
  EXPECT_GT(report->heldOutSamples, 0u);
  ASSERT_GE(report->curve.size(), 10u);
  const double first = report->curve.front().trainLoss, last = report->curve.back().trainLoss;
  // Mean NLL per token over steps 1-10 vs 91-100: 24 captions are easy to start memorising.
  EXPECT_LT(last, first - 1.5) << "train loss " << first << " -> " << last;
  EXPECT_LT(report->curve.back().heldOutLoss, report->curve.front().heldOutLoss);
  for (const char* file : {"config.json", "tokenizer.model", "weights.pt", "optimizer.pt", "card.json"})
    EXPECT_TRUE(std::filesystem::exists(dir / "run" / file)) << file;
  auto card = ugc::test::readFile(dir / "run" / "card.json");
  EXPECT_NE(card.find(corpus.dataHash), std::string::npos);
  EXPECT_NE(card.find("\"loss_curve\""), std::string::npos);
  auto trained = Captioner::load((dir / "run").string());
  ASSERT_TRUE(trained) << trained.error().describe();
  CaptionerInput in = corpus.samples.front().input;
  auto draft = trained->draft(in);
  ASSERT_TRUE(draft) << draft.error().describe();
  EXPECT_FALSE(draft->text.empty());
}

TEST(Trainer, SameSeedReproducesAndResumeContinuesExactly) {
  ugc::test::TempDir dir;
  const auto corpus = test::excerptCorpus();
  auto straight = trainCaptioner(tinyParams(dir, "straight", 30), corpus, {}, {});
  ASSERT_TRUE(straight) << straight.error().describe();
  auto again = trainCaptioner(tinyParams(dir, "again", 30), corpus, {}, {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->curve.back().trainLoss, straight->curve.back().trainLoss);

  auto firstHalf = trainCaptioner(tinyParams(dir, "resumed", 20), corpus, {}, {});
  ASSERT_TRUE(firstHalf);
  auto params = tinyParams(dir, "resumed", 30);
  params.resume = true;
  auto resumed = trainCaptioner(params, corpus, {}, {});
  ASSERT_TRUE(resumed) << resumed.error().describe();
  EXPECT_EQ(resumed->steps, 30);
  EXPECT_NEAR(resumed->curve.back().trainLoss, straight->curve.back().trainLoss, 1e-4);

  auto a = Captioner::load((dir / "straight").string()), b = Captioner::load((dir / "resumed").string());
  ASSERT_TRUE(a && b);
  const auto in = corpus.samples[2].input;
  auto pa = a->nextToken(in, {10, 11}), pb = b->nextToken(in, {10, 11});
  ASSERT_TRUE(pa && pb);
  for (size_t i = 0; i < pa->probabilities.size(); ++i) ASSERT_NEAR(pa->probabilities[i], pb->probabilities[i], 1e-5);

  auto changed = corpus;
  changed.dataHash = "something else";
  auto refused = trainCaptioner(params, changed, {}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
}

TEST(Trainer, CancelReturnsCancelledAndBadParamsAreRefused) {
  ugc::test::TempDir dir;
  const auto corpus = test::excerptCorpus();
  CancelToken cancel;
  int steps = 0;
  auto out = trainCaptioner(
      tinyParams(dir, "cancelled", 1000), corpus,
      [&](const Progress& p) {
        if (p.step == "training" && ++steps == 3) cancel.cancel();
      },
      cancel);
  ASSERT_FALSE(out);
  EXPECT_TRUE(out.error().isCancelled());
  EXPECT_EQ(steps, 3);
  EXPECT_TRUE(std::filesystem::exists(dir / "cancelled" / "trainer_state.json"));  // resumable

  auto params = tinyParams(dir, "bad", 0);
  EXPECT_EQ(trainCaptioner(params, corpus, {}, {}).error().code, ErrorCode::InvalidArgument);
  params = tinyParams(dir, "fresh", 10);
  params.resume = true;
  EXPECT_EQ(trainCaptioner(params, corpus, {}, {}).error().code, ErrorCode::NotFound);
}

TEST(Trainer, SamplesWithLogMelAndFramesTrainThroughTheMediaEncoders) {
  // The hook for demo-corpus clips: a sample may carry media; the stage decides what is encoded.
  ugc::test::TempDir dir;
  TrainingCorpus corpus;
  corpus.dataHash = "synthetic-media";
  std::mt19937 rng(9);
  for (int i = 0; i < 12; ++i) {
    TrainingSample s;
    s.videoId = "clip-" + std::to_string(i);
    s.origin = "demo";
    s.input.stage = annotation::Stage(i % 3);
    LogMelInput mel;
    mel.frames = 120 + 10 * i;
    for (int v = 0; v < mel.frames * 80; ++v) mel.values.push_back(float(rng() % 1000) / 500.0f - 1.0f);
    s.input.logMel = mel;
    FrameInput frames;
    frames.width = 24;
    frames.height = 40;
    for (int f = 0; f < 3; ++f) {
      std::vector<uint8_t> rgb(24 * 40 * 3);
      for (auto& b : rgb) b = uint8_t(rng());
      frames.rgb.push_back(std::move(rgb));
    }
    s.input.frames = frames;
    s.target = i % 2 ? "A dog barks twice." : "Soft piano music plays.";
    corpus.samples.push_back(std::move(s));
  }
  auto params = tinyParams(dir, "media", 20);
  auto report = trainCaptioner(params, corpus, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_LT(report->curve.back().trainLoss, report->curve.front().trainLoss);
  // Gradients through the media encoders stay sane (a oneDNN conv bug made them explode).
  auto model = Captioner::load((dir / "media").string());
  ASSERT_TRUE(model);
  auto audioOnly = corpus.samples[0].input;
  auto draft = model->draft(audioOnly);
  ASSERT_TRUE(draft) << draft.error().describe();
}

std::string randomWord(std::mt19937& rng) {
  static const std::string letters = "bcdfghjklmnpqrstvwxz";
  std::string w;
  const int length = 4 + int(rng() % 3);
  for (int i = 0; i < length; ++i) w += letters[rng() % letters.size()];
  w[0] = char(w[0] - 'a' + 'A');
  return w;
}

TEST(Trainer, CopyHeadReproducesUnseenOnScreenText) {
  ugc::test::TempDir dir;
  std::mt19937 rng(3);
  TrainingCorpus corpus;
  corpus.dataHash = "synthetic-copy";
  for (int i = 0; i < 400; ++i) {
    TrainingSample s;
    s.videoId = "train-" + std::to_string(i);
    s.origin = "synthetic";
    s.input.stage = annotation::Stage::Visual;
    s.input.ocrLines = {randomWord(rng)};
    s.target = "The text reads " + s.input.ocrLines[0] + ".";
    corpus.samples.push_back(std::move(s));
  }
  auto params = tinyParams(dir, "copy", 150);
  params.batchSize = 8;
  params.evalEvery = 50;
  params.checkpointEvery = 1000;
  auto report = trainCaptioner(params, corpus, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  auto model = Captioner::load((dir / "copy").string());
  ASSERT_TRUE(model);
  int exact = 0;
  const int trials = 10;
  for (int i = 0; i < trials; ++i) {
    CaptionerInput in;
    in.stage = annotation::Stage::Visual;
    in.ocrLines = {randomWord(rng)};  // never seen in training
    auto params = DraftParams::defaultParams();
    params.beamSize = 1;
    params.minTokens = 0;
    params.repetitionPenalty = 1.0f;
    params.noRepeatNgram = 0;
    auto draft = model->draft(in, params);
    ASSERT_TRUE(draft);
    exact += draft->text.find(in.ocrLines[0]) != std::string::npos;
  }
  EXPECT_GE(exact, 8) << "copied " << exact << " of " << trials;
}

}  // namespace
}  // namespace ugc::model
