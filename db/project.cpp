#include "db/project.h"

#include <cstdlib>

#include "db/migrations.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db {

using detail::nowIso;
using detail::stageText;

namespace {

Result<VideoRecord> readVideo(const Statement& row) {
  VideoRecord video;
  video.id = row.columnText(0);
  video.position = row.columnInt(1);
  video.mediaPath = row.columnText(2);
  video.fingerprint = row.columnText(3);
  video.probeJson = row.columnText(4);
  video.sourceUrl = row.columnText(5);
  video.annotationOnly = row.columnInt(6) != 0;
  video.origin = row.columnText(7);
  video.createdAt = row.columnText(8);
  return video;
}

constexpr const char* kVideoColumns =
    "video_id, position, media_path, fingerprint, probe_json, source_url, annotation_only, origin, created_at";

Result<std::optional<Revision>> oneRevision(Connection& connection, const std::string& sql,
                                            const std::string& videoId, annotation::Stage stage) {
  UGC_DB_ASSIGN(query, connection.cached(sql));
  query->bindAll(videoId, stageText(stage));
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return std::optional<Revision>();
  auto revision = detail::readRevision(*query);
  query->reset();
  if (!revision) return tl::unexpected(revision.error());
  return std::optional<Revision>(std::move(*revision));
}

// `forUpdate`: on PostgreSQL the row stays locked to the end of the transaction, so a
// read-then-write of one stage excludes only writers of that stage (RowLocking transactions).
Result<StageStatus> readStageStatus(Connection& connection, const std::string& videoId, annotation::Stage stage,
                                    bool forUpdate = false) {
  const bool lockRow = forUpdate && connection.dialect() == Dialect::Postgres;
  UGC_DB_ASSIGN(query, connection.cached(
                           std::string("SELECT state, head_revision_id, approved_revision_id, assignee, updated_at "
                                       "FROM stage_status WHERE video_id = ? AND stage = ?") +
                           (lockRow ? " FOR UPDATE" : "")));
  query->bindAll(videoId, stageText(stage));
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return makeError(ErrorCode::NotFound, "no video " + videoId + " in the project");
  auto state = annotation::parseTaskState(query->columnTextView(0));
  StageStatus status{videoId, stage, state.value_or(annotation::TaskState::NotStarted), query->columnOptionalInt(1),
                     query->columnOptionalInt(2), query->columnText(3), query->columnText(4)};
  query->reset();
  if (!state) return makeError(ErrorCode::InvalidInput, detail::stageKey(videoId, stage) + " has an unknown state");
  return status;
}

// The event must concern the stage being written.
Status checkEventFor(const std::optional<annotation::WorkflowEvent>& event, const std::string& videoId,
                     annotation::Stage stage) {
  if (event && (event->videoId != videoId || event->stage != stage)) {
    return makeError(ErrorCode::InvalidArgument, "the workflow event is for " +
                                                     detail::stageKey(event->videoId, event->stage) + ", not " +
                                                     detail::stageKey(videoId, stage));
  }
  return {};
}

}  // namespace

namespace {

// A file project keeps its media next to it; a server project's media root is this machine's
// own (a shared mount): UGC_MEDIA_ROOT, else the working directory.
fs::path mediaRootFor(const fs::path& location, bool server) {
  if (!server) return location.parent_path();
  if (const char* root = std::getenv("UGC_MEDIA_ROOT"); root && *root) return fs::absolute(root);
  std::error_code ec;
  return fs::current_path(ec);
}

fs::path locationOf(const fs::path& path) {
  // A URL is kept as given (it is reopened by other threads); a file path made absolute.
  return isPostgresUrl(path.string()) ? path : fs::absolute(path);
}

}  // namespace

Result<Project> Project::create(const fs::path& path, const ConnectionParams& params) {
  UGC_DB_ASSIGN(connection, openProjectDatabase(path, OpenIntent::CreateNew, projectMigrations(), params));
  const fs::path location = locationOf(path);
  const bool server = connection.dialect() == Dialect::Postgres;
  Project project(std::move(connection), location, mediaRootFor(location, server));
  UGC_DB_TRY(project.setSetting("created_at", nowIso()));
  return project;
}

