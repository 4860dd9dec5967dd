// Project: QA pairs, queues, statistics, audit log and the signal cache.
#include "db/project.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace ugc::db {

using detail::nowIso;
using detail::stageText;

Result<StoredQaPair> Project::addQaPair(const annotation::QaPair& pair, const std::string& actor) {
  if (actor.empty()) return makeError(ErrorCode::InvalidArgument, "a QA pair needs an actor");
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(exists, detail::videoExists(connection_, pair.videoId));
  if (!exists) return makeError(ErrorCode::NotFound, "no video " + pair.videoId + " in the project");
  const std::string now = nowIso();
  UGC_DB_ASSIGN(id, detail::insertQa(connection_, pair, actor, now));
  UGC_DB_TRY(detail::appendAudit(connection_, actor, "qa", std::to_string(id), "add QA pair", "",
                                 std::string(annotation::qaStatusName(pair.status))));
  UGC_DB_TRY(transaction.commit());
  StoredQaPair stored{pair, 1, now};
  stored.pair.id = id;
  return stored;
}

Result<StoredQaPair> Project::updateQaPair(const annotation::QaPair& edited, int64_t expectedVersion,
                                           const std::string& actor) {
  if (actor.empty()) return makeError(ErrorCode::InvalidArgument, "a QA update needs an actor");
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_));
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + detail::kQaColumns + " FROM qa_pairs WHERE qa_id = ?"));
  query->bind(1, edited.id);
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return makeError(ErrorCode::NotFound, "no QA pair " + std::to_string(edited.id));
  UGC_DB_ASSIGN(current, detail::readQa(*query));
  query->reset();
  if (current.version != expectedVersion) {
    return makeError(ErrorCode::Conflict, "QA pair " + std::to_string(edited.id) + " is at version " +
                                              std::to_string(current.version) + ", you edited version " +
                                              std::to_string(expectedVersion) + "; nothing was overwritten");
  }
  if (edited.videoId != current.pair.videoId || edited.type != current.pair.type) {
    return makeError(ErrorCode::InvalidArgument, "a QA pair's video and type cannot change");
  }
  StoredQaPair next{edited, current.version + 1, nowIso()};
  UGC_DB_ASSIGN(write, connection_.cached(
                           "UPDATE qa_pairs SET question = ?, options_json = ?, answer = ?, answer_lines_json = ?, "
                           "origin = ?, status = ?, reviewer = ?, reason = ?, edited_by = ?, version = ?, updated_by = ?, "
                           "updated_at = ? WHERE qa_id = ? AND version = ?"));
  write->bindAll(edited.question, detail::stringsToJson(edited.options), edited.answer,
                 detail::stringsToJson(edited.answerLines), std::string(annotation::qaOriginName(edited.origin)),
                 std::string(annotation::qaStatusName(edited.status)), edited.reviewer, edited.reason, edited.editedBy,
                 next.version, actor, next.updatedAt, edited.id, current.version);
  UGC_DB_TRY(write->run());
  UGC_DB_TRY(detail::appendAudit(connection_, actor, "qa", std::to_string(edited.id), "update QA pair",
                                 std::string(annotation::qaStatusName(current.pair.status)),
                                 std::string(annotation::qaStatusName(edited.status)), edited.reason));
  UGC_DB_TRY(transaction.commit());
  return next;
}

Result<std::vector<StoredQaPair>> Project::qaPairs(const std::string& videoId) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + detail::kQaColumns +
                                          " FROM qa_pairs WHERE video_id = ? ORDER BY qa_id"));
  query->bind(1, videoId);
  std::vector<StoredQaPair> pairs;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(pair, detail::readQa(*query));
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

Result<std::vector<StoredQaPair>> Project::qaHistory(int64_t qaId) {
  UGC_DB_ASSIGN(query, connection_.cached(
                           "SELECT h.qa_id, q.video_id, q.qa_type, h.question, h.options_json, h.answer, "
                           "h.answer_lines_json, q.origin, h.status, h.reviewer, h.reason, h.edited_by, h.version, "
                           "h.changed_at FROM qa_history h JOIN qa_pairs q ON q.qa_id = h.qa_id WHERE h.qa_id = ? "
                           "ORDER BY h.version"));
  query->bind(1, qaId);
  std::vector<StoredQaPair> versions;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(pair, detail::readQa(*query));
    versions.push_back(std::move(pair));
  }
  return versions;
}

Result<std::optional<std::string>> Project::nextVideoFor(const QueueQuery& query) {
  // Index-only probes on stage_status (stage, state, assignee, position): one per workable
  // state, first the annotator's own assignments, then unassigned work.
  std::optional<std::pair<int64_t, std::string>> best;
  for (const bool own : {true, false}) {
    UGC_DB_ASSIGN(probe, connection_.cached(
                             own ? "SELECT position, video_id FROM stage_status WHERE stage = ? AND state = ? "
                                   "AND assignee = ? ORDER BY position LIMIT 1"
                                 : "SELECT position, video_id FROM stage_status WHERE stage = ? AND state = ? "
                                   "AND assignee IS NULL ORDER BY position LIMIT 1"));
    for (const auto state : query.workableStates) {
      const std::string name(annotation::taskStateName(state));
      if (own) {
        probe->bindAll(stageText(query.stage), name, query.annotator);
      } else {
        probe->bindAll(stageText(query.stage), name);
      }
      UGC_DB_ASSIGN(row, probe->step());
      if (row && (!best || probe->columnInt(0) < best->first)) best.emplace(probe->columnInt(0), probe->columnText(1));
      probe->reset();
    }
    if (best) return std::optional<std::string>(best->second);
  }
  return std::optional<std::string>();
}

