#include "pipeline/audio_suggestions.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

namespace ugc::pipeline {
namespace {

constexpr double kNoAudioConfidence = 0.99;

AudioFieldSuggestion unknown(const char* field, std::string basis) {
  return {field, kUnknownSuggestion, 0.0, std::move(basis)};
}

// Is anyone speaking, as far as the signals can tell? Silero VAD when it ran, else the audio events.
struct SpeechEvidence {
  bool known = false;  // false: neither the VAD nor the audio events ran
  bool speech = false;
  double confidence = 0;  // in `speech`
  std::string basis;
};

SpeechEvidence speechEvidence(const model::Signals& s) {
  SpeechEvidence e;
  if (s.voiceActivity.ran) {
    e.known = true;
    e.speech = !s.voiceActivity.segments.empty();
    e.basis = s.voiceActivity.method + " segments";
    double best = 0;
    for (const auto& segment : s.voiceActivity.segments) best = std::max(best, segment.probability);
    // No segment: sure when the events agree there is no speech either.
    e.confidence = e.speech ? std::clamp(best, 0.5, 0.99) : (s.audio.speechSeconds < 0.5 ? 0.9 : 0.7);
  } else if (s.audio.ran) {
    e.known = true;
    e.speech = !s.audio.speech.empty();
    e.basis = "audio events (" + s.audio.method + ") speech ranges";
    e.confidence = s.audio.silentTrack ? kNoAudioConfidence : 0.7;
  }
  return e;
}

AudioFieldSuggestion speakerCount(const model::Signals& s, const SpeechEvidence& speech) {
  if (!speech.known || !s.voice.ran) return unknown("speaker_count", "voice analysis did not run");
  if (!speech.speech) return {"speaker_count", "0", speech.confidence, speech.basis};
  if (s.voice.speakerCount == 0)
    return unknown("speaker_count", "speech without a pitch to cluster (" + speech.basis + ")");
  return {"speaker_count", std::to_string(s.voice.speakerCount), s.voice.speakerCountConfidence,
          speech.basis + " + pitch clustering of the voice turns"};
}

AudioFieldSuggestion speakerGenders(const model::Signals& s, const SpeechEvidence& speech) {
  if (!speech.known || !s.voice.ran) return unknown("speaker_genders", "voice analysis did not run");
  if (!speech.speech) return {"speaker_genders", "", speech.confidence, "nobody speaks (" + speech.basis + ")"};
  if (s.voice.speakers.empty()) return unknown("speaker_genders", "no voice turn with a trusted pitch");
  std::vector<std::string> genders;
  double confidence = 1;
  for (const auto& speaker : s.voice.speakers) {
    if (speaker.gender == model::Gender::Unknown) return unknown("speaker_genders", "a speaker's pitch is unknown");
    const std::string name = model::genderName(speaker.gender);
    if (std::find(genders.begin(), genders.end(), name) == genders.end()) genders.push_back(name);
    confidence = std::min(confidence, speaker.genderConfidence);
  }
  std::string value;
  for (const auto& g : genders) value += (value.empty() ? "" : ", ") + g;
  return {"speaker_genders", value, confidence, "median pitch per speaker (165 Hz boundary)"};
}

AudioFieldSuggestion backgroundMusic(const model::Signals& s) {
  if (!s.audio.ran) return unknown("background_music", "audio events did not run");
  if (s.audio.silentTrack) return {"background_music", "No", kNoAudioConfidence, "silent track"};
  return {"background_music", s.audio.musicPresent ? "Yes" : "No", s.audio.musicConfidence,
          "audio events (" + s.audio.method + ")"};
}

// Nothing measures the style (no labelled music moods to learn or check it on): unknown whenever
// music plays.
AudioFieldSuggestion musicStyle(const AudioFieldSuggestion& music) {
  if (music.value == "No") return {"music_style", "", music.confidence, "no background music"};
  return unknown("music_style", "no signal measures the music's style");
}

AudioFieldSuggestion language(const model::Signals& s, const SpeechEvidence& speech) {
  if (speech.known && !speech.speech) return {"language", "", speech.confidence, "nobody speaks (" + speech.basis + ")"};
  if (!s.transcript.ran) return unknown("language", "no transcript (transcription off or no speech)");
  if (s.transcript.language == "en")
    return {"language", "English", s.transcript.languageConfidence, "PocketSphinx English fit"};
  return unknown("language", "PocketSphinx's English fit is poor: another language or unclear speech");
}

std::string lowercase(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Only words PocketSphinx heard above the quotable threshold count, and only a clear majority of
// two or more: the transcript is weak, and a wrong tone is worse than none.
AudioFieldSuggestion tone(const model::Signals& s, const SpeechEvidence& speech) {
  if (speech.known && !speech.speech) return unknown("tone", "nobody speaks");
  if (!s.transcript.ran) return unknown("tone", "no transcript to read the words' tone from");
  int positive = 0, negative = 0;
  for (const auto& word : s.transcript.words) {
    if (!word.quotable) continue;
    const std::string w = lowercase(word.text);
    positive += isPositiveToneWord(w);
    negative += isNegativeToneWord(w);
  }
  const int majority = std::max(positive, negative), minority = std::min(positive, negative);
  if (majority < 2 || minority > 0) return unknown("tone", "too few quotable words of a clear tone");
  const double confidence = std::min(0.8, 0.55 + 0.05 * majority);
  return {"tone", positive > negative ? "Positive" : "Negative", confidence,
          "quotable transcript words of a clear tone (" + std::to_string(majority) + ")"};
}

// Narration vs in-video voice is not measured (no labelled material): unknown when someone speaks.
AudioFieldSuggestion voiceSource(const SpeechEvidence& speech) {
  if (speech.known && !speech.speech) return {"voice_source", "", speech.confidence, "nobody speaks (" + speech.basis + ")"};
  return unknown("voice_source", "no signal measures narration vs in-video voice");
}

}  // namespace

bool isPositiveToneWord(const std::string& w) {
  static const std::set<std::string> words = {"love",    "loved",     "great",  "amazing", "awesome",  "happy",
                                              "best",    "beautiful", "fun",    "wonderful", "excited", "perfect",
                                              "enjoy",   "enjoyed",   "glad",   "fantastic", "delicious", "favorite",
                                              "favourite", "nice",    "lovely",   "excellent"};
  return words.count(w) > 0;
}

bool isNegativeToneWord(const std::string& w) {
  static const std::set<std::string> words = {"hate",  "hated",  "terrible", "awful",  "worst",   "sad",
                                              "angry", "sorry",  "bad",      "horrible", "disappointed", "annoying",
                                              "upset", "afraid", "scared",   "boring", "cry",     "crying",
                                              "pain",  "hurt",   "ugly",     "disgusting", "broken"};
  return words.count(w) > 0;
}

std::vector<AudioFieldSuggestion> audioFieldSuggestions(const model::Signals& s) {
  if (!s.hasAudio) {
    // No audio stream: nobody speaks and no music plays; nothing else applies.
    const char* basis = "no audio stream";
    return {{"speaker_count", "0", kNoAudioConfidence, basis},  {"speaker_genders", "", kNoAudioConfidence, basis},
            {"tone", kUnknownSuggestion, 0.0, basis},            {"background_music", "No", kNoAudioConfidence, basis},
            {"music_style", "", kNoAudioConfidence, basis},      {"language", "", kNoAudioConfidence, basis},
            {"voice_source", "", kNoAudioConfidence, basis}};
  }
  const SpeechEvidence speech = speechEvidence(s);
  const AudioFieldSuggestion music = backgroundMusic(s);
  return {speakerCount(s, speech), speakerGenders(s, speech), tone(s, speech),       music,
          musicStyle(music),       language(s, speech),       voiceSource(speech)};
}

std::string audioFieldSuggestionsJson(const std::vector<AudioFieldSuggestion>& suggestions) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : suggestions)
    out[s.field] = {{"value", s.value}, {"confidence", s.confidence}, {"basis", s.basis}};
  return out.dump();
}

}  // namespace ugc::pipeline
