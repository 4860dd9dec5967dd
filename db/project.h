#pragma once
// A benchmark project: one SQLite file next to (or above) its media folder, or (team mode) a
// PostgreSQL database named by a postgresql:// URL, whose media each machine finds under its own
// media root.
// All access goes through this class and the import/export functions beside it; no SQL
// leaves db/. A Project is one connection: use one per thread (or per process); use on
// another thread fails with ErrorCode::Internal. A call that meets another writer's lock
// waits ConnectionParams::busyTimeoutMs, then fails with ErrorCode::Busy (nothing written):
// the GUI opens with interactiveConnectionParams() and retries from its event loop.
//
// Nothing an annotator or reviewer writes is overwritten: revisions, reviews, QA history and
// the audit log are append-only (enforced by triggers too); saving on top of a revision that
// is no longer the head fails with ErrorCode::Conflict.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "annotation/fields.h"
#include "annotation/stage.h"
#include "core/error.h"
#include "db/project_types.h"
#include "db/connection.h"

namespace ugc::db {

class Project {
 public:
  // Creates a new project file (fails when it exists) / opens an existing one,
  // migrating it (with a backup) when it was written by an older build.
  static Result<Project> create(const std::filesystem::path& path,
                                const ConnectionParams& params = batchConnectionParams());
  static Result<Project> open(const std::filesystem::path& path,
                              const ConnectionParams& params = batchConnectionParams());

  // The project file (absolute), or the postgresql:// URL as it was given.
  const std::filesystem::path& path() const { return path_; }
  bool isServerProject() const { return connection_.dialect() == Dialect::Postgres; }
  // Media paths are stored relative to this folder: the project file's folder, or for a server
  // project this machine's media root (UGC_MEDIA_ROOT, else the working directory at open).
  std::filesystem::path folder() const { return mediaRoot_; }
  void setMediaRoot(std::filesystem::path root) { mediaRoot_ = std::move(root); }

  // Settings: small key/value strings (project name, targets, ...).
  Status setSetting(const std::string& key, const std::string& value);
  Result<std::optional<std::string>> setting(const std::string& key);

  // Users and their roles. Conflict when the name is taken.
  Status addUser(const annotation::User& user);
  Result<std::vector<annotation::User>> users();
  Result<std::optional<annotation::User>> findUser(const std::string& name);

  // Videos. addVideo fails with Conflict on a duplicate id.
  Result<VideoRecord> addVideo(const NewVideo& video);
  Result<std::optional<VideoRecord>> findVideo(const std::string& videoId);
  Result<std::optional<VideoRecord>> findVideoByFingerprint(const std::string& fingerprint);
  Result<int64_t> videoCount();
  // A page of videos in arrival order (for lists in the GUI).
  Result<std::vector<VideoRecord>> videos(int64_t offset, int64_t limit);

  // Revisions. saveRevision appends a revision on top of request.baseRevisionId and makes it
  // the head; Conflict when someone saved first (the head moved), nothing is written then.
  Result<Revision> saveRevision(const SaveRevisionRequest& request);
  Result<Revision> saveDraft(const NewDraft& draft);
  Result<std::optional<Revision>> revision(int64_t revisionId);
  Result<std::optional<Revision>> headRevision(const std::string& videoId, annotation::Stage stage);
  Result<std::optional<Revision>> latestDraft(const std::string& videoId, annotation::Stage stage);
  Result<std::vector<Revision>> history(const std::string& videoId, annotation::Stage stage);

  // Workflow state of one video's stage. It changes only by storing the WorkflowEvent that
  // annotation::applyTransition returned; Conflict when the stage is no longer in event.from
  // (someone else moved it first). Every event lands in the audit log.
  Result<StageStatus> stageStatus(const std::string& videoId, annotation::Stage stage);
  Status recordEvent(const annotation::WorkflowEvent& event);
  Result<std::vector<annotation::WorkflowEvent>> workflowEvents(const std::string& videoId, annotation::Stage stage);
  // A reviewer's Approve/Reject event on a revision; an approval makes it the approved revision.
  Result<int64_t> recordReview(int64_t revisionId, const annotation::WorkflowEvent& event);
  Result<std::vector<ReviewRecord>> reviews(const std::string& videoId, annotation::Stage stage);
  Status assign(const std::string& videoId, annotation::Stage stage, const std::string& annotator,
                const std::string& assignedBy);

  // QA pairs: every version is kept (qa_history); an update names the version it edited and
  // fails with Conflict when the pair moved on since.
  Result<StoredQaPair> addQaPair(const annotation::QaPair& pair, const std::string& actor);
  Result<StoredQaPair> updateQaPair(const annotation::QaPair& edited, int64_t expectedVersion, const std::string& actor);
  Result<std::vector<StoredQaPair>> qaPairs(const std::string& videoId);
  Result<std::vector<StoredQaPair>> qaHistory(int64_t qaId);

  // Queues.
  Result<std::optional<std::string>> nextVideoFor(const QueueQuery& query);
  Result<std::vector<StageStatus>> pendingReviews(const ReviewQueueQuery& query);

  // Team mode: "next task for me" with a lease (db/leases.cpp). Hands `request.person` one
  // video's stage nobody else holds (an annotation task, or a submitted stage to review that
  // the person did not write), or nullopt when there is none. Asking again while holding a
  // live lease of that stage and kind returns the same lease, renewed. On PostgreSQL
  // concurrent callers skip each other's rows (FOR UPDATE SKIP LOCKED) instead of waiting.
  Result<std::optional<Lease>> leaseNextTask(const LeaseRequest& request);
  // Extends a lease the person still holds; Conflict when it expired and someone else took it.
  Result<Lease> renewLease(const std::string& videoId, annotation::Stage stage, const std::string& person,
                           int64_t durationMs, int64_t nowMs = 0);
  // Gives a task back (after a submit, or on closing the editor). Holding nothing is not an error.
  Status releaseLease(const std::string& videoId, annotation::Stage stage, const std::string& person);
  // Live leases, soonest expiry first: who holds what, for the queue.
  Result<std::vector<Lease>> activeLeases(int64_t nowMs = 0);

  // Live updates: true when anyone (another studio, a worker, the CLI) committed a change since
  // the last call; the first call starts watching. See Connection::pollChanges.
  Result<bool> pollChanges() { return connection_.pollChanges(); }

  Result<ProjectStatistics> statistics();
  Result<std::vector<AuditEvent>> auditLog(const std::string& entityKey);

  // Signal cache keyed by media fingerprint (for the extractors).
  Status putSignal(const std::string& fingerprint, const std::string& extractor, const std::string& version,
                   const std::string& payload);
  Result<std::optional<std::string>> signal(const std::string& fingerprint, const std::string& extractor,
                                            const std::string& version);

  // For db/ import and export code only.
  Connection& connection() { return connection_; }

 private:
  Project(Connection connection, std::filesystem::path path, std::filesystem::path mediaRoot)
      : connection_(std::move(connection)), path_(std::move(path)), mediaRoot_(std::move(mediaRoot)) {}
  Connection connection_;
  std::filesystem::path path_;
  std::filesystem::path mediaRoot_;
};

}  // namespace ugc::db
