#include "gui/session/stage_session.h"

#include "pipeline/draft_service.h"
#include "pipeline/project_extraction.h"

#include <chrono>

namespace ugc::gui {

using annotation::Stage;
using annotation::TaskState;
using annotation::WorkflowAction;

annotation::TimestampMs nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

StageSession::StageSession(db::Project& project, annotation::User user) : project_(project), user_(std::move(user)) {}

Result<annotation::TransitionContext> StageSession::contextFor(const std::string& videoId, Stage stage,
                                                               TaskState state) {
  annotation::TransitionContext context;
  auto audio = project_.stageStatus(videoId, Stage::Audio);
  if (!audio) return tl::unexpected(audio.error());
  auto visual = project_.stageStatus(videoId, Stage::Visual);
  if (!visual) return tl::unexpected(visual.error());
  context.audioState = audio->state;
  context.visualState = visual->state;
  if (state == TaskState::Submitted) {
    auto events = project_.workflowEvents(videoId, stage);
    if (!events) return tl::unexpected(events.error());
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
      if (it->action == WorkflowAction::Submit) {
        context.submittedBy = it->actor;
        break;
      }
    }
  }
  return context;
}

Result<StageSnapshot> StageSession::load(const std::string& videoId, Stage stage) {
  auto video = project_.findVideo(videoId);
  if (!video) return tl::unexpected(video.error());
  if (!*video) return makeError(ErrorCode::NotFound, "no video " + videoId + " in this project");
  auto status = project_.stageStatus(videoId, stage);
  if (!status) return tl::unexpected(status.error());
  StageSnapshot snapshot;
  snapshot.videoId = videoId;
  snapshot.stage = stage;
  snapshot.state = status->state;
  auto head = project_.headRevision(videoId, stage);
  if (!head) return tl::unexpected(head.error());
  snapshot.head = *head;
  auto draft = project_.latestDraft(videoId, stage);
  if (!draft) return tl::unexpected(draft.error());
  snapshot.draft = *draft;
  auto context = contextFor(videoId, stage, snapshot.state);
  if (!context) return tl::unexpected(context.error());
  snapshot.context = *context;
  snapshot.jointLocked =
      stage == Stage::Joint && !annotation::isJointUnlocked(context->audioState, context->visualState);
  snapshot.actions = annotation::availableActions(stage, snapshot.state, user_, snapshot.context);
  return snapshot;
}

std::vector<annotation::ValidationIssue> StageSession::validate(Stage stage, const StageEdit& edit) const {
  annotation::Submission submission;
  submission.stage = stage;
  submission.caption = edit.caption;
  submission.audio = edit.audio;
  submission.visual = edit.visual;
  return annotation::validateSubmission(submission);
}

Result<StageSnapshot> StageSession::saveWithEvent(const StageSnapshot& snapshot, const StageEdit& edit,
                                                  std::optional<WorkflowAction> action) {
  db::SaveRevisionRequest request;
  request.videoId = snapshot.videoId;
  request.stage = snapshot.stage;
  if (snapshot.head) request.baseRevisionId = snapshot.head->id;
  if (snapshot.draft) request.draftId = snapshot.draft->id;
  if (snapshot.stage == Stage::Audio) request.audio = edit.audio;
  if (snapshot.stage == Stage::Visual) request.visual = edit.visual;
  request.caption = edit.caption;
  request.author = user_.name;
  request.origin = annotation::RevisionOrigin::HumanEdit;
  request.secondsSpent = edit.secondsSpent;

  TaskState current = snapshot.state;
  annotation::TransitionContext context = snapshot.context;
  if (action) {
    // Submitting from a state where work has not started yet needs the Start first; the store
    // takes one event per save, so record Start on its own before the submitting save.
    if (*action == WorkflowAction::Submit && current != TaskState::InProgress) {
      auto started = saveWithEvent(snapshot, edit, WorkflowAction::Start);
      if (!started) return started;
      return saveWithEvent(*started, edit, WorkflowAction::Submit);
    }
    if (*action == WorkflowAction::Submit)
      context.blockingIssues = annotation::countBlockingIssues(validate(snapshot.stage, edit));
    annotation::TransitionRequest transition{snapshot.videoId, snapshot.stage, current, *action, user_, {}, nowMs()};
    auto event = annotation::applyTransition(transition, context);
    if (!event) return tl::unexpected(event.error());
    request.event = *event;
  }
  auto saved = project_.saveRevision(request);
  if (!saved) return tl::unexpected(saved.error());
  return load(snapshot.videoId, snapshot.stage);
}

