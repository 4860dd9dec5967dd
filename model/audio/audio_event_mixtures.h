#pragma once
// Training and test material for the audio-event classifier, built from real recordings that
// Debian packages ship: game soundtracks (wesnoth-1.16-music, supertux-data), packaged sound
// effects (supertux-data) and espeak-ng speech in several languages and both genders. Each
// mixture is a 10 s, 16 kHz mono WAV with labels per 0.5 s block computed from its stems
// before mixing; levels, music-to-speech ratios (-15..+10 dB), noise, EQ, clipping and codec
// round trips (AAC, Opus at low bit rates, through the ffmpeg program) vary per clip.
// Held-out clips use only held-out source files (split by a hash of the file name / sentence).

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/audio/audio_event_model.h"

namespace ugc::model {

struct SpeechVoice {
  std::string espeakVoice;  // e.g. "en-us+f4"
  std::string language;     // e.g. "en"
  bool female = false;
};

struct SpokenSentence {
  std::string language;
  std::string text;
};

struct AudioEventSources {
  std::vector<std::filesystem::path> music;
  std::vector<std::filesystem::path> effects;
  std::vector<SpeechVoice> voices;
  std::vector<SpokenSentence> sentences;
};

// What is installed here: the packages' music and sound folders, the built-in sentences and voices.
// Never includes sonic-pi-samples or python-kivy-examples (kept back for independent checks).
AudioEventSources debianAudioEventSources();

// The split by source: a music / effect file name or a sentence's text is held out when the first
// 8 hex digits of its SHA-256 fall under `share` (benchmarks use it to pick unseen material).
bool isHeldOutAudioSource(const std::string& name, double share = 0.2);

struct MixtureParams {
  int clips = 700;
  double heldOutShare = 0.2;  // of source files (and sentences)
  uint64_t seed = 1;
  double codecShare = 0.35;  // clips that go through AAC or Opus and back
  static MixtureParams defaultParams() { return {}; }
};

struct MixtureClip {
  std::string file;  // relative to the set's folder
  bool heldOut = false;
  std::string music, effect, voice, sentence;  // sources ("" when absent)
  double musicToSpeechDb = 0;                  // meaningful when hasMusicAndSpeech
  bool hasMusicAndSpeech = false;
  std::string codec;  // "", "aac-32k", "opus-16k", ...
  std::vector<std::array<uint8_t, kAudioEventClasses>> labels;  // per 0.5 s block
};

struct MixtureSet {
  std::string dataHash;  // sha256 of mixtures.json (sources, parameters, labels)
  std::vector<MixtureClip> clips;
};

// Writes OUT/clips/*.wav and OUT/mixtures.json. Needs the espeak-ng and ffmpeg programs.
Result<MixtureSet> buildAudioEventMixtures(const AudioEventSources& sources, const MixtureParams& params,
                                           const std::filesystem::path& outDir, const ProgressSink& progress,
                                           const CancelToken& cancel);

// Reads OUT/mixtures.json.
Result<MixtureSet> loadAudioEventMixtures(const std::filesystem::path& dir);

// Decodes the set's clips of one split into block examples (log-mel windows + labels).
Result<std::vector<AudioEventExample>> mixtureExamples(const std::filesystem::path& dir, const MixtureSet& set,
                                                       bool heldOut, const CancelToken& cancel);

}  // namespace ugc::model
