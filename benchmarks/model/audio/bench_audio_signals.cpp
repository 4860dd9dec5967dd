// Times every audio signal of extractSignals on a 30 s clip, as the CLI and the pipeline run them
// (learned audio events, Silero VAD, voice, loudness; no OCR, no video), median of N runs with
// per-step times, CPU seconds and peak memory; then one run with the transcript for its real-time
// factor. The clip: espeak-ng narration (a woman, then a man) over a packaged recording
// (wesnoth-1.16-music elvish-theme.ogg, or a synthetic melody when it is not installed), AAC.
// Usage: bench_audio_signals [runs] [audio_events_model_dir] [torch_threads (default: torch's own)]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "core/subprocess.h"
#include "model/audio/voice_activity.h"
#include "model/extractors/signals.h"
#include "model/pretrained_models.h"
#include "model/torch_runtime.h"

namespace {

namespace fs = std::filesystem;
using namespace ugc;

bool makeClip(const fs::path& dir, const fs::path& clip, std::string& material) {
  const auto her = dir / "her.wav", him = dir / "him.wav";
  auto a = runProcess({"espeak-ng", "-v", "en-us+f4", "-w", her.string(),
                       "Welcome back. Today I am going to show you three simple ways to make your mornings calmer. "
                       "First, put your phone in another room."});
  auto b = runProcess({"espeak-ng", "-v", "en-us+m3", "-w", him.string(),
                       "Second, drink a glass of water. Third, take five minutes to stretch before you start the day."});
  if (!a || a->exitCode != 0 || !b || b->exitCode != 0) return false;
  const fs::path music = "/usr/share/games/wesnoth/1.16/data/core/music/elvish-theme.ogg";
  std::vector<std::string> musicInput = {"-ss", "20", "-i", music.string()};
  material = "espeak-ng en-us+f4 then en-us+m3 over " + music.filename().string() + " (-14 dB), AAC 96k";
  if (!fs::exists(music)) {
    musicInput = {"-f", "lavfi", "-i", "aevalsrc=exprs='0.3*sin(2*PI*t*220*pow(2,floor(mod(t/0.4,5))*2/12))':s=44100:d=30"};
    material = "espeak-ng en-us+f4 then en-us+m3 over a synthetic melody (wesnoth-1.16-music not installed), AAC 96k";
  }
  std::vector<std::string> args = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", her.string(), "-i",
                                    him.string()};
  args.insert(args.end(), musicInput.begin(), musicInput.end());
  args.insert(args.end(), {"-filter_complex",
                           "[0:a]adelay=1000|1000[h];[1:a]adelay=17000|17000[m];[h][m]amix=inputs=2:normalize=0:"
                           "duration=longest,apad[v];[2:a]volume=-14dB[bg];[v][bg]amix=inputs=2:normalize=0:"
                           "duration=longest[out]",
                           "-map", "[out]", "-t", "30", "-ac", "2", "-ar", "44100", "-c:a", "aac", "-b:a", "96k",
                           clip.string()});
  auto made = runProcess(args);
  return made && made->exitCode == 0;
}

double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

long peakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const fs::path events = argc > 2 ? fs::path(argv[2]) : fs::path("resources/models/audio-events");
  if (argc > 3) model::configureTorchRuntime(std::atoi(argv[3]));
  const fs::path dir = fs::temp_directory_path() / "bench_audio_signals";
  fs::create_directories(dir);
  const auto clip = dir / "clip.m4a";
  std::string material;
  if (!makeClip(dir, clip, material)) return std::fprintf(stderr, "could not make the clip\n"), 1;
  model::ExtractOptions options;
  options.ocr = false;
  options.audioEventsModel = events;
  auto vad = model::findPretrainedFile(model::kSileroVadModel, model::kSileroVadFile);
  if (vad) options.voiceActivityModel = *vad;
  std::printf("clip: 30 s, %s\nmodels: audio events %s, VAD %s\ntorch threads: %s\n", material.c_str(),
              events.string().c_str(), vad ? vad->string().c_str() : "(not installed)", argc > 3 ? argv[3] : "default");

  std::vector<double> walls, cpus;
  std::map<std::string, std::vector<double>> steps;
  model::Signals last;
  for (int r = 0; r < runs; ++r) {
    const double cpu0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto signals = model::extractSignals(clip, options);
    walls.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpus.push_back(cpuSeconds() - cpu0);
    if (!signals) return std::fprintf(stderr, "%s\n", signals.error().describe().c_str()), 1;
    for (const auto& t : signals->timings) steps[t.name].push_back(t.seconds);
    last = std::move(*signals);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("%-16s %8s\n", "step", "median s");
  for (auto& [name, values] : steps) std::printf("%-16s %8.3f\n", name.c_str(), median(values));
  std::printf("%-16s %8.3f  (all audio signals, wall, median of %d; min %.3f)\n", "total", median(walls), runs,
              *std::min_element(walls.begin(), walls.end()));
  std::printf("%-16s %8.3f\n", "CPU seconds", median(cpus));
  std::printf("speech segments %zu, speakers %d, music %s; peak RSS %ld MB\n", last.voiceActivity.segments.size(),
              last.voice.speakerCount, last.audio.musicPresent ? "yes" : "no", peakRssMiB());

  options.transcribe = true;
  const auto t0 = std::chrono::steady_clock::now();
  auto withTranscript = model::extractSignals(clip, options);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!withTranscript) return std::fprintf(stderr, "%s\n", withTranscript.error().describe().c_str()), 1;
  double transcriptSeconds = 0;
  for (const auto& t : withTranscript->timings)
    if (t.name == "transcript") transcriptSeconds = t.seconds;
  std::printf("with transcript: %.2f s wall, transcript %.2f s = %.2fx real time (30 s clip); \"%s\"\n", wall,
              transcriptSeconds, transcriptSeconds / 30, withTranscript->transcript.text.c_str());
  fs::remove_all(dir);
  return 0;
}
