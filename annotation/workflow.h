#pragma once
// The per-video, per-stage workflow of the three-stage pipeline: states, actions, roles and the
// event record every transition yields. The rules are pure functions (workflow_rules.h);
// the store persists TaskState and WorkflowEvent with the stable names below.
//
//   NotStarted --attach_draft--> Drafted --start--> InProgress --submit--> Submitted
//   Submitted --approve--> Approved            Submitted --reject(reason)--> Rejected
//   Rejected --start--> InProgress             Submitted --withdraw--> InProgress (the submitter)
//   Approved --reopen(reason)--> InProgress (admin)
// The joint stage is locked until the audio and visual stages of the video are Approved.

#include <optional>
#include <string>
#include <string_view>

#include "annotation/caption.h"
#include "annotation/stage.h"

namespace ugc::annotation {

enum class TaskState {
  NotStarted,  // no text yet
  Drafted,     // a model or imported draft waits for an annotator
  InProgress,  // an annotator works on it
  Submitted,   // waits for review
  Approved,    // final
  Rejected,    // sent back with a reason; the annotator resumes it (-> InProgress)
};

inline constexpr TaskState kAllTaskStates[] = {TaskState::NotStarted, TaskState::Drafted,  TaskState::InProgress,
                                               TaskState::Submitted,  TaskState::Approved, TaskState::Rejected};

// "not_started", "drafted", "in_progress", "submitted", "approved", "rejected".
std::string_view taskStateName(TaskState state);
std::optional<TaskState> parseTaskState(std::string_view name);

enum class WorkflowAction {
  AttachDraft,  // a model or imported draft arrives (NotStarted/Drafted -> Drafted)
  Start,        // an annotator starts or resumes work (NotStarted/Drafted/Rejected -> InProgress)
  Submit,       // InProgress -> Submitted; refused while the submission has validation errors
  Withdraw,     // the submitter takes a submission back before review (Submitted -> InProgress)
  Approve,      // Submitted -> Approved; never by the submitter
  Reject,       // Submitted -> Rejected; reason required; never by the submitter
  Reopen,       // Approved -> InProgress; admin only, reason required
};

inline constexpr WorkflowAction kAllWorkflowActions[] = {
    WorkflowAction::AttachDraft, WorkflowAction::Start,  WorkflowAction::Submit, WorkflowAction::Withdraw,
    WorkflowAction::Approve,     WorkflowAction::Reject, WorkflowAction::Reopen};

// "attach_draft", "start", "submit", "withdraw", "approve", "reject", "reopen".
std::string_view workflowActionName(WorkflowAction action);
std::optional<WorkflowAction> parseWorkflowAction(std::string_view name);

enum class Role {
  Annotator,  // writes captions and fields, submits
  Reviewer,   // approves/rejects submissions of others, edits QA pairs
  Admin,      // manages users, imports drafts, exports, reopens; may also review
};

inline constexpr Role kAllRoles[] = {Role::Annotator, Role::Reviewer, Role::Admin};

// "annotator", "reviewer", "admin".
std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

struct User {
  std::string name;  // unique login name; also the source string of this user's human edits
  Role role = Role::Annotator;
  bool operator==(const User&) const = default;
};

// One transition, as the store records it (append-only history).
struct WorkflowEvent {
  std::string videoId;
  Stage stage = Stage::Audio;
  WorkflowAction action = WorkflowAction::Start;
  TaskState from = TaskState::NotStarted;
  TaskState to = TaskState::NotStarted;
  std::string actor;  // user name ("model:<name>@<hash>" style sources are not users)
  Role actorRole = Role::Annotator;
  std::string reason;  // required for Reject and Reopen; optional otherwise
  TimestampMs at = 0;  // given by the caller
  bool operator==(const WorkflowEvent&) const = default;
};

}  // namespace ugc::annotation
