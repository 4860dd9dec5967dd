// 16 kHz mono decoding + Whisper log-mel of a 10-minute clip: time and peak memory.
// Each variant runs in a child process (this program re-run with --child) so its peak
// resident memory (getrusage ru_maxrss) is its own.
//   bench_audio_features
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "bench_media_support.h"
#include "core/audio_decoder.h"
#include "core/log_mel.h"
#include "core/subprocess.h"

using namespace ugc;
using namespace ugc::bench;

namespace {

long peakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

// CPU seconds (user + system) so far: unlike wall time, not inflated by other load.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// streaming: chunks go straight into the log-mel stream (what `ugccap features` and the
// extractors do); whole: decode the track into memory, then compute the spectrogram.
int child(const std::string& mode, const char* path) {
  const auto start = std::chrono::steady_clock::now();
  const double cpuStart = cpuSeconds();
  media::LogMel mel;
  int64_t samples = 0;
  if (mode == "streaming") {
    media::LogMelStream stream;
    auto summary = media::decodeAudioChunks(path, {}, [&](const float* s, size_t n) { stream.push(s, n); });
    if (!summary) return 1;
    samples = summary->samples;
    mel = stream.finish();
  } else {
    auto audio = media::decodeAudio(path);
    if (!audio) return 1;
    samples = int64_t(audio->samples.size());
    mel = media::computeLogMel(audio->samples);
  }
  std::printf("%.4f %.4f %ld %d %lld\n", secondsSince(start), cpuSeconds() - cpuStart, peakRssKiB(), mel.frames,
              static_cast<long long>(samples));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--child") == 0) return child(argv[2], argv[3]);
  const auto path = benchClip(BenchClip::Small10Minutes);
  std::printf("16 kHz mono + 80-bin log-mel of a 10-minute clip (AAC 44.1 kHz stereo), median of 3 runs\n\n");
  std::printf("%-10s %9s %9s %12s %10s %12s\n", "mode", "wall", "cpu", "peak RSS", "frames", "x realtime");
  for (const char* mode : {"streaming", "whole"}) {
    std::vector<double> times, cpu, rss;
    int frames = 0;
    for (int run = 0; run < 3; ++run) {
      auto out = runProcess({"/proc/self/exe", "--child", mode, path.string()});
      if (!out || out->exitCode != 0) {
        std::fprintf(stderr, "child failed\n");
        return 1;
      }
      std::istringstream fields(out->standardOutput);
      double seconds = 0, cpuUsed = 0;
      long kib = 0;
      long long samples = 0;
      fields >> seconds >> cpuUsed >> kib >> frames >> samples;
      times.push_back(seconds);
      cpu.push_back(cpuUsed);
      rss.push_back(double(kib) / 1024.0);
    }
    std::printf("%-10s %8.3fs %8.3fs %10.1f MB %10d %11.0fx\n", mode, median(times), median(cpu), median(rss), frames,
                600.0 / median(times));
  }
  std::printf("\nstreaming: decodeAudioChunks -> LogMelStream (bounded: the spectrogram plus one window);\n"
              "whole: decodeAudio (all samples in memory) -> computeLogMel. Peak RSS of the child process;\n"
              "cpu: user + system time of the work (robust to other load on the machine).\n");
  return 0;
}
