// The offline judge on the shared files: the shipped weights match today's features, the
// leave-one-system-out report covers every system and estimator, and `judge --offline` writes a
// score file that `score captions` reads.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "core/subprocess.h"
#include "db/project.h"
#include "model/offline_judge.h"
#include "pipeline/judge/offline_features.h"
#include "pipeline/judge/offline_judge_eval.h"
#include "support/test_support.h"

namespace ugc::pipeline::judge {
namespace {

TEST(OfflineJudgeFeatures, MeasureOverlapLengthAndCoverage) {
  const auto& names = offlineFeatureNames();
  const auto same = offlineJudgeFeatures("A man sings a song while \"HELLO\" shows", "A man sings a song while \"HELLO\" shows");
  ASSERT_EQ(same.size(), names.size());
  EXPECT_FLOAT_EQ(same[0], 1.f);  // ROUGE-L
  EXPECT_FLOAT_EQ(same[11], 1.f);  // audio coverage
  EXPECT_FLOAT_EQ(same[12], 1.f);  // quote coverage
  const auto other = offlineJudgeFeatures("A cat on a sofa", "A man sings a song while \"HELLO\" shows");
  EXPECT_LT(other[0], 0.5f);
  EXPECT_FLOAT_EQ(other[11], 0.f);  // no audio word of the reference
  EXPECT_FLOAT_EQ(other[12], 0.f);
  EXPECT_LT(other[8], 0.f);  // shorter than the reference
  for (float v : offlineJudgeFeatures("", "")) EXPECT_TRUE(std::isfinite(v));
}

TEST(OfflineJudgeShipped, WeightsMatchTheFeatures) {
  auto judge = model::OfflineJudge::load(std::filesystem::path(UGC_RESOURCES_DIR) / "models" / "offline-judge");
  ASSERT_TRUE(judge) << judge.error().describe();
  EXPECT_EQ(judge->featureNames(), offlineFeatureNames());  // retrain when the features change
}

TEST(OfflineJudgeEval, LeaveOneSystemOutCoversEverySystemAndBaseline) {
  auto shared = test::sharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/ugc-videocap is absent";
  auto systems = loadJudgeTrainingData(shared);
  ASSERT_TRUE(systems) << systems.error().describe();
  ASSERT_EQ(systems->size(), 5u);
  for (const auto& s : *systems) EXPECT_GT(s.scores.size(), 790u) << s.name;  // release-dev videos with a score
  auto params = model::OfflineJudgeParams::defaultParams();
  params.epochs = 100;
  auto report = leaveOneSystemOut(*systems, params);
  ASSERT_TRUE(report) << report.error().describe();
  ASSERT_EQ(report->estimators.size(), 4u);
  for (const auto& e : report->estimators) {
    ASSERT_EQ(e.predictedAverage.size(), 5u) << e.estimator;
    for (double mae : e.sampleMae) EXPECT_TRUE(mae > 0 && mae < 2) << e.estimator;
    EXPECT_TRUE(std::isfinite(e.systemPearson));
  }
  // The actual column is GPT-4o's: Gemini's release-dev average cell.
  EXPECT_NEAR(report->estimators[0].actualAverage[0], 74.05, 0.01);
  EXPECT_NE(losoReportMarkdown(*report).find("| offline judge |"), std::string::npos);
}

TEST(OfflineJudgeEval, CliWritesAScoreFileThatScoreCaptionsReads) {
  auto shared = test::sharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/ugc-videocap is absent";
  test::TempDir dir;
  const auto out = (dir / "offline.json").string();
  auto run = runProcess({UGC_CLI_PATH, "-q", "judge", "--offline", "--predictions",
                         (shared / "results-dev" / "captions" / "minicpm_captions.jsonl").string(), "--release",
                         (shared / "release-dev").string(), "--out", out, "--weights",
                         (std::filesystem::path(UGC_RESOURCES_DIR) / "models" / "offline-judge").string()});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->exitCode, cli::kExitOk) << run->standardError;
  auto file = nlohmann::json::parse(test::readFile(out));
  EXPECT_EQ(file["estimated_by"], "offline judge");
  EXPECT_EQ(file["evaluations"].size(), 799u);
  auto scored = runProcess({UGC_CLI_PATH, "score", "captions", out, "--json"});
  ASSERT_TRUE(scored);
  ASSERT_EQ(scored->exitCode, cli::kExitOk) << scored->standardError;
  auto j = nlohmann::json::parse(scored->standardOutput);
  EXPECT_EQ(j["videos"].get<int>(), 799);
  EXPECT_GT(j["average"].get<double>(), 20.0);
  EXPECT_LT(j["average"].get<double>(), 100.0);
}

// `score drafts`: MiniCPM's released captions imported as joint-stage drafts of a project holding
// release-dev must score exactly as `judge --offline` scores the file itself; one visual draft
// with on-screen text makes the OCR file; a source that drafted nothing is a clear error.
TEST(ScoreDrafts, AProjectsDraftsScoreLikeTheSameCaptionsAsAResultFile) {
  auto shared = test::sharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/ugc-videocap is absent";
  test::TempDir dir;
  const auto project = (dir / "p.ugcproj").string();
  const auto weights = (std::filesystem::path(UGC_RESOURCES_DIR) / "models" / "offline-judge").string();
  auto ok = [](const Result<ProcessOutput>& run) { return run && run->exitCode == cli::kExitOk; };
  ASSERT_TRUE(ok(runProcess({UGC_CLI_PATH, "-q", "init", "-p", project})));
  ASSERT_TRUE(ok(runProcess({UGC_CLI_PATH, "-q", "import", "--project", project, "--release",
                             (shared / "release-dev").string()})));
  // The released captions of videos in release-dev, as drafts (the file also covers other videos).
  std::set<std::string> inRelease;
  const auto finals = nlohmann::json::parse(test::readFile(shared / "release-dev" / "final_caption_qa.json"));
  for (const auto& sample : finals["samples"]) inRelease.insert(sample["video_id"].get<std::string>());
  ASSERT_GT(inRelease.size(), 790u);
  const auto captions = shared / "results-dev" / "captions" / "minicpm_captions.jsonl";
  std::ofstream drafts(dir / "drafts.jsonl");
  std::istringstream lines(test::readFile(captions));
  std::string line;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    const std::string id = j["video_id"];
    if (!inRelease.count(id)) continue;
    drafts << nlohmann::json{{"video_id", id}, {"stage", "joint"}, {"text", j["caption"]}, {"source", "minicpm"}}.dump()
           << "\n";
  }
  drafts.close();
  ASSERT_TRUE(drafts) << "drafts written";
  auto imported = runProcess({UGC_CLI_PATH, "-q", "import", "--project", project, "--drafts", (dir / "drafts.jsonl").string()});
  ASSERT_TRUE(ok(imported)) << (imported ? imported->standardError : "");

