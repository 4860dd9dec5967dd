// bench_store_stall [--chunk N] [--importer CMD...]: how long the studio's store calls stall its GUI thread
// while another process imports the 800-video dev release into the same project.
//
// The "GUI thread" here is this program's main thread doing what the studio does on its own:
// with an interactive connection (db::interactiveConnectionParams(): ~1 s busy timeout) it
// saves a small write and reads the video count every 5 ms; each tick's lateness plus the
// calls' duration is the stall a user would feel. The importer is a child process: by default
// this program itself (`--import PROJECT RELEASE`, the code behind `ugccap import --release`),
// or any command given after --importer, where {project} and {release} are substituted (e.g.
// an older ugccap, to compare). Figures: docs/performance.md ("Store access under a concurrent
// import").
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "db/project.h"
#include "db/project_import.h"

namespace fs = std::filesystem;
using namespace ugc;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int importInProcess(const fs::path& project, const fs::path& release, int64_t chunk) {
  auto opened = db::Project::open(project);
  if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 1;
  db::ReleaseImportParams params;
  if (chunk > 0) params.videosPerTransaction = chunk;
  auto report = db::importRelease(*opened, release, params, {}, {});
  if (!report) return std::fprintf(stderr, "%s\n", report.error().describe().c_str()), 1;
  return 0;
}

std::string substitute(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

pid_t spawn(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "--import") == 0) return importInProcess(argv[2], argv[3], std::atoll(argv[4]));
  const fs::path release = fs::path(UGC_SHARED_DIR) / "ugc-videocap" / "release-dev";
  if (!fs::exists(release)) {
    std::fprintf(stderr, "bench_store_stall: %s is absent\n", release.c_str());
    return 1;
  }
  const fs::path work = fs::temp_directory_path() / ("bench-store-stall-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const fs::path projectPath = work / "p.ugcproj";
  {
    auto created = db::Project::create(projectPath);
    if (!created) return std::fprintf(stderr, "%s\n", created.error().describe().c_str()), 1;
  }

  std::vector<std::string> importer;
  std::string chunk = "0";  // --chunk N: videos per transaction of the in-process importer (0: the default)
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--chunk") == 0 && i + 1 < argc) chunk = argv[++i];
    if (std::strcmp(argv[i], "--importer") == 0) {
      for (++i; i < argc; ++i) importer.push_back(substitute(substitute(argv[i], "{project}", projectPath), "{release}", release));
    }
  }
  const bool self = importer.empty();
  if (self) importer = {fs::canonical("/proc/self/exe").string(), "--import", projectPath.string(), release.string(), chunk};

  auto gui = db::Project::open(projectPath, db::interactiveConnectionParams());
  if (!gui) return std::fprintf(stderr, "%s\n", gui.error().describe().c_str()), 1;
  std::vector<double> stalls;
  int busy = 0, failed = 0, ticks = 0;
  const auto start = Clock::now();
  const pid_t child = spawn(importer);
  int status = 0;
  auto due = Clock::now();
  double worstCall = 0;
  for (;;) {
    if (::waitpid(child, &status, WNOHANG) == child) break;
    std::this_thread::sleep_until(due);
    const double late = std::max(0.0, std::chrono::duration<double, std::milli>(Clock::now() - due).count());
    const auto callStart = Clock::now();
    auto saved = gui->setSetting("gui_tick", std::to_string(++ticks));
    if (!saved) (saved.error().code == ErrorCode::Busy ? busy : failed)++;
    auto count = gui->videoCount();
    if (!count) (count.error().code == ErrorCode::Busy ? busy : failed)++;
    const double call = msSince(callStart);
    worstCall = std::max(worstCall, call);
    stalls.push_back(late + call);
    due = Clock::now() + std::chrono::milliseconds(5);
  }
  const double importMs = msSince(start);
  const bool importOk = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  auto videos = gui->videoCount();
  std::sort(stalls.begin(), stalls.end());
  const double worst = stalls.empty() ? 0 : stalls.back();
  const double p99 = stalls.empty() ? 0 : stalls[std::min(stalls.size() - 1, size_t(double(stalls.size()) * 0.99))];
  std::printf("importer: %s (%s), %.0f ms, %lld videos in the project afterwards\n",
              self ? "this build's importRelease in a child process" : importer.front().c_str(),
              importOk ? "ok" : "FAILED", importMs, videos ? (long long)*videos : -1LL);
  std::printf("GUI-side ticks: %d; worst stall %.1f ms (worst store call %.1f ms), p99 %.1f ms; busy outcomes %d, "
              "other failures %d; goal: worst stall <= 50 ms\n",
              ticks, worst, worstCall, p99, busy, failed);
  fs::remove_all(work);
  return importOk ? 0 : 1;
}
