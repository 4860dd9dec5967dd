// bench_team [--postgres URL] [--annotators N] [--seconds S] [--videos V] [--think-ms T]: N simulated
// annotators (threads, each with its own connection, as N studios) work one project for S
// seconds: lease the next audio task, save a first revision (starting it), save an edit on top,
// submit. Every acknowledged write goes into a client-side log; at the end the log is checked
// against the store: nothing acknowledged lost, nothing written twice, no task leased to two
// people. Prints p50/p99 of lease and save latencies. Without --postgres the project is an
// SQLite file (one writer at a time), for comparison. --think-ms: the pause before each action
// (a person reads and types; 0, the default, is a stress test with no pause at all). Loopback
// only, bounded in time.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "db/project.h"
#include "db/project_import.h"

namespace fs = std::filesystem;
using namespace ugc;
using annotation::Stage;
using annotation::TaskState;
using annotation::WorkflowAction;
using Clock = std::chrono::steady_clock;

namespace {

struct Acknowledged {
  std::string videoId;
  int64_t revisionId = 0;
  std::string caption;
};

struct Worker {
  std::vector<double> leaseMs, saveMs;
  std::vector<Acknowledged> writes;
  std::vector<std::pair<std::string, std::string>> leased;  // (video, person), once per task
  std::vector<std::string> errors;
  int tasks = 0;
};

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

int thinkMs = 0;

void think() {
  if (thinkMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(thinkMs));
}

// A person whose save meets a busy project tries again (the studio does it for them); any other
// error ends the step. Busy outcomes are counted as errors too, so none is hidden.
template <typename Call>
auto retryingBusy(Call call, Clock::time_point deadline, Worker& out, const char* what) {
  for (;;) {
    auto result = call();
    if (result || result.error().code != ErrorCode::Busy || Clock::now() > deadline) return result;
    out.errors.push_back(std::string(what) + " (retried): " + result.error().describe());
  }
}

void annotate(const fs::path& location, int index, Clock::time_point deadline, Worker& out) {
  auto opened = db::Project::open(location);
  if (!opened) {
    out.errors.push_back(opened.error().describe());
    return;
  }
  db::Project& project = *opened;
  const std::string me = "annotator-" + std::to_string(index);
  while (Clock::now() < deadline) {
    db::LeaseRequest request;
    request.person = me;
    request.stage = Stage::Audio;
    think();
    auto start = Clock::now();
    auto lease = retryingBusy([&] { return project.leaseNextTask(request); }, deadline, out, "lease");
    out.leaseMs.push_back(msSince(start));
    if (!lease) {
      out.errors.push_back("lease: " + lease.error().describe());
      continue;
    }
    if (!*lease) break;  // no work left
    const std::string video = (*lease)->videoId;
    out.leased.emplace_back(video, me);
    db::SaveRevisionRequest save;
    save.videoId = video;
    save.stage = Stage::Audio;
    save.audio = annotation::AudioFields{};
    save.audio->speakerCount = 1;
    save.caption = "first words of " + me + " on " + video;
    save.author = me;
    save.secondsSpent = 1.5;
    save.event = annotation::WorkflowEvent{video, Stage::Audio, WorkflowAction::Start, TaskState::NotStarted,
                                           TaskState::InProgress, me, annotation::Role::Annotator, "", 1};
    think();
    start = Clock::now();
    auto first = retryingBusy([&] { return project.saveRevision(save); }, deadline, out, "first save");
    out.saveMs.push_back(msSince(start));
    if (!first) {
      out.errors.push_back("first save: " + first.error().describe());
      continue;
    }
    out.writes.push_back({video, first->id, save.caption});
    save.baseRevisionId = first->id;
    save.event.reset();
    save.caption = "the edited caption of " + me + " on " + video;
    think();
    start = Clock::now();
    auto second = retryingBusy([&] { return project.saveRevision(save); }, deadline, out, "second save");
    out.saveMs.push_back(msSince(start));
    if (!second) {
      out.errors.push_back("second save: " + second.error().describe());
      continue;
    }
    out.writes.push_back({video, second->id, save.caption});
    const annotation::WorkflowEvent submit{video,    Stage::Audio, WorkflowAction::Submit, TaskState::InProgress,
                                           TaskState::Submitted, me, annotation::Role::Annotator, "", 2};
    if (auto submitted = retryingBusy([&] { return project.recordEvent(submit); }, deadline, out, "submit");
        !submitted) {
      out.errors.push_back("submit: " + submitted.error().describe());
      continue;
    }
    ++out.tasks;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string server;
  int annotators = 20;
  double seconds = 60;
  int videos = 20000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--postgres")) server = argv[i + 1];
    if (!std::strcmp(argv[i], "--annotators")) annotators = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--videos")) videos = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--think-ms")) thinkMs = std::atoi(argv[i + 1]);
  }
  const fs::path work = fs::temp_directory_path() / "ugccap-bench-team";
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path location = server.empty() ? work / "team.ugcproj" : fs::path(server + "/ugc_bench_team");
  if (!server.empty()) (void)db::dropPostgresDatabase(location.string());
  {
    auto project = db::Project::create(location);
    if (!project) {
      std::fprintf(stderr, "bench_team: %s\n", project.error().describe().c_str());
      return 1;
    }
    // The videos arrive as a team's would: a manifest import (annotation-only entries).
    {
      std::ofstream manifest(work / "videos.csv");
      manifest << "id,path,url\n";
      for (int i = 0; i < videos; ++i) manifest << "T-" << 100000 + i << ",,https://example.com/" << i << "\n";
    }
    if (auto imported = db::importManifest(*project, work / "videos.csv", {}, {}); !imported) {
      std::fprintf(stderr, "bench_team: %s\n", imported.error().describe().c_str());
      return 1;
    }
  }
  std::vector<Worker> workers(static_cast<size_t>(annotators));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(int64_t(seconds * 1000));
  for (int i = 0; i < annotators; ++i) {
    threads.emplace_back([&, i] { annotate(location, i, deadline, workers[size_t(i)]); });
  }
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  // The client-side log against the store.
  std::vector<double> leaseMs, saveMs;
  std::vector<Acknowledged> writes;
  std::map<std::string, std::set<std::string>> holders;  // video -> the people it was leased to
  size_t errors = 0;
  int tasks = 0;
  for (const auto& worker : workers) {
    leaseMs.insert(leaseMs.end(), worker.leaseMs.begin(), worker.leaseMs.end());
    saveMs.insert(saveMs.end(), worker.saveMs.begin(), worker.saveMs.end());
    writes.insert(writes.end(), worker.writes.begin(), worker.writes.end());
    for (const auto& [video, person] : worker.leased) holders[video].insert(person);
    errors += worker.errors.size();
    tasks += worker.tasks;
    for (size_t e = 0; e < worker.errors.size() && e < 3; ++e) {
      std::fprintf(stderr, "bench_team: %s\n", worker.errors[e].c_str());
    }
  }
  auto project = db::Project::open(location);
  if (!project) {
    std::fprintf(stderr, "bench_team: %s\n", project.error().describe().c_str());
    return 1;
  }
  int lost = 0;
  for (const auto& write : writes) {
    auto stored = project->revision(write.revisionId);
    if (!stored || !*stored || (*stored)->caption != write.caption || (*stored)->videoId != write.videoId) ++lost;
  }
  auto stored = project->connection().queryInt("SELECT COUNT(*) FROM revisions WHERE kind = 'annotation'");
  const int64_t inStore = stored ? *stored : -1;
  int leasedTwice = 0;
  for (const auto& [video, people] : holders) leasedTwice += people.size() > 1 ? 1 : 0;
  std::printf("backend: %s, %d annotators, %.0f s, %d videos, think time %d ms\n",
              server.empty() ? "SQLite file" : "PostgreSQL server", annotators, elapsed, videos, thinkMs);
  std::printf("| measure | value |\n|---|---|\n");
  std::printf("| tasks done (lease, 2 saves, submit) | %d (%.1f per second) |\n", tasks, tasks / elapsed);
  std::printf("| acknowledged writes / in the store | %zu / %lld |\n", writes.size(), static_cast<long long>(inStore));
  std::printf("| acknowledged writes lost or changed | %d |\n", lost);
  std::printf("| tasks leased to two people | %d |\n", leasedTwice);
  std::printf("| errors (busy retries included) | %zu |\n", errors);
  std::printf("| next task (lease): p50 / p99 / max | %.2f / %.2f / %.2f ms |\n", percentile(leaseMs, 0.5),
              percentile(leaseMs, 0.99), percentile(leaseMs, 1.0));
  std::printf("| save: p50 / p99 / max | %.2f / %.2f / %.2f ms |\n", percentile(saveMs, 0.5),
              percentile(saveMs, 0.99), percentile(saveMs, 1.0));
  if (!server.empty()) (void)db::dropPostgresDatabase(location.string());
  fs::remove_all(work);
  const bool sound = lost == 0 && leasedTwice == 0 && int64_t(writes.size()) == inStore;
  return sound ? 0 : 2;
}
