#pragma once
// The rules of the workflow as pure functions: who may do what (permissions) and which
// transitions are legal (the state machine of workflow.h). Nothing here reads a clock or a
// database: the caller passes the current state, the actor, the context and the time, and
// stores the returned WorkflowEvent.

#include <string>
#include <vector>

#include "annotation/workflow.h"
#include "core/error.h"

namespace ugc::annotation {

enum class Permission {
  AttachDraft,  // attach a model or imported draft to a stage
  EditCaption,  // start/resume a stage, edit its caption and fields, withdraw own submission
  SubmitCaption,
  ReviewCaption,  // approve or reject a submission (never one's own)
  EditQa,         // add, edit and reject QA pairs; approve those one did not edit
  ManageUsers,
  Import,  // import release files or drafts in bulk
  Export,
  Reopen,  // send an approved stage back to work
};

inline constexpr Permission kAllPermissions[] = {
    Permission::AttachDraft,   Permission::EditCaption, Permission::SubmitCaption,
    Permission::ReviewCaption, Permission::EditQa,      Permission::ManageUsers,
    Permission::Import,        Permission::Export,      Permission::Reopen};

// "attach_draft", "edit_caption", ... for messages and docs.
std::string_view permissionName(Permission permission);

// The permissions table (docs/workflow.md):
//   Annotator: AttachDraft, EditCaption, SubmitCaption
//   Reviewer:  ReviewCaption, EditQa
//   Admin:     AttachDraft, ReviewCaption, EditQa, ManageUsers, Import, Export, Reopen
bool hasPermission(Role role, Permission permission);
// PermissionDenied naming the user, role and permission when the role lacks it.
Status requirePermission(const User& user, Permission permission);

// The permission an action needs.
Permission permissionFor(WorkflowAction action);

// The joint stage opens once both unimodal stages of the video are approved.
bool isJointUnlocked(TaskState audioState, TaskState visualState);

// What the rules need to know beyond the current state.
struct TransitionContext {
  TaskState audioState = TaskState::NotStarted;  // of the same video (joint-stage lock)
  TaskState visualState = TaskState::NotStarted;
  std::string submittedBy;  // who made the pending submission (Submitted state)
  int blockingIssues = 0;   // validation errors of the text being submitted (see validation.h)
};

struct TransitionRequest {
  std::string videoId;
  Stage stage = Stage::Audio;
  TaskState current = TaskState::NotStarted;
  WorkflowAction action = WorkflowAction::Start;
  User actor;
  std::string reason;  // required for Reject and Reopen
  TimestampMs at = 0;
};

// The event of a legal transition, or:
//   PermissionDenied  the actor's role lacks the permission, or a reviewer judges own work,
//                     or someone else withdraws a submission;
//   InvalidArgument   the action is illegal in the current state, the joint stage is locked,
//                     a required reason is missing, the submission has validation errors,
//                     or the video id / actor name is empty.
Result<WorkflowEvent> applyTransition(const TransitionRequest& request, const TransitionContext& context);

// The actions applyTransition would accept now (for enabling GUI buttons). Reject and Reopen
// are listed though they still need a reason.
std::vector<WorkflowAction> availableActions(Stage stage, TaskState current, const User& actor,
                                             const TransitionContext& context);

}  // namespace ugc::annotation