Result<Project> Project::open(const fs::path& path, const ConnectionParams& params) {
  UGC_DB_ASSIGN(connection, openProjectDatabase(path, OpenIntent::OpenExisting, projectMigrations(), params));
  const fs::path location = locationOf(path);
  const bool server = connection.dialect() == Dialect::Postgres;
  return Project(std::move(connection), location, mediaRootFor(location, server));
}

Status Project::setSetting(const std::string& key, const std::string& value) {
  UGC_DB_ASSIGN(upsert, connection_.cached(
                            "INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  upsert->bindAll(key, value);
  return upsert->run();
}

Result<std::optional<std::string>> Project::setting(const std::string& key) {
  UGC_DB_ASSIGN(query, connection_.cached("SELECT value FROM settings WHERE key = ?"));
  query->bind(1, key);
  UGC_DB_ASSIGN(row, query->step());
  std::optional<std::string> value;
  if (row) value = query->columnText(0);
  query->reset();
  return value;
}

Status Project::addUser(const annotation::User& user) {
  if (user.name.empty()) return makeError(ErrorCode::InvalidArgument, "a user needs a name");
  const std::string role(annotation::roleName(user.role));
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(insert, connection_.cached("INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)"));
  insert->bindAll(user.name, role, nowIso());
  if (auto ok = insert->run(); !ok) return makeError(ErrorCode::Conflict, "user " + user.name + " already exists");
  UGC_DB_TRY(detail::appendAudit(connection_, user.name, "user", user.name, "add user", "", role));
  return transaction.commit();
}

Result<std::vector<annotation::User>> Project::users() {
  UGC_DB_ASSIGN(query, connection_.cached("SELECT name, role FROM users ORDER BY name"));
  std::vector<annotation::User> users;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    auto role = annotation::parseRole(query->columnTextView(1));
    if (!role) return makeError(ErrorCode::InvalidInput, "user " + query->columnText(0) + " has an unknown role");
    users.push_back({query->columnText(0), *role});
  }
  return users;
}

Result<std::optional<annotation::User>> Project::findUser(const std::string& name) {
  UGC_DB_ASSIGN(all, users());
  for (auto& user : all) {
    if (user.name == name) return std::optional<annotation::User>(user);
  }
  return std::optional<annotation::User>();
}

Result<VideoRecord> Project::addVideo(const NewVideo& video) {
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(position, detail::nextVideoPosition(connection_));
  const std::string now = nowIso();
  UGC_DB_TRY(detail::insertVideo(connection_, video, position, now));
  UGC_DB_TRY(detail::appendAudit(connection_, kImportActor, "video", video.id, "add video", "", "", video.origin));
  UGC_DB_TRY(transaction.commit());
  VideoRecord record;
  static_cast<NewVideo&>(record) = video;
  record.position = position;
  record.createdAt = now;
  return record;
}

Result<std::optional<VideoRecord>> Project::findVideo(const std::string& videoId) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + kVideoColumns + " FROM videos WHERE video_id = ?"));
  query->bind(1, videoId);
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return std::optional<VideoRecord>();
  auto video = readVideo(*query);
  query->reset();
  return std::optional<VideoRecord>(*video);
}

Result<std::optional<VideoRecord>> Project::findVideoByFingerprint(const std::string& fingerprint) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + kVideoColumns +
                                          " FROM videos WHERE fingerprint = ? ORDER BY position LIMIT 1"));
  query->bind(1, fingerprint);
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return std::optional<VideoRecord>();
  auto video = readVideo(*query);
  query->reset();
  return std::optional<VideoRecord>(*video);
}

Result<int64_t> Project::videoCount() { return connection_.queryInt("SELECT COALESCE(SUM(count), 0) FROM video_counts"); }

