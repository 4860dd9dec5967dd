// The learned audio-event classifier: the mixture builder, tiny training (the loss falls), model
// files (missing, corrupt, round trip), awkward input, and the default weights in the extractors.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/audio_decoder.h"
#include "core/subprocess.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/audio_event_model.h"
#include "model/audio/learned_audio_events.h"
#include "model/extractors/signals.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

const fs::path kDefaultModel = fs::path(UGC_RESOURCES_DIR) / "models" / "audio-events";

// Small sources made here: tone "music" (chords with a beat) and noise bursts made by ffmpeg,
// speech by espeak-ng. Enough to check the builder and that training learns something.
AudioEventSources fixtureSources(const fs::path& dir) {
  AudioEventSources s;
  const char* chords[] = {"sine=f=220:d=14,volume=0.3", "sine=f=330:d=14,volume=0.3", "sine=f=262:d=14,volume=0.3",
                          "sine=f=392:d=14,volume=0.3", "sine=f=175:d=14,volume=0.3", "sine=f=494:d=14,volume=0.3"};
  for (int i = 0; i < 6; ++i) {
    const auto path = dir / ("tune" + std::to_string(i) + ".wav");
    test::runFfmpeg({"-f", "lavfi", "-i", chords[i], "-f", "lavfi", "-i",
                     "sine=f=" + std::to_string(110 * (i + 2)) + ":d=14:beep_factor=3", "-filter_complex",
                     "amix=inputs=2", "-ar", "16000", "-ac", "1", path.string()});
    s.music.push_back(path);
  }
  for (int i = 0; i < 4; ++i) {
    const auto path = dir / ("bang" + std::to_string(i) + ".wav");
    test::runFfmpeg({"-f", "lavfi", "-i", "anoisesrc=d=0.4:c=" + std::string(i % 2 ? "brown" : "pink"), "-ar", "16000",
                     path.string()});
    s.effects.push_back(path);
  }
  s.voices = {{"en-us+f4", "en", true}, {"en-us+m3", "en", false}};
  s.sentences = {{"en", "The train was late again this morning."}, {"en", "Mix the flour and the sugar."},
                 {"en", "Thank you all for watching."},           {"en", "We finally reached the top of the hill."},
                 {"en", "My brother scored a goal today."},       {"en", "Here is what I bought at the market."}};
  return s;
}

TEST(AudioEventClassifier, TinyTrainingOnFixtureMixturesLowersTheLoss) {
  test::TempDir dir;
  const auto sources = fixtureSources(dir.path());
  MixtureParams mix;
  mix.clips = 24;
  mix.seed = 5;
  mix.heldOutShare = 0.34;
  auto set = buildAudioEventMixtures(sources, mix, dir / "set", {}, {});
  ASSERT_TRUE(set) << set.error().describe();
  ASSERT_EQ(set->clips.size(), 24u);
  auto reloaded = loadAudioEventMixtures(dir / "set");
  ASSERT_TRUE(reloaded) << reloaded.error().describe();
  EXPECT_EQ(reloaded->dataHash, set->dataHash);
  int speechBlocks = 0, musicBlocks = 0;
  for (const auto& clip : reloaded->clips) {
    EXPECT_EQ(clip.labels.size(), 20u);  // 10 s in 0.5 s blocks
    for (const auto& l : clip.labels) speechBlocks += l[0], musicBlocks += l[1];
  }
  EXPECT_GT(speechBlocks, 20);
  EXPECT_GT(musicBlocks, 20);
  auto train = mixtureExamples(dir / "set", *reloaded, false, {});
  ASSERT_TRUE(train) << train.error().describe();
  ASSERT_FALSE(train->empty());

  auto classifier = AudioEventClassifier::create(AudioEventNetConfig::tinyConfig(), 3);
  ASSERT_TRUE(classifier);
  AudioEventTrainParams params;
  params.config = AudioEventNetConfig::tinyConfig();
  params.steps = 80;
  params.batchSize = 16;
  params.evalEvery = 20;
  params.threads = 1;
  params.seed = 3;
  auto report = trainAudioEventClassifier(*classifier, *train, {}, params, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_GE(report->curve.size(), 3u);
  EXPECT_EQ(report->curve.front().step, 1);
  // The first point is one step's loss; the last is the mean of the last 20 steps.
  EXPECT_LT(report->curve.back().trainLoss, 0.8 * report->curve.front().trainLoss);
}

TEST(AudioEventClassifier, TrainingIsCancelled) {
  auto classifier = AudioEventClassifier::create(AudioEventNetConfig::tinyConfig(), 1);
  ASSERT_TRUE(classifier);
  std::vector<AudioEventExample> examples(4);
  for (auto& e : examples) e.window.assign(80 * kAudioEventWindowFrames, 0.f);
  CancelToken cancel;
  cancel.cancel();
  auto report = trainAudioEventClassifier(*classifier, examples, {}, AudioEventTrainParams{}, {}, cancel);
  ASSERT_FALSE(report);
  EXPECT_TRUE(report.error().isCancelled());
}

TEST(AudioEventClassifier, SavedModelLoadsAndGivesTheSameProbabilities) {
  test::TempDir dir;
  auto classifier = AudioEventClassifier::create(AudioEventNetConfig::tinyConfig(), 7);
  ASSERT_TRUE(classifier);
  ASSERT_TRUE(classifier->save(dir / "m", "{}"));
  auto loaded = AudioEventClassifier::load(dir / "m");
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->weightsSha256().size(), 64u);
  std::vector<float> tone(16000 * 3);
  for (size_t i = 0; i < tone.size(); ++i) tone[i] = 0.3f * float(std::sin(2 * M_PI * 440 * double(i) / 16000));
  auto a = classifier->classify(tone), b = loaded->classify(tone);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->probabilities.size(), 6u);
  ASSERT_EQ(b->probabilities.size(), 6u);
  for (size_t i = 0; i < 6; ++i)
    for (int c = 0; c < kAudioEventClasses; ++c) EXPECT_FLOAT_EQ(a->probabilities[i][size_t(c)], b->probabilities[i][size_t(c)]);
}

