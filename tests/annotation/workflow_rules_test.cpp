#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "annotation/workflow_rules.h"

namespace ugc::annotation {
namespace {

const User kAnna{"anna", Role::Annotator};
const User kBob{"bob", Role::Annotator};
const User kRita{"rita", Role::Reviewer};
const User kAdam{"adam", Role::Admin};

TransitionContext unlocked(std::string submittedBy = "anna") {
  TransitionContext context;
  context.audioState = TaskState::Approved;
  context.visualState = TaskState::Approved;
  context.submittedBy = std::move(submittedBy);
  return context;
}

Result<WorkflowEvent> act(Stage stage, TaskState current, WorkflowAction action, const User& actor,
                          const TransitionContext& context = unlocked(), std::string reason = "") {
  return applyTransition({"vid-1", stage, current, action, actor, std::move(reason), 1234}, context);
}

}  // namespace

// Every legal edge of the state machine, with the user who may take it.
TEST(WorkflowRules, EveryLegalTransitionYieldsItsEvent) {
  struct Case {
    TaskState from;
    WorkflowAction action;
    User actor;
    TaskState to;
  };
  const Case cases[] = {
      {TaskState::NotStarted, WorkflowAction::AttachDraft, kAnna, TaskState::Drafted},
      {TaskState::NotStarted, WorkflowAction::AttachDraft, kAdam, TaskState::Drafted},
      {TaskState::Drafted, WorkflowAction::AttachDraft, kAdam, TaskState::Drafted},
      {TaskState::NotStarted, WorkflowAction::Start, kAnna, TaskState::InProgress},
      {TaskState::Drafted, WorkflowAction::Start, kAnna, TaskState::InProgress},
      {TaskState::Rejected, WorkflowAction::Start, kAnna, TaskState::InProgress},
      {TaskState::InProgress, WorkflowAction::Submit, kAnna, TaskState::Submitted},
      {TaskState::Submitted, WorkflowAction::Withdraw, kAnna, TaskState::InProgress},
      {TaskState::Submitted, WorkflowAction::Approve, kRita, TaskState::Approved},
      {TaskState::Submitted, WorkflowAction::Approve, kAdam, TaskState::Approved},
      {TaskState::Submitted, WorkflowAction::Reject, kRita, TaskState::Rejected},
      {TaskState::Approved, WorkflowAction::Reopen, kAdam, TaskState::InProgress},
  };
  for (Stage stage : kAllStages) {
    for (const Case& c : cases) {
      auto event = act(stage, c.from, c.action, c.actor, unlocked(), "needs more detail");
      ASSERT_TRUE(event) << workflowActionName(c.action) << " from " << taskStateName(c.from) << ": "
                         << event.error().describe();
      EXPECT_EQ(event->from, c.from);
      EXPECT_EQ(event->to, c.to);
      EXPECT_EQ(event->action, c.action);
      EXPECT_EQ(event->actor, c.actor.name);
      EXPECT_EQ(event->actorRole, c.actor.role);
      EXPECT_EQ(event->videoId, "vid-1");
      EXPECT_EQ(event->stage, stage);
      EXPECT_EQ(event->at, 1234);
      EXPECT_EQ(event->reason, "needs more detail");
    }
  }
}

// Any (state, action) pair not in the table is refused, whoever asks.
TEST(WorkflowRules, IllegalTransitionsAreErrors) {
  const std::set<std::pair<TaskState, WorkflowAction>> legal = {
      {TaskState::NotStarted, WorkflowAction::AttachDraft}, {TaskState::Drafted, WorkflowAction::AttachDraft},
      {TaskState::NotStarted, WorkflowAction::Start},       {TaskState::Drafted, WorkflowAction::Start},
      {TaskState::Rejected, WorkflowAction::Start},         {TaskState::InProgress, WorkflowAction::Submit},
      {TaskState::Submitted, WorkflowAction::Withdraw},     {TaskState::Submitted, WorkflowAction::Approve},
      {TaskState::Submitted, WorkflowAction::Reject},       {TaskState::Approved, WorkflowAction::Reopen}};
  int illegal = 0;
  for (TaskState state : kAllTaskStates) {
    for (WorkflowAction action : kAllWorkflowActions) {
      if (legal.count({state, action})) continue;
      for (const User& user : {kAnna, kRita, kAdam}) {
        auto event = act(Stage::Audio, state, action, user, unlocked("someone"), "reason");
        ASSERT_FALSE(event) << workflowActionName(action) << " from " << taskStateName(state);
      }
      // With a permitted user the refusal is about the state, not the role.
      const User& permitted = hasPermission(Role::Annotator, permissionFor(action)) ? kAnna : kAdam;
      auto event = act(Stage::Audio, state, action, permitted, unlocked("anna"), "reason");
      ASSERT_FALSE(event);
      if (action != WorkflowAction::Withdraw) {
        EXPECT_EQ(event.error().code, ErrorCode::InvalidArgument) << event.error().describe();
        EXPECT_NE(event.error().message.find(std::string(taskStateName(state))), std::string::npos);
      }
      ++illegal;
    }
  }
  EXPECT_EQ(illegal, 6 * 7 - 10);
}

TEST(WorkflowRules, JointStageLockedUntilBothUnimodalStagesApproved) {
  for (TaskState audio : kAllTaskStates) {
    for (TaskState visual : kAllTaskStates) {
      TransitionContext context = unlocked();
      context.audioState = audio;
      context.visualState = visual;
      const bool open = audio == TaskState::Approved && visual == TaskState::Approved;
      EXPECT_EQ(isJointUnlocked(audio, visual), open);
      auto start = act(Stage::Joint, TaskState::Drafted, WorkflowAction::Start, kAnna, context);
      EXPECT_EQ(static_cast<bool>(start), open);
      if (!open) {
        EXPECT_EQ(start.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(start.error().message.find("locked"), std::string::npos);
      }
      auto submit = act(Stage::Joint, TaskState::InProgress, WorkflowAction::Submit, kAnna, context);
      EXPECT_EQ(static_cast<bool>(submit), open);
      auto approve = act(Stage::Joint, TaskState::Submitted, WorkflowAction::Approve, kRita, context);
      EXPECT_EQ(static_cast<bool>(approve), open);
      // A model may pre-draft the joint caption while it is locked.
      EXPECT_TRUE(act(Stage::Joint, TaskState::NotStarted, WorkflowAction::AttachDraft, kAdam, context));
      // The unimodal stages never wait for anything.
      EXPECT_TRUE(act(Stage::Audio, TaskState::Drafted, WorkflowAction::Start, kAnna, context));
    }
  }
}

TEST(WorkflowRules, ReviewersNeverJudgeTheirOwnSubmission) {
  // A reviewer's name as submitter can happen after a role change; the rule follows the name.
  for (WorkflowAction action : {WorkflowAction::Approve, WorkflowAction::Reject}) {
    for (const User& judge : {kRita, kAdam}) {
      auto own = act(Stage::Visual, TaskState::Submitted, action, judge, unlocked(judge.name), "r");
      ASSERT_FALSE(own);
      EXPECT_EQ(own.error().code, ErrorCode::PermissionDenied);
      EXPECT_NE(own.error().message.find("own submission"), std::string::npos);
      EXPECT_TRUE(act(Stage::Visual, TaskState::Submitted, action, judge, unlocked("anna"), "r"));
    }
  }
}

TEST(WorkflowRules, ForbiddenActionsByRoleAreRefused) {
  struct Forbidden {
    User actor;
    TaskState from;
    WorkflowAction action;
  };
  const Forbidden cases[] = {
      {kAnna, TaskState::Submitted, WorkflowAction::Approve},  // annotators don't review
      {kAnna, TaskState::Submitted, WorkflowAction::Reject},
      {kAnna, TaskState::Approved, WorkflowAction::Reopen},
      {kRita, TaskState::Drafted, WorkflowAction::Start},  // reviewers don't write captions
      {kRita, TaskState::InProgress, WorkflowAction::Submit},
      {kRita, TaskState::NotStarted, WorkflowAction::AttachDraft},
      {kRita, TaskState::Approved, WorkflowAction::Reopen},
      {kRita, TaskState::Submitted, WorkflowAction::Withdraw},
      {kAdam, TaskState::Drafted, WorkflowAction::Start},  // admins don't write captions
      {kAdam, TaskState::InProgress, WorkflowAction::Submit},
      {kBob, TaskState::Submitted, WorkflowAction::Withdraw},  // only the submitter withdraws
  };
  for (const Forbidden& c : cases) {
    auto event = act(Stage::Audio, c.from, c.action, c.actor, unlocked("anna"), "reason");
    ASSERT_FALSE(event) << c.actor.name << " " << workflowActionName(c.action);
    EXPECT_EQ(event.error().code, ErrorCode::PermissionDenied) << event.error().describe();
  }
}

TEST(WorkflowRules, PermissionsTable) {
  const std::set<std::pair<Role, Permission>> granted = {{Role::Annotator, Permission::AttachDraft},
                                                         {Role::Annotator, Permission::EditCaption},
                                                         {Role::Annotator, Permission::SubmitCaption},
                                                         {Role::Reviewer, Permission::ReviewCaption},
                                                         {Role::Reviewer, Permission::EditQa},
                                                         {Role::Admin, Permission::AttachDraft},
                                                         {Role::Admin, Permission::ReviewCaption},
                                                         {Role::Admin, Permission::EditQa},
                                                         {Role::Admin, Permission::ManageUsers},
                                                         {Role::Admin, Permission::Import},
                                                         {Role::Admin, Permission::Export},
                                                         {Role::Admin, Permission::Reopen}};
  for (Role role : kAllRoles) {
    for (Permission permission : kAllPermissions) {
      const bool expected = granted.count({role, permission}) > 0;
      EXPECT_EQ(hasPermission(role, permission), expected) << roleName(role) << " " << permissionName(permission);
      auto status = requirePermission(User{"u", role}, permission);
      EXPECT_EQ(static_cast<bool>(status), expected);
      if (!expected) {
        EXPECT_EQ(status.error().code, ErrorCode::PermissionDenied);
        EXPECT_NE(status.error().message.find(std::string(permissionName(permission))), std::string::npos);
      }
    }
  }
}

TEST(WorkflowRules, RejectAndReopenNeedAReason) {
  for (std::string blank : {"", "  \n\t"}) {
    auto reject = act(Stage::Audio, TaskState::Submitted, WorkflowAction::Reject, kRita, unlocked(), blank);
    ASSERT_FALSE(reject);
    EXPECT_EQ(reject.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(reject.error().message.find("reason"), std::string::npos);
    EXPECT_FALSE(act(Stage::Audio, TaskState::Approved, WorkflowAction::Reopen, kAdam, unlocked(), blank));
  }
  // Approve does not need one.
  EXPECT_TRUE(act(Stage::Audio, TaskState::Submitted, WorkflowAction::Approve, kRita, unlocked(), ""));
}

TEST(WorkflowRules, SubmitRefusedWhileValidationErrorsRemain) {
  TransitionContext context = unlocked();
  context.blockingIssues = 2;
  auto submit = act(Stage::Audio, TaskState::InProgress, WorkflowAction::Submit, kAnna, context);
  ASSERT_FALSE(submit);
  EXPECT_EQ(submit.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(submit.error().message.find("2 validation error"), std::string::npos);
}

TEST(WorkflowRules, EmptyIdentityIsRejected) {
  EXPECT_EQ(
      applyTransition({"", Stage::Audio, TaskState::NotStarted, WorkflowAction::Start, kAnna, "", 0}, {}).error().code,
      ErrorCode::InvalidArgument);
  EXPECT_EQ(applyTransition(
                {"v", Stage::Audio, TaskState::NotStarted, WorkflowAction::Start, User{"", Role::Annotator}, "", 0}, {})
                .error()
                .code,
            ErrorCode::InvalidArgument);
}

// A full round: draft, work, reject, rework, approve; then the joint stage opens.
TEST(WorkflowRules, FullRoundTripThroughRejection) {
  TaskState state = TaskState::NotStarted;
  std::vector<WorkflowEvent> log;
  auto step = [&](WorkflowAction action, const User& user, std::string reason = "") {
    auto event = act(Stage::Audio, state, action, user, unlocked("anna"), reason);
    ASSERT_TRUE(event) << event.error().describe();
    state = event->to;
    log.push_back(*event);
  };
  step(WorkflowAction::AttachDraft, kAdam);
  step(WorkflowAction::Start, kAnna);
  step(WorkflowAction::Submit, kAnna);
  step(WorkflowAction::Reject, kRita, "mentions the shirt colour");
  EXPECT_EQ(state, TaskState::Rejected);
  step(WorkflowAction::Start, kAnna);
  step(WorkflowAction::Submit, kAnna);
  step(WorkflowAction::Approve, kRita);
  EXPECT_EQ(state, TaskState::Approved);
  ASSERT_EQ(log.size(), 7u);
  for (std::size_t i = 1; i < log.size(); ++i) EXPECT_EQ(log[i].from, log[i - 1].to);
}

TEST(WorkflowRules, AvailableActionsFollowRoleAndState) {
  using A = WorkflowAction;
  EXPECT_EQ(availableActions(Stage::Audio, TaskState::Drafted, kAnna, unlocked()),
            (std::vector<A>{A::AttachDraft, A::Start}));
  EXPECT_EQ(availableActions(Stage::Audio, TaskState::Submitted, kRita, unlocked("anna")),
            (std::vector<A>{A::Approve, A::Reject}));
  EXPECT_EQ(availableActions(Stage::Audio, TaskState::Submitted, kAnna, unlocked("anna")),
            (std::vector<A>{A::Withdraw}));
  EXPECT_TRUE(availableActions(Stage::Joint, TaskState::Drafted, kAnna, TransitionContext{}) ==
              std::vector<A>{A::AttachDraft});
  EXPECT_EQ(availableActions(Stage::Audio, TaskState::Approved, kAdam, unlocked()), (std::vector<A>{A::Reopen}));
}

}  // namespace ugc::annotation
