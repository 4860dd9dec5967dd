// Leased tasks (team mode): "next task for me" hands one video's stage to one person at a time.
//
// The lease row (primary key video, stage) is the guarantee: it is written by a conditional
// upsert that overwrites only an expired lease or the person's own, so two people can never
// hold the same stage, whatever the engine and the isolation. The candidate query is only the
// fast path: on PostgreSQL it locks the stage_status row it picks with FOR UPDATE SKIP LOCKED,
// so twenty annotators asking at once each get a different row without waiting for one
// another; a candidate whose upsert loses a race is skipped and the next one tried.
#include <chrono>

#include "db/project.h"
#include "db/store_internal.h"

namespace ugc::db {

using detail::stageText;

const char* leaseKindName(LeaseKind kind) { return kind == LeaseKind::Review ? "review" : "annotate"; }

namespace {

int64_t nowOr(int64_t nowMs) {
  if (nowMs > 0) return nowMs;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<Lease> readLease(const Statement& row) {
  Lease lease;
  lease.videoId = row.columnText(0);
  auto stage = detail::stageFromText(row.columnTextView(1));
  if (!stage) return tl::unexpected(stage.error());
  lease.stage = *stage;
  lease.kind = row.columnTextView(2) == "review" ? LeaseKind::Review : LeaseKind::Annotate;
  lease.holder = row.columnText(3);
  lease.grantedAtMs = row.columnInt(4);
  lease.expiresAtMs = row.columnInt(5);
  return lease;
}

constexpr const char* kLeaseColumns = "video_id, stage, kind, holder, granted_at_ms, expires_at_ms";

// Writes the lease unless someone else holds a live one; true when written.
Result<bool> takeLease(Connection& connection, const Lease& lease, int64_t nowMs) {
  UGC_DB_ASSIGN(upsert, connection.cached(
                            "INSERT INTO leases (video_id, stage, kind, holder, granted_at_ms, expires_at_ms) "
                            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (video_id, stage) DO UPDATE SET "
                            "kind = excluded.kind, holder = excluded.holder, granted_at_ms = excluded.granted_at_ms, "
                            "expires_at_ms = excluded.expires_at_ms "
                            "WHERE leases.expires_at_ms <= ? OR leases.holder = excluded.holder"));
  upsert->bindAll(lease.videoId, stageText(lease.stage), leaseKindName(lease.kind), lease.holder, lease.grantedAtMs,
                  lease.expiresAtMs, nowMs);
  UGC_DB_TRY(upsert->run());
  return connection.changes() == 1;
}

// The person's live lease of this stage and kind, if any.
Result<std::optional<Lease>> heldLease(Connection& connection, const LeaseRequest& request, int64_t nowMs) {
  UGC_DB_ASSIGN(query, connection.cached(std::string("SELECT ") + kLeaseColumns +
                                         " FROM leases WHERE holder = ? AND stage = ? AND kind = ? "
                                         "AND expires_at_ms > ? ORDER BY granted_at_ms LIMIT 1"));
  query->bindAll(request.person, stageText(request.stage), leaseKindName(request.kind), nowMs);
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return std::optional<Lease>();
  auto lease = readLease(*query);
  query->reset();
  if (!lease) return tl::unexpected(lease.error());
  return std::optional<Lease>(std::move(*lease));
}

// Candidates in queue order, without live leases of others; `skip` already lost a race.
Result<std::vector<std::string>> candidates(Connection& connection, const LeaseRequest& request, int64_t nowMs,
                                            int limit) {
  const bool server = connection.dialect() == Dialect::Postgres;
  const std::string notLeased =
      " AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.video_id = s.video_id AND l.stage = s.stage "
      "AND l.expires_at_ms > ? AND l.holder <> ?)";
  const std::string locking = server ? " FOR UPDATE OF s SKIP LOCKED" : "";
  std::vector<std::string> out;
  if (request.kind == LeaseKind::Review) {
    // Nobody reviews their own work: the head revision's author is not the reviewer.
    UGC_DB_ASSIGN(query, connection.cached(
                             "SELECT s.video_id FROM stage_status s JOIN revisions r ON r.revision_id = s.head_revision_id "
                             "WHERE s.stage = ? AND s.state = 'submitted' AND r.author <> ?" +
                             notLeased + " ORDER BY s.updated_at, s.position LIMIT ?" + locking));
    query->bindAll(stageText(request.stage), request.person, nowMs, request.person, limit);
    for (;;) {
      UGC_DB_ASSIGN(row, query->step());
      if (!row) break;
      out.push_back(query->columnText(0));
    }
    return out;
  }
  // Annotation: the person's own assignments first, then unassigned work, each in the order of
  // the workable states and then of arrival (the queue's order, as nextVideoFor).
  for (const bool own : {true, false}) {
    for (const auto state : request.workableStates) {
      UGC_DB_ASSIGN(query, connection.cached(
                               std::string("SELECT s.video_id FROM stage_status s WHERE s.stage = ? AND s.state = ? AND ") +
                               (own ? "s.assignee = ?" : "s.assignee IS NULL") + notLeased +
                               " ORDER BY s.position LIMIT ?" + locking));
      const std::string stateName(annotation::taskStateName(state));
      const int remaining = limit - int(out.size());
      if (own) {
        query->bindAll(stageText(request.stage), stateName, request.person, nowMs, request.person, remaining);
      } else {
        query->bindAll(stageText(request.stage), stateName, nowMs, request.person, remaining);
      }
      for (;;) {
        UGC_DB_ASSIGN(row, query->step());
        if (!row) break;
        out.push_back(query->columnText(0));
      }
      if (int(out.size()) >= limit) return out;
    }
  }
  return out;
}

}  // namespace

Result<std::optional<Lease>> Project::leaseNextTask(const LeaseRequest& request) {
  if (request.person.empty()) return makeError(ErrorCode::InvalidArgument, "a lease needs a person");
  if (request.durationMs <= 0) return makeError(ErrorCode::InvalidArgument, "a lease needs a positive duration");
  const int64_t now = nowOr(request.nowMs);
  // PostgreSQL: row locks, not the project's writer lock, so leasing never waits for a save.
  UGC_DB_ASSIGN(transaction,
                Transaction::begin(connection_, isServerProject() ? TransactionKind::RowLocking
                                                                  : TransactionKind::Immediate));
  UGC_DB_ASSIGN(held, heldLease(connection_, request, now));
  if (held) {
    Lease renewed = *held;
    renewed.expiresAtMs = now + request.durationMs;
    UGC_DB_ASSIGN(kept, takeLease(connection_, renewed, now));
    if (!kept) return makeError(ErrorCode::Conflict, "the lease of " + held->videoId + " was lost");
    UGC_DB_TRY(transaction.commit());
    return std::optional<Lease>(renewed);
  }
  // A candidate can lose its race when many people ask at once (its lease was committed after
  // the query's snapshot): ask again; only an empty answer means no work.
  for (int attempt = 0; attempt < 20; ++attempt) {
    // One candidate at a time: a row locked FOR UPDATE and then not taken would hide a task
    // from everyone asking at the same moment (SKIP LOCKED), so lock only the one to take.
    UGC_DB_ASSIGN(options, candidates(connection_, request, now, 1));
    if (options.empty()) break;
    for (const auto& videoId : options) {
      Lease lease{videoId, request.stage, request.kind, request.person, now, now + request.durationMs};
      UGC_DB_ASSIGN(taken, takeLease(connection_, lease, now));
      if (!taken) continue;  // someone took it since the query read it
      UGC_DB_TRY(detail::appendAudit(connection_, request.person, "lease", detail::stageKey(videoId, request.stage),
                                     std::string("lease ") + leaseKindName(request.kind), "", "",
                                     std::to_string(request.durationMs / 1000) + " s"));
      UGC_DB_TRY(transaction.commit());
      return std::optional<Lease>(std::move(lease));
    }
  }
  UGC_DB_TRY(transaction.commit());
  return std::optional<Lease>();
}

Result<Lease> Project::renewLease(const std::string& videoId, annotation::Stage stage, const std::string& person,
                                  int64_t durationMs, int64_t nowMs) {
  const int64_t now = nowOr(nowMs);
  // Still this person's row: live, or expired and not yet taken by anyone else.
  UGC_DB_ASSIGN(update, connection_.cached(
                            "UPDATE leases SET expires_at_ms = ? WHERE video_id = ? AND stage = ? AND holder = ?"));
  update->bindAll(now + durationMs, videoId, stageText(stage), person);
  UGC_DB_TRY(update->run());
  if (connection_.changes() != 1) {
    return makeError(ErrorCode::Conflict, detail::stageKey(videoId, stage) + " is no longer leased to " + person +
                                              ": the lease expired and the task went to someone else");
  }
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + kLeaseColumns +
                                          " FROM leases WHERE video_id = ? AND stage = ?"));
  query->bindAll(videoId, stageText(stage));
  UGC_DB_ASSIGN(row, query->step());
  if (!row) return makeError(ErrorCode::Conflict, detail::stageKey(videoId, stage) + " has no lease");
  auto lease = readLease(*query);
  query->reset();
  return lease;
}

Status Project::releaseLease(const std::string& videoId, annotation::Stage stage, const std::string& person) {
  UGC_DB_ASSIGN(remove, connection_.cached("DELETE FROM leases WHERE video_id = ? AND stage = ? AND holder = ?"));
  remove->bindAll(videoId, stageText(stage), person);
  return remove->run();
}

Result<std::vector<Lease>> Project::activeLeases(int64_t nowMs) {
  UGC_DB_ASSIGN(query, connection_.cached(std::string("SELECT ") + kLeaseColumns +
                                          " FROM leases WHERE expires_at_ms > ? ORDER BY expires_at_ms, video_id, stage"));
  query->bind(1, nowOr(nowMs));
  std::vector<Lease> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(lease, readLease(*query));
    out.push_back(std::move(lease));
  }
  return out;
}

}  // namespace ugc::db
