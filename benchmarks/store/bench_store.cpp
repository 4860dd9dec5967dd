// bench_store [--videos N] [--work DIR] [--postgres URL]: times the project store on the dev
// release and on a synthetic project of N videos (default 100,000) with three captions and four
// QA pairs each. With --postgres (a server URL without a database, e.g. from
// benchmarks/store/with-postgres) the projects are PostgreSQL databases on that server.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "db/project.h"
#include "db/project_export.h"
#include "db/project_import.h"

namespace fs = std::filesystem;
using namespace ugc;

namespace {

double cpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The machine is shared: CPU time says what the code costs, wall time what a user waits.
double lastCpu = 0;
double seconds(const std::function<void()>& body) {
  const double cpuStart = cpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  body();
  lastCpu = cpuSeconds() - cpuStart;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void row(const char* what, double value, const char* unit, const char* target) {
  const double cpu = std::string(unit) == "ms" ? lastCpu * 1000 : lastCpu;
  if (std::string(unit) == "MiB") {
    std::printf("| %-56s | %9.4g %-3s | %-11s | %-8s |\n", what, value, unit, "", target);
  } else {
    std::printf("| %-56s | %9.4g %-3s | %7.4g %-3s | %-8s |\n", what, value, unit, cpu, unit, target);
  }
}

[[noreturn]] void die(const Error& error, const char* what) {
  std::fprintf(stderr, "bench_store: %s: %s\n", what, error.describe().c_str());
  std::exit(1);
}

template <typename T>
T check(Result<T> result, const char* what) {
  if (!result) die(result.error(), what);
  return std::move(*result);
}

// Deterministic filler text with caption-like lengths.
std::string words(std::mt19937& rng, int count) {
  static const char* kWords[] = {"the", "video", "shows", "a", "man", "woman", "speaking", "bright", "room",
                                 "music", "plays", "softly", "text", "appears", "on", "screen", "camera", "moves",
                                 "slowly", "across", "street", "with", "cars", "and", "people", "walking"};
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += (i ? " " : "");
    out += kWords[rng() % std::size(kWords)];
  }
  return out + ".";
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A release-format folder with n videos: three captions, tone, BGM, voice source and objects.
void writeSyntheticRelease(const fs::path& dir, int n) {
  fs::create_directories(dir);
  std::mt19937 rng(7);
  struct File {
    const char* name;
    const char* question;
    std::vector<std::string> options;
    int words;
  };
  const File files[] = {{"audio_caption_qa.json", "Describe the audio.", {}, 50},
                        {"visual_caption_qa.json", "Describe the visuals.", {}, 155},
                        {"final_caption_qa.json", "Describe the video.", {}, 185},
                        {"tone.json", "What is the tone?", {"Positive", "Negative", "Neutral"}, 0},
                        {"BGM.json", "Is there background music?", {"Yes", "No"}, 0},
                        {"voice_source.json", "What is the voice source?", {"Narration", "In-Video Voice", "Out-Video Voice"}, 0},
                        {"object.json", "List the objects.", {}, -1}};
  for (const auto& file : files) {
    nlohmann::ordered_json json = {{"question", file.question}, {"valid_count", n}, {"samples", nlohmann::ordered_json::array()}};
    for (int i = 0; i < n; ++i) {
      const std::string id = "SYN-" + std::to_string(i);
      std::string answer = file.words > 0    ? words(rng, file.words)
                           : file.words < 0 ? "person (count: 1, color: red, position: center of the screen)"
                                            : file.options[size_t(i) % file.options.size()];
      nlohmann::ordered_json sample = {{"video_id", id}, {"path", "/workspace/benchmark/video/" + id + ".mp4"}, {"answer", answer}};
      if (!file.options.empty()) sample["options"] = file.options;
      json["samples"].push_back(std::move(sample));
    }
    writeFile(dir / file.name, json.dump(2));
  }
}

}  // namespace

int main(int argc, char** argv) {
  int videos = 100000;
  fs::path work = fs::temp_directory_path() / "ugccap-bench-store";
  std::string server;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--videos")) videos = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--work")) work = argv[i + 1];
    if (!std::strcmp(argv[i], "--postgres")) server = argv[i + 1];
  }
  // A project file in the work folder, or a fresh database on the server.
  auto location = [&](const std::string& name) -> fs::path {
    if (server.empty()) return work / (name + ".ugcproj");
    const std::string url = server + "/ugc_bench_" + name;
    (void)db::dropPostgresDatabase(url);
    return url;
  };
  std::printf("backend: %s\n", server.empty() ? "SQLite file" : "PostgreSQL server");
  fs::remove_all(work);
  fs::create_directories(work);
  std::printf("| %-56s | %-13s | %-11s | %-8s |\n|---|---|---|---|\n", "measure", "wall", "CPU", "target");

  const fs::path release = fs::path(UGC_SHARED_DIR) / "ugc-videocap" / "release-dev";
  if (fs::exists(release)) {
    auto project = check(db::Project::create(location("dev")), "create");
    row("import release-dev (800 videos, 9 files)",
        seconds([&] { check(db::importRelease(project, release, {}, {}, {}), "import release"); }), "s", "< 0.5 s");
    row("export release-dev (byte-identical, + manifest)",
        seconds([&] { check(db::exportProject(project, work / "dev-out", {}, {}, {}), "export release"); }), "s",
        "< 0.5 s");
  }

  writeSyntheticRelease(work / "synthetic", videos);
  const fs::path big = location("big");
  auto project = check(db::Project::create(big), "create");
  const std::string label = std::to_string(videos) + " videos";
  row(("import synthetic release, " + label).c_str(),
      seconds([&] { check(db::importRelease(project, work / "synthetic", {}, {}, {}), "import synthetic"); }), "s", "-");
  // 1,000 more videos waiting for annotation, some assigned, so the queues have work to find.
  nlohmann::json manifest = nlohmann::json::array();
  for (int i = 0; i < 1000; ++i) manifest.push_back({{"id", "NEW-" + std::to_string(i)}, {"url", "https://example.com/" + std::to_string(i)}});
  writeFile(work / "new.json", manifest.dump());
  check(db::importManifest(project, work / "new.json", {}, {}), "manifest");
  for (int i = 0; i < 20; ++i) {
    if (auto ok = project.assign("NEW-" + std::to_string(500 + i), annotation::Stage::Audio, "alice", "lead"); !ok) die(ok.error(), "assign");
  }

  for (auto format : {db::ExportFormat::Jsonl, db::ExportFormat::Release, db::ExportFormat::Sft}) {
    db::ExportParams params;
    params.format = format;
    row(("export " + std::string(db::exportFormatName(format)) + ", " + label).c_str(),
        seconds([&] { check(db::exportProject(project, work / db::exportFormatName(format), params, {}, {}), "export"); }),
        "s", "< 10 s");
  }
  constexpr int kRepeats = 200;
  auto meanMs = [&](const std::function<void()>& call) {
    const double total = seconds([&] {
      for (int i = 0; i < kRepeats; ++i) call();
    });
    lastCpu /= kRepeats;
    return total / kRepeats * 1000;
  };
  db::QueueQuery queue{"alice", annotation::Stage::Audio};
  db::QueueQuery other{"bob", annotation::Stage::Visual};
  // Per-call figures: the mean of kRepeats calls.
  row("next video for annotator (own assignment first), mean",
      meanMs([&] { check(project.nextVideoFor(queue), "queue"); }), "ms", "< 10 ms");
  row("next video for annotator (unassigned work), mean", meanMs([&] { check(project.nextVideoFor(other), "queue"); }),
      "ms", "< 10 ms");
  row("pending reviews (50), mean", meanMs([&] { check(project.pendingReviews({}), "reviews"); }), "ms", "< 10 ms");
  int leaseNumber = 0;
  row("lease next task (a new person each time, unassigned work), mean", meanMs([&] {
        db::LeaseRequest request;
        request.person = "person-" + std::to_string(++leaseNumber);
        check(project.leaseNextTask(request), "lease");
      }),
      "ms", "< 20 ms");
  row("statistics (stage states, QA counts, throughput), mean",
      meanMs([&] { check(project.statistics(), "statistics"); }), "ms", "< 10 ms");
  const auto head = check(project.stageStatus("SYN-5", annotation::Stage::Audio), "status");
  db::SaveRevisionRequest save;
  save.videoId = "SYN-5";
  save.stage = annotation::Stage::Audio;
  save.baseRevisionId = head.headRevisionId;
  save.caption = "edited";
  save.author = "alice";
  row("save one revision (optimistic check, fsync)", seconds([&] { check(project.saveRevision(save), "save"); }) * 1000,
      "ms", "-");
  if (server.empty()) {
    row(("project file size, " + label).c_str(), double(fs::file_size(big)) / (1 << 20), "MiB", "-");
  } else {
    (void)db::dropPostgresDatabase(big.string());
    (void)db::dropPostgresDatabase(server + "/ugc_bench_dev");
  }
  fs::remove_all(work);
  return 0;
}
