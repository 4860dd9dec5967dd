#include "pipeline/project_extraction.h"

#include <chrono>

#include "annotation/workflow_rules.h"
#include "core/probe.h"
#include "db/video_listing.h"
#include "pipeline/suggestions.h"

namespace ugc::pipeline {
namespace {

annotation::TimestampMs now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Attaches the suggested fields to a stage nobody has worked on yet.
Result<bool> suggest(db::Project& project, const std::string& videoId, annotation::Stage stage,
                     const model::Signals& signals) {
  auto status = project.stageStatus(videoId, stage);
  if (!status) return tl::unexpected(status.error());
  if (status->state != annotation::TaskState::NotStarted) return false;
  const annotation::User actor{kExtractorActor, annotation::Role::Admin};
  annotation::TransitionRequest request{videoId, stage, status->state, annotation::WorkflowAction::AttachDraft,
                                        actor,   {},    now()};
  auto event = annotation::applyTransition(request, {});
  if (!event) return tl::unexpected(event.error());
  db::NewDraft draft;
  draft.videoId = videoId;
  draft.stage = stage;
  if (stage == annotation::Stage::Audio) draft.audio = audioSuggestions(signals);
  if (stage == annotation::Stage::Visual) draft.visual = visualSuggestions(signals);
  draft.author = kExtractorActor;
  draft.origin = annotation::RevisionOrigin::ModelDraft;
  draft.source = std::string("extractors:") + kSignalsCacheVersion;
  draft.event = *event;
  auto saved = project.saveDraft(draft);
  if (!saved) return tl::unexpected(saved.error());
  return true;
}

}  // namespace

Result<std::string> videoFingerprint(db::Project& project, const db::VideoRecord& video) {
  if (!video.fingerprint.empty()) return video.fingerprint;
  return media::contentFingerprint(project.folder() / video.mediaPath);
}

Result<std::optional<model::Signals>> cachedSignalsForVideo(db::Project& project, const std::string& videoId) {
  auto video = project.findVideo(videoId);
  if (!video) return tl::unexpected(video.error());
  if (!*video || (*video)->annotationOnly || (*video)->mediaPath.empty()) return std::optional<model::Signals>{};
  auto fingerprint = videoFingerprint(project, **video);
  if (!fingerprint) return tl::unexpected(fingerprint.error());
  auto cached = project.signal(*fingerprint, kSignalsCacheName, kSignalsCacheVersion);
  if (!cached) return tl::unexpected(cached.error());
  if (!*cached) return std::optional<model::Signals>{};
  auto signals = model::signalsFromJson(**cached);
  if (!signals) return tl::unexpected(signals.error());
  return std::optional<model::Signals>(std::move(*signals));
}

Result<model::Signals> signalsForVideo(db::Project& project, const db::VideoRecord& video,
                                       const model::ExtractOptions& options, bool force, bool* fromCache,
                                       const CancelToken& cancel) {
  const std::filesystem::path media = project.folder() / video.mediaPath;
  auto fingerprinted = videoFingerprint(project, video);
  if (!fingerprinted) return tl::unexpected(fingerprinted.error());
  const std::string& fingerprint = *fingerprinted;
  if (!force) {
    auto cached = project.signal(fingerprint, kSignalsCacheName, kSignalsCacheVersion);
    if (!cached) return tl::unexpected(cached.error());
    if (*cached) {
      auto parsed = model::signalsFromJson(**cached);
      if (parsed) {
        if (fromCache) *fromCache = true;
        return parsed;
      }
    }
  }
  auto signals = model::extractSignals(media, options, {}, cancel);
  if (!signals) return tl::unexpected(signals.error());
  if (auto stored = project.putSignal(fingerprint, kSignalsCacheName, kSignalsCacheVersion, model::toJson(*signals, 0));
      !stored) {
    return tl::unexpected(stored.error());
  }
  if (fromCache) *fromCache = false;
  return signals;
}

Result<ProjectExtractReport> extractProject(db::Project& project, const ProjectExtractParams& params,
                                            const ProgressSink& progress, const CancelToken& cancel) {
  std::vector<std::string> ids = params.videoIds;
  if (ids.empty()) {
    auto rows = db::listVideos(project, {}, 0, INT64_MAX);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& row : *rows) ids.push_back(row.videoId);
  }
  ProjectExtractReport summary;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    report(progress, "extracting signals", int64_t(i), int64_t(ids.size()));
    auto video = project.findVideo(ids[i]);
    if (!video) return tl::unexpected(video.error());
    if (!*video) return makeError(ErrorCode::NotFound, "no video " + ids[i] + " in this project");
    ++summary.videos;
    if ((*video)->annotationOnly || (*video)->mediaPath.empty()) {
      ++summary.withoutMedia;
      continue;
    }
    bool fromCache = false;
    auto signals = signalsForVideo(project, **video, params.extract, params.force, &fromCache, cancel);
    if (!signals) {
      if (signals.error().isCancelled()) return tl::unexpected(signals.error());
      summary.failures.push_back(ids[i] + ": " + signals.error().describe());
      continue;
    }
    ++(fromCache ? summary.cached : summary.extracted);
    if (!params.suggest) continue;
    for (auto stage : {annotation::Stage::Audio, annotation::Stage::Visual}) {
      auto attached = suggest(project, ids[i], stage, *signals);
      if (!attached) return tl::unexpected(attached.error());
      summary.suggestions += *attached;
    }
  }
  report(progress, "extracting signals", int64_t(ids.size()), int64_t(ids.size()));
  return summary;
}

}  // namespace ugc::pipeline
