// Demo-corpus clips as training samples (label: slow): real generated clips go through
// extractMediaFeatures/extractSignals into samples that carry the media their stage may see,
// the features are cached, and the tiny model's loss on them falls when it trains on them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "model/trainer.h"
#include "model/training_data.h"
#include "model_fixtures.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

// Two clips of the shared demo corpus (one with speech, music and a cut; one without audio),
// copied under their own corpus.json so the test extracts two clips, not fourteen.
fs::path twoClipCorpus(const ugc::test::TempDir& dir) {
  const fs::path shared = ugc::test::sharedDemoCorpus();
  const fs::path out = dir / "demo";
  fs::create_directories(out);
  nlohmann::json index{{"format", "ugc-videocap-demo-corpus/1"}, {"seed", 7}, {"clips", nlohmann::json::array()}};
  for (const std::string id : {"demo-01-city-tips", "demo-06-no-audio"}) {
    fs::copy_file(shared / (id + ".mp4"), out / (id + ".mp4"));
    fs::copy_file(shared / (id + ".json"), out / (id + ".json"));
    index["clips"].push_back({{"video_id", id}, {"media", id + ".mp4"}, {"ground_truth", id + ".json"}});
  }
  std::ofstream(out / "corpus.json") << index.dump(2);
  return out;
}

TEST(DemoTraining, ClipsBecomeMaskedMediaSamplesWithCachedFeatures) {
  ugc::test::TempDir dir;
  const auto demoDir = twoClipCorpus(dir);
  const auto config = CaptionerConfig::tinyConfig();
  TrainingCorpus corpus;
  corpus.dataHash = "release";
  DemoCorpusOptions options;
  options.cacheDir = (dir / "cache").string();
  auto added = appendDemoCorpus(demoDir.string(), config, corpus, {}, {}, options);
  ASSERT_TRUE(added) << added.error().describe();
  ASSERT_EQ(corpus.samples.size(), 12u);  // 2 clips x 3 stages x (with fields, media only)
  EXPECT_NE(corpus.dataHash, "release");

  const auto& audio = corpus.samples[0];  // demo-01, with fields, audio stage
  EXPECT_EQ(audio.origin, "demo");
  EXPECT_EQ(audio.input.stage, annotation::Stage::Audio);
  ASSERT_TRUE(audio.input.logMel.has_value());
  EXPECT_GT(audio.input.logMel->frames, 700);  // an 8 s clip at 10 ms
  EXPECT_FALSE(audio.input.frames.has_value());
  EXPECT_TRUE(audio.input.ocrLines.empty());
  EXPECT_EQ(audio.input.fields.at("speaker_count"), "1");
  EXPECT_EQ(audio.input.fields.count("objects"), 0u);
  EXPECT_NE(audio.target.find("female voice"), std::string::npos);

  const auto& visual = corpus.samples[1];
  EXPECT_EQ(visual.input.stage, annotation::Stage::Visual);
  EXPECT_FALSE(visual.input.logMel.has_value());
  ASSERT_TRUE(visual.input.frames.has_value());
  EXPECT_EQ(int(visual.input.frames->rgb.size()), config.maxFrames);
  EXPECT_EQ(visual.input.fields.at("objects"),
            "square (count: 1, color: red, position: middle of the screen, moves from left to right)");
  EXPECT_EQ(visual.input.ocrLines, (std::vector<std::string>{"TOP 3 CITY TIPS", "WALK EVERYWHERE"}));
  EXPECT_TRUE(visual.input.audioEvents.empty());

  const auto& joint = corpus.samples[2];
  EXPECT_TRUE(joint.input.logMel && joint.input.frames);
  EXPECT_EQ(joint.input.audioCaption, audio.target);
  EXPECT_EQ(joint.input.visualCaption, visual.target);

  const auto& mediaOnlyVisual = corpus.samples[4];
  EXPECT_TRUE(mediaOnlyVisual.input.fields.empty());
  EXPECT_TRUE(mediaOnlyVisual.input.frames.has_value());
  const auto& silentAudio = corpus.samples[6];  // demo-06 has no audio stream
  EXPECT_EQ(silentAudio.input.stage, annotation::Stage::Audio);
  EXPECT_FALSE(silentAudio.input.logMel.has_value());

  // The second read comes from the cache and gives the same samples and hash.
  size_t cached = 0;
  for (const auto& entry : fs::directory_iterator(dir / "cache")) cached += entry.path().extension() == ".features";
  EXPECT_EQ(cached, 2u);
  TrainingCorpus again;
  again.dataHash = "release";
  ASSERT_TRUE(appendDemoCorpus(demoDir.string(), config, again, {}, {}, options));
  ASSERT_EQ(again.samples.size(), corpus.samples.size());
  EXPECT_EQ(again.dataHash, corpus.dataHash);
  EXPECT_EQ(again.samples[0].input.logMel->values, audio.input.logMel->values);
  EXPECT_EQ(again.samples[1].input.frames->rgb, visual.input.frames->rgb);

  EXPECT_FALSE(appendDemoCorpus((dir / "missing").string(), config, again, {}, {}, options));
}

TEST(DemoTraining, TinyModelLearnsTheDemoCaptionsFromMediaSamples) {
  ugc::test::TempDir dir;
  const auto demoDir = twoClipCorpus(dir);
  auto corpus = test::excerptCorpus();
  DemoCorpusOptions options;
  options.cacheDir = (dir / "cache").string();
  ASSERT_TRUE(appendDemoCorpus(demoDir.string(), CaptionerConfig::tinyConfig(), corpus, {}, {}, options));
  const auto tokenizerPath = (dir / "tokenizer.model").string();
  ASSERT_TRUE(test::excerptTokenizer().save(tokenizerPath));
  TrainerParams p;
  p.config = CaptionerConfig::tinyConfig();
  p.tokenizerPath = tokenizerPath;
  p.outDir = (dir / "run").string();
  p.steps = 60;
  p.batchSize = 4;
  p.mediaShare = 0.5;  // two of four slots per batch
  p.learningRate = 3e-3;
  p.warmupSteps = 5;
  p.evalEvery = 10;
  p.checkpointEvery = 60;
  p.heldOutFraction = 0.25;
  p.schedule = RateSchedule::Cosine;
  auto report = trainCaptioner(p, corpus, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->mediaSamples, 10u);  // the audio stage of the clip without audio has no media
  ASSERT_GE(report->curve.size(), 4u);
  const double first = report->curve.front().mediaLoss, last = report->curve.back().mediaLoss;
  ASSERT_GT(first, 0);
  EXPECT_LT(last, first - 0.8) << "media-sample loss " << first << " -> " << last;
  auto card = ugc::test::readFile(dir / "run" / "card.json");
  EXPECT_NE(card.find("\"media_slots_per_batch\": 2"), std::string::npos);
  EXPECT_NE(card.find(corpus.dataHash), std::string::npos);

  // A draft from a media sample goes through the trained encoders.
  auto model = Captioner::load((dir / "run").string());
  ASSERT_TRUE(model);
  auto draft = model->draft(corpus.samples[corpus.samples.size() - 12].input);
  ASSERT_TRUE(draft) << draft.error().describe();
  EXPECT_FALSE(draft->text.empty());
}

}  // namespace
}  // namespace ugc::model
