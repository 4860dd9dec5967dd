// PocketSphinx on espeak-ng speech over real music: WER by music level, how often a word at or
// above a confidence threshold is right (its precision, for the quotable threshold), the language
// suggestion on English and non-English voices, and decode time against audio time.
// Material: the built-in sentences of model/audio/audio_event_mixtures.cpp in both genders, over
// a packaged recording (wesnoth-1.16-music) at music-to-speech -inf, -20, -10, -5, 0 dB.
// Usage: bench_transcription [music_file]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/audio_decoder.h"
#include "core/subprocess.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/transcriber.h"

namespace {

using namespace ugc;
using namespace ugc::model;

double rmsDb(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += double(v) * v;
  return 10 * std::log10(s / double(std::max<size_t>(1, x.size())) + 1e-12);
}

std::set<std::string> wordsOf(const std::string& text) {
  std::set<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') w += char(std::tolower(static_cast<unsigned char>(c)));
    else if (!w.empty()) out.insert(w), w.clear();
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string musicPath =
      argc > 1 ? argv[1] : "/usr/share/games/wesnoth/1.16/data/core/music/elvish-theme.ogg";
  media::AudioDecodeParams params;
  params.maxSeconds = 120;
  auto music = media::decodeAudio(musicPath, params);
  if (!music || music->samples.empty()) return std::fprintf(stderr, "cannot read %s\n", musicPath.c_str()), 1;
  auto transcriber = Transcriber::create();
  if (!transcriber) return std::fprintf(stderr, "%s\n", transcriber.error().describe().c_str()), 1;
  const auto sources = debianAudioEventSources();
  const double levels[] = {-200, -20, -10, -5, 0};
  const double thresholds[] = {0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  struct Level {
    double errors = 0, words = 0;
    long enSaidEn = 0, enClips = 0, otherSaidUnknown = 0, otherClips = 0, otherSaidEn = 0;
    std::map<double, std::pair<long, long>> quotable;  // threshold -> (right, total)
  };
  std::map<double, Level> results;
  double audioSeconds = 0, decodeSeconds = 0;
  size_t offset = 16000 * 10;
  for (const auto& sentence : sources.sentences) {
    for (bool female : {true, false}) {
      const SpeechVoice* voice = nullptr;
      for (const auto& v : sources.voices)
        if (v.language == sentence.language && v.female == female) voice = &v;
      if (!voice) continue;
      auto run = runProcess({"espeak-ng", "-v", voice->espeakVoice, "-w", "/tmp/bench_transcription.wav", sentence.text});
      if (!run || run->exitCode != 0) continue;
      auto speech = media::decodeAudio("/tmp/bench_transcription.wav");
      if (!speech) continue;
      std::vector<float> clean(8000, 0.0f);
      clean.insert(clean.end(), speech->samples.begin(), speech->samples.end());
      clean.resize(clean.size() + 8000, 0.0f);
      const double speechDb = rmsDb(speech->samples);
      for (double level : levels) {
        std::vector<float> mix = clean;
        if (level > -100) {
          if (offset + mix.size() >= music->samples.size()) offset = 16000 * 5;
          std::vector<float> bed(music->samples.begin() + long(offset), music->samples.begin() + long(offset + mix.size()));
          offset += mix.size();
          const float g = float(std::pow(10.0, (speechDb + level - rmsDb(bed)) / 20));
          for (size_t i = 0; i < mix.size(); ++i) mix[i] = std::clamp(mix[i] + g * bed[i], -1.0f, 1.0f);
        }
        const auto start = std::chrono::steady_clock::now();
        auto t = transcriber->transcribe(mix, {});
        decodeSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        audioSeconds += double(mix.size()) / 16000;
        if (!t) continue;
        Level& r = results[level];
        const bool english = sentence.language == "en";
        const bool saidEn = int(t->words.size()) >= kLanguageMinWords && t->meanConfidence >= kEnglishFitConfidence;
        if (english) {
          const double n = double(wordsOf(sentence.text).size());
          r.errors += wordErrorRate(sentence.text, t->text) * n;
          r.words += n;
          r.enClips++, r.enSaidEn += saidEn;
          const auto reference = wordsOf(sentence.text);
          for (double th : thresholds)
            for (const auto& w : t->words)
              if (w.confidence >= th) {
                auto& q = r.quotable[th];
                q.second++;
                q.first += reference.count(*wordsOf(w.text).begin()) ? 1 : 0;
              }
        } else {
          r.otherClips++, r.otherSaidUnknown += !saidEn, r.otherSaidEn += saidEn;
        }
      }
    }
  }
  std::printf("music %s; decode %.1f s for %.1f s of audio (%.2fx real time)\n", musicPath.c_str(), decodeSeconds,
              audioSeconds, decodeSeconds / std::max(1.0, audioSeconds));
  std::printf("%-10s %6s %10s %14s %12s", "music dB", "WER", "en->en", "other->unknown", "other->en");
  for (double th : thresholds) std::printf("  prec@%.2f", th);
  std::printf("\n");
  for (double level : levels) {
    const Level& r = results[level];
    std::printf("%-10s %6.3f %4ld/%-5ld %8ld/%-5ld %7ld/%-4ld", level < -100 ? "none" : std::to_string(int(level)).c_str(),
                r.words > 0 ? r.errors / r.words : 0.0, r.enSaidEn, r.enClips, r.otherSaidUnknown, r.otherClips,
                r.otherSaidEn, r.otherClips);
    for (double th : thresholds) {
      auto it = r.quotable.find(th);
      if (it == r.quotable.end() || it->second.second == 0) std::printf("  %9s", "-");
      else std::printf("  %4.2f/%-4ld", double(it->second.first) / double(it->second.second), it->second.second);
    }
    std::printf("\n");
  }
  return 0;
}
