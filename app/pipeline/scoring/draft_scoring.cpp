#include "pipeline/scoring/draft_scoring.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "pipeline/judge/judge_runner.h"
#include "pipeline/judge/offline_judge_eval.h"

namespace ugc::pipeline::scoring {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

// The latest draft of a stage, or of the one source asked for.
Result<std::optional<db::Revision>> draftOf(db::Project& project, const std::string& videoId, Stage stage,
                                            const std::string& source) {
  if (source.empty()) return project.latestDraft(videoId, stage);
  auto history = project.history(videoId, stage);
  if (!history) return tl::unexpected(history.error());
  for (auto it = history->rbegin(); it != history->rend(); ++it)
    if (it->isDraft() && it->source == source) return *it;
  return std::optional<db::Revision>{};
}

Result<std::optional<db::Revision>> approvedOf(db::Project& project, const std::string& videoId, Stage stage) {
  auto status = project.stageStatus(videoId, stage);
  if (!status) return tl::unexpected(status.error());
  if (status->state != annotation::TaskState::Approved || !status->approvedRevisionId)
    return std::optional<db::Revision>{};
  return project.revision(*status->approvedRevisionId);
}

Status writeFile(const fs::path& path, const std::string& text) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return makeError(ErrorCode::Io, "cannot write " + partial.string());
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot rename " + partial.string() + ": " + ec.message());
  return {};
}

}  // namespace

Result<DraftScoringReport> scoreProjectDrafts(db::Project& project, const model::OfflineJudge& judge,
                                              const DraftScoringParams& params, const ProgressSink& progress,
                                              const CancelToken& cancel) {
  if (params.outDir.empty()) return makeError(ErrorCode::InvalidArgument, "no output folder");
  if (params.system.empty() || params.system.find('/') != std::string::npos)
    return makeError(ErrorCode::InvalidArgument, "the system name must be a plain file-name prefix");
  auto count = project.videoCount();
  if (!count) return tl::unexpected(count.error());
  DraftScoringReport report;
  std::vector<judge::JudgeSample> samples;
  std::string ocrLines;
  constexpr int64_t kPage = 500;
  for (int64_t offset = 0; offset < *count; offset += kPage) {
    auto page = project.videos(offset, kPage);
    if (!page) return tl::unexpected(page.error());
    for (const auto& video : *page) {
      if (cancel.isCancelled()) return cancelledError();
      ++report.videos;
      auto draft = draftOf(project, video.id, Stage::Joint, params.source);
      if (!draft) return tl::unexpected(draft.error());
      auto reference = approvedOf(project, video.id, Stage::Joint);
      if (!reference) return tl::unexpected(reference.error());
      const bool hasDraft = *draft && !(*draft)->caption.empty();
      const bool hasReference = *reference && !(*reference)->caption.empty();
      if (hasDraft && hasReference) {
        samples.push_back({video.id, (*draft)->caption, (*reference)->caption});
        ++report.sources[(*draft)->source];
      } else if (hasDraft) {
        ++report.withoutReference;
      } else if (hasReference) {
        ++report.withoutDraft;
      }

      auto visualDraft = draftOf(project, video.id, Stage::Visual, params.source);
      if (!visualDraft) return tl::unexpected(visualDraft.error());
      auto visualReference = approvedOf(project, video.id, Stage::Visual);
      if (!visualReference) return tl::unexpected(visualReference.error());
      if (*visualDraft && (*visualDraft)->visual && *visualReference && (*visualReference)->visual &&
          !(*visualReference)->visual->ocrLines.empty()) {
        // The released OCR files hold the model's raw answer as a string: here the JSON answer a
        // model asked for {"ocr": [...]} would give.
        const nlohmann::json predicted = {{"ocr", (*visualDraft)->visual->ocrLines}};
        const nlohmann::json line = {{"video_id", video.id},
                                     {"ocr", (*visualReference)->visual->ocrLines},
                                     {"predict_ocr", predicted.dump()}};
        ocrLines += line.dump() + "\n";
        ++report.ocrPairs;
      }
    }
    ugc::report(progress, "videos", offset + int64_t(page->size()), *count);
  }
  if (samples.empty())
    return makeError(ErrorCode::NotFound,
                     "no video has both a joint-stage draft" +
                         (params.source.empty() ? std::string() : " from " + params.source) +
                         " and an approved joint caption to score it against");
  std::error_code ec;
  fs::create_directories(params.outDir, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + params.outDir.string() + ": " + ec.message());
  report.scoreFile = params.outDir / (params.system + "_scores.json");
  if (auto s = writeFile(report.scoreFile, judge::judgeResultJson(judge::runOfflineJudge(judge, samples))); !s)
    return tl::unexpected(s.error());
  report.captionPairs = samples.size();
  if (!ocrLines.empty()) {
    report.ocrFile = params.outDir / (params.system + "_ocr.jsonl");
    if (auto s = writeFile(report.ocrFile, ocrLines); !s) return tl::unexpected(s.error());
  }
  return report;
}

}  // namespace ugc::pipeline::scoring