Result<std::vector<VideoRecord>> Project::videos(int64_t offset, int64_t limit) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + kVideoColumns +
                                          " FROM videos ORDER BY position LIMIT ? OFFSET ?"));
  query->bindAll(limit, offset);
  std::vector<VideoRecord> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(video, readVideo(*query));
    out.push_back(std::move(video));
  }
  return out;
}

namespace {
// The content both a human save and a draft carry, stamped now.
template <typename Content>
Revision newRevision(const Content& content) {
  Revision revision;
  revision.videoId = content.videoId;
  revision.stage = content.stage;
  revision.audio = content.audio;
  revision.visual = content.visual;
  revision.caption = content.caption;
  revision.author = content.author;
  revision.origin = content.origin;
  revision.source = content.source;
  revision.createdAt = nowIso();
  return revision;
}
}  // namespace

Result<Revision> Project::saveRevision(const SaveRevisionRequest& request) {
  if (request.author.empty()) return makeError(ErrorCode::InvalidArgument, "a revision needs an author");
  UGC_DB_TRY(checkEventFor(request.event, request.videoId, request.stage));
  // PostgreSQL: saves of different stages run side by side; the stage's row lock orders the
  // saves of one stage (SQLite: one writer at a time).
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_, isServerProject() ? TransactionKind::RowLocking
                                                                               : TransactionKind::Immediate));
  UGC_DB_ASSIGN(status, readStageStatus(connection_, request.videoId, request.stage, true));
  if (status.headRevisionId != request.baseRevisionId) {
    auto describe = [](const std::optional<int64_t>& id) { return id ? "revision " + std::to_string(*id) : std::string("nothing"); };
    return makeError(ErrorCode::Conflict,
                     detail::stageKey(request.videoId, request.stage) + " was saved by someone else: the head is " +
                         describe(status.headRevisionId) + ", your edit started from " +
                         describe(request.baseRevisionId) + "; reload and merge, nothing was overwritten");
  }
  Revision revision = newRevision(request);
  revision.parentId = request.baseRevisionId;
  revision.draftId = request.draftId;
  if (request.source.empty() && request.origin == annotation::RevisionOrigin::HumanEdit) revision.source = request.author;
  revision.secondsSpent = request.secondsSpent;
  revision.editDistance = request.editDistance;
  if (request.draftId && !revision.editDistance) {
    UGC_DB_ASSIGN(draft, this->revision(*request.draftId));
    if (!draft) return makeError(ErrorCode::NotFound, "no draft revision " + std::to_string(*request.draftId));
    revision.editDistance = detail::wordEditDistance(draft->caption, request.caption);
  }
  UGC_DB_ASSIGN(id, detail::insertRevision(connection_, revision));
  revision.id = id;
  UGC_DB_ASSIGN(head, connection_.cached(
                          "UPDATE stage_status SET head_revision_id = ?, updated_at = ? WHERE video_id = ? AND stage = ?"));
  head->bindAll(id, revision.createdAt, request.videoId, stageText(request.stage));
  UGC_DB_TRY(head->run());
  if (request.event) UGC_DB_TRY(detail::applyWorkflowEvent(connection_, *request.event));
  UGC_DB_TRY(transaction.commit());
  return revision;
}

Result<Revision> Project::saveDraft(const NewDraft& draft) {
  if (!annotation::isDraftOrigin(draft.origin)) {
    return makeError(ErrorCode::InvalidArgument, "a draft's origin must be a draft origin (model or imported draft)");
  }
  UGC_DB_TRY(checkEventFor(draft.event, draft.videoId, draft.stage));
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(exists, detail::videoExists(connection_, draft.videoId));
  if (!exists) return makeError(ErrorCode::NotFound, "no video " + draft.videoId + " in the project");
  Revision revision = newRevision(draft);
  UGC_DB_ASSIGN(id, detail::insertRevision(connection_, revision));
  revision.id = id;
  if (draft.event) UGC_DB_TRY(detail::applyWorkflowEvent(connection_, *draft.event));
  UGC_DB_TRY(transaction.commit());
  return revision;
}

