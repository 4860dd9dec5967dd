#pragma once
// Helpers shared by the store's .cpp files (not part of its public interface).

#include <cstdint>
#include <string>
#include <string_view>

#include "annotation/stage.h"
#include "annotation/workflow.h"
#include "core/error.h"
#include "db/connection.h"

// Propagates the error of a Result/Status expression out of the current function.
#define UGC_DB_TRY(expr)                                          \
  do {                                                            \
    auto&& ugc_db_try_result_ = (expr);                           \
    if (!ugc_db_try_result_) return tl::unexpected(ugc_db_try_result_.error()); \
  } while (0)

// Declares `name` as a reference to the value of a Result expression, or returns its error.
#define UGC_DB_ASSIGN(name, expr)                                   \
  auto name##_result_ = (expr);                                     \
  if (!name##_result_) return tl::unexpected(name##_result_.error()); \
  auto& name = *name##_result_

namespace ugc::db::detail {

// UTC, ISO 8601 with milliseconds: "2026-11-25T13:04:05.123Z" (sorts as text).
std::string nowIso();
std::string isoFromMs(int64_t millisecondsSinceEpoch);

std::string stageText(annotation::Stage stage);
Result<annotation::Stage> stageFromText(std::string_view text);

// Word-level Levenshtein distance: how many words an annotator changed in a draft.
int64_t wordEditDistance(std::string_view from, std::string_view to);

// The signal cache holds binary payloads (the captioner's features). SQLite keeps any bytes in
// TEXT; a PostgreSQL TEXT cannot hold a NUL byte, so there the payload is stored hex-encoded
// (prefix "hex:"). Decoding takes either form.
std::string encodePayload(Dialect dialect, std::string_view payload);
std::string decodePayload(std::string_view stored);

// After a bulk load on PostgreSQL: fresh planner statistics (ANALYZE), so the queue's queries
// use their indexes at once instead of after autovacuum's next round. Nothing on SQLite.
Status refreshStatisticsAfterBulkLoad(Connection& connection);
Status appendAudit(Connection& connection, const std::string& actor, const std::string& entity,
                   const std::string& entityKey, const std::string& action, const std::string& fromState,
                   const std::string& toState, const std::string& detail = {});
// A workflow transition: must start from the stage's current state (else Conflict); moves it.
Status applyWorkflowEvent(Connection& connection, const annotation::WorkflowEvent& event);

// "<video id>/<stage>": the audit key of one video's stage.
std::string stageKey(const std::string& videoId, annotation::Stage stage);

}  // namespace ugc::db::detail
