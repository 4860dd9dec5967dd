#include "db/store_internal.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

namespace ugc::db::detail {

std::string nowIso() {
  const auto now = std::chrono::system_clock::now();
  return isoFromMs(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
}

std::string isoFromMs(int64_t epochMs) {
  const int64_t millis = ((epochMs % 1000) + 1000) % 1000;
  const std::time_t seconds = std::time_t((epochMs - millis) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(millis));
  return buffer;
}

std::string stageText(annotation::Stage stage) { return std::string(annotation::stageName(stage)); }

Result<annotation::Stage> stageFromText(std::string_view text) {
  if (auto stage = annotation::parseStage(text)) return *stage;
  return makeError(ErrorCode::InvalidInput, "unknown stage '" + std::string(text) + "' (audio, visual or joint)");
}

namespace {
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}
}  // namespace

int64_t wordEditDistance(std::string_view from, std::string_view to) {
  const auto a = words(from);
  const auto b = words(to);
  std::vector<int64_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = int64_t(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = int64_t(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int64_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string encodePayload(Dialect dialect, std::string_view payload) {
  if (dialect != Dialect::Postgres) return std::string(payload);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "hex:";
  out.reserve(4 + payload.size() * 2);
  for (unsigned char c : payload) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string decodePayload(std::string_view stored) {
  if (!stored.starts_with("hex:")) return std::string(stored);
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  out.reserve((stored.size() - 4) / 2);
  for (size_t i = 4; i + 1 < stored.size(); i += 2) out += char((nibble(stored[i]) << 4) | nibble(stored[i + 1]));
  return out;
}

Status refreshStatisticsAfterBulkLoad(Connection& connection) {
  if (connection.dialect() != Dialect::Postgres) return {};
  return connection.execute("ANALYZE");
}

Status appendAudit(Connection& connection, const std::string& actor, const std::string& entity,
                   const std::string& entityKey, const std::string& action, const std::string& fromState,
                   const std::string& toState, const std::string& detail) {
  UGC_DB_ASSIGN(insert, connection.cached(
                            "INSERT INTO audit_log (at, actor, entity, entity_key, action, from_state, to_state, detail) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->bindAll(nowIso(), actor, entity, entityKey, action, fromState, toState, detail);
  return insert->run();
}

Status applyWorkflowEvent(Connection& connection, const annotation::WorkflowEvent& event) {
  const std::string stage = stageText(event.stage);
  const std::string from(annotation::taskStateName(event.from));
  const std::string to(annotation::taskStateName(event.to));
  const std::string at = event.at > 0 ? isoFromMs(event.at) : nowIso();
  // Compare-and-set: the event was computed from `from`; if the stage moved, nothing changes.
  UGC_DB_ASSIGN(update, connection.cached(
                            "UPDATE stage_status SET state = ?, updated_at = ? WHERE video_id = ? AND stage = ? "
                            "AND state = ?"));
  update->bindAll(to, at, event.videoId, stage, from);
  UGC_DB_TRY(update->run());
  if (connection.changes() != 1) {
    UGC_DB_ASSIGN(current, connection.cached("SELECT state FROM stage_status WHERE video_id = ? AND stage = ?"));
    current->bindAll(event.videoId, stage);
    UGC_DB_ASSIGN(row, current->step());
    const std::string now = row ? current->columnText(0) : std::string();
    current->reset();
    if (!row) return makeError(ErrorCode::NotFound, "no video " + event.videoId + " in the project");
    return makeError(ErrorCode::Conflict, stageKey(event.videoId, event.stage) + " is '" + now + "', not '" + from +
                                              "': someone else changed it first");
  }
  // A submitted, approved or rejected stage is done with by whoever held it (team mode's leases).
  if (event.to == annotation::TaskState::Submitted || event.to == annotation::TaskState::Approved ||
      event.to == annotation::TaskState::Rejected) {
    UGC_DB_ASSIGN(release, connection.cached("DELETE FROM leases WHERE video_id = ? AND stage = ?"));
    release->bindAll(event.videoId, stage);
    UGC_DB_TRY(release->run());
  }
  UGC_DB_ASSIGN(audit, connection.cached(
                           "INSERT INTO audit_log (at, at_ms, actor, actor_role, entity, entity_key, action, from_state, "
                           "to_state, detail) VALUES (?, ?, ?, ?, 'stage', ?, ?, ?, ?, ?)"));
  audit->bindAll(at, event.at, event.actor, std::string(annotation::roleName(event.actorRole)),
                 stageKey(event.videoId, event.stage), std::string(annotation::workflowActionName(event.action)), from,
                 to, event.reason);
  return audit->run();
}

std::string stageKey(const std::string& videoId, annotation::Stage stage) { return videoId + "/" + stageText(stage); }

}  // namespace ugc::db::detail
