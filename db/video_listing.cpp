#include "db/video_listing.h"

namespace ugc::db {
namespace {

constexpr const char* kJoinStages =
    " FROM videos v"
    " JOIN stage_status a ON a.video_id = v.video_id AND a.stage = 'audio'"
    " JOIN stage_status s ON s.video_id = v.video_id AND s.stage = 'visual'"
    " JOIN stage_status j ON j.video_id = v.video_id AND j.stage = 'joint'";

const char* stageAlias(annotation::Stage stage) {
  switch (stage) {
    case annotation::Stage::Audio: return "a";
    case annotation::Stage::Visual: return "s";
    case annotation::Stage::Joint: return "j";
  }
  return "a";
}

// The WHERE clause; parameters are bound in the order they appear. A substring's position is
// instr() to SQLite and strpos() to PostgreSQL (same arguments, both case-sensitive).
std::string whereClause(const VideoListFilter& filter, Dialect dialect) {
  std::string where = std::string(" WHERE (?1 = '' OR ") + (dialect == Dialect::Postgres ? "strpos" : "instr") +
                      "(v.video_id, ?1) > 0)";
  const std::string alias = stageAlias(filter.stage.value_or(annotation::Stage::Audio));
  if (filter.state) where += " AND " + alias + ".state = ?2";
  if (filter.assignee) where += " AND COALESCE(" + alias + ".assignee, '') = ?3";
  return where;
}

void bindFilter(Statement& statement, const VideoListFilter& filter) {
  statement.bind(1, filter.idContains);
  if (filter.state) statement.bind(2, std::string(annotation::taskStateName(*filter.state)));
  if (filter.assignee) statement.bind(3, *filter.assignee);
}

Result<annotation::TaskState> stateOf(const Statement& row, int column) {
  auto state = annotation::parseTaskState(row.columnTextView(column));
  if (!state) return makeError(ErrorCode::InvalidInput, "unknown stage state '" + row.columnText(column) + "'");
  return *state;
}

}  // namespace

Result<int64_t> countVideos(Project& project, const VideoListFilter& filter) {
  auto statement = project.connection().prepare(std::string("SELECT COUNT(*)") + kJoinStages + whereClause(filter, project.connection().dialect()));
  if (!statement) return tl::unexpected(statement.error());
  bindFilter(*statement, filter);
  auto row = statement->step();
  if (!row) return tl::unexpected(row.error());
  return *row ? statement->columnInt(0) : 0;
}

Result<std::vector<VideoListRow>> listVideos(Project& project, const VideoListFilter& filter, int64_t offset,
                                             int64_t limit) {
  auto statement = project.connection().prepare(
      std::string("SELECT v.video_id, v.position, COALESCE(v.media_path, ''), v.annotation_only,"
                  " COALESCE(v.probe_json, ''), a.state, COALESCE(a.assignee, ''), s.state, COALESCE(s.assignee, ''),"
                  " j.state, COALESCE(j.assignee, '')") +
      kJoinStages + whereClause(filter, project.connection().dialect()) + " ORDER BY v.position LIMIT ?4 OFFSET ?5");
  if (!statement) return tl::unexpected(statement.error());
  bindFilter(*statement, filter);
  statement->bind(4, limit).bind(5, offset);
  std::vector<VideoListRow> rows;
  for (;;) {
    auto more = statement->step();
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    VideoListRow row;
    row.videoId = statement->columnText(0);
    row.position = statement->columnInt(1);
    row.mediaPath = statement->columnText(2);
    row.annotationOnly = statement->columnInt(3) != 0;
    row.probeJson = statement->columnText(4);
    for (int stage = 0; stage < 3; ++stage) {
      auto state = stateOf(*statement, 5 + 2 * stage);
      if (!state) return tl::unexpected(state.error());
      row.stages[size_t(stage)] = StageCell{*state, statement->columnText(6 + 2 * stage)};
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ugc::db
