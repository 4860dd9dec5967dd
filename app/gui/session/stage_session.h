#pragma once
// One user's work on one video's stage: load what is stored, save edits (optimistic: a
// stale base fails with Conflict, nothing is overwritten), and move the stage through the
// workflow. The rules come from annotation/, the storage from db/; this class only joins
// them, so the GUI's views stay thin. Plain C++ (no Qt): tests drive it directly.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "annotation/validation.h"
#include "annotation/workflow.h"
#include "annotation/workflow_rules.h"
#include "core/error.h"
#include "db/project.h"
#include "model/extractors/signals.h"

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
  // Stores a draft made in the studio from the stage's current fields ("Redraft"): a draft
  // revision (source `source`, this user as its author) carrying those fields, with the
  // attach-draft event while nobody has started the stage. InvalidArgument without the
  // attach-draft permission.
  Result<StageSnapshot> saveRedraft(const StageSnapshot& snapshot, const StageEdit& edit, const std::string& source);

  std::vector<annotation::ValidationIssue> validate(annotation::Stage stage, const StageEdit& edit) const;

  // What the stage views show besides the edited stage. Views ask these instead of the store,
  // so each decision has one home (the pipeline's rules, the workflow's permissions).
  // May this user ask for machine drafts (annotation::Permission::AttachDraft)?
  bool mayDraft() const;
  // The latest saved text of another stage (for the joint stage's context), if any.
  Result<std::optional<db::Revision>> currentRevision(const std::string& videoId, annotation::Stage stage) const;
  Result<std::vector<db::Revision>> history(const std::string& videoId, annotation::Stage stage) const;
  // Whether the joint stage would fuse machine drafts (pipeline::jointInputsAreDrafts).
  Result<bool> jointInputsAreDrafts(const std::string& videoId) const;
  // The extractors' cached signals for the video (none when not extracted or no media).
  Result<std::optional<model::Signals>> cachedSignals(const std::string& videoId) const;
  // The video's media file, absolute; empty when the video has annotations only.
  Result<std::filesystem::path> mediaPath(const std::string& videoId) const;

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
