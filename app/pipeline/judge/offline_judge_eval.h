#pragma once
// Training and measuring the offline judge on the shared files: the five systems' final
// captions (results-dev/captions) against the release-dev references, with their GPT-4o scores
// (results-dev/caption_score). Leave-one-system-out: train on four, predict the fifth; the same
// for baselines that map a single metric (ROUGE-L, BLEU-1, length) to each score with a linear
// fit on the same four systems.

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/offline_judge.h"
#include "pipeline/judge/judge_runner.h"

namespace ugc::pipeline::judge {

struct JudgeSystemData {
  std::string name;  // e.g. "gemini_2.5_pro"
  std::vector<std::string> videoIds;
  std::vector<std::vector<float>> features;
  std::vector<model::JudgeScores3> scores;  // GPT-4o's visual, audio, details
};

// The five systems, each restricted to the videos that have a caption, a score and a release-dev
// reference. `dataDir` holds release-dev/ and results-dev/.
Result<std::vector<JudgeSystemData>> loadJudgeTrainingData(const std::filesystem::path& dataDir);

struct EstimatorReport {
  std::string estimator;               // "offline judge", "ROUGE-L", "BLEU-1", "length"
  std::array<double, 3> sampleMae{};   // visual, audio, details, per sample (1-5 scale), all held-out systems
  std::vector<double> predictedAverage, actualAverage;  // per held-out system, table scale 0-100
  double systemMae = 0;                // mean |predicted - actual| of the average cell
  double systemPearson = 0;            // across the held-out systems
};

struct LosoReport {
  std::vector<std::string> systems;
  std::vector<std::size_t> samples;
  std::vector<EstimatorReport> estimators;
};

Result<LosoReport> leaveOneSystemOut(const std::vector<JudgeSystemData>& systems,
                                     const model::OfflineJudgeParams& params, const ProgressSink& progress = {},
                                     const CancelToken& cancel = {});
std::string losoReportMarkdown(const LosoReport& report);

// Trains on all five systems (the default weights).
Result<model::OfflineJudge> trainOfflineJudge(const std::vector<JudgeSystemData>& systems,
                                              const model::OfflineJudgeParams& params, const CancelToken& cancel = {});

// `judge --offline`: the released score-file format from the offline judge's estimates.
JudgeResult runOfflineJudge(const model::OfflineJudge& judge, const std::vector<JudgeSample>& samples);

}  // namespace ugc::pipeline::judge