Result<std::vector<StageStatus>> Project::pendingReviews(const ReviewQueueQuery& query) {
  UGC_DB_ASSIGN(statement, connection_.cached(
                               "SELECT video_id, stage, state, head_revision_id, approved_revision_id, assignee, updated_at "
                               "FROM stage_status WHERE state = ? AND (CAST(? AS TEXT) IS NULL OR stage = ?) "
                               "ORDER BY updated_at, position LIMIT ?"));
  std::optional<std::string> stage;
  if (query.stage) stage = stageText(*query.stage);
  statement->bindAll(std::string(annotation::taskStateName(query.state)), stage, stage, query.limit);
  std::vector<StageStatus> out;
  for (;;) {
    UGC_DB_ASSIGN(row, statement->step());
    if (!row) break;
    UGC_DB_ASSIGN(parsedStage, detail::stageFromText(statement->columnTextView(1)));
    out.push_back({statement->columnText(0), parsedStage, query.state, statement->columnOptionalInt(3),
                   statement->columnOptionalInt(4), statement->columnText(5), statement->columnText(6)});
  }
  return out;
}

Result<ProjectStatistics> Project::statistics() {
  // One read transaction: the figures describe one moment.
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection_, TransactionKind::Deferred));
  ProjectStatistics stats;
  UGC_DB_ASSIGN(videos, connection_.queryInt("SELECT COALESCE(SUM(count), 0) FROM video_counts"));
  stats.videos = videos;
  UGC_DB_ASSIGN(annotationOnly, connection_.queryInt("SELECT COALESCE(SUM(count), 0) FROM video_counts WHERE annotation_only = 1"));
  stats.annotationOnlyVideos = annotationOnly;
  UGC_DB_ASSIGN(states, connection_.cached(
                            "SELECT stage, state, count FROM stage_state_counts WHERE count > 0 ORDER BY stage, state"));
  for (;;) {
    UGC_DB_ASSIGN(row, states->step());
    if (!row) break;
    UGC_DB_ASSIGN(stage, detail::stageFromText(states->columnTextView(0)));
    auto state = annotation::parseTaskState(states->columnTextView(1));
    if (!state) return makeError(ErrorCode::InvalidInput, "unknown state " + states->columnText(1));
    stats.stageStates.push_back({stage, *state, states->columnInt(2)});
  }
  UGC_DB_ASSIGN(qa, connection_.cached(
                        "SELECT qa_type, status, count FROM qa_counts WHERE count > 0 ORDER BY qa_type, status"));
  for (;;) {
    UGC_DB_ASSIGN(row, qa->step());
    if (!row) break;
    auto type = annotation::parseQaType(qa->columnTextView(0));
    auto status = annotation::parseQaStatus(qa->columnTextView(1));
    if (!type || !status) return makeError(ErrorCode::InvalidInput, "unknown QA type or status in the counters");
    stats.qa.push_back({*type, *status, qa->columnInt(2)});
  }
  UGC_DB_ASSIGN(authors, connection_.cached(
                             "SELECT author, stage, origin, revisions, seconds_spent FROM author_counts "
                             "ORDER BY author, stage, origin"));
  for (;;) {
    UGC_DB_ASSIGN(row, authors->step());
    if (!row) break;
    UGC_DB_ASSIGN(stage, detail::stageFromText(authors->columnTextView(1)));
    auto origin = annotation::parseRevisionOrigin(authors->columnTextView(2));
    if (!origin) return makeError(ErrorCode::InvalidInput, "unknown revision origin " + authors->columnText(2));
    stats.authors.push_back({authors->columnText(0), stage, *origin, authors->columnInt(3), authors->columnDouble(4)});
  }
  states->reset();
  qa->reset();
  authors->reset();
  UGC_DB_TRY(transaction.commit());
  return stats;
}

Result<std::vector<AuditEvent>> Project::auditLog(const std::string& entityKey) {
  UGC_DB_ASSIGN(query, connection_.cached(
                           "SELECT event_id, at, actor, actor_role, entity, entity_key, action, from_state, to_state, "
                           "detail FROM audit_log WHERE entity_key = ? ORDER BY event_id"));
  query->bind(1, entityKey);
  std::vector<AuditEvent> events;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    events.push_back({query->columnInt(0), query->columnText(1), query->columnText(2), query->columnText(3),
                      query->columnText(4), query->columnText(5), query->columnText(6), query->columnText(7),
                      query->columnText(8), query->columnText(9)});
  }
  return events;
}

Status Project::putSignal(const std::string& fingerprint, const std::string& extractor, const std::string& version,
                          const std::string& payload) {
  UGC_DB_ASSIGN(upsert, connection_.cached(
                            "INSERT INTO signal_cache (fingerprint, extractor, extractor_version, payload, created_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint, extractor, extractor_version) "
                            "DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at"));
  upsert->bindAll(fingerprint, extractor, version, detail::encodePayload(connection_.dialect(), payload), nowIso());
  return upsert->run();
}

Result<std::optional<std::string>> Project::signal(const std::string& fingerprint, const std::string& extractor,
                                                   const std::string& version) {
  UGC_DB_ASSIGN(query, connection_.cached(
                           "SELECT payload FROM signal_cache WHERE fingerprint = ? AND extractor = ? "
                           "AND extractor_version = ?"));
  query->bindAll(fingerprint, extractor, version);
  UGC_DB_ASSIGN(row, query->step());
  std::optional<std::string> payload;
  if (row) payload = detail::decodePayload(query->columnTextView(0));
  query->reset();
  return payload;
}

}  // namespace ugc::db
