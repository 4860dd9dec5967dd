#include "annotation/workflow_rules.h"

#include <initializer_list>

namespace ugc::annotation {
namespace {

struct Edge {
  WorkflowAction action;
  std::initializer_list<TaskState> from;
  TaskState to;
};

// The state machine of workflow.h, one row per action.
const Edge kEdges[] = {
    {WorkflowAction::AttachDraft, {TaskState::NotStarted, TaskState::Drafted}, TaskState::Drafted},
    {WorkflowAction::Start, {TaskState::NotStarted, TaskState::Drafted, TaskState::Rejected}, TaskState::InProgress},
    {WorkflowAction::Submit, {TaskState::InProgress}, TaskState::Submitted},
    {WorkflowAction::Withdraw, {TaskState::Submitted}, TaskState::InProgress},
    {WorkflowAction::Approve, {TaskState::Submitted}, TaskState::Approved},
    {WorkflowAction::Reject, {TaskState::Submitted}, TaskState::Rejected},
    {WorkflowAction::Reopen, {TaskState::Approved}, TaskState::InProgress},
};

std::optional<TaskState> targetState(WorkflowAction action, TaskState from) {
  for (const Edge& edge : kEdges) {
    if (edge.action != action) continue;
    for (TaskState state : edge.from) {
      if (state == from) return edge.to;
    }
  }
  return std::nullopt;
}

// Drafts may be attached to a locked joint stage (a model can pre-draft it); human work may not.
bool needsJointUnlocked(WorkflowAction action) {
  return action == WorkflowAction::Start || action == WorkflowAction::Submit || action == WorkflowAction::Approve;
}

bool needsReason(WorkflowAction action) { return action == WorkflowAction::Reject || action == WorkflowAction::Reopen; }

bool isBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string describeTask(const TransitionRequest& request) {
  return std::string(stageName(request.stage)) + " stage of " + request.videoId;
}

}  // namespace

std::string_view permissionName(Permission permission) {
  switch (permission) {
    case Permission::AttachDraft:
      return "attach_draft";
    case Permission::EditCaption:
      return "edit_caption";
    case Permission::SubmitCaption:
      return "submit_caption";
    case Permission::ReviewCaption:
      return "review_caption";
    case Permission::EditQa:
      return "edit_qa";
    case Permission::ManageUsers:
      return "manage_users";
    case Permission::Import:
      return "import";
    case Permission::Export:
      return "export";
    case Permission::Reopen:
      return "reopen";
  }
  return "unknown";
}

bool hasPermission(Role role, Permission permission) {
  switch (role) {
    case Role::Annotator:
      return permission == Permission::AttachDraft || permission == Permission::EditCaption ||
             permission == Permission::SubmitCaption;
    case Role::Reviewer:
      return permission == Permission::ReviewCaption || permission == Permission::EditQa;
    case Role::Admin:
      // Admins supervise: they review and manage, but captions are written by annotators so
      // that every text has an accountable author distinct from its approver.
      return permission != Permission::EditCaption && permission != Permission::SubmitCaption;
  }
  return false;
}

Status requirePermission(const User& user, Permission permission) {
  if (hasPermission(user.role, permission)) return {};
  return makeError(ErrorCode::PermissionDenied, "user '" + user.name + "' (" + std::string(roleName(user.role)) +
                                                    ") may not " + std::string(permissionName(permission)));
}

Permission permissionFor(WorkflowAction action) {
  switch (action) {
    case WorkflowAction::AttachDraft:
      return Permission::AttachDraft;
    case WorkflowAction::Start:
      return Permission::EditCaption;
    case WorkflowAction::Submit:
      return Permission::SubmitCaption;
    case WorkflowAction::Withdraw:
      return Permission::EditCaption;
    case WorkflowAction::Approve:
      return Permission::ReviewCaption;
    case WorkflowAction::Reject:
      return Permission::ReviewCaption;
    case WorkflowAction::Reopen:
      return Permission::Reopen;
  }
  return Permission::ManageUsers;
}

bool isJointUnlocked(TaskState audioState, TaskState visualState) {
  return audioState == TaskState::Approved && visualState == TaskState::Approved;
}

Result<WorkflowEvent> applyTransition(const TransitionRequest& request, const TransitionContext& context) {
  if (request.videoId.empty()) return makeError(ErrorCode::InvalidArgument, "empty video id");
  if (request.actor.name.empty()) return makeError(ErrorCode::InvalidArgument, "empty user name");
  const std::string action(workflowActionName(request.action));

  if (auto allowed = requirePermission(request.actor, permissionFor(request.action)); !allowed)
    return tl::unexpected(allowed.error());

  const std::optional<TaskState> to = targetState(request.action, request.current);
  if (!to) {
    return makeError(ErrorCode::InvalidArgument, "cannot " + action + " the " + describeTask(request) + ": it is " +
                                                     std::string(taskStateName(request.current)));
  }
  if (request.stage == Stage::Joint && needsJointUnlocked(request.action) &&
      !isJointUnlocked(context.audioState, context.visualState)) {
    return makeError(ErrorCode::InvalidArgument,
                     "the joint stage of " + request.videoId +
                         " is locked until the audio and visual stages are approved (audio: " +
                         std::string(taskStateName(context.audioState)) +
                         ", visual: " + std::string(taskStateName(context.visualState)) + ")");
  }
  const bool judgesSubmission = request.action == WorkflowAction::Approve || request.action == WorkflowAction::Reject;
  if (judgesSubmission && request.actor.name == context.submittedBy) {
    return makeError(ErrorCode::PermissionDenied, "user '" + request.actor.name + "' may not " + action +
                                                      " their own submission of the " + describeTask(request));
  }
  if (request.action == WorkflowAction::Withdraw && request.actor.name != context.submittedBy) {
    return makeError(ErrorCode::PermissionDenied,
                     "only the submitter ('" + context.submittedBy + "') may withdraw the " + describeTask(request));
  }
  if (needsReason(request.action) && isBlank(request.reason)) {
    return makeError(ErrorCode::InvalidArgument, action + " needs a reason for the annotator");
  }
  if (request.action == WorkflowAction::Submit && context.blockingIssues > 0) {
    return makeError(ErrorCode::InvalidArgument, "the " + describeTask(request) + " has " +
                                                     std::to_string(context.blockingIssues) +
                                                     " validation error(s); fix them before submitting");
  }

  WorkflowEvent event;
  event.videoId = request.videoId;
  event.stage = request.stage;
  event.action = request.action;
  event.from = request.current;
  event.to = *to;
  event.actor = request.actor.name;
  event.actorRole = request.actor.role;
  event.reason = request.reason;
  event.at = request.at;
  return event;
}

std::vector<WorkflowAction> availableActions(Stage stage, TaskState current, const User& actor,
                                             const TransitionContext& context) {
  std::vector<WorkflowAction> actions;
  for (WorkflowAction action : kAllWorkflowActions) {
    TransitionRequest probe{"video", stage, current, action, actor, "reason", 0};
    if (probe.actor.name.empty()) probe.actor.name = "?";
    if (applyTransition(probe, context)) actions.push_back(action);
  }
  return actions;
}

}  // namespace ugc::annotation
