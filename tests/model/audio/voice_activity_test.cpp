// Silero VAD on LibTorch: the re-implementation against ONNX Runtime's own output, segments on a
// clip the test builds (espeak-ng speech, silence, music) with known speech spans, Silero's
// segmentation rules, the model files (missing, corrupt, another network), and awkward audio.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/audio_decoder.h"
#include "core/subprocess.h"
#include "model/audio/voice_activity.h"
#include "model/extractors/signals.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(UGC_MODEL_FIXTURES).parent_path() / "audio" / "fixtures";

fs::path vadOrSkip() {
  auto path = findPretrainedFile(kSileroVadModel, kSileroVadFile);
  return path ? *path : fs::path();
}

std::vector<float> readS16(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<float> out;
  int16_t v = 0;
  while (in.read(reinterpret_cast<char*>(&v), sizeof v)) out.push_back(float(v) / 32768.0f);
  return out;
}

std::vector<float> spoken(const fs::path& dir, const std::string& voice, const std::string& text) {
  const auto wav = dir / (voice + ".wav");
  auto run = runProcess({"espeak-ng", "-v", voice, "-w", wav.string(), text});
  EXPECT_TRUE(run && run->exitCode == 0);
  auto audio = media::decodeAudio(wav);
  EXPECT_TRUE(audio) << (audio ? "" : audio.error().describe());
  return audio ? audio->samples : std::vector<float>{};
}

// Where the speech in a stem is: first and last 10 ms frame above -40 dBFS.
TimeRange audibleSpan(const std::vector<float>& stem, double offsetSeconds) {
  int first = -1, last = -1;
  for (size_t f = 0; f * 160 < stem.size(); ++f) {
    double power = 0;
    const size_t end = std::min(stem.size(), (f + 1) * 160);
    for (size_t i = f * 160; i < end; ++i) power += double(stem[i]) * stem[i];
    if (10 * std::log10(power / double(end - f * 160) + 1e-12) > -40) {
      if (first < 0) first = int(f);
      last = int(f);
    }
  }
  return {offsetSeconds + first * 0.01, offsetSeconds + (last + 1) * 0.01};
}

