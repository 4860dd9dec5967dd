// A project → one JSONL record per video (everything), or training data (SFT/GRPO).
// Streams: every query is ordered by video position and merged, so memory stays flat.
#include "annotation/qa_templates.h"
#include "db/export_common.h"
#include "db/python_json.h"
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

// Appends one stage object; the stored fields JSON is already Python-style text (python_json.h).
void appendStage(std::string& out, const Statement& row) {
  out += "{\"state\": ";
  appendPythonString(out, row.columnTextView(1));
  if (row.isNull(2)) {
    out += ", \"caption\": null, \"fields\": null, \"revision\": null}";
    return;
  }
  out += ", \"caption\": ";
  appendPythonString(out, row.columnTextView(7));
  out += ", \"fields\": ";
  out += row.columnTextView(8);
  out += ", \"revision\": {\"id\": " + std::to_string(row.columnInt(2)) + ", \"origin\": ";
  appendPythonString(out, row.columnTextView(3));
  out += ", \"source\": ";
  appendPythonString(out, row.columnTextView(4));
  out += ", \"author\": ";
  appendPythonString(out, row.columnTextView(5));
  out += ", \"created_at\": ";
  appendPythonString(out, row.columnTextView(6));
  out += "}}";
}

void appendKey(std::string& out, const char* key, bool first = false) {
  if (!first) out += ", ";
  out += '"';
  out += key;
  out += "\": ";
}

void appendOptionalText(std::string& out, const Statement& row, int column) {
  if (row.isNull(column)) {
    out += "null";
  } else {
    appendPythonString(out, row.columnTextView(column));
  }
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
    std::string stagesText;
    std::string finalCaption;
    for (size_t s = 0; s < stages.size(); ++s) {
      UGC_DB_ASSIGN(stageRow, stages[s].step());
      if (!stageRow || stages[s].columnTextView(0) != videoId) {
        return makeError(ErrorCode::Internal, "stage rows out of step with videos at " + videoId);
      }
      if (s == 2 && !stages[s].isNull(2)) finalCaption = stages[s].columnText(7);
      if (records) {
        appendKey(stagesText, stageText(annotation::kAllStages[s]).c_str(), s == 0);
        appendStage(stagesText, stages[s]);
      }
    }
    const std::string media = videos.columnText(1);
    if (records) {
      out += '{';
      appendKey(out, "video_id", true);
      appendPythonString(out, videoId);
      appendKey(out, "media_path");
      appendOptionalText(out, videos, 1);
      appendKey(out, "fingerprint");
      appendOptionalText(out, videos, 2);
      appendKey(out, "source_url");
      appendOptionalText(out, videos, 3);
      appendKey(out, "annotation_only");
      out += videos.columnInt(4) != 0 ? "true" : "false";
      appendKey(out, "provenance");
      out += "{\"origin\": ";
      appendPythonString(out, videos.columnTextView(5));
      out += ", \"added_at\": ";
      appendPythonString(out, videos.columnTextView(6));
      out += '}';
      appendKey(out, "stages");
      out += '{' + stagesText + '}';
      appendKey(out, "qa");
      out += '[';
      bool firstPair = true;
      while (qaPending && qa.columnTextView(0) == videoId) {
        const std::string_view status = qa.columnTextView(7);
        if (params.includeUnreviewed ? status != "rejected" : status == "approved") {
          if (!firstPair) out += ", ";
          firstPair = false;
          out += '{';
          appendKey(out, "type", true);
          appendPythonString(out, qa.columnTextView(1));
          appendKey(out, "question");
          appendPythonString(out, qa.columnTextView(2));
          appendKey(out, "options");
          out += qa.columnTextView(3);  // stored as Python-style JSON lists
          appendKey(out, "answer");
          appendPythonString(out, qa.columnTextView(4));
          appendKey(out, "answer_lines");
          out += qa.columnTextView(5);
          for (auto [key, column] : {std::pair{"origin", 6}, {"status", 7}, {"reviewer", 8}, {"reason", 9}}) {
            appendKey(out, key);
            appendPythonString(out, qa.columnTextView(column));
          }
          appendKey(out, "version");
          out += std::to_string(qa.columnInt(10));
          out += '}';
        }
        UGC_DB_ASSIGN(next, qa.step());
        qaPending = next;
      }
      out += "]}\n";
      ++written;
    } else if (!finalCaption.empty()) {
      const std::string videoPath = media.empty() ? params.videoPathPrefix + videoId + ".mp4"
                                    : fs::path(media).is_absolute() ? media
                                                                    : (project.folder() / media).generic_string();
      ordered_json record;
      record["videos"] = ordered_json::array({videoPath});
      record["messages"] = ordered_json::array({{{"role", "user"}, {"content", prompt}}});
      if (params.format == ExportFormat::Sft) {
        record["messages"].push_back({{"role", "assistant"}, {"content", finalCaption}});
      } else {
        record["solution"] = finalCaption;
      }
      appendPythonCompact(out, record);
      out += '\n';
      ++written;
    }
  }
  UGC_DB_TRY(writeDurably(staging / name, out, false));
  report(progress, "exporting", total, total);
  UGC_DB_TRY(transaction.commit());
  return std::vector<ExportedFile>{{name, written, int64_t(out.size()), {}}};
}

}  // namespace ugc::db::detail