Result<StageSnapshot> StageSession::save(const StageSnapshot& snapshot, const StageEdit& edit) {
  const bool needsStart = snapshot.state == TaskState::NotStarted || snapshot.state == TaskState::Drafted ||
                          snapshot.state == TaskState::Rejected;
  return saveWithEvent(snapshot, edit, needsStart ? std::optional(WorkflowAction::Start) : std::nullopt);
}

Result<StageSnapshot> StageSession::submit(const StageSnapshot& snapshot, const StageEdit& edit) {
  return saveWithEvent(snapshot, edit, WorkflowAction::Submit);
}

Result<StageSnapshot> StageSession::act(const StageSnapshot& snapshot, WorkflowAction action,
                                        const std::string& reason) {
  annotation::TransitionRequest transition{snapshot.videoId, snapshot.stage, snapshot.state, action, user_,
                                           reason,           nowMs()};
  auto event = annotation::applyTransition(transition, snapshot.context);
  if (!event) return tl::unexpected(event.error());
  if (action == WorkflowAction::Approve || action == WorkflowAction::Reject) {
    if (!snapshot.head) return makeError(ErrorCode::InvalidArgument, "nothing to review: no saved text");
    auto reviewed = project_.recordReview(snapshot.head->id, *event);
    if (!reviewed) return tl::unexpected(reviewed.error());
  } else {
    auto recorded = project_.recordEvent(*event);
    if (!recorded) return tl::unexpected(recorded.error());
  }
  return load(snapshot.videoId, snapshot.stage);
}

Result<StageSnapshot> StageSession::saveRedraft(const StageSnapshot& snapshot, const StageEdit& edit,
                                                const std::string& source) {
  if (!mayDraft()) return makeError(ErrorCode::InvalidArgument, user_.name + " may not attach drafts");
  db::NewDraft draft;
  draft.videoId = snapshot.videoId;
  draft.stage = snapshot.stage;
  if (snapshot.stage == Stage::Audio) draft.audio = edit.audio;
  if (snapshot.stage == Stage::Visual) draft.visual = edit.visual;
  draft.caption = edit.caption;
  draft.author = user_.name;
  draft.origin = annotation::RevisionOrigin::ModelDraft;
  draft.source = source;
  if (snapshot.state == TaskState::NotStarted || snapshot.state == TaskState::Drafted) {
    annotation::TransitionRequest transition{snapshot.videoId, snapshot.stage, snapshot.state,
                                             WorkflowAction::AttachDraft, user_, {}, nowMs()};
    auto event = annotation::applyTransition(transition, snapshot.context);
    if (!event) return tl::unexpected(event.error());
    draft.event = *event;
  }
  auto saved = project_.saveDraft(draft);
  if (!saved) return tl::unexpected(saved.error());
  return load(snapshot.videoId, snapshot.stage);
}

bool StageSession::mayDraft() const {
  return annotation::hasPermission(user_.role, annotation::Permission::AttachDraft);
}

Result<std::optional<db::Revision>> StageSession::currentRevision(const std::string& videoId,
                                                                  annotation::Stage stage) const {
  return project_.headRevision(videoId, stage);
}

Result<std::vector<db::Revision>> StageSession::history(const std::string& videoId, annotation::Stage stage) const {
  return project_.history(videoId, stage);
}

Result<bool> StageSession::jointInputsAreDrafts(const std::string& videoId) const {
  return pipeline::jointInputsAreDrafts(project_, videoId);
}

Result<std::optional<model::Signals>> StageSession::cachedSignals(const std::string& videoId) const {
  return pipeline::cachedSignalsForVideo(project_, videoId);
}

Result<std::filesystem::path> StageSession::mediaPath(const std::string& videoId) const {
  auto video = project_.findVideo(videoId);
  if (!video) return tl::unexpected(video.error());
  if (!*video || (*video)->annotationOnly || (*video)->mediaPath.empty()) return std::filesystem::path();
  return project_.folder() / (*video)->mediaPath;
}

}  // namespace ugc::gui
