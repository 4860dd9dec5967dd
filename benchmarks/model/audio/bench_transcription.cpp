// PocketSphinx on espeak-ng speech over real music, decoded as the extractor does it (only Silero
// VAD's speech segments, when the VAD is installed): WER by music level, how often a word at or
// above a confidence threshold is right (its precision: the quotable threshold is the lowest with
// precision >= 0.9 over all levels), the language suggestion on English and non-English voices,
// and decode time against audio time.
// Material: the built-in English sentences of model/audio/audio_event_mixtures.cpp, each in a
// female and a male voice (en-us+f4 / en+f2, en-us+m3 / en+m1, alternating), 0.5 s of silence on
// both sides, over packaged recordings (wesnoth-1.16-music, supertux-data: the files the audio-event
// split holds out, one after another) at music-to-speech none, -20, -10, -5, 0 dB; the non-English
// sentences (one voice each) at none and -10 dB for the language suggestion.
// Usage: bench_transcription [max_sentences_per_language]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "core/audio_decoder.h"
#include "core/subprocess.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/transcriber.h"
#include "model/audio/voice_activity.h"
#include "model/pretrained_models.h"

namespace {

using namespace ugc;
using namespace ugc::model;
namespace fs = std::filesystem;

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

struct Level {
  double errors = 0, words = 0;
  long enSaidEn = 0, enClips = 0, otherSaidUnknown = 0, otherClips = 0;
  std::map<double, std::pair<long, long>> quotable;  // threshold -> (right, total)
};

}  // namespace