Result<std::optional<Revision>> Project::revision(int64_t revisionId) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + detail::kRevisionColumns +
                                          " FROM revisions WHERE revision_id = ?"));
  query->bind(1, revisionId);
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return std::optional<Revision>();
  auto revision = detail::readRevision(*query);
  query->reset();
  if (!revision) return tl::unexpected(revision.error());
  return std::optional<Revision>(std::move(*revision));
}

Result<std::optional<Revision>> Project::headRevision(const std::string& videoId, annotation::Stage stage) {
  return oneRevision(connection_,
                     std::string("SELECT ") + detail::kRevisionColumns +
                         " FROM revisions WHERE revision_id = (SELECT head_revision_id FROM stage_status "
                         "WHERE video_id = ? AND stage = ?)",
                     videoId, stage);
}

Result<std::optional<Revision>> Project::latestDraft(const std::string& videoId, annotation::Stage stage) {
  return oneRevision(connection_,
                     std::string("SELECT ") + detail::kRevisionColumns +
                         " FROM revisions WHERE video_id = ? AND stage = ? AND kind = 'draft' "
                         "ORDER BY revision_id DESC LIMIT 1",
                     videoId, stage);
}

Result<std::vector<Revision>> Project::history(const std::string& videoId, annotation::Stage stage) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + detail::kRevisionColumns +
                                          " FROM revisions WHERE video_id = ? AND stage = ? ORDER BY revision_id"));
  query->bindAll(videoId, stageText(stage));
  std::vector<Revision> revisions;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(revision, detail::readRevision(*query));
    revisions.push_back(std::move(revision));
  }
  return revisions;
}

Result<StageStatus> Project::stageStatus(const std::string& videoId, annotation::Stage stage) {
  return readStageStatus(connection_, videoId, stage);
}

Status Project::recordEvent(const annotation::WorkflowEvent& event) {
  // The transition is a compare-and-set of one row: on PostgreSQL it needs no project-wide lock.
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_, isServerProject() ? TransactionKind::RowLocking
                                                                               : TransactionKind::Immediate));
  UGC_DB_TRY(detail::applyWorkflowEvent(connection_, event));
  return transaction.commit();
}

Result<std::vector<annotation::WorkflowEvent>> Project::workflowEvents(const std::string& videoId,
                                                                      annotation::Stage stage) {
  UGC_DB_ASSIGN(query, connection_.cached(
                           "SELECT action, from_state, to_state, actor, actor_role, detail, at_ms FROM audit_log "
                           "WHERE entity = 'stage' AND entity_key = ? AND at_ms IS NOT NULL ORDER BY event_id"));
  query->bind(1, detail::stageKey(videoId, stage));
  std::vector<annotation::WorkflowEvent> events;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    auto action = annotation::parseWorkflowAction(query->columnTextView(0));
    auto from = annotation::parseTaskState(query->columnTextView(1));
    auto to = annotation::parseTaskState(query->columnTextView(2));
    auto role = annotation::parseRole(query->columnTextView(4));
    if (!action || !from || !to || !role) continue;  // not a workflow transition (e.g. an import)
    events.push_back({videoId, stage, *action, *from, *to, query->columnText(3), *role, query->columnText(5),
                      query->columnInt(6)});
  }
  return events;
}

