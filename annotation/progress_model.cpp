#include "annotation/progress_model.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>

namespace ugc::annotation {
namespace {

double capped(int done, int target) {
  if (target <= 0) return done > 0 ? 1.0 : 0.0;
  return std::min(1.0, static_cast<double>(done) / target);
}

bool isTemplateType(QaType type) {
  return std::find(std::begin(kTemplateQaTypes), std::end(kTemplateQaTypes), type) != std::end(kTemplateQaTypes);
}

std::size_t stageIndex(Stage stage) { return static_cast<std::size_t>(stage); }

}  // namespace

ProgressSummary summarizeProgress(const std::vector<StageStatusInput>& stages,
                                  const std::vector<QaStatusInput>& qaPairs, const ProgressTargets& targets) {
  std::map<std::string, std::array<TaskState, 3>> videos;
  for (const StageStatusInput& input : stages) {
    auto [it, inserted] = videos.try_emplace(input.videoId);
    if (inserted) it->second.fill(TaskState::NotStarted);
    it->second[stageIndex(input.stage)] = input.state;
  }

  ProgressSummary summary;
  summary.videosSeen = static_cast<int>(videos.size());
  for (Stage stage : kAllStages) {
    StageProgress& progress = summary.stages[stageIndex(stage)];
    progress.stage = stage;
    progress.target = targets.videos;
    for (TaskState state : kAllTaskStates) progress.byState[state] = 0;
  }
  // Targeted videos not seen yet are NotStarted in every stage.
  const int unseen = std::max(0, targets.videos - summary.videosSeen);
  for (StageProgress& progress : summary.stages) progress.byState[TaskState::NotStarted] = unseen;

  for (const auto& [videoId, states] : videos) {
    bool complete = true;
    for (Stage stage : kAllStages) {
      const TaskState state = states[stageIndex(stage)];
      ++summary.stages[stageIndex(stage)].byState[state];
      complete = complete && state == TaskState::Approved;
    }
    if (complete) ++summary.videosComplete;
  }
  for (StageProgress& progress : summary.stages) {
    progress.approved = progress.byState[TaskState::Approved];
    progress.fraction = capped(progress.approved, progress.target);
    summary.captionsApproved += progress.approved;
  }
  summary.captionsTarget = targets.videos * targets.captionsPerVideo;
  summary.captionFraction = capped(summary.captionsApproved, summary.captionsTarget);

  QaProgress& qa = summary.qa;
  qa.target = targets.qaPairs;
  for (const QaStatusInput& pair : qaPairs) {
    if (!isTemplateType(pair.type)) continue;
    ++qa.byType[pair.type][pair.status];
    switch (pair.status) {
      case QaStatus::Approved:
        ++qa.approved;
        break;
      case QaStatus::Pending:
        ++qa.pending;
        break;
      case QaStatus::Rejected:
        ++qa.rejected;
        break;
    }
  }
  qa.fraction = capped(qa.approved, qa.target);
  summary.overallFraction =
      capped(std::min(summary.captionsApproved, summary.captionsTarget) + std::min(qa.approved, qa.target),
             summary.captionsTarget + qa.target);
  return summary;
}

std::string formatProgressTable(const ProgressSummary& summary) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-8s %11s %8s %11s %9s %8s %8s %8s\n", "stage", "not_started", "drafted",
                "in_progress", "submitted", "approved", "rejected", "done");
  out += line;
  for (const StageProgress& stage : summary.stages) {
    auto count = [&](TaskState state) { return stage.byState.at(state); };
    std::snprintf(line, sizeof line, "%-8s %11d %8d %11d %9d %8d %8d %7.1f%%\n",
                  std::string(stageName(stage.stage)).c_str(), count(TaskState::NotStarted), count(TaskState::Drafted),
                  count(TaskState::InProgress), count(TaskState::Submitted), count(TaskState::Approved),
                  count(TaskState::Rejected), 100 * stage.fraction);
    out += line;
  }
  std::snprintf(line, sizeof line, "videos: %d seen, %d complete; captions %d/%d approved\n", summary.videosSeen,
                summary.videosComplete, summary.captionsApproved, summary.captionsTarget);
  out += line;
  std::snprintf(line, sizeof line, "qa pairs: %d approved, %d pending, %d rejected of %d (%.1f%%); overall %.1f%%\n",
                summary.qa.approved, summary.qa.pending, summary.qa.rejected, summary.qa.target,
                100 * summary.qa.fraction, 100 * summary.overallFraction);
  out += line;
  return out;
}

}  // namespace ugc::annotation
