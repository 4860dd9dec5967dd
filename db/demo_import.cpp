// The demo corpus (app/demo writes it) → videos with their ground truth as approved annotations.
// The clips' ground truth is read by annotation::parseDemoTruth (docs/formats.md).
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "annotation/qa_templates.h"
#include "annotation/demo_truth.h"
#include "db/import_common.h"
#include "db/media_import_detail.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db {
namespace {

using nlohmann::json;

constexpr const char* kCorpusFormat = "ugc-videocap-demo-corpus/1";
constexpr const char* kDemoSource = "demo ground truth";

Result<json> parseJsonFile(const fs::path& path, std::vector<ImportIssue>& errors) {
  UGC_DB_ASSIGN(text, detail::readWholeFile(path));
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    errors.push_back({path.filename().string(), detail::lineOfOffset(text, error.byte), "not valid JSON"});
    return json();
  } catch (const json::exception& error) {  // e.g. a number too large for a double
    errors.push_back({path.filename().string(), 0, std::string("unreadable JSON: ") + error.what()});
    return json();
  }
}

}  // namespace

Result<ImportReport> importDemoCorpus(Project& project, const fs::path& dir, const ProgressSink& progress,
                                      const CancelToken& cancel) {
  return importDemoCorpus(project, dir, DemoImportParams{}, progress, cancel);
}

Result<ImportReport> importDemoCorpus(Project& project, const fs::path& dir, const DemoImportParams& params,
                                      const ProgressSink& progress, const CancelToken& cancel) {
  if (params.asWork < 0 || params.forReview < 0)
    return makeError(ErrorCode::InvalidArgument, "asWork and forReview must not be negative");
  std::vector<ImportIssue> errors;
  if (!fs::exists(dir / "corpus.json")) return makeError(ErrorCode::NotFound, "no corpus.json in " + dir.string());
  UGC_DB_ASSIGN(corpus, parseJsonFile(dir / "corpus.json", errors));
  if (!errors.empty()) return detail::importFailure(errors);
  if (!corpus.is_object() || corpus.value("format", "") != kCorpusFormat || !corpus.contains("clips") ||
      !corpus["clips"].is_array()) {
    return detail::importFailure({{"corpus.json", 0, std::string("not a \"") + kCorpusFormat + "\" index"}});
  }
  std::vector<detail::MediaCandidate> candidates;
  std::map<std::string, annotation::DemoTruth> truths;
  int64_t index = 0;
  for (const auto& clip : corpus["clips"]) {
    ++index;
    const std::string where = "corpus.json clip " + std::to_string(index);
    if (!clip.is_object() || !clip.contains("video_id") || !clip["video_id"].is_string() ||
        !clip.contains("ground_truth") || !clip["ground_truth"].is_string()) {
      errors.push_back({where, 0, "needs \"video_id\" and \"ground_truth\""});
      continue;
    }
    const std::string id = clip["video_id"].get<std::string>();
    const fs::path truthPath = dir / clip["ground_truth"].get<std::string>();
    if (!fs::exists(truthPath)) {
      errors.push_back({where, 0, truthPath.filename().string() + " is missing"});
      continue;
    }
    const std::string file = truthPath.filename().string();
    UGC_DB_ASSIGN(text, detail::readWholeFile(truthPath));
    auto parsed = annotation::parseDemoTruth(text);
    if (!parsed) {
      errors.push_back({file, 0, parsed.error().message});
      continue;
    }
    if (parsed->videoId != id) {
      errors.push_back({file, 0, "its video_id is \"" + parsed->videoId + "\", corpus.json says \"" + id + "\""});
      continue;
    }
    truths[id] = std::move(*parsed);
    fs::path media;
    if (clip.contains("media") && clip["media"].is_string() && fs::exists(dir / clip["media"].get<std::string>())) {
      media = dir / clip["media"].get<std::string>();
    }
    candidates.push_back({id, media, "", "corpus.json", 0});
  }
  if (!errors.empty()) return detail::importFailure(errors);

  std::set<std::string> work, review;
  const size_t workFrom = candidates.size() > size_t(params.asWork) ? candidates.size() - size_t(params.asWork) : 0;
  const size_t reviewFrom = workFrom > size_t(params.forReview) ? workFrom - size_t(params.forReview) : 0;
  for (size_t i = reviewFrom; i < candidates.size(); ++i) (i < workFrom ? review : work).insert(candidates[i].id);
  auto& connection = project.connection();
  ImportReport report;
  auto annotate = [&](const std::string& videoId) -> Status {
    if (work.count(videoId)) return {};  // left for the annotators
    const auto& truth = truths.at(videoId);
    const std::string now = detail::nowIso();
    const bool forReview = review.count(videoId) > 0;
    for (auto stage : annotation::kAllStages) {
      if (forReview && stage == annotation::Stage::Joint) continue;  // fused by the annotators later
      Revision revision;
      revision.videoId = videoId;
      revision.stage = stage;
      revision.origin = annotation::RevisionOrigin::ImportedRelease;
      revision.source = kDemoSource;
      revision.author = kImportActor;
      revision.createdAt = now;
      if (stage == annotation::Stage::Audio) {
        revision.audio = truth.audio;
        revision.caption = truth.audioCaption;
      } else if (stage == annotation::Stage::Visual) {
        revision.visual = truth.visual;
        revision.caption = truth.visualCaption;
      } else {
        revision.caption = truth.jointCaption;
      }
      UGC_DB_ASSIGN(id, detail::insertRevision(connection, revision));
      if (forReview)
        UGC_DB_TRY(detail::submitImported(connection, videoId, stage, id, kDemoSource, now));
      else
        UGC_DB_TRY(detail::approveImported(connection, videoId, stage, id, kDemoSource, now));
      ++report.revisionsAdded;
    }
    for (auto pair : annotation::generateTemplateQa(videoId, truth.audio, truth.visual)) {
      pair.origin = annotation::QaOrigin::Imported;
      pair.status = forReview ? annotation::QaStatus::Pending : annotation::QaStatus::Approved;
      if (!forReview) pair.reviewer = kImportActor;
      UGC_DB_TRY(detail::insertQa(connection, pair, kImportActor, now));
      ++report.qaPairsAdded;
    }
    return {};
  };
  // importMediaCandidates copies the report in; the annotation counts are added through the
  // reference above and merged back below.
  auto imported = detail::importMediaCandidates(project, candidates, "demo", progress, cancel, {}, annotate);
  if (!imported) return imported;
  imported->revisionsAdded = report.revisionsAdded;
  imported->qaPairsAdded = report.qaPairsAdded;
  return imported;
}

}  // namespace ugc::db
