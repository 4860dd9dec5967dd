// Stable names of the annotation enums: the store and the CLI write these, so they never change.

#include "annotation/caption.h"
#include "annotation/qa.h"
#include "annotation/workflow.h"

namespace ugc::annotation {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parseByName(std::string_view name, const Enum (&all)[N], std::string_view (*nameOf)(Enum)) {
  for (Enum value : all) {
    if (nameOf(value) == name) return value;
  }
  return std::nullopt;
}

constexpr QaOrigin kAllQaOrigins[] = {QaOrigin::Template, QaOrigin::HumanAdded, QaOrigin::HumanEdited,
                                      QaOrigin::Imported};
constexpr QaStatus kAllQaStatuses[] = {QaStatus::Pending, QaStatus::Approved, QaStatus::Rejected};

}  // namespace

std::string_view revisionOriginName(RevisionOrigin origin) {
  switch (origin) {
    case RevisionOrigin::ModelDraft:
      return "model_draft";
    case RevisionOrigin::ImportedDraft:
      return "imported_draft";
    case RevisionOrigin::HumanEdit:
      return "human_edit";
    case RevisionOrigin::ImportedRelease:
      return "imported_release";
  }
  return "unknown";
}

std::optional<RevisionOrigin> parseRevisionOrigin(std::string_view name) {
  return parseByName(name, kAllRevisionOrigins, &revisionOriginName);
}

bool isDraftOrigin(RevisionOrigin origin) {
  return origin == RevisionOrigin::ModelDraft || origin == RevisionOrigin::ImportedDraft;
}

std::string modelDraftSource(std::string_view modelName, std::string_view weightsHash) {
  std::string source = "model:";
  source += modelName;
  source += '@';
  source += weightsHash;
  return source;
}

std::string_view taskStateName(TaskState state) {
  switch (state) {
    case TaskState::NotStarted:
      return "not_started";
    case TaskState::Drafted:
      return "drafted";
    case TaskState::InProgress:
      return "in_progress";
    case TaskState::Submitted:
      return "submitted";
    case TaskState::Approved:
      return "approved";
    case TaskState::Rejected:
      return "rejected";
  }
  return "unknown";
}

std::optional<TaskState> parseTaskState(std::string_view name) {
  return parseByName(name, kAllTaskStates, &taskStateName);
}

std::string_view workflowActionName(WorkflowAction action) {
  switch (action) {
    case WorkflowAction::AttachDraft:
      return "attach_draft";
    case WorkflowAction::Start:
      return "start";
    case WorkflowAction::Submit:
      return "submit";
    case WorkflowAction::Withdraw:
      return "withdraw";
    case WorkflowAction::Approve:
      return "approve";
    case WorkflowAction::Reject:
      return "reject";
    case WorkflowAction::Reopen:
      return "reopen";
  }
  return "unknown";
}

std::optional<WorkflowAction> parseWorkflowAction(std::string_view name) {
  return parseByName(name, kAllWorkflowActions, &workflowActionName);
}

std::string_view roleName(Role role) {
  switch (role) {
    case Role::Annotator:
      return "annotator";
    case Role::Reviewer:
      return "reviewer";
    case Role::Admin:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> parseRole(std::string_view name) { return parseByName(name, kAllRoles, &roleName); }

std::string_view qaTypeName(QaType type) {
  switch (type) {
    case QaType::Tone:
      return "tone";
    case QaType::VoiceSource:
      return "voice_source";
    case QaType::Ocr:
      return "ocr";
    case QaType::BackgroundChange:
      return "background_change";
    case QaType::Objects:
      return "objects";
    case QaType::BackgroundMusic:
      return "background_music";
    case QaType::AudioCaption:
      return "audio_caption";
    case QaType::VisualCaption:
      return "visual_caption";
    case QaType::FinalCaption:
      return "final_caption";
  }
  return "unknown";
}

std::optional<QaType> parseQaType(std::string_view name) { return parseByName(name, kAllQaTypes, &qaTypeName); }

std::string_view qaOriginName(QaOrigin origin) {
  switch (origin) {
    case QaOrigin::Template:
      return "template";
    case QaOrigin::HumanAdded:
      return "human_added";
    case QaOrigin::HumanEdited:
      return "human_edited";
    case QaOrigin::Imported:
      return "imported";
  }
  return "unknown";
}

std::optional<QaOrigin> parseQaOrigin(std::string_view name) { return parseByName(name, kAllQaOrigins, &qaOriginName); }

std::string_view qaStatusName(QaStatus status) {
  switch (status) {
    case QaStatus::Pending:
      return "pending";
    case QaStatus::Approved:
      return "approved";
    case QaStatus::Rejected:
      return "rejected";
  }
  return "unknown";
}

std::optional<QaStatus> parseQaStatus(std::string_view name) {
  return parseByName(name, kAllQaStatuses, &qaStatusName);
}

}  // namespace ugc::annotation
