// The project commands of the ugccap binary: exit codes, one-line reasons, unchanged files.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/subprocess.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc {
namespace {

namespace fs = std::filesystem;

ProcessOutput ugccap(std::vector<std::string> args) {
  args.insert(args.begin(), {UGC_CLI_PATH, "--quiet"});
  auto result = runProcess(args);
  EXPECT_TRUE(result) << result.error().describe();
  return result ? *result : ProcessOutput{};
}

TEST(ProjectCli, InitImportExportValidateStats) {
  test::TempDir dir;
  const std::string project = (dir / "p.ugcproj").string();
  EXPECT_EQ(ugccap({"init", "-p", project}).exitCode, 0);
  auto again = ugccap({"init", "-p", project});
  EXPECT_EQ(again.exitCode, 2);
  EXPECT_NE(again.standardError.find("already exists"), std::string::npos);

  { std::ofstream(dir / "drafts.jsonl") << "{\"video_id\": \"nobody\", \"stage\": \"audio\", \"text\": \"x\"}\n"; }
  const std::string before = sha256Hex(test::readFile(project));
  auto bad = ugccap({"import", "-p", project, "--drafts", (dir / "drafts.jsonl").string()});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.standardError.find("drafts.jsonl:1: unknown video id"), std::string::npos) << bad.standardError;
  EXPECT_EQ(std::count(bad.standardError.begin(), bad.standardError.end(), '\n'), 1) << "one line: " << bad.standardError;
  EXPECT_EQ(sha256Hex(test::readFile(project)), before);
  EXPECT_EQ(ugccap({"import", "-p", project}).exitCode, 1) << "no source given";
  EXPECT_EQ(ugccap({"import", "-p", (dir / "missing.ugcproj").string(), "--drafts", "x"}).exitCode, 2);

  const fs::path release = test::releaseDevDir();
  if (!release.empty()) {
    EXPECT_EQ(ugccap({"import", "-p", project, "--release", release.string()}).exitCode, 0);
    auto exported = ugccap({"export", "-p", project, "--format", "release", "--out", (dir / "out").string()});
    EXPECT_EQ(exported.exitCode, 0) << exported.standardError;
    EXPECT_TRUE(test::readFile(release / "tone.json") == test::readFile(dir / "out" / "tone.json"));
    auto validated = ugccap({"validate", (dir / "out").string()});
    EXPECT_EQ(validated.exitCode, 0);
    EXPECT_NE(validated.standardOutput.find("9 files"), std::string::npos);
  }
  auto stats = ugccap({"stats", "-p", project, "--json"});
  EXPECT_EQ(stats.exitCode, 0);
  auto json = nlohmann::json::parse(stats.standardOutput, nullptr, false);
  ASSERT_TRUE(json.is_object()) << stats.standardOutput;
  EXPECT_EQ(json["videos"], release.empty() ? 0 : 800);
  EXPECT_EQ(ugccap({"validate", dir.path().string()}).exitCode, 2) << "not an export";
  EXPECT_EQ(ugccap({"export", "-p", project, "--format", "csv", "--out", (dir / "x").string()}).exitCode, 1);
}

