// Probing 1,000 files: median time per file, with and without the content fingerprint.
// The corpus is 20 distinct 360x640 clips (5-30 s, 0.6-4 MB, H.264 + AAC) under 1,000
// names (hard links), probed twice; the second, warm pass is reported.
//   bench_probe
#include <algorithm>
#include <cstdio>

#include "bench_media_support.h"
#include "core/probe.h"

namespace fs = std::filesystem;
using namespace ugc;
using namespace ugc::bench;

namespace {

constexpr int kDistinct = 20;
constexpr int kFiles = 1000;

std::vector<fs::path> probeCorpus() {
  const fs::path dir = benchMediaDir() / "probe-corpus";
  fs::create_directories(dir);
  std::vector<fs::path> bases;
  for (int i = 0; i < kDistinct; ++i) {
    const fs::path base = dir / ("base_" + std::to_string(i) + ".mp4");
    bases.push_back(base);
    if (fs::exists(base)) continue;
    const int seconds = 5 + (i * 25) / (kDistinct - 1);
    const fs::path partial = dir / ("partial_" + std::to_string(i) + ".mp4");
    ffmpegOrDie({"-f", "lavfi", "-i", "testsrc2=s=360x640:r=30:d=" + std::to_string(seconds), "-f", "lavfi", "-i",
                 "sine=frequency=" + std::to_string(300 + 20 * i) + ":duration=" + std::to_string(seconds), "-c:v",
                 "libx264", "-preset", "ultrafast", "-b:v", "1M", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                 partial.string()});
    fs::rename(partial, base);
  }
  std::vector<fs::path> files;
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof(name), "clip_%04d.mp4", i);
    const fs::path link = dir / name;
    if (!fs::exists(link)) fs::create_hard_link(bases[size_t(i % kDistinct)], link);
    files.push_back(link);
  }
  return files;
}

}  // namespace

int main() {
  const auto files = probeCorpus();
  std::printf("Probe of %d files (20 distinct 360x640 H.264/AAC clips, 0.6-4 MB), warm page cache\n\n", kFiles);
  std::printf("%-22s %10s %10s %10s %10s\n", "probe", "median", "p90", "mean", "total");
  for (bool fingerprint : {true, false}) {
    std::vector<double> times;
    for (int pass = 0; pass < 2; ++pass) {
      times.clear();
      for (const auto& file : files) {
        const auto start = std::chrono::steady_clock::now();
        auto result = media::probeMedia(file, {.computeFingerprint = fingerprint});
        times.push_back(secondsSince(start) * 1000);
        if (!result) {
          std::fprintf(stderr, "%s: %s\n", file.c_str(), result.error().describe().c_str());
          return 1;
        }
      }
    }
    double total = 0;
    for (double t : times) total += t;
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%-22s %8.2fms %8.2fms %8.2fms %9.2fs\n", fingerprint ? "with fingerprint" : "without fingerprint",
                median(times), sorted[sorted.size() * 9 / 10], total / double(times.size()), total / 1000);
  }
  std::printf("\nfingerprint: sha256 of the size and the first and last MiB (SHA extensions when the CPU has them).\n");
  return 0;
}
