// The project commands of the ugccap binary: exit codes, one-line reasons, unchanged files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "core/subprocess.h"
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

}  // namespace
}  // namespace ugc
