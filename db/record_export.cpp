// A project → one JSONL record per video (everything), or training data (SFT/GRPO).
// Streams: every query is ordered by video position and merged, so memory stays flat.
#include "annotation/qa_templates.h"
#include "db/export_common.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db::detail {
namespace {

using nlohmann::ordered_json;

constexpr const char* kStageSql =
    "SELECT s.video_id, s.state, r.revision_id, r.origin, r.source, r.author, r.created_at, r.caption, r.fields_json "
    "FROM stage_status s LEFT JOIN revisions r ON r.revision_id = CASE WHEN ? = 1 "
    "THEN COALESCE(s.head_revision_id, s.approved_revision_id) ELSE s.approved_revision_id END "
    "WHERE s.stage = ? ORDER BY s.position";

ordered_json stageRecord(const Statement& row) {
  ordered_json stage;
  stage["state"] = row.columnText(1);
  if (row.isNull(2)) {
    stage["caption"] = nullptr;
    stage["fields"] = nullptr;
    stage["revision"] = nullptr;
    return stage;
  }
  stage["caption"] = row.columnText(7);
  auto fields = ordered_json::parse(row.columnTextView(8), nullptr, false);
  stage["fields"] = fields.is_discarded() ? ordered_json(nullptr) : fields;
  stage["revision"] = {{"id", row.columnInt(2)},
                       {"origin", row.columnText(3)},
                       {"source", row.columnText(4)},
                       {"author", row.columnText(5)},
                       {"created_at", row.columnText(6)}};
  return stage;
}

std::string trainingPrompt() {
  // The training files use the final-caption prompt without the release's trailing space.
  std::string prompt(annotation::kFinalCaptionPrompt);
  while (!prompt.empty() && prompt.back() == ' ') prompt.pop_back();
  return "<video>" + prompt;
}

}  // namespace

Result<std::vector<ExportedFile>> writeRecordExport(Project& project, const fs::path& staging,
                                                    const ExportParams& params, const ProgressSink& progress,
                                                    const CancelToken& cancel) {
  auto& connection = project.connection();
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection, TransactionKind::Deferred));
  UGC_DB_ASSIGN(total, connection.queryInt("SELECT COUNT(*) FROM videos"));
  UGC_DB_ASSIGN(videos, connection.prepare(
                            "SELECT video_id, media_path, fingerprint, source_url, annotation_only, origin, created_at "
                            "FROM videos ORDER BY position"));
  std::vector<Statement> stages;
  for (auto stage : annotation::kAllStages) {
    UGC_DB_ASSIGN(statement, connection.prepare(kStageSql));
    statement.bindAll(params.includeUnreviewed, stageText(stage));
    stages.push_back(std::move(statement));
  }
  const bool records = params.format == ExportFormat::Jsonl;
  UGC_DB_ASSIGN(qa, connection.prepare(
                        "SELECT q.video_id, q.qa_type, q.question, q.options_json, q.answer, q.answer_lines_json, "
                        "q.origin, q.status, q.reviewer, q.reason, q.version FROM qa_pairs q JOIN videos v "
                        "ON v.video_id = q.video_id WHERE ? = 1 ORDER BY v.position, q.qa_id"));
  qa.bind(1, records);
  UGC_DB_ASSIGN(qaRow, qa.step());
  bool qaPending = qaRow;

  const std::string name = params.format == ExportFormat::Jsonl ? "videos.jsonl"
                           : params.format == ExportFormat::Sft ? "sft.jsonl"
                                                                : "grpo.jsonl";
  const std::string prompt = trainingPrompt();
  std::string out;
  int64_t written = 0;
  int64_t index = 0;
  for (;; ++index) {
    UGC_DB_ASSIGN(row, videos.step());
    if (!row) break;
    if (index % 1024 == 0) {
      if (cancel.isCancelled()) return cancelledError();
      report(progress, "exporting", index, total);
    }
    const std::string videoId = videos.columnText(0);
    ordered_json stageRecords;
    std::string finalCaption;
    for (size_t s = 0; s < stages.size(); ++s) {
      UGC_DB_ASSIGN(stageRow, stages[s].step());
      if (!stageRow || stages[s].columnTextView(0) != videoId) {
        return makeError(ErrorCode::Internal, "stage rows out of step with videos at " + videoId);
      }
      if (s == 2 && !stages[s].isNull(2)) finalCaption = stages[s].columnText(7);
      if (records) stageRecords[stageText(annotation::kAllStages[s])] = stageRecord(stages[s]);
    }
    const std::string media = videos.columnText(1);
    const std::string videoPath = media.empty() ? params.videoPathPrefix + videoId + ".mp4"
                                  : fs::path(media).is_absolute() ? media
                                                                  : (project.folder() / media).generic_string();
    if (records) {
      ordered_json record;
      record["video_id"] = videoId;
      record["media_path"] = media.empty() ? ordered_json(nullptr) : ordered_json(media);
      record["fingerprint"] = videos.isNull(2) ? ordered_json(nullptr) : ordered_json(videos.columnText(2));
      record["source_url"] = videos.isNull(3) ? ordered_json(nullptr) : ordered_json(videos.columnText(3));
      record["annotation_only"] = videos.columnInt(4) != 0;
      record["provenance"] = {{"origin", videos.columnText(5)}, {"added_at", videos.columnText(6)}};
      record["stages"] = std::move(stageRecords);
      ordered_json pairs = ordered_json::array();
      while (qaPending && qa.columnTextView(0) == videoId) {
        const std::string status = qa.columnText(7);
        if (params.includeUnreviewed ? status != "rejected" : status == "approved") {
          pairs.push_back({{"type", qa.columnText(1)},
                           {"question", qa.columnText(2)},
                           {"options", ordered_json::parse(qa.columnTextView(3), nullptr, false)},
                           {"answer", qa.columnText(4)},
                           {"answer_lines", ordered_json::parse(qa.columnTextView(5), nullptr, false)},
                           {"origin", qa.columnText(6)},
                           {"status", status},
                           {"reviewer", qa.columnText(8)},
                           {"reason", qa.columnText(9)},
                           {"version", qa.columnInt(10)}});
        }
        UGC_DB_ASSIGN(next, qa.step());
        qaPending = next;
      }
      record["qa"] = std::move(pairs);
      out += pythonCompactJson(record) + "\n";
      ++written;
    } else if (!finalCaption.empty()) {
      ordered_json record;
      record["videos"] = ordered_json::array({videoPath});
      record["messages"] = ordered_json::array({{{"role", "user"}, {"content", prompt}}});
      if (params.format == ExportFormat::Sft) {
        record["messages"].push_back({{"role", "assistant"}, {"content", finalCaption}});
      } else {
        record["solution"] = finalCaption;
      }
      out += pythonCompactJson(record) + "\n";
      ++written;
    }
  }
  UGC_DB_TRY(writeDurably(staging / name, out));
  report(progress, "exporting", total, total);
  UGC_DB_TRY(transaction.commit());
  return std::vector<ExportedFile>{{name, written, int64_t(out.size()), {}}};
}

}  // namespace ugc::db::detail
