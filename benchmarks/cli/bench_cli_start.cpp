// bench_cli_start [FILE] [RUNS]: wall time and peak memory of whole processes, run one after
// another: `ugccap probe FILE`, `ffprobe -show_format -show_streams FILE`, and for reference
// `ugccap version` (which starts the model part and loads LibTorch). Without FILE it makes a
// 15 s 720x1280 H.264/AAC clip with the ffmpeg program. Prints the median and the worst run.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Run {
  double seconds = 0;
  long peakKb = 0;
  int status = 0;
};

Run runOnce(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(stdout);  // the child must not flush our buffered lines again
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Output is not part of the measurement.
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
    if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(127);
    ::execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peakKb = usage.ru_maxrss;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

struct Summary {
  double medianSeconds, worstSeconds;
  long medianKb, worstKb;
};

Summary measure(const std::vector<std::string>& args, int runs) {
  std::vector<double> seconds;
  std::vector<long> kb;
  runOnce(args);  // warm the page cache
  for (int i = 0; i < runs; ++i) {
    const Run r = runOnce(args);
    if (r.status != 0) {
      std::fprintf(stderr, "bench_cli_start: %s exited with %d\n", args[0].c_str(), r.status);
      std::exit(1);
    }
    seconds.push_back(r.seconds);
    kb.push_back(r.peakKb);
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(kb.begin(), kb.end());
  return {seconds[seconds.size() / 2], seconds.back(), kb[kb.size() / 2], kb.back()};
}

void print(const char* name, const Summary& s) {
  std::printf("%-26s median %7.3f s  worst %7.3f s  peak RSS median %6.1f MB  worst %6.1f MB\n", name,
              s.medianSeconds, s.worstSeconds, s.medianKb / 1024.0, s.worstKb / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::string file = argc > 1 ? argv[1] : "";
  const int runs = argc > 2 ? std::max(3, std::atoi(argv[2])) : 21;
  if (file.empty()) {
    file = std::string(UGC_BENCH_DIR) + "/probe_clip_720x1280.mp4";
    if (!std::filesystem::exists(file)) {
      const std::string make = "ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=720x1280:rate=30 -f lavfi -i "
                               "sine=frequency=440 -t 15 -c:v libx264 -pix_fmt yuv420p -c:a aac '" + file + "'";
      if (std::system(make.c_str()) != 0) {
        std::fprintf(stderr, "bench_cli_start: cannot make the test clip with ffmpeg\n");
        return 1;
      }
    }
  }
  std::printf("file %s, %d runs each, load %s\n", file.c_str(), runs, [] {
    static char text[64] = "?";
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
      if (std::fgets(text, sizeof text, f)) text[std::string(text).find(' ')] = '\0';
      std::fclose(f);
    }
    return text;
  }());
  const auto ours = measure({UGC_CLI_PATH, "probe", file}, runs);
  const auto ffprobe = measure({"ffprobe", "-v", "error", "-show_format", "-show_streams", file}, runs);
  const auto model = measure({UGC_CLI_PATH, "version"}, std::max(3, runs / 4));
  print("ugccap probe FILE", ours);
  print("ffprobe FILE", ffprobe);
  print("ugccap version (LibTorch)", model);
  std::printf("ugccap probe / ffprobe wall: %.2fx (goal <= 1.5x); peak %.1f MB (goal <= 80 MB)\n",
              ours.medianSeconds / ffprobe.medianSeconds, ours.worstKb / 1024.0);
  return 0;
}