int main(int argc, char** argv) {
  const size_t maxSentences = argc > 1 ? size_t(std::max(1, std::atoi(argv[1]))) : 1000;
  const auto sources = debianAudioEventSources();
  std::vector<std::vector<float>> beds;
  std::string bedNames;
  for (const auto& m : sources.music) {
    if (!isHeldOutAudioSource(m.filename().string())) continue;
    media::AudioDecodeParams params;
    params.maxSeconds = 150;
    auto music = media::decodeAudio(m, params);
    if (music && music->samples.size() > 16000 * 60) {
      beds.push_back(std::move(music->samples));
      bedNames += (bedNames.empty() ? "" : ", ") + m.filename().string();
    }
  }
  if (beds.empty()) return std::fprintf(stderr, "no held-out music (install wesnoth-1.16-music supertux-data)\n"), 1;
  auto transcriber = Transcriber::create();
  if (!transcriber) return std::fprintf(stderr, "%s\n", transcriber.error().describe().c_str()), 1;
  std::optional<SileroVad> vad;
  if (auto path = findPretrainedFile(kSileroVadModel, kSileroVadFile))
    if (auto loaded = SileroVad::load(*path)) vad = std::move(*loaded);
  std::printf("music (%zu held-out recordings): %s\ndecoded: %s\n", beds.size(), bedNames.c_str(),
              vad ? "Silero VAD segments (as the extractor)" : "whole clips (Silero VAD not installed)");

  const double levels[] = {-200, -20, -10, -5, 0};
  const double thresholds[] = {0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  std::map<double, Level> results;
  double audioSeconds = 0, decodeSeconds = 0;
  size_t bed = 0, offset = 16000 * 10;
  std::map<std::string, size_t> perLanguage;
  int englishIndex = 0;
  const auto wav = fs::temp_directory_path() / "bench_transcription.wav";
  for (const auto& sentence : sources.sentences) {
    if (perLanguage[sentence.language]++ >= maxSentences) continue;
    const bool english = sentence.language == "en";
    std::vector<const SpeechVoice*> voices;
    if (english) {
      const char* pairs[2][2] = {{"en-us+f4", "en-us+m3"}, {"en+f2", "en+m1"}};
      for (const char* name : pairs[englishIndex % 2])
        for (const auto& v : sources.voices)
          if (v.espeakVoice == name) voices.push_back(&v);
      ++englishIndex;
    } else {
      for (const auto& v : sources.voices)
        if (v.language == sentence.language && voices.empty()) voices.push_back(&v);
    }
    for (const SpeechVoice* voice : voices) {
      auto run = runProcess({"espeak-ng", "-v", voice->espeakVoice, "-w", wav.string(), sentence.text});
      if (!run || run->exitCode != 0) continue;
      auto speech = media::decodeAudio(wav);
      if (!speech) continue;
      std::vector<float> clean(8000, 0.0f);
      clean.insert(clean.end(), speech->samples.begin(), speech->samples.end());
      clean.resize(clean.size() + 8000, 0.0f);
      const double speechDb = rmsDb(speech->samples);
      for (double level : levels) {
        if (!english && level != -200 && level != -10) continue;
        std::vector<float> mix = clean;
        if (level > -100) {
          if (offset + mix.size() >= beds[bed].size()) offset = 16000 * 10, bed = (bed + 1) % beds.size();
          std::vector<float> part(beds[bed].begin() + long(offset), beds[bed].begin() + long(offset + mix.size()));
          offset += mix.size();
          const float g = float(std::pow(10.0, (speechDb + level - rmsDb(part)) / 20));
          for (size_t i = 0; i < mix.size(); ++i) mix[i] = std::clamp(mix[i] + g * part[i], -1.0f, 1.0f);
        }
        std::vector<TimeRange> segments;
        if (vad) {
          auto p = vad->speechProbabilities(mix);
          if (p) segments = speechSegmentsFromProbabilities(*p, double(mix.size()) / 16000);
        }
        const auto start = std::chrono::steady_clock::now();
        Result<Transcript> t = Transcript{};
        if (!vad || !segments.empty()) t = transcriber->transcribe(mix, segments);
        decodeSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        audioSeconds += double(mix.size()) / 16000;
        if (!t) continue;
        Level& r = results[level];
        const bool saidEn = int(t->words.size()) >= kLanguageMinWords && t->meanConfidence >= kEnglishFitConfidence;
        if (english) {
          const auto reference = wordsOf(sentence.text);
          const double n = double(reference.size());
          r.errors += wordErrorRate(sentence.text, t->text) * n;
          r.words += n;
          r.enClips++, r.enSaidEn += saidEn;
          for (double th : thresholds)
            for (const auto& w : t->words)
              if (w.confidence >= th) {
                auto& q = r.quotable[th];
                q.second++;
                const auto heard = wordsOf(w.text);
                q.first += !heard.empty() && reference.count(*heard.begin()) ? 1 : 0;
              }
        } else {
          r.otherClips++, r.otherSaidUnknown += !saidEn;
        }
      }
    }
  }
  std::printf("decode %.1f s for %.1f s of audio (%.2fx real time)\n", decodeSeconds, audioSeconds,
              decodeSeconds / std::max(1.0, audioSeconds));
  std::printf("%-10s %6s %9s %15s", "music dB", "WER", "en->en", "other->unknown");
  for (double th : thresholds) std::printf("  prec@%.2f", th);
  std::printf("\n");
  std::map<double, std::pair<long, long>> pooled;
  for (double level : levels) {
    const Level& r = results[level];
    std::printf("%-10s %6.3f %4ld/%-4ld %9ld/%-5ld", level < -100 ? "none" : std::to_string(int(level)).c_str(),
                r.words > 0 ? r.errors / r.words : 0.0, r.enSaidEn, r.enClips, r.otherSaidUnknown, r.otherClips);
    for (double th : thresholds) {
      auto it = r.quotable.find(th);
      if (it == r.quotable.end() || it->second.second == 0) {
        std::printf("  %9s", "-");
        continue;
      }
      std::printf("  %4.2f/%-4ld", double(it->second.first) / double(it->second.second), it->second.second);
      pooled[th].first += it->second.first, pooled[th].second += it->second.second;
    }
    std::printf("\n");
  }
  std::printf("%-42s", "all levels");
  double recommended = -1;
  for (double th : thresholds) {
    const auto& p = pooled[th];
    const double precision = p.second ? double(p.first) / double(p.second) : 0;
    std::printf("  %4.2f/%-4ld", precision, p.second);
    if (recommended < 0 && p.second >= 20 && precision >= 0.9) recommended = th;
  }
  std::printf("\nlowest threshold with precision >= 0.9 over all levels (>= 20 words): %s\n",
              recommended < 0 ? "none" : std::to_string(recommended).substr(0, 4).c_str());
  return 0;
}
