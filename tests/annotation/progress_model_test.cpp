#include <gtest/gtest.h>

#include "annotation/progress_model.h"

namespace ugc::annotation {

TEST(ProgressModel, CountsByStageAndStatus) {
  ProgressTargets targets{10, 3, 20};
  std::vector<StageStatusInput> stages = {
      {"v1", Stage::Audio, TaskState::Approved},   {"v1", Stage::Visual, TaskState::Approved},
      {"v1", Stage::Joint, TaskState::Approved},   {"v2", Stage::Audio, TaskState::Approved},
      {"v2", Stage::Visual, TaskState::Submitted}, {"v3", Stage::Audio, TaskState::Drafted},
      {"v3", Stage::Audio, TaskState::InProgress},  // a later duplicate replaces the earlier one
      {"v4", Stage::Visual, TaskState::Rejected},
  };
  std::vector<QaStatusInput> qa = {{QaType::Tone, QaStatus::Approved},
                                   {QaType::Tone, QaStatus::Pending},
                                   {QaType::Objects, QaStatus::Approved},
                                   {QaType::Ocr, QaStatus::Rejected},
                                   {QaType::FinalCaption, QaStatus::Approved}};  // not a template pair
  ProgressSummary summary = summarizeProgress(stages, qa, targets);
  EXPECT_EQ(summary.videosSeen, 4);
  EXPECT_EQ(summary.videosComplete, 1);
  const StageProgress& audio = summary.stages[0];
  EXPECT_EQ(audio.stage, Stage::Audio);
  EXPECT_EQ(audio.byState.at(TaskState::Approved), 2);
  EXPECT_EQ(audio.byState.at(TaskState::InProgress), 1);
  EXPECT_EQ(audio.byState.at(TaskState::Drafted), 0);
  EXPECT_EQ(audio.byState.at(TaskState::NotStarted), 6 + 1);  // 6 unseen + v4
  const StageProgress& visual = summary.stages[1];
  EXPECT_EQ(visual.byState.at(TaskState::Submitted), 1);
  EXPECT_EQ(visual.byState.at(TaskState::Rejected), 1);
  int total = 0;
  for (const auto& [state, count] : summary.stages[2].byState) total += count;
  EXPECT_EQ(total, 10);
  EXPECT_EQ(summary.captionsApproved, 4);
  EXPECT_EQ(summary.captionsTarget, 30);
  EXPECT_NEAR(audio.fraction, 0.2, 1e-12);
  EXPECT_EQ(summary.qa.approved, 2);
  EXPECT_EQ(summary.qa.pending, 1);
  EXPECT_EQ(summary.qa.rejected, 1);
  EXPECT_EQ(summary.qa.byType.at(QaType::Tone).at(QaStatus::Approved), 1);
  EXPECT_EQ(summary.qa.byType.count(QaType::FinalCaption), 0u);
  EXPECT_NEAR(summary.qa.fraction, 0.1, 1e-12);
  EXPECT_NEAR(summary.overallFraction, 6.0 / 50.0, 1e-12);
  const std::string table = formatProgressTable(summary);
  EXPECT_NE(table.find("audio"), std::string::npos);
  EXPECT_NE(table.find("captions 4/30 approved"), std::string::npos);
}

TEST(ProgressModel, DefaultsAndOvershoot) {
  ProgressSummary empty = summarizeProgress({}, {});
  EXPECT_EQ(empty.captionsTarget, 3000);
  EXPECT_EQ(empty.qa.target, 4000);
  EXPECT_EQ(empty.stages[0].byState.at(TaskState::NotStarted), 1000);
  EXPECT_EQ(empty.overallFraction, 0.0);
  // More videos than the target: counts keep growing, fractions stop at 1.
  std::vector<StageStatusInput> stages;
  for (int i = 0; i < 3; ++i)
    for (Stage stage : kAllStages) stages.push_back({"v" + std::to_string(i), stage, TaskState::Approved});
  ProgressSummary over = summarizeProgress(stages, {{QaType::Tone, QaStatus::Approved}}, {2, 3, 1});
  EXPECT_EQ(over.captionsApproved, 9);
  EXPECT_EQ(over.stages[0].byState.at(TaskState::NotStarted), 0);
  EXPECT_EQ(over.captionFraction, 1.0);
  EXPECT_EQ(over.overallFraction, 1.0);
}

}  // namespace ugc::annotation