TEST(AudioEventClassifier, MissingOrCorruptModelIsAClearError) {
  test::TempDir dir;
  auto missing = AudioEventClassifier::load(dir / "nothing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("weights.pt"), std::string::npos);

  auto classifier = AudioEventClassifier::create(AudioEventNetConfig::tinyConfig(), 7);
  ASSERT_TRUE(classifier && classifier->save(dir / "m", "{}"));
  { std::ofstream(dir / "m" / "weights.pt", std::ios::binary | std::ios::trunc) << "not a torch archive"; }
  auto corrupt = AudioEventClassifier::load(dir / "m");
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::InvalidInput);

  // Weights of another size than config.json says.
  auto other = AudioEventClassifier::create(AudioEventNetConfig::defaultConfig(), 7);
  ASSERT_TRUE(other && other->save(dir / "big", "{}"));
  fs::copy_file(dir / "big" / "weights.pt", dir / "m" / "weights.pt", fs::copy_options::overwrite_existing);
  auto mismatched = AudioEventClassifier::load(dir / "m");
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().code, ErrorCode::InvalidInput);

  // The extractors report the model's error instead of guessing.
  const auto clip = dir / "tone.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=440:d=2", clip.string()});
  ExtractOptions options;
  options.ocr = false;
  options.audioEventsModel = dir / "m";
  auto signals = extractSignals(clip, options);
  ASSERT_FALSE(signals);
  EXPECT_EQ(signals.error().code, ErrorCode::InvalidInput);
}

TEST(AudioEventClassifier, AwkwardInputGivesBlocksNotCrashes) {
  auto classifier = AudioEventClassifier::load(kDefaultModel);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  auto empty = classifier->classify({});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->probabilities.empty());
  auto sliver = classifier->classify(std::vector<float>(3200, 0.1f));  // 0.2 s
  ASSERT_TRUE(sliver);
  EXPECT_EQ(sliver->probabilities.size(), 1u);
  std::vector<float> square(16000 * 25);  // clipped full-scale square wave, 25 s (three pieces)
  for (size_t i = 0; i < square.size(); ++i) square[i] = (i / 40) % 2 ? 1.0f : -1.0f;
  auto clipped = classifier->classify(square);
  ASSERT_TRUE(clipped);
  EXPECT_EQ(clipped->probabilities.size(), 50u);
  for (const auto& row : clipped->probabilities)
    for (float p : row) EXPECT_TRUE(p >= 0 && p <= 1);

  // Digital silence: the extractor calls every block silent.
  AudioEventFrames frames = *classifier->classify(std::vector<float>(16000 * 4, 0.0f));
  const auto silent = audioEventsFromFrames(frames, std::vector<float>(16000 * 4, 0.0f), ExtractOptions{});
  EXPECT_TRUE(silent.silentTrack);
  EXPECT_FALSE(silent.musicPresent);
  EXPECT_TRUE(silent.speech.empty());
}

TEST(AudioEventClassifier, ExtractorsUseTheDefaultModelOn8kHzSixChannelAudio) {
  test::TempDir dir;
  const auto speechWav = dir / "speech.wav";
  auto spoken = runProcess({"espeak-ng", "-v", "en-us+f4", "-w", speechWav.string(),
                            "Yesterday we walked along the river and found a small cafe that sells fresh bread."});
  ASSERT_TRUE(spoken && spoken->exitCode == 0);
  // Speech from 1 s, 6 channels at 8 kHz.
  const auto clip = dir / "six.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono:d=1", "-i", speechWav.string(), "-filter_complex",
                   "[0][1]concat=n=2:v=0:a=1,aresample=8000,pan=5.1|FL=c0|FR=c0|FC=c0|LFE=c0|BL=c0|BR=c0", "-ar",
                   "8000", clip.string()});
  ExtractOptions options;
  options.ocr = false;
  options.audioEventsModel = kDefaultModel;
  auto signals = extractSignals(clip, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_EQ(signals->audio.method.rfind("learned", 0), 0u) << signals->audio.method;
  ASSERT_FALSE(signals->audio.speech.empty());
  EXPECT_NEAR(signals->audio.speech.front().start, 1.0, 0.6);
  EXPECT_GT(signals->audio.speechSeconds, 2.0);
}

}  // namespace
}  // namespace ugc::model
