#include "bench_media_support.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/subprocess.h"

namespace fs = std::filesystem;

namespace ugc::bench {

fs::path benchMediaDir() {
  const fs::path dir = UGC_BENCH_MEDIA_DIR;
  fs::create_directories(dir);
  return dir;
}

void ffmpegOrDie(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-y"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = runProcess(argv);
  if (!result || result->exitCode != 0) {
    std::fprintf(stderr, "ffmpeg failed: %s\n", result ? result->standardError.c_str() : result.error().describe().c_str());
    std::exit(1);
  }
}

fs::path benchClip(BenchClip clip) {
  struct Recipe {
    const char* name;
    std::vector<std::string> args;
  };
  auto portrait = [](int gop) {
    return std::vector<std::string>{
        "-f", "lavfi", "-i", "testsrc2=s=1080x1920:r=30:d=60", "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=44100:duration=60", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
        "-pix_fmt", "yuv420p", "-g", std::to_string(gop), "-keyint_min", std::to_string(gop), "-sc_threshold", "0",
        "-c:a", "aac", "-b:a", "128k", "-shortest"};
  };
  Recipe recipe{"portrait_60s_gop2.mp4", portrait(60)};
  switch (clip) {
    case BenchClip::Portrait60sGop2: break;
    case BenchClip::Portrait60sGop10: recipe = {"portrait_60s_gop10.mp4", portrait(300)}; break;
    case BenchClip::Small10Minutes:
      recipe = {"small_10min.mp4",
                {"-f", "lavfi", "-i", "testsrc2=s=320x568:r=30:d=600", "-f", "lavfi", "-i",
                 "aevalsrc='0.3*sin(2*PI*(220+80*sin(2*PI*0.5*t))*t)+0.1*sin(2*PI*1800*t)*gt(sin(2*PI*0.2*t),0)'"
                 ":s=44100:d=600:c=stereo",
                 "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a",
                 "96k", "-shortest"}};
      break;
  }
  const fs::path path = benchMediaDir() / recipe.name;
  if (!fs::exists(path)) {
    std::fprintf(stderr, "synthesising %s (once)...\n", recipe.name);
    const fs::path partial = benchMediaDir() / (std::string("partial-") + recipe.name);
    recipe.args.push_back(partial.string());
    ffmpegOrDie(recipe.args);
    fs::rename(partial, path);
  }
  return path;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace ugc::bench
