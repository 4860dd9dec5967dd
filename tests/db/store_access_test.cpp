// The store access policy (db/sqlite.h): a bounded wait that ends in Busy, statements reset by
// their guard, one connection per thread (checked), imports that release the write lock.
// Real SQLite files, several connections; no timings beyond generous bounds (the stall figures
// are in benchmarks/gui/bench_store_stall.cpp).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "db/project.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "db/connection.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;

fs::path makeProject(const test::TempDir& dir) {
  const fs::path path = dir / "p.ugcproj";
  auto project = Project::create(path);
  EXPECT_TRUE(project) << project.error().describe();
  return path;
}

Connection rawConnection(const fs::path& path, int busyTimeoutMs) {
  ConnectionParams params;
  params.busyTimeoutMs = busyTimeoutMs;
  auto connection = Connection::open(path, OpenMode::ReadWrite, params);
  EXPECT_TRUE(connection) << connection.error().describe();
  return std::move(*connection);
}

// True when no connection holds a read of an old snapshot: a TRUNCATE checkpoint completes.
bool checkpointCompletes(const fs::path& path) {
  Connection checker = rawConnection(path, 100);
  auto statement = checker.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_TRUE(statement);
  auto row = statement->step();
  EXPECT_TRUE(row && *row);
  return statement->columnInt(0) == 0;  // busy = 0
}

TEST(StoreAccessTest, AGuiWriteMeetingAWriterReturnsBusyWithinAboutASecond) {
  test::TempDir dir;
  const fs::path path = makeProject(dir);
  auto gui = Project::open(path, interactiveConnectionParams());
  ASSERT_TRUE(gui) << gui.error().describe();

  Connection writer = rawConnection(path, 1000);
  auto held = std::make_optional(Transaction::begin(writer, TransactionKind::Immediate));
  ASSERT_TRUE(*held) << (*held).error().describe();

  const auto start = std::chrono::steady_clock::now();
  auto saved = gui->setSetting("name", "while locked");
  const double waitedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::Busy) << saved.error().describe();
  EXPECT_NE(saved.error().message.find("another program is writing"), std::string::npos) << saved.error().message;
  EXPECT_LT(waitedSeconds, 10.0);  // generous: the policy is ~1 s, the old one 400 x 15 s

  // Reads go on under WAL while the writer holds its lock.
  auto name = gui->setting("name");
  ASSERT_TRUE(name) << name.error().describe();
  EXPECT_FALSE(*name);

  // A transactional write (BEGIN IMMEDIATE) is refused the same way, and nothing is written.
  annotation::User user{"ana", annotation::Role::Annotator};
  auto added = gui->addUser(user);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::Busy) << added.error().describe();

  // Once the writer is done, the same call succeeds (the GUI retries it from its event loop).
  held.reset();  // rolls the writer's transaction back
  EXPECT_TRUE(gui->addUser(user));
  EXPECT_TRUE(gui->setSetting("name", "after"));
  EXPECT_EQ(gui->setting("name").value().value_or(""), "after");
}

TEST(StoreAccessTest, BusyIsNotConflictAtTheCli) {
  // Busy is its own outcome: callers tell "try again" from "someone saved first".
  EXPECT_STREQ(errorCodeName(ErrorCode::Busy), "busy");
  EXPECT_STRNE(errorCodeName(ErrorCode::Busy), errorCodeName(ErrorCode::Conflict));
}

