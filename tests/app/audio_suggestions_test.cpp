// The seven audio field suggestions: each has a confidence, "unknown" where the signals cannot
// answer, and the known ones reach the stage's suggested fields. Real signals from a clip the test
// builds (espeak-ng over music, through the default models), plus hand-made signals for the cases
// a clip cannot easily show (no VAD, a transcript with a clear tone).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/subprocess.h"
#include "model/extractors/signals.h"
#include "pipeline/audio_models.h"
#include "pipeline/audio_suggestions.h"
#include "pipeline/suggestions.h"
#include "support/test_support.h"

namespace ugc::pipeline {
namespace {

const std::vector<std::string> kFields = {"speaker_count", "tone",        "background_music", "language",
                                          "music_style",   "voice_source", "speaker_genders"};

void expectAllSevenWithConfidences(const std::vector<AudioFieldSuggestion>& suggestions, const std::string& label) {
  std::set<std::string> seen;
  for (const auto& s : suggestions) {
    seen.insert(s.field);
    EXPECT_GE(s.confidence, 0.0) << label << " " << s.field;
    EXPECT_LE(s.confidence, 1.0) << label << " " << s.field;
    EXPECT_FALSE(s.basis.empty()) << label << " " << s.field;
    if (s.value == kUnknownSuggestion)
      EXPECT_EQ(s.confidence, 0.0) << label << " " << s.field;
    else
      EXPECT_GT(s.confidence, 0.0) << label << " " << s.field << " = '" << s.value << "'";
  }
  EXPECT_EQ(suggestions.size(), kFields.size()) << label;
  EXPECT_EQ(seen, std::set<std::string>(kFields.begin(), kFields.end())) << label;
}

const AudioFieldSuggestion& field(const std::vector<AudioFieldSuggestion>& all, const std::string& name) {
  for (const auto& s : all)
    if (s.field == name) return s;
  static const AudioFieldSuggestion none;
  ADD_FAILURE() << "no suggestion for " << name;
  return none;
}

model::Signals speechOverMusic() {
  model::Signals s;
  s.hasAudio = true;
  s.audio.ran = true;
  s.audio.method = "learned classifier (audio-events@abc)";
  s.audio.musicPresent = true;
  s.audio.musicConfidence = 0.93;
  s.audio.speech = {{1.0, 4.0}};
  s.audio.speechSeconds = 3.0;
  s.voiceActivity.ran = true;
  s.voiceActivity.method = "silero-vad v5 16k (sha256 7ed98ddbad84)";
  s.voiceActivity.segments = {{{1.1, 3.9}, 0.97}};
  s.voiceActivity.speechSeconds = 2.8;
  s.voice.ran = true;
  s.voice.speakerCount = 1;
  s.voice.speakerCountConfidence = 0.8;
  s.voice.speakers = {{model::Gender::Female, 0.92, 230, 2.8}};
  return s;
}

TEST(AudioFieldSuggestions, EveryFieldHasAConfidenceInEveryCase) {
  model::Signals noAudio;
  noAudio.hasAudio = false;
  model::Signals notRun;
  notRun.hasAudio = true;
  model::Signals silent;
  silent.hasAudio = true;
  silent.audio.ran = silent.audio.silentTrack = true;
  silent.voice.ran = true;
  silent.voiceActivity.ran = true;
  model::Signals noVad = speechOverMusic();
  noVad.voiceActivity = {};
  model::Signals unclearPitch = speechOverMusic();
  unclearPitch.voice.speakerCount = 0;
  unclearPitch.voice.speakers.clear();
  model::Signals transcribed = speechOverMusic();
  transcribed.transcript.ran = true;
  transcribed.transcript.language = "en";
  transcribed.transcript.languageConfidence = 0.7;
  for (const char* word : {"we", "love", "this", "amazing", "place"})
    transcribed.transcript.words.push_back({word, {1, 2}, 0.9, true});
  for (const auto& [label, signals] : std::vector<std::pair<std::string, model::Signals>>{
           {"no audio", noAudio},
           {"nothing ran", notRun},
           {"silent", silent},
           {"speech over music", speechOverMusic()},
           {"no VAD", noVad},
           {"unclear pitch", unclearPitch},
           {"transcribed", transcribed}})
    expectAllSevenWithConfidences(audioFieldSuggestions(signals), label);

  const auto full = audioFieldSuggestions(speechOverMusic());
  EXPECT_EQ(field(full, "speaker_count").value, "1");
  EXPECT_DOUBLE_EQ(field(full, "speaker_count").confidence, 0.8);
  EXPECT_NE(field(full, "speaker_count").basis.find("silero-vad"), std::string::npos);
  EXPECT_EQ(field(full, "speaker_genders").value, "female");
  EXPECT_EQ(field(full, "background_music").value, "Yes");
  EXPECT_DOUBLE_EQ(field(full, "background_music").confidence, 0.93);
  EXPECT_EQ(field(full, "music_style").value, kUnknownSuggestion);
  EXPECT_EQ(field(full, "voice_source").value, kUnknownSuggestion);
  EXPECT_EQ(field(full, "tone").value, kUnknownSuggestion);
  EXPECT_EQ(field(full, "language").value, kUnknownSuggestion);  // no transcript

  const auto heard = audioFieldSuggestions(transcribed);
  EXPECT_EQ(field(heard, "language").value, "English");
  EXPECT_EQ(field(heard, "tone").value, "Positive");
  // One unquotable positive word is not enough; a mixed tone is unknown.
  transcribed.transcript.words[1].quotable = false;
  EXPECT_EQ(field(audioFieldSuggestions(transcribed), "tone").value, kUnknownSuggestion);
  transcribed.transcript.words[1] = {"terrible", {1, 2}, 0.9, true};
  transcribed.transcript.words.push_back({"great", {2, 3}, 0.9, true});
  EXPECT_EQ(field(audioFieldSuggestions(transcribed), "tone").value, kUnknownSuggestion);

  const auto none = audioFieldSuggestions(silent);
  EXPECT_EQ(field(none, "speaker_count").value, "0");
  EXPECT_EQ(field(none, "background_music").value, "No");
  EXPECT_EQ(field(none, "music_style").value, "");  // does not apply
  EXPECT_EQ(field(audioFieldSuggestions(unclearPitch), "speaker_count").value, kUnknownSuggestion);

  // The stage's suggested fields take the known answers only.
  const auto fields = audioSuggestions(speechOverMusic());
  EXPECT_EQ(fields.speakerCount, std::optional<int>(1));
  EXPECT_EQ(fields.speakerGenders, std::vector<std::string>{"female"});
  EXPECT_EQ(fields.backgroundMusic, "Yes");
  EXPECT_TRUE(fields.musicStyle.empty());
  EXPECT_TRUE(fields.voiceSource.empty());
  EXPECT_TRUE(fields.tone.empty());
  const auto nothing = audioSuggestions(noAudio);
  EXPECT_EQ(nothing.speakerCount, std::optional<int>(0));
  EXPECT_EQ(nothing.backgroundMusic, "No");
  EXPECT_TRUE(nothing.speakerGenders.empty());

  const auto doc = nlohmann::json::parse(audioFieldSuggestionsJson(full));
  for (const auto& name : kFields) {
    ASSERT_TRUE(doc.contains(name)) << name;
    EXPECT_TRUE(doc.at(name).at("confidence").is_number());
    EXPECT_TRUE(doc.at(name).at("value").is_string());
  }
}

// A real clip through the default models: a woman speaking over music, then the CLI's JSON.
TEST(AudioFieldSuggestions, RealClipThroughTheDefaultModelsAndTheCli) {
  test::TempDir dir;
  const auto speech = dir / "speech.wav";
  auto run = runProcess({"espeak-ng", "-v", "en-us+f4", "-w", speech.string(),
                         "Today I want to show you how I set up my desk for working from home."});
  ASSERT_TRUE(run && run->exitCode == 0);
  const auto clip = dir / "clip.m4a";
  test::runFfmpeg({"-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono:d=1", "-i", speech.string(), "-f", "lavfi", "-i",
                   "sine=f=262:d=9,volume=0.05", "-f", "lavfi", "-i", "sine=f=330:d=9:beep_factor=2,volume=0.04",
                   "-filter_complex",
                   "[0][1]concat=n=2:v=0:a=1,aresample=16000[v];[v][2][3]amix=inputs=3:duration=longest:normalize=0",
                   "-ar", "16000", "-c:a", "aac", "-b:a", "64k", clip.string()});
  model::ExtractOptions options = withDefaultAudioModels({});
  options.ocr = false;
  options.transcribe = true;
  auto signals = model::extractSignals(clip, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  const auto suggestions = audioFieldSuggestions(*signals);
  expectAllSevenWithConfidences(suggestions, "real clip");
  if (signals->voiceActivity.ran) {
    EXPECT_EQ(field(suggestions, "speaker_count").value, "1") << model::toJson(*signals);
    EXPECT_EQ(field(suggestions, "speaker_genders").value, "female");
  }

  auto cli = runProcess({UGC_CLI_PATH, "--quiet", "extract", "--json", "--no-ocr", clip.string()});
  ASSERT_TRUE(cli.has_value());
  ASSERT_EQ(cli->exitCode, 0) << cli->standardError;
  const auto doc = nlohmann::json::parse(cli->standardOutput);
  for (const auto& name : kFields) {
    ASSERT_TRUE(doc.at("audio_suggestions").contains(name)) << name;
    EXPECT_TRUE(doc.at("audio_suggestions").at(name).at("confidence").is_number()) << name;
  }
  EXPECT_TRUE(doc.at("voice_activity").contains("segments"));
  EXPECT_TRUE(doc.at("transcript").at("ran").get<bool>());
}


// The pipeline's default VAD from the models cache: not installed -> extraction runs without it and
// says how to install it; damaged -> extraction fails with a clear error, never a crash.
TEST(AudioFieldSuggestions, DefaultVadMissingOrDamagedInTheModelsCache) {
  test::TempDir dir;
  const auto clip = dir / "tone.wav";
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=440:d=2", "-ar", "16000", clip.string()});
  const char* before = std::getenv("UGC_MODELS_DIR");
  const std::string saved = before ? before : "";
  ::setenv("UGC_MODELS_DIR", (dir / "models").c_str(), 1);
  model::ExtractOptions missing = withDefaultAudioModels({});
  missing.ocr = false;
  EXPECT_TRUE(missing.voiceActivityModel.empty());
  auto without = model::extractSignals(clip, missing);
  ASSERT_TRUE(without) << without.error().describe();
  EXPECT_FALSE(without->voiceActivity.ran);
  EXPECT_NE(without->voiceActivity.method.find("fetch-models silero-vad"), std::string::npos);
  expectAllSevenWithConfidences(audioFieldSuggestions(*without), "without VAD");

  std::filesystem::create_directories(dir / "models" / "silero-vad");
  std::ofstream(dir / "models" / "silero-vad" / "silero_vad_16k_op15.onnx") << "damaged download";
  model::ExtractOptions damaged = withDefaultAudioModels({});
  damaged.ocr = false;
  EXPECT_FALSE(damaged.voiceActivityModel.empty());
  auto failed = model::extractSignals(clip, damaged);
  if (before) ::setenv("UGC_MODELS_DIR", saved.c_str(), 1); else ::unsetenv("UGC_MODELS_DIR");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(failed.error().message.find("fetch-models silero-vad"), std::string::npos) << failed.error().message;
}

}  // namespace
}  // namespace ugc::pipeline