TEST(SileroVad, MatchesOnnxRuntimeOnTheReferenceClip) {
  const auto model = vadOrSkip();
  if (model.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  auto vad = SileroVad::load(model);
  ASSERT_TRUE(vad) << vad.error().describe();
  const auto samples = readS16(kFixtures / "silero_reference_input.s16");
  ASSERT_EQ(samples.size(), 64u * kVadChunkSamples);
  std::ifstream in(kFixtures / "silero_reference_probabilities.txt");
  std::vector<float> reference;
  for (float p; in >> p;) reference.push_back(p);
  ASSERT_EQ(reference.size(), 64u);
  auto probabilities = vad->speechProbabilities(samples);
  ASSERT_TRUE(probabilities) << probabilities.error().describe();
  ASSERT_EQ(probabilities->size(), reference.size());
  double worst = 0;
  for (size_t i = 0; i < reference.size(); ++i) worst = std::max(worst, std::fabs(double((*probabilities)[i]) - reference[i]));
  EXPECT_LT(worst, 1e-3) << "largest difference from ONNX Runtime's probabilities";
  // The same audio in one call or in blocks: more chunks than one block (1024) keep the state.
  std::vector<float> longer;
  for (int i = 0; i < 20; ++i) longer.insert(longer.end(), samples.begin(), samples.end());
  auto repeated = vad->speechProbabilities(longer);
  ASSERT_TRUE(repeated);
  ASSERT_EQ(repeated->size(), 20u * 64u);
  for (size_t i = 0; i < 64; ++i) EXPECT_NEAR((*repeated)[i], reference[i], 1e-3);
}

TEST(SileroVad, SegmentsMatchKnownSpeechSpansAndIgnoreMusicAndSilence) {
  const auto model = vadOrSkip();
  if (model.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  test::TempDir dir;
  // 1 s silence, a woman's sentence, 1.5 s silence, 4 s of chord music with a beat, a man's
  // sentence over quiet music, 1 s silence.
  const auto female = spoken(dir.path(), "en-us+f3", "We walked along the river until the sun went down");
  const auto male = spoken(dir.path(), "en-us+m3", "Tomorrow I will show you how to bake bread at home");
  ASSERT_FALSE(female.empty());
  ASSERT_FALSE(male.empty());
  const auto musicWav = dir / "music.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=262:d=12,volume=0.25", "-f", "lavfi", "-i", "sine=f=392:d=12,volume=0.2",
                   "-f", "lavfi", "-i", "sine=f=110:d=12:beep_factor=4", "-filter_complex", "amix=inputs=3", "-ar",
                   "16000", "-ac", "1", musicWav.string()});
  auto music = media::decodeAudio(musicWav);
  ASSERT_TRUE(music && !music->samples.empty());
  std::vector<float> clip(16000, 0.0f);
  const TimeRange firstSpan = audibleSpan(female, double(clip.size()) / 16000);
  clip.insert(clip.end(), female.begin(), female.end());
  clip.resize(clip.size() + 24000, 0.0f);
  const double musicStart = double(clip.size()) / 16000;
  clip.insert(clip.end(), music->samples.begin(), music->samples.begin() + 64000);
  const double musicEnd = double(clip.size()) / 16000;
  const TimeRange secondSpan = audibleSpan(male, double(clip.size()) / 16000);
  for (size_t i = 0; i < male.size(); ++i) clip.push_back(male[i] + 0.15f * music->samples[64000 + i]);
  clip.resize(clip.size() + 16000, 0.0f);

  // Through the whole extractor: an AAC file, with the VAD's segments feeding voice and speech.
  const auto raw = dir / "clip.f32";
  {
    std::ofstream out(raw, std::ios::binary);
    out.write(reinterpret_cast<const char*>(clip.data()), std::streamsize(clip.size() * sizeof(float)));
  }
  const auto file = dir / "clip.m4a";
  test::runFfmpeg({"-f", "f32le", "-ar", "16000", "-ac", "1", "-i", raw.string(), "-c:a", "aac", "-b:a", "96k",
                   file.string()});
  ExtractOptions options;
  options.ocr = false;
  options.voiceActivityModel = model;
  auto signals = extractSignals(file, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  const auto& vad = signals->voiceActivity;
  ASSERT_TRUE(vad.ran);
  EXPECT_EQ(vad.method.rfind("silero-vad", 0), 0u) << vad.method;
  ASSERT_EQ(vad.segments.size(), 2u) << toJson(*signals);
  for (const auto& [segment, truth] : {std::pair{vad.segments[0], firstSpan}, std::pair{vad.segments[1], secondSpan}}) {
    EXPECT_NEAR(segment.range.start, truth.start, 0.3);
    EXPECT_NEAR(segment.range.end, truth.end, 0.3);
    EXPECT_GT(segment.probability, 0.6);
  }
  EXPECT_NEAR(vad.speechSeconds, (firstSpan.end - firstSpan.start) + (secondSpan.end - secondSpan.start), 0.6);
  for (const auto& segment : vad.segments)
    EXPECT_FALSE(segment.range.start < musicEnd - 0.3 && segment.range.end > musicStart + 0.3) << "speech in the music";
  // Voice turns lie inside the VAD's segments.
  ASSERT_TRUE(signals->voice.ran);
  ASSERT_FALSE(signals->voice.turns.empty());
  for (const auto& turn : signals->voice.turns) {
    bool inside = false;
    for (const auto& segment : vad.segments)
      inside = inside || (turn.range.start >= segment.range.start - 0.01 && turn.range.end <= segment.range.end + 0.01);
    EXPECT_TRUE(inside) << turn.range.start << "-" << turn.range.end;
  }
  // The JSON form keeps the segments.
  auto back = signalsFromJson(toJson(*signals));
  ASSERT_TRUE(back) << back.error().describe();
  ASSERT_EQ(back->voiceActivity.segments.size(), 2u);
  EXPECT_DOUBLE_EQ(back->voiceActivity.segments[1].range.end, vad.segments[1].range.end);
  EXPECT_EQ(back->voiceActivity.method, vad.method);
}

TEST(SileroVad, SegmentationFollowsSilerosRules) {
  const double chunk = double(kVadChunkSamples) / kVadSampleRate;  // 0.032 s
  auto probs = [](std::initializer_list<std::pair<int, float>> runs) {
    std::vector<float> out;
    for (auto [count, p] : runs) out.insert(out.end(), size_t(count), p);
    return out;
  };
  // A 5-chunk blip (0.16 s) is shorter than 0.25 s: dropped. 30 chunks of speech: kept, padded by 0.03 s.
  auto segments = speechSegmentsFromProbabilities(probs({{10, 0.1f}, {5, 0.9f}, {20, 0.1f}, {30, 0.9f}, {20, 0.1f}}),
                                                  85 * chunk);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_NEAR(segments[0].start, 35 * chunk - 0.03, 1e-9);
  EXPECT_NEAR(segments[0].end, 65 * chunk + 0.03, 1e-9);
  // A dip of 5 chunks (0.16 s) is shorter than the 0.3 s pause: one segment. A value between the end
  // threshold (0.35) and the threshold keeps speech going.
  segments = speechSegmentsFromProbabilities(probs({{20, 0.9f}, {5, 0.05f}, {20, 0.9f}, {10, 0.4f}, {20, 0.0f}}),
                                             75 * chunk);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_NEAR(segments[0].start, 0.0, 1e-9);
  EXPECT_NEAR(segments[0].end, 55 * chunk + 0.03, 1e-9);
  // Speech running to the end ends at the clip's end; neighbours closer than twice the pad split
  // the gap between them (possible only with a pause shorter than the default 0.3 s).
  VoiceActivityParams shortPauses;
  shortPauses.minSilenceSeconds = 0.05;
  shortPauses.padSeconds = 0.1;
  segments = speechSegmentsFromProbabilities(probs({{20, 0.9f}, {3, 0.0f}, {20, 0.9f}}), 43 * chunk, shortPauses);
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_NEAR(segments[0].end, 20 * chunk + 1.5 * chunk, 1e-9);
  EXPECT_NEAR(segments[1].start, 23 * chunk - 1.5 * chunk, 1e-9);
  EXPECT_NEAR(segments[1].end, 43 * chunk, 1e-9);
  EXPECT_TRUE(speechSegmentsFromProbabilities({}, 0).empty());
}

TEST(SileroVad, AwkwardAudioGivesNoSegmentsNotCrashes) {
  const auto model = vadOrSkip();
  if (model.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  for (const auto& samples : {std::vector<float>{}, std::vector<float>(3200, 0.0f), std::vector<float>(16000 * 3, 0.0f),
                              std::vector<float>(100, 1.0f)}) {
    auto signal = detectVoiceActivity(samples, model);
    ASSERT_TRUE(signal) << signal.error().describe();
    EXPECT_TRUE(signal->ran);
    EXPECT_TRUE(signal->segments.empty());
    EXPECT_EQ(signal->speechSeconds, 0);
  }
  // Full-scale clipped square wave: probabilities stay numbers in 0..1.
  std::vector<float> clipped(16000 * 2);
  for (size_t i = 0; i < clipped.size(); ++i) clipped[i] = (i / 40) % 2 ? 1.0f : -1.0f;
  auto vad = SileroVad::load(model);
  ASSERT_TRUE(vad);
  auto probabilities = vad->speechProbabilities(clipped);
  ASSERT_TRUE(probabilities);
  for (float p : *probabilities) EXPECT_TRUE(p >= 0 && p <= 1) << p;
  CancelToken cancel;
  cancel.cancel();
  auto cancelled = vad->speechProbabilities(clipped, cancel);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
}

TEST(SileroVad, MissingCorruptOrForeignModelIsAClearError) {
  test::TempDir dir;
  auto missing = SileroVad::load(dir / "absent.onnx");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("fetch-models silero-vad"), std::string::npos) << missing.error().message;
  {
    std::ofstream out(dir / "garbage.onnx", std::ios::binary);
    out << "this is not a protobuf at all";
  }
  auto garbage = SileroVad::load(dir / "garbage.onnx");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::InvalidInput);
  // Through the extractor: an explicit model that is missing is an error, not a silent fallback.
  const auto clip = dir / "tone.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=440:d=1", "-ar", "16000", clip.string()});
  ExtractOptions options;
  options.ocr = false;
  options.voiceActivityModel = dir / "absent.onnx";
  auto signals = extractSignals(clip, options);
  ASSERT_FALSE(signals);
  EXPECT_EQ(signals.error().code, ErrorCode::NotFound);

  const auto model = vadOrSkip();
  if (model.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  std::ifstream in(model, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  {
    std::ofstream out(dir / "truncated.onnx", std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size() / 2));
  }
  auto truncated = SileroVad::load(dir / "truncated.onnx");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::InvalidInput);
  // Another ONNX network is refused by name and shape.
  auto other = findPretrainedFile("ppocr-v4", "ch_ppocr_mobile_v2.0_cls_infer.onnx");
  if (other) {
    auto foreign = SileroVad::load(*other);
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(foreign.error().message.find("not Silero VAD"), std::string::npos) << foreign.error().message;
  }
}

}  // namespace
}  // namespace ugc::model
