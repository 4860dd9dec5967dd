// Times extractSignals on a synthesised 30 s 720x1280 clip: captions changing every 5 s over a
// moving picture with two cuts, a voice over music. Usage: bench_extract_signals [runs] [clip]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/subprocess.h"
#include "model/extractors/signals.h"

namespace {

bool makeClip(const std::filesystem::path& dir, const std::filesystem::path& clip) {
  const auto wav = dir / "voice.wav";
  auto spoken = ugc::runProcess({"espeak-ng", "-v", "en-us+f3", "-w", wav.string(),
                                 "Welcome back. Today I am going to show you three simple ways to make your mornings "
                                 "calmer. First, put your phone in another room. Second, drink a glass of water. "
                                 "Third, take five minutes to stretch before you start the day. See you tomorrow."});
  if (!spoken || spoken->exitCode != 0) return false;
  std::string graph =
      "[0:v][1:v]overlay=enable='gte(t,10)'[a];[a][2:v]overlay=enable='gte(t,20)'[b];"
      "[b]drawbox=x='mod(t*90,iw-120)':y=ih*2/3:w=120:h=120:color=yellow@0.9:t=fill[c]";
  const char* captions[] = {"MORNING ROUTINE", "TIP ONE", "NO PHONE", "TIP TWO", "DRINK WATER", "STRETCH"};
  std::string last = "c";
  for (int i = 0; i < 6; ++i) {
    const std::string next = "t" + std::to_string(i);
    graph += ";[" + last + "]drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='" +
             captions[i] +
             "':fontsize=64:fontcolor=white:borderw=4:bordercolor=black:x=(w-text_w)/2:y=220:enable='between(t," +
             std::to_string(i * 5) + "," + std::to_string(i * 5 + 4.8) + ")'[" + next + "]";
    last = next;
  }
  graph += ";[3:a]adelay=500|500,apad[v];[4:a]volume=0.3[m];[v][m]amix=inputs=2:normalize=0:duration=longest[aout]";
  auto made = ugc::runProcess({"ffmpeg",
                               "-hide_banner",
                               "-loglevel",
                               "error",
                               "-y",
                               "-f",
                               "lavfi",
                               "-i",
                               "color=c=0x1e3a8a:s=720x1280:r=30:d=30",
                               "-f",
                               "lavfi",
                               "-i",
                               "color=c=0xea580c:s=720x1280:r=30:d=30",
                               "-f",
                               "lavfi",
                               "-i",
                               "color=c=0x166534:s=720x1280:r=30:d=30",
                               "-i",
                               wav.string(),
                               "-f",
                               "lavfi",
                               "-i",
                               "aevalsrc=exprs='0.3*sin(2*PI*t*220*pow(2,floor(mod(t/0.4,5))*2/12))':s=44100:d=30",
                               "-filter_complex",
                               graph,
                               "-map",
                               "[" + last + "]",
                               "-map",
                               "[aout]",
                               "-t",
                               "30",
                               "-c:v",
                               "libx264",
                               "-preset",
                               "veryfast",
                               "-g",
                               "60",
                               "-pix_fmt",
                               "yuv420p",
                               "-c:a",
                               "aac",
                               clip.string()});
  return made && made->exitCode == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  std::filesystem::path clip = argc > 2 ? argv[2] : "";
  const auto dir = std::filesystem::temp_directory_path() / "ugc-bench-extract";
  if (clip.empty()) {
    std::filesystem::create_directories(dir);
    clip = dir / "bench-30s-720x1280.mp4";
    if (!std::filesystem::exists(clip) && !makeClip(dir, clip)) {
      std::fprintf(stderr, "could not synthesise the benchmark clip (ffmpeg, espeak-ng)\n");
      return 1;
    }
  }
  std::vector<double> totals, cpu;
  std::map<std::string, double> best;
  ugc::model::Signals last;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    auto signals = ugc::model::extractSignals(clip);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!signals) {
      std::fprintf(stderr, "%s\n", signals.error().describe().c_str());
      return 1;
    }
    totals.push_back(seconds);
    cpu.push_back(double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
    for (const auto& t : signals->timings)
      best[t.name] = best.count(t.name) ? std::min(best[t.name], t.seconds) : t.seconds;
    last = std::move(*signals);
  }
  std::sort(totals.begin(), totals.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("clip: %s (%.1f s)\n", clip.string().c_str(), last.duration);
  std::printf("%-22s %10s\n", "step", "seconds");
  for (const auto& [name, seconds] : best) std::printf("%-22s %10.3f\n", name.c_str(), seconds);
  std::printf("%-22s %10.3f  (median of %d, wall clock; OCR runs beside the audio and scene steps)\n",
              "extractSignals total", totals[totals.size() / 2], runs);
  // CPU seconds of this process (all threads; the ffmpeg libraries' decode included): on a
  // shared machine wall time depends on the neighbours, CPU time much less.
  std::printf("%-22s %10.3f  (median CPU seconds, all threads)\n", "extractSignals CPU", cpu[cpu.size() / 2]);
  std::printf("found: %zu text lines, %zu OCR calls, music %s, %d speaker(s), %zu cut(s)\n", last.ocr.lines.size(),
              size_t(last.ocr.recognitionCalls), last.audio.musicPresent ? "yes" : "no", last.voice.speakerCount,
              last.scenes.changeTimes.size());
  return 0;
}
