#include "db/project_copy.h"

#include "db/store_internal.h"

namespace ugc::db {
namespace {

enum class Type { Int, Real, Text, Payload };

struct Column {
  const char* name;
  Type type;
};

struct TableSpec {
  const char* name;
  const char* orderBy;
  std::vector<Column> columns;
  const char* onConflict = "";  // for rows the new target already has (its created_at setting)
  const char* where = "";       // rows the target's triggers already wrote are skipped
  const char* identity = "";    // PostgreSQL: the identity column whose sequence must follow the ids
};

constexpr Type I = Type::Int;
constexpr Type R = Type::Real;
constexpr Type T = Type::Text;
constexpr Type P = Type::Payload;  // the signal cache's bytes, stored per engine (detail::encodePayload)

// In foreign-key order. The counter tables (stage_state_counts, qa_counts, author_counts,
// video_counts) are the target's triggers' to fill; each pair's current version in qa_history
// too (written by the qa_pairs trigger), so only the older versions are copied, and history
// rows get new ids (a pair's versions keep their numbers and order; nothing reads the ids).
const std::vector<TableSpec>& tables() {
  static const std::vector<TableSpec> specs = {
      {"settings", "key", {{"key", T}, {"value", T}}, " ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
      {"users", "name", {{"name", T}, {"role", T}, {"created_at", T}}},
      {"videos", "position",
       {{"video_id", T}, {"position", I}, {"media_path", T}, {"fingerprint", T}, {"probe_json", T}, {"source_url", T},
        {"annotation_only", I}, {"origin", T}, {"created_at", T}}},
      {"revisions", "revision_id",
       {{"revision_id", I}, {"video_id", T}, {"stage", T}, {"kind", T}, {"origin", T}, {"parent_revision_id", I},
        {"draft_revision_id", I}, {"fields_json", T}, {"caption", T}, {"author", T}, {"source", T}, {"created_at", T},
        {"seconds_spent", R}, {"edit_distance", I}},
       "", "", "revision_id"},
      {"stage_status", "position, stage",
       {{"video_id", T}, {"stage", T}, {"position", I}, {"state", T}, {"head_revision_id", I},
        {"approved_revision_id", I}, {"assignee", T}, {"updated_at", T}}},
      {"reviews", "review_id",
       {{"review_id", I}, {"video_id", T}, {"stage", T}, {"revision_id", I}, {"reviewer", T}, {"reviewer_role", T},
        {"decision", T}, {"reason", T}, {"from_state", T}, {"to_state", T}, {"at_ms", I}, {"created_at", T}},
       "", "", "review_id"},
      {"qa_pairs", "qa_id",
       {{"qa_id", I}, {"video_id", T}, {"qa_type", T}, {"question", T}, {"options_json", T}, {"answer", T},
        {"answer_lines_json", T}, {"origin", T}, {"status", T}, {"reviewer", T}, {"reason", T}, {"edited_by", T},
        {"version", I}, {"updated_by", T}, {"updated_at", T}},
       "", "", "qa_id"},
      {"qa_history", "history_id",
       {{"qa_id", I}, {"version", I}, {"question", T}, {"options_json", T}, {"answer", T},
        {"answer_lines_json", T}, {"status", T}, {"reviewer", T}, {"reason", T}, {"edited_by", T}, {"changed_by", T},
        {"changed_at", T}},
       "", " WHERE version < (SELECT q.version FROM qa_pairs q WHERE q.qa_id = qa_history.qa_id)"},
      {"assignments", "assignment_id",
       {{"assignment_id", I}, {"video_id", T}, {"stage", T}, {"annotator", T}, {"assigned_by", T}, {"assigned_at", T}},
       "", "", "assignment_id"},
      {"audit_log", "event_id",
       {{"event_id", I}, {"at", T}, {"at_ms", I}, {"actor", T}, {"actor_role", T}, {"entity", T}, {"entity_key", T},
        {"action", T}, {"from_state", T}, {"to_state", T}, {"detail", T}},
       "", "", "event_id"},
      {"release_files", "file_order, file_name", {{"file_name", T}, {"file_order", I}, {"question", T}}},
      {"release_samples", "sample_id",
       {{"sample_id", I}, {"file_name", T}, {"position", I}, {"video_id", T}, {"path", T}, {"revision_id", I},
        {"qa_id", I}},
       "", "", "sample_id"},
      {"signal_cache", "fingerprint, extractor, extractor_version",
       {{"fingerprint", T}, {"extractor", T}, {"extractor_version", T}, {"payload", P}, {"created_at", T}}},
      {"leases", "video_id, stage",
       {{"video_id", T}, {"stage", T}, {"kind", T}, {"holder", T}, {"granted_at_ms", I}, {"expires_at_ms", I}}},
  };
  return specs;
}

}  // namespace

Result<CopyReport> copyProject(Project& from, Project& to, const ProgressSink& progress, const CancelToken& cancel) {
  Connection& source = from.connection();
  Connection& target = to.connection();
  UGC_DB_ASSIGN(existing, to.videoCount());
  if (existing > 0) {
    return makeError(ErrorCode::InvalidArgument, to.path().string() + " already holds videos: migrate into a new project");
  }
  UGC_DB_ASSIGN(readSnapshot, Transaction::begin(source, TransactionKind::Deferred));
  UGC_DB_ASSIGN(write, Transaction::begin(target, TransactionKind::Immediate));
  const auto& specs = tables();
  CopyReport out;
  for (size_t t = 0; t < specs.size(); ++t) {
    const TableSpec& spec = specs[t];
    std::string columns;
    std::string marks;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      columns += (c ? ", " : "") + std::string(spec.columns[c].name);
      marks += c ? ", ?" : "?";
    }
    UGC_DB_ASSIGN(read, source.prepare("SELECT " + columns + " FROM " + spec.name + spec.where + " ORDER BY " +
                                       spec.orderBy));
    UGC_DB_ASSIGN(insert, target.cached("INSERT INTO " + std::string(spec.name) + " (" + columns + ") VALUES (" +
                                        marks + ")" + spec.onConflict));
    int64_t rows = 0;
    for (;;) {
      UGC_DB_ASSIGN(row, read.step());
      if (!row) break;
      for (size_t c = 0; c < spec.columns.size(); ++c) {
        const int index = int(c) + 1;
        if (read.isNull(int(c))) {
          insert->bind(index, std::nullopt);
        } else if (spec.columns[c].type == Type::Int) {
          insert->bind(index, read.columnInt(int(c)));
        } else if (spec.columns[c].type == Type::Real) {
          insert->bind(index, read.columnDouble(int(c)));
        } else if (spec.columns[c].type == Type::Payload) {
          insert->bind(index, detail::encodePayload(target.dialect(), detail::decodePayload(read.columnTextView(int(c)))));
        } else {
          insert->bind(index, read.columnTextView(int(c)));
        }
      }
      if (auto ok = insert->run(); !ok) {
        return makeError(ok.error().code, std::string("copying ") + spec.name + ": " + ok.error().message);
      }
      if (++rows % 1000 == 0) {
        if (cancel.isCancelled()) return makeError(ErrorCode::Cancelled, "migration cancelled; nothing was written");
        report(progress, spec.name, int64_t(t), int64_t(specs.size()));
      }
    }
    read.reset();
    if (*spec.identity && target.dialect() == Dialect::Postgres) {
      // Explicit ids do not move an identity column's sequence: the next new row must follow them.
      const std::string sql = std::string("SELECT setval(pg_get_serial_sequence('") + spec.name + "', '" +
                              spec.identity + "'), COALESCE((SELECT MAX(" + spec.identity + ") FROM " + spec.name +
                              "), 0) + 1, false)";
      UGC_DB_TRY(target.queryInt(sql));
    }
    out.tables.push_back({spec.name, rows});
    out.rows += rows;
    report(progress, spec.name, int64_t(t + 1), int64_t(specs.size()));
  }
  if (cancel.isCancelled()) return makeError(ErrorCode::Cancelled, "migration cancelled; nothing was written");
  UGC_DB_TRY(write.commit());
  UGC_DB_TRY(readSnapshot.commit());
  UGC_DB_TRY(detail::refreshStatisticsAfterBulkLoad(target));
  return out;
}

}  // namespace ugc::db
