// Many processes on one project file: no lost acknowledged save, no "database is locked",
// and a SIGKILL mid-save and mid-export leaves a sound database and the previous export.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "db/project.h"
#include "db/project_export.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;

pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string helper = UGC_DB_STRESS_WRITER;
  argv.push_back(helper.data());
  std::vector<std::string> copy = args;
  for (auto& arg : copy) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(helper.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

int waitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

fs::path makeProject(const test::ProjectLocation& location) {
  const fs::path path = location.path();
  auto project = Project::create(path);
  EXPECT_TRUE(project);
  for (int i = 0; i < 4; ++i) {
    NewVideo video;
    video.id = "v" + std::to_string(i);
    video.annotationOnly = true;
    video.origin = "test";
    EXPECT_TRUE(project->addVideo(video));
  }
  return path;
}

// Every acknowledged save must be in the project with its text.
void expectAcknowledgedSavesPresent(const fs::path& project, const std::vector<fs::path>& ackFiles, int64_t& acked) {
  auto opened = Project::open(project);
  ASSERT_TRUE(opened) << opened.error().describe();
  acked = 0;
  for (const auto& file : ackFiles) {
    std::istringstream lines(test::readFile(file));
    std::string line;
    while (std::getline(lines, line)) {
      const auto tab = line.find('\t');
      ASSERT_NE(tab, std::string::npos);
      auto revision = opened->revision(std::stoll(line.substr(0, tab)));
      ASSERT_TRUE(revision && *revision) << line;
      EXPECT_EQ((*revision)->caption, line.substr(tab + 1));
      ++acked;
    }
  }
}

// Processes saving to one project (an SQLite file; a PostgreSQL database, where the store's
// row locks let them run side by side), some killed mid-save.
UGC_STORE_SUITE(ConcurrencyOnEachBackend);

TEST_P(ConcurrencyOnEachBackend, EightProcessesSavingForFiveSecondsLoseNothing) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  const fs::path path = makeProject(location);
  std::vector<pid_t> pids;
  std::vector<fs::path> acks;
  for (int worker = 0; worker < 8; ++worker) {
    acks.push_back(dir / ("ack-" + std::to_string(worker)));
    pids.push_back(spawn({"save", path.string(), std::to_string(worker), "5", acks.back().string()}));
  }
  for (pid_t pid : pids) EXPECT_EQ(waitExit(pid), 0) << "a writer failed (see its stderr above)";
  int64_t acked = 0;
  expectAcknowledgedSavesPresent(path, acks, acked);
  EXPECT_GT(acked, 40);
  auto project = Project::open(path);
  EXPECT_EQ(*project->connection().queryInt("SELECT COUNT(*) FROM revisions"), acked)
      << "every stored revision was acknowledged: conflicts wrote nothing";
  // The head chain of each video is linear: every revision's parent is the previous one.
  EXPECT_EQ(*project->connection().queryInt(
                "SELECT COUNT(*) FROM revisions r WHERE r.parent_revision_id IS NOT NULL AND "
                "(SELECT COUNT(*) FROM revisions c WHERE c.parent_revision_id = r.parent_revision_id) > 1"),
            0);
}

TEST_P(ConcurrencyOnEachBackend, SigkillMidSaveAndMidExportLeavesASoundProject) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  const fs::path path = makeProject(location);
  const fs::path out = dir / "export";
  {
    auto project = Project::open(path);
    ExportParams params;
    params.format = ExportFormat::Jsonl;
    ASSERT_TRUE(exportProject(*project, out, params, {}, {}));
  }
  std::vector<fs::path> acks = {dir / "ack-0", dir / "ack-1"};
  std::vector<pid_t> pids = {spawn({"save", path.string(), "0", "30", acks[0].string()}),
                             spawn({"save", path.string(), "1", "30", acks[1].string()}),
                             spawn({"export", path.string(), out.string(), "30"})};
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  for (pid_t pid : pids) ::kill(pid, SIGKILL);
  for (pid_t pid : pids) EXPECT_EQ(waitExit(pid), -SIGKILL);

  auto project = Project::open(path);
  ASSERT_TRUE(project) << project.error().describe();
  if (!location.isServer()) {  // the server's own files are the server's business
    auto check = project->connection().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check && *check->step());
    EXPECT_EQ(check->columnText(0), "ok");
  }
  int64_t acked = 0;
  expectAcknowledgedSavesPresent(path, acks, acked);
  EXPECT_GT(acked, 0);
  // The export folder holds one complete export (the previous or a newer one), never a mix.
  auto validated = validateExport(out);
  EXPECT_TRUE(validated) << validated.error().describe();
  // The killed exporter's staging folder is cleaned up by the next export.
  ExportParams params;
  params.format = ExportFormat::Jsonl;
  ASSERT_TRUE(exportProject(*project, out, params, {}, {}));
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".export.staging-"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace ugc::db