TEST(StoreAccessTest, AnEarlyReturnLeavesNoReadOpen) {
  test::TempDir dir;
  const fs::path path = makeProject(dir);
  auto project = Project::open(path);
  ASSERT_TRUE(project);
  ASSERT_TRUE(project->addUser({"aa", annotation::Role::Admin}));
  {
    // A row the store cannot read: users() stops on it with an error, mid-iteration.
    Connection other = rawConnection(path, 1000);
    ASSERT_TRUE(other.execute("INSERT INTO users (name, role, created_at) VALUES ('zz', 'wizard', 'now')"));
  }
  auto users = project->users();
  ASSERT_FALSE(users);
  EXPECT_EQ(users.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(project->connection().activeStatementCount(), 0);
  EXPECT_TRUE(checkpointCompletes(path)) << "a statement of the long-lived connection still holds a read";

  // The same for a lookup that returns on its first row.
  ASSERT_TRUE(project->setSetting("k", "v"));
  {
    Connection other = rawConnection(path, 1000);
    ASSERT_TRUE(other.execute("INSERT INTO settings (key, value) VALUES ('k2', 'v2')"));
  }
  ASSERT_EQ(project->setting("k").value().value_or(""), "v");
  EXPECT_EQ(project->connection().activeStatementCount(), 0);
  EXPECT_TRUE(checkpointCompletes(path));
}

TEST(StoreAccessTest, ALeaseResetsItsStatementAndIsReentrant) {
  test::TempDir dir;
  const fs::path path = makeProject(dir);
  auto project = Project::open(path);
  ASSERT_TRUE(project);
  ASSERT_TRUE(project->setSetting("a", "1"));
  ASSERT_TRUE(project->setSetting("b", "2"));
  auto& connection = project->connection();
  const std::string sql = "SELECT key FROM settings WHERE key IN ('a', 'b') ORDER BY key";
  {
    auto outer = connection.cached(sql);
    ASSERT_TRUE(outer);
    ASSERT_TRUE((*outer)->step().value());
    {
      auto inner = connection.cached(sql);  // the cached one is leased: a fresh statement
      ASSERT_TRUE(inner);
      ASSERT_TRUE((*inner)->step().value());
      EXPECT_EQ((*inner)->columnText(0), "a");
      EXPECT_EQ(connection.activeStatementCount(), 2);
    }
    EXPECT_EQ((*outer)->columnText(0), "a");
    EXPECT_EQ(connection.activeStatementCount(), 1);
  }
  EXPECT_EQ(connection.activeStatementCount(), 0);
  auto again = connection.cached(sql);
  ASSERT_TRUE(again);
  ASSERT_TRUE((*again)->step().value());
  EXPECT_EQ((*again)->columnText(0), "a");  // starts over: it was reset
}

TEST(StoreAccessTest, AConnectionUsedOnAnotherThreadIsReported) {
  test::TempDir dir;
  const fs::path path = makeProject(dir);
  auto project = Project::open(path);
  ASSERT_TRUE(project);
  ASSERT_TRUE(project->setSetting("k", "v"));  // warms the statement cache on this thread

  Result<std::optional<std::string>> read = std::optional<std::string>();
  Status write;
  Result<int64_t> count = int64_t(0);
  std::thread other([&] {
    read = project->setting("k");
    write = project->setSetting("k", "elsewhere");
    count = project->videoCount();
  });
  other.join();
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::Internal);
  EXPECT_NE(read.error().message.find("thread"), std::string::npos) << read.error().message;
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::Internal);
  ASSERT_FALSE(count);
  EXPECT_EQ(project->setting("k").value().value_or(""), "v");  // nothing written from there

  // An explicit hand-over makes the other thread the owner.
  Status handedOver;
  std::thread adopter([&] {
    project->connection().moveToCurrentThread();
    handedOver = project->setSetting("k", "handed over");
  });
  adopter.join();
  EXPECT_TRUE(handedOver) << handedOver.error().describe();
  EXPECT_FALSE(project->setting("k"));  // now this thread is the stranger
  project->connection().moveToCurrentThread();
  EXPECT_EQ(project->setting("k").value().value_or(""), "handed over");
}

TEST(StoreAccessTest, AReleaseImportReleasesTheWriteLockBetweenChunks) {
  const fs::path release = test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "../shared/ugc-videocap/release-dev is absent";
  test::TempDir dir;
  const fs::path path = makeProject(dir);
  auto project = Project::open(path);
  ASSERT_TRUE(project);
  // A second writer that never waits: it gets the lock only when no import transaction is open.
  Connection other = rawConnection(path, 0);
  int chunksSeen = 0, lockedWhileReading = 0, lockedBetweenChunks = 0;
  ProgressSink progress = [&](const Progress& p) {
    auto probe = Transaction::begin(other, TransactionKind::Immediate);
    const bool locked = !probe && probe.error().code == ErrorCode::Busy;
    if (p.step == "reading release media") lockedWhileReading += locked;
    if (p.step == "importing release") {
      ++chunksSeen;
      lockedBetweenChunks += locked;
    }
  };
  ReleaseImportParams params;
  params.videosPerTransaction = 100;
  auto report = importRelease(*project, release, params, progress, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->videosAdded, 800);
  EXPECT_EQ(chunksSeen, 8);
  EXPECT_EQ(lockedWhileReading, 0) << "media are hashed outside the write transaction";
  EXPECT_EQ(lockedBetweenChunks, 0) << "each chunk commits before the next starts";
  EXPECT_EQ(project->videoCount().value_or(0), 800);
}

}  // namespace
}  // namespace ugc::db

namespace ugc::db {
namespace {

// Regression inputs found by the fuzz targets (tests/fuzz): each is bad input with a clear
// error, never an exception or a crash.
TEST(FuzzRegressionTest, AManifestWhoseFormatIsANumberIsInvalidInput) {
  test::TempDir dir;  // fuzz_manifest_validate: crash-ae600a06343bbcfeb2442c798c8753901b1b06aa
  {
    std::ofstream out(dir / "manifest.json");
    out << "{\n  \"format\":3\n\n}\n";
  }
  auto report = validateExport(dir.path());
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(report.error().message.find("\"format\" must be a string"), std::string::npos) << report.error().message;
}

// fuzz_release_import: crash-f9ac19d0c29f1a300586196173d5b4b4085433a3. A number too large for a
// double is well-formed JSON that nlohmann refuses with out_of_range, not parse_error: the
// release import's "which line is broken" pass let that escape as an uncaught exception.
TEST(FuzzRegressionTest, AReleaseFileWithAnOverflowingNumberIsInvalidInput) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "release-dev");
  {
    std::ofstream out(dir / "release-dev" / "BGM.json");
    out << "{\n  \"question\": \"Is background music (BGM) present?\",\n  \"valid_count\": 1e67757,\n"
           "  \"samples\": []\n}";
  }
  auto project = Project::create(dir / "p.ugcproj");
  ASSERT_TRUE(project) << project.error().describe();
  auto report = importRelease(*project, dir / "release-dev", {}, {}, {});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(report.error().message.find("BGM.json"), std::string::npos) << report.error().message;
  EXPECT_EQ(*project->videoCount(), 0);
}

}  // namespace
}  // namespace ugc::db