  std::string ocrVideo;
  {
    // One visual draft that reads a video's on-screen text right but for its last line.
    auto store = db::Project::open(project);
    ASSERT_TRUE(store) << store.error().describe();
    std::optional<annotation::VisualFields> read;
    for (const auto& id : inRelease) {
      auto status = store->stageStatus(id, annotation::Stage::Visual);
      if (!status || !status->approvedRevisionId) continue;
      auto approved = store->revision(*status->approvedRevisionId);
      if (approved && *approved && (*approved)->visual && (*approved)->visual->ocrLines.size() > 1) {
        read = (*approved)->visual;
        ocrVideo = id;
        break;
      }
    }
    ASSERT_TRUE(read) << "release-dev has videos with several on-screen lines";
    read->ocrLines.back() += " MISREAD";
    db::NewDraft draft;
    draft.videoId = ocrVideo;
    draft.stage = annotation::Stage::Visual;
    draft.visual = *read;
    draft.caption = "A visual draft.";
    draft.author = "test";
    draft.source = "minicpm";
    ASSERT_TRUE(store->saveDraft(draft));
  }
  const auto out = dir / "scores";
  auto scored = runProcess({UGC_CLI_PATH, "-q", "score", "drafts", "-p", project, "--out", out.string(), "--system",
                            "minicpm-drafts", "--weights", weights, "--format", "json"});
  ASSERT_TRUE(scored);
  ASSERT_EQ(scored->exitCode, cli::kExitOk) << scored->standardError;
  auto table = nlohmann::json::parse(scored->standardOutput);
  ASSERT_EQ(table["rows"].size(), 1u) << scored->standardOutput;

  const auto ocrFile = out / "minicpm-drafts_ocr.jsonl";
  ASSERT_TRUE(std::filesystem::exists(ocrFile)) << "the visual draft's on-screen text is scored as the OCR column";
  auto ocrLine = nlohmann::json::parse(test::readFile(ocrFile));
  EXPECT_EQ(ocrLine["video_id"], ocrVideo);
  EXPECT_TRUE(ocrLine["predict_ocr"].is_string()) << "the released files hold the model's answer as a string";
  EXPECT_TRUE(table["rows"][0].dump().find("ocr") != std::string::npos) << table.dump();

  auto direct = runProcess({UGC_CLI_PATH, "-q", "judge", "--offline", "--predictions", captions.string(), "--release",
                            (shared / "release-dev").string(), "--out", (dir / "direct.json").string(), "--weights", weights});
  ASSERT_TRUE(ok(direct));
  EXPECT_EQ(nlohmann::json::parse(test::readFile(out / "minicpm-drafts_scores.json"))["evaluations"],
            nlohmann::json::parse(test::readFile(dir / "direct.json"))["evaluations"])
      << "the same captions against the same references, through the project";

  auto none = runProcess({UGC_CLI_PATH, "-q", "score", "drafts", "-p", project, "--out", (dir / "none").string(),
                          "--source", "nobody", "--weights", weights});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->exitCode, cli::kExitInputError);
  EXPECT_NE(none->standardError.find("from nobody"), std::string::npos) << none->standardError;
}

}  // namespace
}  // namespace ugc::pipeline::judge
