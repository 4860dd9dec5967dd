#include "db/store_writes.h"

#include <nlohmann/json.hpp>

#include "annotation/fields_json.h"
#include "db/fields_json_detail.h"
#include "db/python_json.h"
#include "db/store_internal.h"

namespace ugc::db::detail {

Status validateVideoId(const std::string& id) {
  if (id.empty()) return makeError(ErrorCode::InvalidInput, "empty video id");
  if (id.size() > 200) return makeError(ErrorCode::InvalidInput, "video id longer than 200 bytes: " + id.substr(0, 40) + "...");
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
      return makeError(ErrorCode::InvalidInput, "video id '" + id + "' contains a control character or a slash");
    }
  }
  if (id == "." || id == "..") return makeError(ErrorCode::InvalidInput, "video id '" + id + "' is not allowed");
  return {};
}

Result<int64_t> nextVideoPosition(Connection& connection) {
  UGC_DB_ASSIGN(query, connection.cached("SELECT COALESCE(MAX(position), 0) + 1 FROM videos"));
  UGC_DB_ASSIGN(row, query->step());
  const int64_t next = row ? query->columnInt(0) : 1;
  query->reset();
  return next;
}

Result<bool> videoExists(Connection& connection, const std::string& videoId) {
  UGC_DB_ASSIGN(query, connection.cached("SELECT 1 FROM videos WHERE video_id = ?"));
  query->bind(1, videoId);
  UGC_DB_ASSIGN(row, query->step());
  query->reset();
  return row;
}

