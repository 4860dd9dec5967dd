#pragma once
// Row-level reads and writes shared by Project and the importers, all through the
// connection's statement cache, all expecting the caller to hold a write transaction.

#include <string>

#include "db/project_types.h"
#include "db/connection.h"

namespace ugc::db::detail {

// Ids become file names and JSON keys: printable, no path separators, bounded.
Status validateVideoId(const std::string& id);

Result<int64_t> nextVideoPosition(Connection& connection);
// Inserts the video and its three stages in the initial state.
Status insertVideo(Connection& connection, const NewVideo& video, int64_t position, const std::string& now);
Result<bool> videoExists(Connection& connection, const std::string& videoId);

std::string fieldsJsonOf(const Revision& revision);
Result<int64_t> insertRevision(Connection& connection, const Revision& revision);

// Makes an imported revision the head and the approved one, with a review and an audit entry
// naming the import (imported content counts as approved).
Status approveImported(Connection& connection, const std::string& videoId, annotation::Stage stage,
                       int64_t revisionId, const std::string& source, const std::string& now);

// Makes an imported revision the head of a stage awaiting review (state submitted), with an
// audit entry naming the import.
Status submitImported(Connection& connection, const std::string& videoId, annotation::Stage stage,
                      int64_t revisionId, const std::string& source, const std::string& now);

Result<int64_t> insertQa(Connection& connection, const annotation::QaPair& pair, const std::string& actor,
                         const std::string& now);

// SELECT list matching readRevision().
inline constexpr const char* kRevisionColumns =
    "revision_id, video_id, stage, origin, parent_revision_id, draft_revision_id, fields_json, caption, author, "
    "source, created_at, seconds_spent, edit_distance";
Result<Revision> readRevision(const Statement& row);

inline constexpr const char* kQaColumns =
    "qa_id, video_id, qa_type, question, options_json, answer, answer_lines_json, origin, status, reviewer, reason, "
    "edited_by, version, updated_at";
Result<StoredQaPair> readQa(const Statement& row);
std::string stringsToJson(const std::vector<std::string>& strings);
Result<std::vector<std::string>> stringsFromJson(std::string_view json);

}  // namespace ugc::db::detail
