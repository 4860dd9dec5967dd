// The captioner on real (tiny, untrained) LibTorch modules: stage masking, the copy head,
// input validation, determinism and save/load.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>

#include "core/sha256.h"
#include "model/torch_runtime.h"
#include "model_fixtures.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

Captioner tinyCaptioner(uint64_t seed = 7) {
  configureTorchRuntime(1);  // OpenMP threads spin on a shared 2-core machine; one is faster here
  auto captioner = Captioner::create(CaptionerConfig::tinyConfig(), test::excerptTokenizer(), seed);
  if (!captioner) throw std::runtime_error(captioner.error().describe());
  return std::move(*captioner);
}

LogMelInput mel(int frames, float phase) {
  LogMelInput m;
  m.frames = frames;
  for (int t = 0; t < frames; ++t)
    for (int b = 0; b < 80; ++b) m.values.push_back(std::sin(0.05f * float(t * (b + 1)) + phase));
  return m;
}

FrameInput frames(int count, uint8_t shade) {
  FrameInput f;
  f.width = 40;
  f.height = 72;
  for (int i = 0; i < count; ++i) {
    std::vector<uint8_t> rgb(size_t(f.width * f.height * 3));
    for (size_t p = 0; p < rgb.size(); ++p) rgb[p] = uint8_t((p * 7 + size_t(i) * 13 + shade) % 256);
    f.rgb.push_back(std::move(rgb));
  }
  return f;
}

// Everything an input can carry, so each stage has something to ignore.
CaptionerInput fullInput(annotation::Stage stage) {
  CaptionerInput in;
  in.stage = stage;
  in.fields = {{"tone", "Positive"}, {"voice_source", "Narration"}, {"objects", "dog (count: 1, color: brown)"},
               {"background", "a kitchen"}};
  in.ocrLines = {"BEST PUPPY EVER", "follow for more"};
  in.audioEvents = {"speech 0.0-9.5 s"};
  in.sceneChanges = {"cut at 4.2 s"};
  in.audioCaption = "A woman laughs while a dog barks.";
  in.visualCaption = "A brown puppy runs across a kitchen floor.";
  in.logMel = mel(300, 0.0f);
  in.frames = frames(6, 0);
  return in;
}

std::vector<float> probs(const Captioner& c, const CaptionerInput& in, std::vector<int> prefix = {}) {
  auto next = c.nextToken(in, prefix);
  EXPECT_TRUE(next) << next.error().describe();
  return next ? next->probabilities : std::vector<float>{};
}

double maxDifference(const std::vector<float>& a, const std::vector<float>& b) {
  double d = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) d = std::max(d, double(std::fabs(a[i] - b[i])));
  return a.size() == b.size() ? d : 1e9;
}

TEST(StageView, KeepsOnlyWhatTheStageMaySee) {
  auto audio = buildStageView(fullInput(annotation::Stage::Audio));
  ASSERT_TRUE(audio);
  EXPECT_EQ(audio->fields.size(), 2u);
  EXPECT_TRUE(audio->fields.count("tone") && audio->fields.count("voice_source"));
  EXPECT_TRUE(audio->ocrLines.empty() && audio->sceneChanges.empty() && !audio->frames);
  EXPECT_TRUE(audio->audioCaption.empty() && audio->visualCaption.empty());
  EXPECT_TRUE(audio->logMel && !audio->audioEvents.empty());

  auto visual = buildStageView(fullInput(annotation::Stage::Visual));
  ASSERT_TRUE(visual);
  EXPECT_EQ(visual->fields.size(), 2u);
  EXPECT_TRUE(visual->fields.count("objects") && visual->fields.count("background"));
  EXPECT_TRUE(!visual->logMel && visual->audioEvents.empty());
  EXPECT_TRUE(visual->frames && visual->ocrLines.size() == 2 && visual->sceneChanges.size() == 1);

  auto joint = buildStageView(fullInput(annotation::Stage::Joint));
  ASSERT_TRUE(joint);
  EXPECT_EQ(joint->fields.size(), 4u);
  EXPECT_TRUE(joint->logMel && joint->frames && !joint->audioCaption.empty() && !joint->visualCaption.empty());
}

TEST(StageView, RefusesUnknownFields) {
  auto in = fullInput(annotation::Stage::Audio);
  in.fields["what_the_camera_saw"] = "a dog";
  auto view = buildStageView(in);
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::InvalidArgument);
}

TEST(Masking, AudioStageIgnoresFramesOcrAndVisualFields) {
  const auto captioner = tinyCaptioner();
  auto base = fullInput(annotation::Stage::Audio);
  auto changed = base;
  changed.frames = frames(3, 99);
  changed.ocrLines = {"COMPLETELY DIFFERENT TEXT"};
  changed.fields["objects"] = "car (count: 3, color: red)";
  changed.visualCaption = "A red car drives away.";
  changed.sceneChanges.clear();
  const auto a = probs(captioner, base, {5, 6}), b = probs(captioner, changed, {5, 6});
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(maxDifference(a, b), 0.0);
  auto draftA = captioner.draft(base, {}), draftB = captioner.draft(changed, {});
  ASSERT_TRUE(draftA && draftB);
  EXPECT_EQ(draftA->tokens, draftB->tokens);

  // The same changes do reach the joint stage: the comparison above can detect a leak.
  auto jointBase = base, jointChanged = changed;
  jointBase.stage = jointChanged.stage = annotation::Stage::Joint;
  EXPECT_GT(maxDifference(probs(captioner, jointBase, {5, 6}), probs(captioner, jointChanged, {5, 6})), 1e-6);
  // And what the audio stage may hear does change its output.
  auto louder = base;
  louder.logMel = mel(250, 1.0f);
  EXPECT_GT(maxDifference(a, probs(captioner, louder, {5, 6})), 0.0);
}

