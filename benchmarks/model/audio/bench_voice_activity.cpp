// Voice activity: Silero VAD's speech segments against known speech spans, with the learned
// audio-event classifier's speech ranges side by side. Segment F1: a segment matches a span (one
// to one) when both its start and its end are within 0.3 s of the span's.
// Material, built here: clips of espeak-ng sentences (the built-in sentences of
// audio_event_mixtures.cpp, all 14 voices, 8 languages, both genders) with silences of 0.4-2 s
// between them and a 3 s stretch of music alone, over a packaged recording
// (wesnoth-1.16-music / supertux-data; only the files the classifier's split holds out) at
// music-to-speech none, -20, -10, -5, 0 dB; every third clip through AAC 48k and back.
// Known spans: where each speech stem is within 30 dB of its own peak frame (10 ms frames),
// pauses under 0.3 s bridged (the VAD's own pause rule), spans under 0.25 s dropped.
// Usage: bench_voice_activity [clips_per_level] [audio_events_model_dir]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>

#include "core/audio_decoder.h"
#include "core/subprocess.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/learned_audio_events.h"
#include "model/audio/voice_activity.h"
#include "model/pretrained_models.h"

namespace {

using namespace ugc;
using namespace ugc::model;
namespace fs = std::filesystem;

constexpr int kRate = 16000;
constexpr double kTolerance = 0.3;

double rmsDb(const float* x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i) s += double(x[i]) * x[i];
  return 10 * std::log10(s / double(std::max<size_t>(1, n)) + 1e-12);
}

std::vector<TimeRange> knownSpans(const std::vector<float>& stem, double offset) {
  std::vector<double> db;
  for (size_t f = 0; f * 160 < stem.size(); ++f)
    db.push_back(rmsDb(stem.data() + f * 160, std::min<size_t>(160, stem.size() - f * 160)));
  const double gate = *std::max_element(db.begin(), db.end()) - 30;
  std::vector<TimeRange> spans;
  for (size_t f = 0; f < db.size(); ++f) {
    if (db[f] < gate) continue;
    const TimeRange r{offset + double(f) * 0.01, offset + double(f + 1) * 0.01};
    if (!spans.empty() && r.start - spans.back().end < 0.3)
      spans.back().end = r.end;
    else
      spans.push_back(r);
  }
  std::erase_if(spans, [](const TimeRange& r) { return r.end - r.start < 0.25; });
  return spans;
}

struct SegmentCounts {
  long truth = 0, found = 0, matched = 0;
  double frameTp = 0, frameFp = 0, frameFn = 0;
  double f1() const { return truth + found ? 2.0 * double(matched) / double(truth + found) : 1.0; }
  double precision() const { return found ? double(matched) / double(found) : 1.0; }
  double recall() const { return truth ? double(matched) / double(truth) : 1.0; }
  double frameF1() const { return frameTp ? 2 * frameTp / (2 * frameTp + frameFp + frameFn) : 0.0; }
};

void score(const std::vector<TimeRange>& truth, const std::vector<TimeRange>& found, double duration,
           SegmentCounts& c) {
  c.truth += long(truth.size());
  c.found += long(found.size());
  std::vector<bool> used(found.size(), false);
  for (const auto& t : truth)
    for (size_t i = 0; i < found.size(); ++i)
      if (!used[i] && std::fabs(found[i].start - t.start) <= kTolerance && std::fabs(found[i].end - t.end) <= kTolerance) {
        used[i] = true;
        c.matched++;
        break;
      }
  auto inside = [](const std::vector<TimeRange>& rs, double t) {
    for (const auto& r : rs)
      if (t >= r.start && t < r.end) return true;
    return false;
  };
  for (double t = 0.005; t < duration; t += 0.01) {
    const bool a = inside(truth, t), b = inside(found, t);
    c.frameTp += a && b;
    c.frameFp += !a && b;
    c.frameFn += a && !b;
  }
}

std::vector<float> roundTripAac(const std::vector<float>& x, const fs::path& dir) {
  const auto raw = dir / "mix.f32", coded = dir / "mix.m4a";
  {
    std::ofstream out(raw, std::ios::binary);
    out.write(reinterpret_cast<const char*>(x.data()), std::streamsize(x.size() * sizeof(float)));
  }
  auto run = runProcess({"ffmpeg", "-y", "-loglevel", "error", "-f", "f32le", "-ar", "16000", "-ac", "1", "-i",
                         raw.string(), "-c:a", "aac", "-b:a", "48k", coded.string()});
  if (!run || run->exitCode != 0) return x;
  auto back = media::decodeAudio(coded);
  return back ? back->samples : x;
}

long peakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  const int clipsPerLevel = argc > 1 ? std::max(1, std::atoi(argv[1])) : 12;
  const fs::path eventsModel = argc > 2 ? fs::path(argv[2]) : fs::path("resources/models/audio-events");
  auto vadPath = findPretrainedFile(kSileroVadModel, kSileroVadFile);
  if (!vadPath) return std::fprintf(stderr, "%s\n", vadPath.error().describe().c_str()), 1;
  auto vad = SileroVad::load(*vadPath);
  if (!vad) return std::fprintf(stderr, "%s\n", vad.error().describe().c_str()), 1;
  auto classifier = AudioEventClassifier::load(eventsModel);
  if (!classifier) std::fprintf(stderr, "no classifier (%s): VAD only\n", classifier.error().describe().c_str());

  const auto sources = debianAudioEventSources();
  std::vector<fs::path> music;
  for (const auto& m : sources.music)
    if (isHeldOutAudioSource(m.filename().string())) music.push_back(m);
  if (music.empty()) return std::fprintf(stderr, "no held-out music (install wesnoth-1.16-music supertux-data)\n"), 1;
  const fs::path dir = fs::temp_directory_path() / ("bench_voice_activity_" + std::to_string(getpid()));
  fs::create_directories(dir);

  // Every sentence in every voice of its language, rendered once.
  std::vector<std::vector<float>> stems;
  std::vector<std::string> stemVoices;
  for (const auto& sentence : sources.sentences)
    for (const auto& voice : sources.voices) {
      if (voice.language != sentence.language) continue;
      const auto wav = dir / "s.wav";
      auto run = runProcess({"espeak-ng", "-v", voice.espeakVoice, "-w", wav.string(), sentence.text});
      if (!run || run->exitCode != 0) continue;
      auto audio = media::decodeAudio(wav);
      if (audio && !audio->samples.empty()) stems.push_back(audio->samples), stemVoices.push_back(voice.espeakVoice);
    }
  std::printf("material: %zu rendered sentences, %zu held-out music files, %d clips per music level\n", stems.size(),
              music.size(), clipsPerLevel);

  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  const double levels[] = {-200, -20, -10, -5, 0};
  std::map<double, SegmentCounts> vadScores, eventScores;
  double vadSeconds = 0, audioSeconds = 0;
  size_t musicIndex = 0, stemIndex = 0;
  for (double level : levels) {
    for (int clip = 0; clip < clipsPerLevel; ++clip) {
      // Layout: silence, sentence, silence, [3 s of music alone], sentence, silence, sentence, silence.
      std::vector<float> speech;
      std::vector<TimeRange> truth;
      auto silence = [&](double lo, double hi) { speech.resize(speech.size() + size_t((lo + (hi - lo) * u(rng)) * kRate)); };
      double speechDb = -22 + 8 * (u(rng) - 0.5);
      silence(0.4, 1.5);
      for (int s = 0; s < 3; ++s) {
        const auto& stem = stems[stemIndex++ % stems.size()];
        const float gain = float(std::pow(10.0, (speechDb - rmsDb(stem.data(), stem.size())) / 20));
        const double offset = double(speech.size()) / kRate;
        for (const auto& r : knownSpans(stem, offset)) truth.push_back(r);
        for (float v : stem) speech.push_back(v * gain);
        silence(0.4, 2.0);
        if (s == 0 && level > -100) speech.resize(speech.size() + 3 * kRate);
      }
      std::vector<float> mix = speech;
      if (level > -100) {
        auto bed = media::decodeAudio(music[musicIndex++ % music.size()], media::AudioDecodeParams{-1, kRate, 16000, 90});
        if (!bed || bed->samples.size() < mix.size() + 10 * kRate) continue;
        const size_t start = 5 * kRate;
        const double bedDb = rmsDb(bed->samples.data() + start, mix.size());
        const float g = float(std::pow(10.0, (speechDb + level - bedDb) / 20));
        for (size_t i = 0; i < mix.size(); ++i) mix[i] = std::clamp(mix[i] + g * bed->samples[start + i], -1.0f, 1.0f);
      }
      if (clip % 3 == 2) mix = roundTripAac(mix, dir);
      const double duration = double(mix.size()) / kRate;
      audioSeconds += duration;

      const auto t0 = std::chrono::steady_clock::now();
      auto probabilities = vad->speechProbabilities(mix);
      vadSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!probabilities) return std::fprintf(stderr, "%s\n", probabilities.error().describe().c_str()), 1;
      score(truth, speechSegmentsFromProbabilities(*probabilities, duration), duration, vadScores[level]);
      if (classifier) {
        auto frames = classifier->classify(mix);
        if (frames) score(truth, audioEventsFromFrames(*frames, mix, ExtractOptions{}).speech, duration, eventScores[level]);
      }
    }
  }
  fs::remove_all(dir);

  auto table = [&](const char* name, std::map<double, SegmentCounts>& scores) {
    std::printf("\n%s\n%-10s %6s %6s %7s %9s %7s %6s %9s\n", name, "music dB", "spans", "found", "matched", "precision",
                "recall", "F1", "frame F1");
    SegmentCounts all;
    for (double level : levels) {
      const auto& c = scores[level];
      std::printf("%-10s %6ld %6ld %7ld %9.3f %7.3f %6.3f %9.3f\n",
                  level < -100 ? "none" : std::to_string(int(level)).c_str(), c.truth, c.found, c.matched,
                  c.precision(), c.recall(), c.f1(), c.frameF1());
      all.truth += c.truth, all.found += c.found, all.matched += c.matched;
      all.frameTp += c.frameTp, all.frameFp += c.frameFp, all.frameFn += c.frameFn;
    }
    std::printf("%-10s %6ld %6ld %7ld %9.3f %7.3f %6.3f %9.3f\n", "all", all.truth, all.found, all.matched,
                all.precision(), all.recall(), all.f1(), all.frameF1());
  };
  table("Silero VAD segments (boundaries within 0.3 s)", vadScores);
  if (classifier) table("learned audio-event classifier, speech ranges (0.5 s blocks)", eventScores);
  std::printf("\nSilero VAD: %.2f s for %.0f s of audio = %.3f s per 30 s; peak RSS %ld MB\n", vadSeconds, audioSeconds,
              30 * vadSeconds / std::max(1.0, audioSeconds), peakRssKiB() / 1024);
  return 0;
}
