// A project → the nine UGC-VideoCap release files. Samples keep the released order and paths;
// content is the approved revision / QA pair (or the latest with includeUnreviewed), so an
// unchanged imported release comes out byte for byte (annotation/release_fields.h formats).
#include <map>
#include <set>

#include "annotation/qa_templates.h"
#include "annotation/release_fields.h"
#include "db/export_common.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db::detail {
namespace {

using annotation::QaType;
using annotation::Stage;

struct ReleasedSample {
  std::string videoId;
  std::string path;
  std::optional<int64_t> revisionId;
  std::optional<int64_t> qaId;
};

struct CaptionContent {
  int64_t revisionId = 0;
  std::string caption;
};

struct QaContent {
  int64_t qaId = 0;
  std::vector<std::string> options;
  std::string answer;
  std::vector<std::string> lines;
};

std::optional<Stage> captionStage(QaType type) {
  if (type == QaType::AudioCaption) return Stage::Audio;
  if (type == QaType::VisualCaption) return Stage::Visual;
  if (type == QaType::FinalCaption) return Stage::Joint;
  return std::nullopt;
}

Result<std::vector<ReleasedSample>> releasedSamples(Connection& connection, const std::string& file) {
  UGC_DB_ASSIGN(query, connection.cached(
                           "SELECT video_id, path, revision_id, qa_id FROM release_samples WHERE file_name = ? "
                           "ORDER BY position"));
  query->bind(1, file);
  std::vector<ReleasedSample> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    out.push_back({query->columnText(0), query->columnText(1), query->columnOptionalInt(2), query->columnOptionalInt(3)});
  }
  return out;
}

// Videos in project order with the content of one stage.
Result<std::vector<std::pair<std::string, CaptionContent>>> captions(Connection& connection, Stage stage,
                                                                    bool includeUnreviewed) {
  UGC_DB_ASSIGN(query, connection.cached(
                           "SELECT s.video_id, r.revision_id, r.caption FROM stage_status s JOIN revisions r "
                           "ON r.revision_id = CASE WHEN ? = 1 THEN COALESCE(s.head_revision_id, s.approved_revision_id) "
                           "ELSE s.approved_revision_id END WHERE s.stage = ? ORDER BY s.position"));
  query->bindAll(includeUnreviewed, stageText(stage));
  std::vector<std::pair<std::string, CaptionContent>> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    out.push_back({query->columnText(0), {query->columnInt(1), query->columnText(2)}});
  }
  return out;
}

Result<std::vector<std::pair<std::string, QaContent>>> qaContent(Connection& connection, QaType type,
                                                                bool includeUnreviewed) {
  UGC_DB_ASSIGN(query, connection.cached(
                           // CROSS JOIN: walk videos in order, probe each one's pairs (no sort).
                           "SELECT q.video_id, q.qa_id, q.options_json, q.answer, q.answer_lines_json FROM videos v "
                           "CROSS JOIN qa_pairs q WHERE q.video_id = v.video_id AND q.qa_type = ? AND "
                           "(q.status = 'approved' OR (? = 1 AND q.status <> 'rejected')) ORDER BY v.position, q.qa_id"));
  query->bindAll(std::string(annotation::qaTypeName(type)), includeUnreviewed);
  std::vector<std::pair<std::string, QaContent>> out;
  for (;;) {
    UGC_DB_ASSIGN(row, query->step());
    if (!row) break;
    UGC_DB_ASSIGN(options, stringsFromJson(query->columnTextView(2)));
    UGC_DB_ASSIGN(lines, stringsFromJson(query->columnTextView(4)));
    out.push_back({query->columnText(0), {query->columnInt(1), options, query->columnText(3), lines}});
  }
  return out;
}

Result<std::optional<std::string>> releasedQuestion(Connection& connection, const std::string& file) {
  UGC_DB_ASSIGN(query, connection.cached("SELECT question FROM release_files WHERE file_name = ?"));
  query->bind(1, file);
  UGC_DB_ASSIGN(row, query->step());
  std::optional<std::string> question;
  if (row) question = query->columnOptionalText(0);
  query->reset();
  return question;
}

std::string pathPrefixOf(const std::vector<ReleasedSample>& samples, const std::string& fallback) {
  for (const auto& sample : samples) {
    const auto slash = sample.path.rfind('/');
    if (slash != std::string::npos) return sample.path.substr(0, slash + 1);
  }
  return fallback;
}

}  // namespace