TEST(Masking, VisualStageIgnoresAudioFeaturesAndAudioFields) {
  const auto captioner = tinyCaptioner();
  auto base = fullInput(annotation::Stage::Visual);
  auto changed = base;
  changed.logMel = mel(500, 2.0f);
  changed.audioEvents = {"siren 1.0-3.0 s", "applause"};
  changed.fields["tone"] = "Negative";
  changed.fields["speaker_count"] = "3";
  changed.audioCaption = "Three men argue loudly.";
  const auto a = probs(captioner, base, {7}), b = probs(captioner, changed, {7});
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(maxDifference(a, b), 0.0);
  auto otherFrames = base;
  otherFrames.frames = frames(8, 200);
  EXPECT_GT(maxDifference(a, probs(captioner, otherFrames, {7})), 0.0);
}

TEST(CopyHead, PutsItsMassOnTheSourceTokens) {
  const auto captioner = tinyCaptioner();
  CaptionerInput in;
  in.stage = annotation::Stage::Visual;
  in.ocrLines = {"Qwyzzx Blorptown 9731"};  // nothing like it in the excerpt
  auto next = captioner.nextToken(in, {});
  ASSERT_TRUE(next) << next.error().describe();
  const auto& p = next->probabilities;
  EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-3);
  const float gate = next->generationWeight;
  EXPECT_GT(gate, 0.0f);
  EXPECT_LT(gate, 1.0f);
  auto source = captioner.tokenizer().encode(in.ocrLines[0]);
  std::sort(source.begin(), source.end());
  source.erase(std::unique(source.begin(), source.end()), source.end());
  double onSource = 0;
  for (int id : source) onSource += p[size_t(id)];
  // Everything the copy head holds (1 - p_gen) lands on the OCR string's own tokens.
  EXPECT_GE(onSource, (1.0 - gate) - 1e-4);
  EXPECT_GT(onSource, 5.0 * double(source.size()) / double(p.size()));

  // No copyable text: all mass comes from the vocabulary head.
  CaptionerInput empty;
  empty.stage = annotation::Stage::Visual;
  auto plain = captioner.nextToken(empty, {});
  ASSERT_TRUE(plain);
  EXPECT_FLOAT_EQ(plain->generationWeight, 1.0f);
}

TEST(Captioner, RejectsMalformedMedia) {
  const auto captioner = tinyCaptioner();
  auto in = fullInput(annotation::Stage::Audio);
  in.logMel->values.pop_back();
  auto out = captioner.draft(in);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::InvalidArgument);
  in = fullInput(annotation::Stage::Visual);
  in.frames->rgb[1].resize(10);
  out = captioner.draft(in);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::InvalidArgument);
  auto bad = CaptionerConfig::tinyConfig();
  bad.heads = 3;
  EXPECT_FALSE(Captioner::create(bad, test::excerptTokenizer()));
}

TEST(Captioner, SameSeedSameDraftsAndSaveLoadIsExact) {
  const auto first = tinyCaptioner(11), second = tinyCaptioner(11), other = tinyCaptioner(12);
  const auto in = fullInput(annotation::Stage::Joint);
  auto params = DraftParams::defaultParams();
  params.maxTokens = 24;
  auto a = first.draft(in, params), b = second.draft(in, params), c = other.draft(in, params);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->tokens, b->tokens);
  EXPECT_NE(probs(first, in), probs(other, in));

  ugc::test::TempDir dir;
  ASSERT_TRUE(first.save((dir / "m").string()));
  auto loaded = Captioner::load((dir / "m").string());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->parameterCount(), first.parameterCount());
  // The identity a draft's revision records: folder name and weights hash.
  EXPECT_EQ(first.name(), "untrained");
  EXPECT_EQ(loaded->name(), "m");
  auto weightsHash = ugc::sha256File(dir / "m" / "weights.pt");
  ASSERT_TRUE(weightsHash);
  EXPECT_EQ(loaded->weightsHash(), weightsHash->substr(0, 12));
  EXPECT_EQ(Captioner::load((dir / "m").string() + "/")->name(), "m");
  for (auto stage : {annotation::Stage::Audio, annotation::Stage::Visual, annotation::Stage::Joint}) {
    auto input = fullInput(stage);
    auto before = first.draft(input, params), after = loaded->draft(input, params);
    ASSERT_TRUE(before && after);
    EXPECT_EQ(before->tokens, after->tokens) << annotation::stageName(stage);
    EXPECT_EQ(before->text, after->text);
    EXPECT_EQ(probs(first, input, {9}), probs(*loaded, input, {9}));
  }
  EXPECT_EQ(Captioner::load((dir / "absent").string()).error().code, ErrorCode::NotFound);

  // A damaged folder is an error value, never a crash.
  { std::ofstream((dir / "m" / "weights.pt").string(), std::ios::trunc) << "not a torch archive"; }
  EXPECT_FALSE(Captioner::load((dir / "m").string()));
  { std::ofstream((dir / "m" / "config.json").string(), std::ios::trunc) << "{\"format\": 1}"; }
  EXPECT_EQ(Captioner::load((dir / "m").string()).error().code, ErrorCode::InvalidInput);
}

TEST(Captioner, CancelledDraftReturnsCancelled) {
  const auto captioner = tinyCaptioner();
  CancelToken cancel;
  cancel.cancel();
  auto out = captioner.draft(fullInput(annotation::Stage::Joint), {}, cancel);
  ASSERT_FALSE(out);
  EXPECT_TRUE(out.error().isCancelled());
}

}  // namespace
}  // namespace ugc::model
