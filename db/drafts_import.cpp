// External model drafts (JSONL) → draft revisions, each attached to its stage's workflow.
#include <nlohmann/json.hpp>
#include <set>

#include "db/import_common.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db {

namespace {
struct DraftLine {
  int64_t line = 0;
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  std::string text;
  std::string source;
};
}  // namespace

Result<ImportReport> importDrafts(Project& project, const fs::path& jsonl, const DraftImportParams& params,
                                  const ProgressSink& progress, const CancelToken& cancel) {
  UGC_DB_ASSIGN(text, detail::readWholeFile(jsonl));
  const std::string file = jsonl.filename().string();
  const std::string defaultSource = params.source.empty() ? file : params.source;
  auto& connection = project.connection();
  std::vector<ImportIssue> errors;
  std::vector<DraftLine> drafts;
  std::set<std::pair<std::string, annotation::Stage>> seen;
  size_t start = 0;
  for (int64_t line = 1; start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string content = text.substr(start, end - start);
    start = end + 1;
    if (content.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto json = nlohmann::json::parse(content, nullptr, false);
    if (json.is_discarded()) {
      errors.push_back({file, line, "not valid JSON"});
      continue;
    }
    if (!json.is_object()) {
      errors.push_back({file, line, "expected a JSON object {\"video_id\", \"stage\", \"text\"}"});
      continue;
    }
    auto stringKey = [&](const char* key, bool required) -> std::optional<std::string> {
      auto it = json.find(key);
      if (it == json.end()) {
        if (required) errors.push_back({file, line, std::string("missing \"") + key + "\""});
        return std::nullopt;
      }
      if (!it->is_string()) {
        errors.push_back({file, line, std::string("\"") + key + "\" must be a string, not " + it->type_name()});
        return std::nullopt;
      }
      return it->get<std::string>();
    };
    auto videoId = stringKey("video_id", true);
    auto stageName = stringKey("stage", true);
    auto draftText = stringKey("text", true);
    auto source = stringKey("source", false);
    if (!source) source = stringKey("model", false);
    if (!videoId || !stageName || !draftText) continue;
    auto stage = annotation::parseStage(*stageName);
    if (!stage) {
      errors.push_back({file, line, "unknown stage \"" + *stageName + "\" (audio, visual or joint)"});
      continue;
    }
    UGC_DB_ASSIGN(exists, detail::videoExists(connection, *videoId));
    if (!exists) {
      errors.push_back({file, line, "unknown video id \"" + *videoId + "\""});
      continue;
    }
    if (!seen.insert({*videoId, *stage}).second) {
      errors.push_back({file, line, "a second draft for " + *videoId + "/" + *stageName + " in the same file"});
      continue;
    }
    drafts.push_back({line, *videoId, *stage, *draftText, source.value_or(defaultSource)});
  }
  if (!errors.empty()) return detail::importFailure(errors);

  ImportReport report;
  const std::string now = detail::nowIso();
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection));
  UGC_DB_ASSIGN(stateQuery, connection.cached("SELECT state FROM stage_status WHERE video_id = ? AND stage = ?"));
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& draft = drafts[i];
    Revision revision;
    revision.videoId = draft.videoId;
    revision.stage = draft.stage;
    revision.origin = annotation::RevisionOrigin::ImportedDraft;
    revision.source = draft.source;
    revision.author = params.actor;
    revision.caption = draft.text;
    revision.createdAt = now;
    UGC_DB_TRY(detail::insertRevision(connection, revision));
    ++report.draftsAdded;
    // attach_draft: NotStarted/Drafted -> Drafted; work already under way keeps its state.
    stateQuery->bindAll(draft.videoId, detail::stageText(draft.stage));
    UGC_DB_ASSIGN(row, stateQuery->step());
    const annotation::TaskState state =
        (row ? annotation::parseTaskState(stateQuery->columnTextView(0)) : std::nullopt)
            .value_or(annotation::TaskState::InProgress);
    stateQuery->reset();
    if (state == annotation::TaskState::NotStarted || state == annotation::TaskState::Drafted) {
      annotation::WorkflowEvent event{draft.videoId, draft.stage, annotation::WorkflowAction::AttachDraft, state,
                                      annotation::TaskState::Drafted, params.actor, annotation::Role::Admin,
                                      "imported draft from " + draft.source, 0};
      UGC_DB_TRY(detail::applyWorkflowEvent(connection, event));
    }
    if (i % 256 == 0) ugc::report(progress, "importing drafts", int64_t(i), int64_t(drafts.size()));
  }
  UGC_DB_TRY(transaction.commit());
  ugc::report(progress, "importing drafts", int64_t(drafts.size()), int64_t(drafts.size()));
  UGC_DB_TRY(detail::refreshStatisticsAfterBulkLoad(connection));
  return report;
}

}  // namespace ugc::db
