// `ugccap faithfulness report`: a hand-made release folder whose verdicts are known, the real
// release-dev when present, and bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "annotation/release_fields.h"
#include "cli/cli_app.h"
#include "cli/exit_codes.h"
#include "support/test_support.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;
using annotation::QaType;

int run(std::vector<std::string> args) {
  args.insert(args.begin(), "ugccap");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return runCli(int(argv.size()), argv.data());
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

annotation::ReleaseQaFile captions(const std::string& question, const std::vector<std::pair<std::string, std::string>>& answers) {
  annotation::ReleaseQaFile file;
  file.question = question;
  file.validCount = static_cast<long long>(answers.size());
  for (const auto& [video, answer] : answers) file.samples.push_back({video, "/v/" + video + ".mp4", answer, {}});
  return file;
}

// Two videos: "good" says only what its fields say, "bad" misquotes its on-screen text, gives a
// wrong count and describes music its BGM answer denies.
void writeRelease(const fs::path& dir) {
  fs::create_directories(dir);
  writeFile(dir / "visual_caption_qa.json",
            annotation::formatReleaseQaFile(captions(
                "Describe the video.",
                {{"good", "Two microphones stand on the table while the text \"MORNING WALK DOWNTOWN\" appears."},
                 {"bad", "Three cups sit on a desk while the text \"WALKNING DOWNTOWN\" appears."}})));
  writeFile(dir / "audio_caption_qa.json",
            annotation::formatReleaseQaFile(captions("Describe the audio.", {{"good", "A calm voice speaks without any music."},
                                                                              {"bad", "Upbeat music plays throughout."}})));
  annotation::ReleaseQaFile bgm = captions("Is there BGM?", {{"good", "No"}, {"bad", "No"}});
  for (auto& sample : bgm.samples) sample.options = {"Yes", "No"};
  writeFile(dir / "BGM.json", annotation::formatReleaseQaFile(bgm));
  writeFile(dir / "object.json",
            annotation::formatReleaseQaFile(captions(
                "List the objects.", {{"good", "microphone (count: 2, color: black, position: on the table)"},
                                      {"bad", "cup (count: 1, color: red, position: on the desk)"}})));
  writeFile(dir / "ocr.jsonl", annotation::formatReleaseOcrJsonl({{"good", {"MORNING WALK DOWNTOWN"}},
                                                                   {"bad", {"MORNING WALK DOWNTOWN"}}}));
}

TEST(FaithfulnessCli, ReportCountsClaimsPerKindAndListsTheWorstVideoFirst) {
  test::TempDir temp;
  writeRelease(temp.path() / "release");
  const fs::path out = temp.path() / "report.json";
  testing::internal::CaptureStdout();
  ASSERT_EQ(run({"faithfulness", "report", (temp.path() / "release").string(), "--json", "--out", out.string()}),
            kExitOk);
  const std::string summary = testing::internal::GetCapturedStdout();
  EXPECT_NE(summary.find("4 captions of 2 videos"), std::string::npos) << summary;
  const auto report = nlohmann::json::parse(test::readFile(out));
  EXPECT_EQ(report["videos"], 2);
  EXPECT_EQ(report["captions"], 4);
  const auto& kinds = report["kinds"];
  EXPECT_EQ(kinds["on_screen_text"]["supported"], 1);
  EXPECT_EQ(kinds["on_screen_text"]["contradicted"], 1);  // WALKNING
  EXPECT_EQ(kinds["object"]["supported"], 1);
  EXPECT_EQ(kinds["object"]["contradicted"], 1);  // three cups, the list has one
  EXPECT_EQ(kinds["music"]["supported"], 1);      // "without any music", BGM = No
  EXPECT_EQ(kinds["music"]["contradicted"], 1);   // "upbeat music", BGM = No
  ASSERT_EQ(report["worst"].size(), 2u);
  EXPECT_EQ(report["worst"][0]["video_id"], "bad");
  bool misquoteListed = false;
  for (const auto& claim : report["worst"][0]["flagged"]) {
    if (claim["kind"] == "on_screen_text") {
      misquoteListed = true;
      EXPECT_EQ(claim["verdict"], "contradicted");
      EXPECT_EQ(claim["text"], "\"WALKNING DOWNTOWN\"");
      EXPECT_NE(claim["reason"].get<std::string>().find("MORNING WALK DOWNTOWN"), std::string::npos);
    }
  }
  EXPECT_TRUE(misquoteListed);

  // The text form: the table rows and the worst video.
  testing::internal::CaptureStdout();
  ASSERT_EQ(run({"faithfulness", "report", (temp.path() / "release").string(), "--worst", "1"}), kExitOk);
  const std::string table = testing::internal::GetCapturedStdout();
  EXPECT_NE(table.find("on_screen_text"), std::string::npos) << table;
  EXPECT_NE(table.find("bad: "), std::string::npos) << table;
  EXPECT_EQ(table.find("good: "), std::string::npos) << "--worst 1 lists one video: " << table;
}

TEST(FaithfulnessCli, BadInputIsAnInputError) {
  test::TempDir temp;
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"faithfulness", "report", (temp.path() / "missing").string()}), kExitInputError);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("is not a folder"), std::string::npos);
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"faithfulness", "report", temp.path().string()}), kExitInputError);  // no release files
  EXPECT_NE(testing::internal::GetCapturedStderr().find("none of the UGC-VideoCap release files"), std::string::npos);
  writeFile(temp.path() / "object.json", "{not json");
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"faithfulness", "report", temp.path().string()}), kExitInputError);
  EXPECT_FALSE(testing::internal::GetCapturedStderr().empty());
  EXPECT_EQ(run({"faithfulness"}), kExitUsage);
}

TEST(FaithfulnessCli, ReportOverReleaseDev) {
  const auto dir = test::releaseDevDir();
  if (dir.empty() || !fs::exists(dir / "ocr.jsonl")) GTEST_SKIP() << "no release-dev";
  test::TempDir temp;
  const fs::path out = temp.path() / "report.json";
  testing::internal::CaptureStdout();
  ASSERT_EQ(run({"-q", "faithfulness", "report", dir.string(), "--json", "--out", out.string()}), kExitOk);
  testing::internal::GetCapturedStdout();
  const auto report = nlohmann::json::parse(test::readFile(out));
  EXPECT_EQ(report["videos"], 800);
  EXPECT_EQ(report["captions"], 3 * 799);
  const int claims = report["total"]["claims"];
  EXPECT_EQ(claims, report["total"]["supported"].get<int>() + report["total"]["contradicted"].get<int>() +
                        report["total"]["unsupported"].get<int>());
  // The BGM flaw: music described in captions whose BGM answer is "No".
  EXPECT_GT(report["kinds"]["music"]["contradicted"].get<int>(), 400);
  EXPECT_EQ(report["worst"].size(), 10u);
}

}  // namespace
}  // namespace ugc::cli