Result<std::vector<ExportedFile>> writeReleaseExport(Project& project, const fs::path& staging,
                                                     const ExportParams& params, const ProgressSink& progress,
                                                     const CancelToken& cancel) {
  auto& connection = project.connection();
  // One read transaction: every file describes the same moment.
  UGC_DB_ASSIGN(transaction, Transaction::begin(connection, TransactionKind::Deferred));
  std::vector<ExportedFile> files;
  int64_t done = 0;
  for (QaType type : annotation::kAllQaTypes) {
    if (cancel.isCancelled()) return cancelledError();
    const std::string name(annotation::releaseFileName(type));
    UGC_DB_ASSIGN(released, releasedSamples(connection, name));
    const std::string prefix = pathPrefixOf(released, params.videoPathPrefix);
    std::set<std::string> written;
    std::string text;
    int64_t records = 0;
    if (auto stage = captionStage(type)) {
      UGC_DB_ASSIGN(content, captions(connection, *stage, params.includeUnreviewed));
      std::map<std::string, const CaptionContent*> byVideo;
      for (const auto& [video, caption] : content) byVideo[video] = &caption;
      annotation::ReleaseQaFile file;
      UGC_DB_ASSIGN(question, releasedQuestion(connection, name));
      file.question = question ? *question : std::string(annotation::templateQuestion(type));
      for (const auto& sample : released) {
        auto found = byVideo.find(sample.videoId);
        if (found == byVideo.end() || !written.insert(sample.videoId).second) continue;
        // A released sample stays even when its caption is empty; new ones need text.
        if (found->second->caption.empty() && found->second->revisionId != sample.revisionId) continue;
        file.samples.push_back({sample.videoId, sample.path, found->second->caption, {}});
      }
      for (const auto& [video, caption] : content) {
        if (caption.caption.empty() || written.count(video)) continue;
        written.insert(video);
        file.samples.push_back({video, prefix + video + ".mp4", caption.caption, {}});
      }
      file.validCount = static_cast<long long>(file.samples.size());
      records = int64_t(file.samples.size());
      text = annotation::formatReleaseQaFile(file);
    } else {
      UGC_DB_ASSIGN(content, qaContent(connection, type, params.includeUnreviewed));
      std::map<int64_t, const QaContent*> byId;
      std::map<std::string, const QaContent*> firstOfVideo;
      for (const auto& [video, pair] : content) {
        byId[pair.qaId] = &pair;
        firstOfVideo.emplace(video, &pair);
      }
      auto pick = [&](const ReleasedSample& sample) -> const QaContent* {
        if (sample.qaId) {
          if (auto linked = byId.find(*sample.qaId); linked != byId.end()) return linked->second;
        }
        auto other = firstOfVideo.find(sample.videoId);
        return other == firstOfVideo.end() ? nullptr : other->second;
      };
      if (type == QaType::Ocr) {
        std::vector<annotation::ReleaseOcrRecord> records_;
        for (const auto& sample : released) {
          const QaContent* pair = pick(sample);
          if (!pair || !written.insert(sample.videoId).second) continue;
          records_.push_back({sample.videoId, pair->lines});
        }
        for (const auto& [video, pair] : content) {
          if (pair.lines.empty() || !written.insert(video).second) continue;
          records_.push_back({video, pair.lines});
        }
        records = int64_t(records_.size());
        text = annotation::formatReleaseOcrJsonl(records_);
      } else {
        annotation::ReleaseQaFile file;
        UGC_DB_ASSIGN(question, releasedQuestion(connection, name));
        file.question = question ? *question : std::string(annotation::templateQuestion(type));
        for (const auto& sample : released) {
          const QaContent* pair = pick(sample);
          if (!pair || !written.insert(sample.videoId).second) continue;
          file.samples.push_back({sample.videoId, sample.path, pair->answer, pair->options});
        }
        for (const auto& [video, pair] : content) {
          if (!written.insert(video).second) continue;
          file.samples.push_back({video, prefix + video + ".mp4", pair.answer, pair.options});
        }
        file.validCount = static_cast<long long>(file.samples.size());
        records = int64_t(file.samples.size());
        text = annotation::formatReleaseQaFile(file);
      }
    }
    UGC_DB_TRY(writeDurably(staging / name, text, false));
    files.push_back({name, records, int64_t(text.size()), {}});
    report(progress, "exporting release", ++done, int64_t(std::size(annotation::kAllQaTypes)));
  }
  UGC_DB_TRY(transaction.commit());
  return files;
}

}  // namespace ugc::db::detail
