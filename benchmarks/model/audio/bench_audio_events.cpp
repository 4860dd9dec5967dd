// Music / speech detection, the learned classifier and the hand-tuned heuristic side by side in
// one run, on (1) the held-out clips of a mixture set (ugccap build-audio-events-data; no source
// file of them is in training) and (2) real music alone: 10 s pieces of the held-out music
// recordings as packaged. Per 0.5 s block F1 for speech and music, clip-level "music present"
// F1 (all clips, and clips whose music is 12 dB or more under the speech), music-onset timing,
// time per 30 s of audio and peak memory.
// Usage: bench_audio_events MIXTURE_DIR MODEL_DIR [max_real_pieces]
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "core/audio_decoder.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/learned_audio_events.h"
#include "model/extractors/audio_signals.h"

namespace {

using namespace ugc;
using namespace ugc::model;
namespace fs = std::filesystem;

long peakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

struct Counts {
  long tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool truth, bool guess) { (truth && guess ? tp : !truth && guess ? fp : truth ? fn : tn)++; }
  double f1() const { return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : (fp + fn ? 0.0 : 1.0); }
  double accuracy() const { return double(tp + tn) / double(std::max(1L, tp + tn + fp + fn)); }
};

struct Method {
  std::string name;
  Counts speechBlocks, musicBlocks, musicClips, quietMusicClips, realMusicBlocks, realMusicClips;
  long onsetClips = 0, onsetWithin1s = 0;
  double seconds = 0, audioSeconds = 0;
};

bool isMusic(const AudioSegment& s) { return s.kind == AudioEventKind::Music || s.kind == AudioEventKind::SpeechOverMusic; }
bool isSpeech(const AudioSegment& s) {
  return s.kind == AudioEventKind::Speech || s.kind == AudioEventKind::SpeechOverMusic;
}

AudioEventsSignal run(const std::string& method, const AudioEventClassifier& classifier, const std::vector<float>& x,
                      Method& m) {
  ExtractOptions options;
  const auto start = std::chrono::steady_clock::now();
  AudioEventsSignal out;
  if (method == "heuristic") {
    out = detectAudioEvents(analyseAudio(x, AudioAnalysisParams{}, {}), options);
  } else {
    out = audioEventsFromFrames(*classifier.classify(x), x, options);
  }
  m.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.audioSeconds += double(x.size()) / 16000;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MIXTURE_DIR MODEL_DIR [max_real_pieces]\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[1];
  const int maxReal = argc > 3 ? std::atoi(argv[3]) : 120;
  auto set = loadAudioEventMixtures(dir);
  if (!set) return std::fprintf(stderr, "%s\n", set.error().describe().c_str()), 1;
  auto classifier = AudioEventClassifier::load(argv[2]);
  if (!classifier) return std::fprintf(stderr, "%s\n", classifier.error().describe().c_str()), 1;

  std::vector<Method> methods(2);
  methods[0].name = "heuristic";
  methods[1].name = "learned";
  std::set<std::string> heldOutMusic, trainMusic;
  int clips = 0, quiet = 0;
  for (const auto& clip : set->clips) {
    if (!clip.music.empty()) (clip.heldOut ? heldOutMusic : trainMusic).insert(clip.music);
    if (!clip.heldOut) continue;
    auto decoded = media::decodeAudio(dir / clip.file);
    if (!decoded) continue;
    ++clips;
    const bool quietMusic = clip.hasMusicAndSpeech && clip.musicToSpeechDb <= -12;
    quiet += quietMusic;
    int musicBlocks = 0, firstMusic = -1;
    for (size_t b = 0; b < clip.labels.size(); ++b)
      if (clip.labels[b][1]) musicBlocks++, firstMusic = firstMusic < 0 ? int(b) : firstMusic;
    const bool musicTruth = musicBlocks >= 2;
    for (auto& m : methods) {
      const auto out = run(m.name, *classifier, decoded->samples, m);
      int guessFirst = -1;
      for (size_t b = 0; b < clip.labels.size() && b < out.segments.size(); ++b) {
        m.speechBlocks.add(clip.labels[b][0], isSpeech(out.segments[b]));
        m.musicBlocks.add(clip.labels[b][1], isMusic(out.segments[b]));
        if (guessFirst < 0 && isMusic(out.segments[b])) guessFirst = int(b);
      }
      m.musicClips.add(musicTruth, out.musicPresent);
      if (quietMusic) m.quietMusicClips.add(musicTruth, out.musicPresent);
      if (firstMusic > 0 && musicTruth) {  // music starts inside the clip
        ++m.onsetClips;
        if (guessFirst >= 0 && std::abs(guessFirst - firstMusic) * kAudioEventHopSeconds <= 1.0) ++m.onsetWithin1s;
      }
    }
  }

  // Real music as packaged: held-out recordings only, 10 s pieces.
  int pieces = 0;
  for (const auto& path : debianAudioEventSources().music) {
    if (!heldOutMusic.count(path.filename().string()) || trainMusic.count(path.filename().string())) continue;
    media::AudioDecodeParams params;
    params.maxSeconds = 60;
    auto decoded = media::decodeAudio(path, params);
    if (!decoded) continue;
    for (size_t start = 16000 * 5; start + 160000 <= decoded->samples.size() && pieces < maxReal; start += 160000 * 2) {
      std::vector<float> piece(decoded->samples.begin() + long(start), decoded->samples.begin() + long(start + 160000));
      ++pieces;
      for (auto& m : methods) {
        const auto out = run(m.name, *classifier, piece, m);
        for (const auto& s : out.segments)
          if (s.loudnessDb > -50) m.realMusicBlocks.add(true, isMusic(s));
        m.realMusicClips.add(true, out.musicPresent);
      }
    }
  }

  std::printf("material: %d held-out mixtures (%d with music >= 12 dB under speech), %d real-music pieces of %zu "
              "held-out recordings; data %s\n",
              clips, quiet, pieces, heldOutMusic.size(), set->dataHash.substr(0, 12).c_str());
  std::printf("%-10s %8s %8s %9s %11s %9s %10s %9s %10s %10s\n", "method", "speechF1", "musicF1", "clipMusF1",
              "quietMusF1", "onset<=1s", "realMusRec", "realClip", "s/30s", "");
  for (const auto& m : methods) {
    const double recall = double(m.realMusicBlocks.tp) / double(std::max(1L, m.realMusicBlocks.tp + m.realMusicBlocks.fn));
    const double clipRecall = double(m.realMusicClips.tp) / double(std::max(1L, m.realMusicClips.tp + m.realMusicClips.fn));
    std::printf("%-10s %8.3f %8.3f %9.3f %11.3f %4ld/%-4ld %10.3f %9.3f %10.4f\n", m.name.c_str(), m.speechBlocks.f1(),
                m.musicBlocks.f1(), m.musicClips.f1(), m.quietMusicClips.f1(), m.onsetWithin1s, m.onsetClips, recall,
                clipRecall, m.seconds / std::max(1.0, m.audioSeconds) * 30);
  }
  std::printf("peak RSS %ld KiB\n", peakRssKiB());
  return 0;
}