// The same commands on a PostgreSQL project (a URL wherever a project file goes), then the
// team commands: next (a lease), leases (who holds what), migrate (between modes, verified).
TEST(TeamCli, APostgresProjectWorksLikeAFileAndMigratesBothWays) {
  UGC_REQUIRE_STORE_BACKEND(test::StoreBackend::Postgres);
  test::TempDir dir;
  test::ProjectLocation server(test::StoreBackend::Postgres, dir, "cli");
  const std::string url = server.path().string();
  auto init = ugccap({"init", "-p", url});
  ASSERT_EQ(init.exitCode, 0) << init.standardError;
  auto again = ugccap({"init", "-p", url});
  EXPECT_EQ(again.exitCode, 2) << again.standardError;
  EXPECT_EQ(again.standardError.find("ugc-test-"), std::string::npos) << "no password in messages: " << again.standardError;

  const fs::path release = test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "shared release-dev data absent";
  auto imported = ugccap({"import", "-p", url, "--release", release.string()});
  ASSERT_EQ(imported.exitCode, 0) << imported.standardError;
  auto exported = ugccap({"export", "-p", url, "--format", "release", "--out", (dir / "out").string()});
  ASSERT_EQ(exported.exitCode, 0) << exported.standardError;
  for (const char* name : {"tone.json", "final_caption_qa.json", "ocr.jsonl"}) {
    EXPECT_TRUE(test::readFile(release / name) == test::readFile(dir / "out" / name)) << name;
  }

  // The released videos are all approved: add three new ones to work on.
  { std::ofstream(dir / "new.csv") << "id,path,url\nnew-1,,https://example.com/1\nnew-2,,https://example.com/2\n"
                                       "new-3,,https://example.com/3\n"; }
  auto added = ugccap({"import", "-p", url, "--manifest", (dir / "new.csv").string()});
  ASSERT_EQ(added.exitCode, 0) << added.standardError;
  auto alice = ugccap({"next", "-p", url, "--user", "alice", "--stage", "visual", "--json"});
  ASSERT_EQ(alice.exitCode, 0) << alice.standardError;
  auto lease = nlohmann::json::parse(alice.standardOutput, nullptr, false);
  ASSERT_TRUE(lease.is_object()) << alice.standardOutput;
  auto bob = ugccap({"next", "-p", url, "--user", "bob", "--stage", "visual", "--json"});
  auto bobLease = nlohmann::json::parse(bob.standardOutput, nullptr, false);
  ASSERT_TRUE(bobLease.is_object()) << bob.standardOutput;
  EXPECT_NE(lease["video_id"], bobLease["video_id"]) << "two people, two tasks";
  auto held = ugccap({"leases", "-p", url});
  EXPECT_EQ(held.exitCode, 0);
  EXPECT_NE(held.standardOutput.find("alice"), std::string::npos) << held.standardOutput;
  EXPECT_NE(held.standardOutput.find("bob"), std::string::npos);

  // A server login for an annotator: its password from the environment, never the command line.
  const std::string login = "cli_ann_" + std::to_string(::getpid());
  auto noPassword = ugccap({"users", "add", "-p", url, login, "--role", "annotator", "--password-env", "UGC_UNSET_VAR"});
  EXPECT_EQ(noPassword.exitCode, 1) << noPassword.standardError;
  EXPECT_NE(noPassword.standardError.find("UGC_UNSET_VAR"), std::string::npos) << noPassword.standardError;
  ::setenv("UGC_TEST_NEW_PASSWORD", "ann-secret", 1);
  auto user = ugccap({"users", "add", "-p", url, login, "--role", "annotator", "--password-env", "UGC_TEST_NEW_PASSWORD"});
  EXPECT_EQ(user.exitCode, 0) << user.standardError;
  const size_t authority = url.find("://") + 3;
  const std::string asAnnotator = url.substr(0, authority) + login + ":ann-secret" + url.substr(url.find('@', authority));
  auto annotatorNext = ugccap({"next", "-p", asAnnotator, "--user", login, "--stage", "joint"});
  EXPECT_EQ(annotatorNext.exitCode, 0) << "the login works: " << annotatorNext.standardError;

  const std::string file = (dir / "copy.ugcproj").string();
  auto down = ugccap({"migrate", url, file});
  ASSERT_EQ(down.exitCode, 0) << down.standardError;
  EXPECT_NE(down.standardOutput.find("the exports match"), std::string::npos) << down.standardOutput;
  auto heldInFile = ugccap({"leases", "-p", file});
  EXPECT_NE(heldInFile.standardOutput.find("alice"), std::string::npos) << "leases travel too";
  test::ProjectLocation back(test::StoreBackend::Postgres, dir, "back");
  auto up = ugccap({"migrate", file, back.path().string()});
  ASSERT_EQ(up.exitCode, 0) << up.standardError;
  auto occupied = ugccap({"migrate", file, back.path().string()});
  EXPECT_EQ(occupied.exitCode, 2) << "a project that exists is not overwritten: " << occupied.standardError;
}

}  // namespace
}  // namespace ugc
