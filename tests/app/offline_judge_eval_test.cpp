// The offline judge on the shared files: the shipped weights match today's features, the
// leave-one-system-out report covers every system and estimator, and `judge --offline` writes a
// score file that `score captions` reads.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "core/subprocess.h"
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

}  // namespace
}  // namespace ugc::pipeline::judge