Status insertVideo(Connection& connection, const NewVideo& video, int64_t position, const std::string& now) {
  UGC_DB_TRY(validateVideoId(video.id));
  UGC_DB_ASSIGN(exists, videoExists(connection, video.id));
  if (exists) return makeError(ErrorCode::Conflict, "video " + video.id + " already exists in the project");
  UGC_DB_ASSIGN(insert, connection.cached(
                            "INSERT INTO videos (video_id, position, media_path, fingerprint, probe_json, source_url, "
                            "annotation_only, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  auto orNull = [](const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); };
  insert->bindAll(video.id, position, orNull(video.mediaPath), orNull(video.fingerprint), orNull(video.probeJson),
                  orNull(video.sourceUrl), video.annotationOnly, video.origin, now);
  UGC_DB_TRY(insert->run());
  UGC_DB_ASSIGN(stage, connection.cached(
                           "INSERT INTO stage_status (video_id, stage, position, state, updated_at) VALUES (?, ?, ?, ?, ?)"));
  for (auto s : annotation::kAllStages) {
    stage->bindAll(video.id, stageText(s), position, std::string(annotation::taskStateName(annotation::TaskState::NotStarted)), now);
    UGC_DB_TRY(stage->run());
  }
  return {};
}

std::string fieldsJsonOf(const Revision& revision) {
  // Python-style text, so exports embed it as is.
  if (revision.audio) return pythonCompact(toJson(*revision.audio));
  if (revision.visual) return pythonCompact(toJson(*revision.visual));
  return "{}";
}

Result<int64_t> insertRevision(Connection& connection, const Revision& r) {
  UGC_DB_ASSIGN(insert, connection.cached(
                            "INSERT INTO revisions (video_id, stage, kind, origin, parent_revision_id, draft_revision_id, "
                            "fields_json, caption, author, source, created_at, seconds_spent, edit_distance) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING revision_id"));
  insert->bindAll(r.videoId, stageText(r.stage), r.isDraft() ? "draft" : "annotation",
                  std::string(annotation::revisionOriginName(r.origin)), r.parentId, r.draftId, fieldsJsonOf(r),
                  r.caption, r.author, r.source,
                  r.createdAt.empty() ? nowIso() : r.createdAt, r.secondsSpent, r.editDistance);
  return insert->runReturningInt();
}

Status approveImported(Connection& connection, const std::string& videoId, annotation::Stage stage, int64_t revisionId,
                       const std::string& source, const std::string& now) {
  const std::string notStarted(annotation::taskStateName(annotation::TaskState::NotStarted));
  const std::string approved(annotation::taskStateName(annotation::TaskState::Approved));
  const std::string approve(annotation::workflowActionName(annotation::WorkflowAction::Approve));
  const std::string admin(annotation::roleName(annotation::Role::Admin));
  const std::string reason = std::string(annotation::revisionOriginName(annotation::RevisionOrigin::ImportedRelease)) +
                             (source.empty() ? "" : ": " + source);
  UGC_DB_ASSIGN(update, connection.cached(
                            "UPDATE stage_status SET head_revision_id = ?, approved_revision_id = ?, state = ?, "
                            "updated_at = ? WHERE video_id = ? AND stage = ?"));
  update->bindAll(revisionId, revisionId, approved, now, videoId, stageText(stage));
  UGC_DB_TRY(update->run());
  UGC_DB_ASSIGN(review, connection.cached(
                            "INSERT INTO reviews (video_id, stage, revision_id, reviewer, reviewer_role, decision, reason, "
                            "from_state, to_state, at_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)"));
  review->bindAll(videoId, stageText(stage), revisionId, kImportActor, admin, approve, reason, notStarted, approved, now);
  UGC_DB_TRY(review->run());
  UGC_DB_ASSIGN(audit, connection.cached(
                           "INSERT INTO audit_log (at, actor, actor_role, entity, entity_key, action, from_state, to_state, "
                           "detail) VALUES (?, ?, ?, 'stage', ?, 'import', ?, ?, ?)"));
  audit->bindAll(now, kImportActor, admin, stageKey(videoId, stage), notStarted, approved, reason);
  return audit->run();
}

Status submitImported(Connection& connection, const std::string& videoId, annotation::Stage stage, int64_t revisionId,
                      const std::string& source, const std::string& now) {
  const std::string notStarted(annotation::taskStateName(annotation::TaskState::NotStarted));
  const std::string submitted(annotation::taskStateName(annotation::TaskState::Submitted));
  const std::string admin(annotation::roleName(annotation::Role::Admin));
  const std::string reason = std::string(annotation::revisionOriginName(annotation::RevisionOrigin::ImportedRelease)) +
                             (source.empty() ? "" : ": " + source) + ", submitted for review";
  UGC_DB_ASSIGN(update, connection.cached(
                            "UPDATE stage_status SET head_revision_id = ?, state = ?, updated_at = ? "
                            "WHERE video_id = ? AND stage = ?"));
  update->bindAll(revisionId, submitted, now, videoId, stageText(stage));
  UGC_DB_TRY(update->run());
  UGC_DB_ASSIGN(audit, connection.cached(
                           "INSERT INTO audit_log (at, actor, actor_role, entity, entity_key, action, from_state, to_state, "
                           "detail) VALUES (?, ?, ?, 'stage', ?, 'import', ?, ?, ?)"));
  audit->bindAll(now, kImportActor, admin, stageKey(videoId, stage), notStarted, submitted, reason);
  return audit->run();
}

std::string stringsToJson(const std::vector<std::string>& strings) {
  std::string out = "[";
  for (size_t i = 0; i < strings.size(); ++i) {
    if (i) out += ", ";
    appendPythonString(out, strings[i]);
  }
  return out + "]";
}

Result<std::vector<std::string>> stringsFromJson(std::string_view text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return makeError(ErrorCode::InvalidInput, "expected a JSON list of strings");
  std::vector<std::string> out;
  for (const auto& item : json) {
    if (!item.is_string()) return makeError(ErrorCode::InvalidInput, "expected a JSON list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<int64_t> insertQa(Connection& connection, const annotation::QaPair& pair, const std::string& actor,
                         const std::string& now) {
  UGC_DB_ASSIGN(insert, connection.cached(
                            "INSERT INTO qa_pairs (video_id, qa_type, question, options_json, answer, answer_lines_json, "
                            "origin, status, reviewer, reason, edited_by, version, updated_by, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING qa_id"));
  insert->bindAll(pair.videoId, std::string(annotation::qaTypeName(pair.type)), pair.question,
                  stringsToJson(pair.options), pair.answer, stringsToJson(pair.answerLines),
                  std::string(annotation::qaOriginName(pair.origin)), std::string(annotation::qaStatusName(pair.status)),
                  pair.reviewer, pair.reason, pair.editedBy, actor, now);
  return insert->runReturningInt();
}

Result<Revision> readRevision(const Statement& row) {
  Revision r;
  r.id = row.columnInt(0);
  r.videoId = row.columnText(1);
  UGC_DB_ASSIGN(stage, stageFromText(row.columnTextView(2)));
  r.stage = stage;
  auto origin = annotation::parseRevisionOrigin(row.columnTextView(3));
  if (!origin) return makeError(ErrorCode::InvalidInput, "revision " + std::to_string(r.id) + " has an unknown origin");
  r.origin = *origin;
  r.parentId = row.columnOptionalInt(4);
  r.draftId = row.columnOptionalInt(5);
  const std::string fields = row.columnText(6);
  if (r.stage == annotation::Stage::Audio) {
    UGC_DB_ASSIGN(audio, annotation::audioFieldsFromJson(fields));
    r.audio = audio;
  } else if (r.stage == annotation::Stage::Visual) {
    UGC_DB_ASSIGN(visual, annotation::visualFieldsFromJson(fields));
    r.visual = visual;
  }
  r.caption = row.columnText(7);
  r.author = row.columnText(8);
  r.source = row.columnText(9);
  r.createdAt = row.columnText(10);
  r.secondsSpent = row.columnOptionalDouble(11);
  r.editDistance = row.columnOptionalInt(12);
  return r;
}

Result<StoredQaPair> readQa(const Statement& row) {
  StoredQaPair stored;
  auto& qa = stored.pair;
  qa.id = row.columnInt(0);
  qa.videoId = row.columnText(1);
  const std::string where = "QA pair " + std::to_string(qa.id);
  auto type = annotation::parseQaType(row.columnTextView(2));
  if (!type) return makeError(ErrorCode::InvalidInput, where + " has an unknown type");
  qa.type = *type;
  qa.question = row.columnText(3);
  UGC_DB_ASSIGN(options, stringsFromJson(row.columnTextView(4)));
  qa.options = options;
  qa.answer = row.columnText(5);
  UGC_DB_ASSIGN(lines, stringsFromJson(row.columnTextView(6)));
  qa.answerLines = lines;
  auto origin = annotation::parseQaOrigin(row.columnTextView(7));
  auto status = annotation::parseQaStatus(row.columnTextView(8));
  if (!origin || !status) return makeError(ErrorCode::InvalidInput, where + " has an unknown origin or status");
  qa.origin = *origin;
  qa.status = *status;
  qa.reviewer = row.columnText(9);
  qa.reason = row.columnText(10);
  qa.editedBy = row.columnText(11);
  stored.version = row.columnInt(12);
  stored.updatedAt = row.columnText(13);
  return stored;
}

}  // namespace ugc::db::detail
