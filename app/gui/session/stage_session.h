#pragma once
// One user's work on one video's stage: load what is stored, save edits (optimistic: a
// stale base fails with Conflict, nothing is overwritten), and move the stage through the
// workflow. The rules come from annotation/, the storage from db/; this class only joins
// them, so the GUI's views stay thin. Plain C++ (no Qt): tests drive it directly.

#include <optional>
#include <string>
#include <vector>

#include "annotation/validation.h"
#include "annotation/workflow.h"
#include "annotation/workflow_rules.h"
#include "core/error.h"
#include "db/project.h"

namespace ugc::gui {

struct StageSnapshot {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  annotation::TaskState state = annotation::TaskState::NotStarted;
  std::optional<db::Revision> head;   // the latest saved text (human or draft)
  std::optional<db::Revision> draft;  // the latest machine draft, for the diff
  annotation::TransitionContext context;
  std::vector<annotation::WorkflowAction> actions;  // what this user may do now
  bool jointLocked = false;
};

struct StageEdit {
  annotation::AudioFields audio;
  annotation::VisualFields visual;
  std::string caption;
  double secondsSpent = 0;
};

class StageSession {
 public:
  StageSession(db::Project& project, annotation::User user);

  const annotation::User& user() const { return user_; }
  Result<StageSnapshot> load(const std::string& videoId, annotation::Stage stage);

  // Saves on top of snapshot.head. Starting work (NotStarted/Drafted/Rejected -> InProgress)
  // is recorded with the first save. Conflict when someone saved or moved the stage first.
  Result<StageSnapshot> save(const StageSnapshot& snapshot, const StageEdit& edit);
  // Saves, validates and submits in one step; InvalidArgument lists blocking issues.
  Result<StageSnapshot> submit(const StageSnapshot& snapshot, const StageEdit& edit);
  // Approve, Reject (reason required), Withdraw, Reopen on the stored head.
  Result<StageSnapshot> act(const StageSnapshot& snapshot, annotation::WorkflowAction action,
                            const std::string& reason = {});

  std::vector<annotation::ValidationIssue> validate(annotation::Stage stage, const StageEdit& edit) const;

 private:
  Result<annotation::TransitionContext> contextFor(const std::string& videoId, annotation::Stage stage,
                                                   annotation::TaskState state);
  Result<StageSnapshot> saveWithEvent(const StageSnapshot& snapshot, const StageEdit& edit,
                                      std::optional<annotation::WorkflowAction> action);

  db::Project& project_;
  annotation::User user_;
};

// Milliseconds since the epoch, for workflow events.
annotation::TimestampMs nowMs();

}  // namespace ugc::gui
