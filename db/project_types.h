#pragma once
// Plain records the project store reads and writes. The workflow vocabulary (states, roles,
// events, revision origins, QA pairs) is annotation/'s; the store persists it by the stable
// names annotation/ defines and adds only what storage needs (ids, versions, times, lineage).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "annotation/caption.h"
#include "annotation/fields.h"
#include "annotation/qa.h"
#include "annotation/stage.h"
#include "annotation/workflow.h"

namespace ugc::db {

// The actor recorded for bulk imports.
inline constexpr const char* kImportActor = "import";

struct NewVideo {
  std::string id;             // stable: "PI-<uuid>", "demo-01-city-tips", ...
  std::string mediaPath;      // relative to the project folder; empty when annotation-only
  std::string fingerprint;    // core/probe.h content fingerprint (hex)
  std::string probeJson;      // probe results as JSON, when probed
  std::string sourceUrl;
  bool annotationOnly = false;  // media absent: annotations only
  std::string origin;           // how it arrived: "folder", "manifest", "release", "demo"
};

struct VideoRecord : NewVideo {
  int64_t position = 0;  // order of arrival; queues and exports follow it
  std::string createdAt;
};

// One stored revision of a video's stage: caption and structured fields, with lineage.
struct Revision {
  int64_t id = 0;
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  annotation::RevisionOrigin origin = annotation::RevisionOrigin::HumanEdit;
  std::string source;               // see annotation::RevisionOrigin
  std::optional<int64_t> parentId;  // the revision this one was edited from
  std::optional<int64_t> draftId;   // the draft the annotator started from
  std::optional<annotation::AudioFields> audio;    // audio stage
  std::optional<annotation::VisualFields> visual;  // visual stage
  std::string caption;
  std::string author;  // who saved it (user name, or kImportActor)
  std::string createdAt;
  std::optional<double> secondsSpent;
  std::optional<int64_t> editDistance;  // words changed relative to the draft

  bool isDraft() const { return annotation::isDraftOrigin(origin); }
};

struct SaveRevisionRequest {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  std::optional<int64_t> baseRevisionId;  // the head the editor loaded; nullopt for the first save
  std::optional<int64_t> draftId;
  std::optional<annotation::AudioFields> audio;
  std::optional<annotation::VisualFields> visual;
  std::string caption;
  std::string author;
  annotation::RevisionOrigin origin = annotation::RevisionOrigin::HumanEdit;
  std::string source;  // defaults to the author for human edits
  std::optional<double> secondsSpent;
  std::optional<int64_t> editDistance;  // computed from the draft when absent
  // A transition (from annotation::applyTransition) stored atomically with the save.
  std::optional<annotation::WorkflowEvent> event;
};

struct NewDraft {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  std::optional<annotation::AudioFields> audio;
  std::optional<annotation::VisualFields> visual;
  std::string caption;
  std::string author;  // who ran or imported it
  annotation::RevisionOrigin origin = annotation::RevisionOrigin::ModelDraft;
  std::string source;  // model name / file
  std::optional<annotation::WorkflowEvent> event;  // usually attach_draft
};

struct StageStatus {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  annotation::TaskState state = annotation::TaskState::NotStarted;
  std::optional<int64_t> headRevisionId;
  std::optional<int64_t> approvedRevisionId;
  std::string assignee;
  std::string updatedAt;
};

// A reviewer's decision on one revision: the Approve/Reject event and the revision it judged.
struct ReviewRecord {
  int64_t id = 0;
  int64_t revisionId = 0;
  annotation::WorkflowEvent event;
  std::string createdAt;
};

struct StoredQaPair {
  annotation::QaPair pair;  // pair.id is the store's id
  int64_t version = 1;      // bumped by every update; updates name the version they edited
  std::string updatedAt;
};

struct QueueQuery {
  std::string annotator;
  annotation::Stage stage = annotation::Stage::Audio;
  // States a video may be handed out in; the annotator's own assignments come first.
  std::vector<annotation::TaskState> workableStates = {
      annotation::TaskState::InProgress, annotation::TaskState::Rejected, annotation::TaskState::Drafted,
      annotation::TaskState::NotStarted};
};

// Team mode: a task (one video's stage) handed to one person for a while. Nobody else is handed
// the same stage while the lease runs; an expired lease frees the task. Times are milliseconds
// since the epoch from the caller's clock (the studio renews well before expiry).
enum class LeaseKind { Annotate, Review };
const char* leaseKindName(LeaseKind kind);

struct Lease {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  LeaseKind kind = LeaseKind::Annotate;
  std::string holder;
  int64_t grantedAtMs = 0;
  int64_t expiresAtMs = 0;
};

struct LeaseRequest {
  std::string person;
  annotation::Stage stage = annotation::Stage::Audio;
  LeaseKind kind = LeaseKind::Annotate;
  int64_t durationMs = 20 * 60 * 1000;
  int64_t nowMs = 0;  // 0: the system clock
  // Annotate: the states a task may be handed out in (own assignments first, then unassigned).
  std::vector<annotation::TaskState> workableStates = {
      annotation::TaskState::InProgress, annotation::TaskState::Rejected, annotation::TaskState::Drafted,
      annotation::TaskState::NotStarted};
};

struct ReviewQueueQuery {
  std::optional<annotation::Stage> stage;
  annotation::TaskState state = annotation::TaskState::Submitted;
  int limit = 50;
};

struct StateCount {
  annotation::Stage stage = annotation::Stage::Audio;
  annotation::TaskState state = annotation::TaskState::NotStarted;
  int64_t count = 0;
};
struct QaCount {
  annotation::QaType type = annotation::QaType::Tone;
  annotation::QaStatus status = annotation::QaStatus::Pending;
  int64_t count = 0;
};
struct AuthorThroughput {
  std::string author;
  annotation::Stage stage = annotation::Stage::Audio;
  annotation::RevisionOrigin origin = annotation::RevisionOrigin::HumanEdit;
  int64_t revisions = 0;
  double secondsSpent = 0;
};
struct ProjectStatistics {
  int64_t videos = 0;
  int64_t annotationOnlyVideos = 0;
  std::vector<StateCount> stageStates;
  std::vector<QaCount> qa;
  std::vector<AuthorThroughput> authors;
};

// One line of the audit log (workflow transitions, imports, QA edits, assignments).
struct AuditEvent {
  int64_t id = 0;
  std::string at;
  std::string actor;
  std::string actorRole;
  std::string entity;     // "stage", "video", "qa", "user"
  std::string entityKey;  // "<video>/<stage>", video id, QA id, user name
  std::string action;     // a workflow action name, or "import", "assign", ...
  std::string fromState;
  std::string toState;
  std::string detail;     // the reason, when there is one
};

}  // namespace ugc::db