Result<int64_t> Project::recordReview(int64_t revisionId, const annotation::WorkflowEvent& event) {
  if (event.action != annotation::WorkflowAction::Approve && event.action != annotation::WorkflowAction::Reject) {
    return makeError(ErrorCode::InvalidArgument, "a review is an approve or reject event");
  }
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(reviewed, revision(revisionId));
  if (!reviewed || reviewed->videoId != event.videoId || reviewed->stage != event.stage) {
    return makeError(ErrorCode::NotFound, "revision " + std::to_string(revisionId) + " is not a revision of " +
                                              detail::stageKey(event.videoId, event.stage));
  }
  UGC_DB_TRY(detail::applyWorkflowEvent(connection_, event));
  const std::string now = nowIso();
  UGC_DB_ASSIGN(insert, connection_.cached(
                            "INSERT INTO reviews (video_id, stage, revision_id, reviewer, reviewer_role, decision, reason, "
                            "from_state, to_state, at_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING review_id"));
  insert->bindAll(event.videoId, stageText(event.stage), revisionId, event.actor,
                  std::string(annotation::roleName(event.actorRole)),
                  std::string(annotation::workflowActionName(event.action)), event.reason,
                  std::string(annotation::taskStateName(event.from)), std::string(annotation::taskStateName(event.to)),
                  event.at, now);
  UGC_DB_ASSIGN(reviewId, insert->runReturningInt());
  if (event.action == annotation::WorkflowAction::Approve) {
    UGC_DB_ASSIGN(approve, connection_.cached(
                               "UPDATE stage_status SET approved_revision_id = ?, updated_at = ? "
                               "WHERE video_id = ? AND stage = ?"));
    approve->bindAll(revisionId, now, event.videoId, stageText(event.stage));
    UGC_DB_TRY(approve->run());
  }
  UGC_DB_TRY(transaction.commit());
  return reviewId;
}

Result<std::vector<ReviewRecord>> Project::reviews(const std::string& videoId, annotation::Stage stage) {
  UGC_DB_ASSIGN(query, connection_.cached(
                           "SELECT review_id, revision_id, reviewer, reviewer_role, decision, reason, from_state, to_state, "
                           "at_ms, created_at FROM reviews WHERE video_id = ? AND stage = ? ORDER BY review_id"));
  query->bindAll(videoId, stageText(stage));
  std::vector<ReviewRecord> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    ReviewRecord record;
    record.id = query->columnInt(0);
    record.revisionId = query->columnInt(1);
    auto& event = record.event;
    event.videoId = videoId;
    event.stage = stage;
    event.actor = query->columnText(2);
    event.actorRole = annotation::parseRole(query->columnTextView(3)).value_or(annotation::Role::Reviewer);
    event.action = annotation::parseWorkflowAction(query->columnTextView(4)).value_or(annotation::WorkflowAction::Approve);
    event.reason = query->columnText(5);
    event.from = annotation::parseTaskState(query->columnTextView(6)).value_or(annotation::TaskState::Submitted);
    event.to = annotation::parseTaskState(query->columnTextView(7)).value_or(annotation::TaskState::Approved);
    event.at = query->columnInt(8);
    record.createdAt = query->columnText(9);
    out.push_back(std::move(record));
  }
  return out;
}

Status Project::assign(const std::string& videoId, annotation::Stage stage, const std::string& annotator,
                       const std::string& assignedBy) {
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(status, readStageStatus(connection_, videoId, stage));
  const std::string now = nowIso();
  UGC_DB_ASSIGN(insert, connection_.cached(
                            "INSERT INTO assignments (video_id, stage, annotator, assigned_by, assigned_at) "
                            "VALUES (?, ?, ?, ?, ?)"));
  insert->bindAll(videoId, stageText(stage), annotator, assignedBy, now);
  UGC_DB_TRY(insert->run());
  UGC_DB_ASSIGN(update, connection_.cached(
                            "UPDATE stage_status SET assignee = ?, updated_at = ? WHERE video_id = ? AND stage = ?"));
  update->bindAll(annotator.empty() ? std::nullopt : std::optional<std::string>(annotator), now, videoId,
                  stageText(stage));
  UGC_DB_TRY(update->run());
  const std::string state(annotation::taskStateName(status.state));
  UGC_DB_TRY(detail::appendAudit(connection_, assignedBy, "stage", detail::stageKey(videoId, stage), "assign", state,
                                 state, annotator.empty() ? "unassigned" : "to " + annotator));
  return transaction.commit();
}

}  // namespace ugc::db
