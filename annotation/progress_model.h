#pragma once
// Progress toward the benchmark's targets (default 1,000 videos x 3 captions and 4,000 QA
// pairs), by stage and status, from plain inputs: for the dashboard and `ugccap stats`.

#include <array>
#include <map>
#include <string>
#include <vector>

#include "annotation/qa.h"
#include "annotation/workflow.h"

namespace ugc::annotation {

struct ProgressTargets {
  int videos = 1000;
  int captionsPerVideo = 3;  // audio, visual, joint
  int qaPairs = 4000;        // template QA pairs (kTemplateQaTypes)
};

// The state of one video's stage. One entry per video and stage; a later duplicate replaces
// an earlier one. Videos without an entry for a stage count as NotStarted there.
struct StageStatusInput {
  std::string videoId;
  Stage stage = Stage::Audio;
  TaskState state = TaskState::NotStarted;
};

struct QaStatusInput {
  QaType type = QaType::Tone;
  QaStatus status = QaStatus::Pending;
};

struct StageProgress {
  Stage stage = Stage::Audio;
  std::map<TaskState, int> byState;  // every state present, 0 when none
  int approved = 0;
  int target = 0;       // = targets.videos
  double fraction = 0;  // approved / target, at most 1
};

struct QaProgress {
  std::map<QaType, std::map<QaStatus, int>> byType;  // template types only
  int approved = 0;
  int pending = 0;
  int rejected = 0;
  int target = 0;
  double fraction = 0;  // approved / target, at most 1
};

struct ProgressSummary {
  int videosSeen = 0;      // distinct videos with at least one stage entry
  int videosComplete = 0;  // all three stages approved
  int captionsApproved = 0;
  int captionsTarget = 0;
  double captionFraction = 0;
  std::array<StageProgress, 3> stages;  // in kAllStages order
  QaProgress qa;
  double overallFraction = 0;  // (approved captions + approved QA) / (their targets), at most 1
};

ProgressSummary summarizeProgress(const std::vector<StageStatusInput>& stages,
                                  const std::vector<QaStatusInput>& qaPairs, const ProgressTargets& targets = {});

// A small plain-text table of the summary (for the CLI).
std::string formatProgressTable(const ProgressSummary& summary);

}  // namespace ugc::annotation
