#pragma once
// Runs the signal extractors over a project's videos: results are cached in the store by
// media fingerprint (computed once), and a stage nobody has touched yet gets the suggested
// fields as a draft revision, which the studio shows as suggestions until confirmed.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"
#include "model/extractors/signals.h"

namespace ugc::pipeline {

inline constexpr const char* kSignalsCacheName = "signals";
inline constexpr const char* kSignalsCacheVersion = "ugc-videocap-signals/3";
inline constexpr const char* kExtractorActor = "extractors";

struct ProjectExtractParams {
  model::ExtractOptions extract;
  std::vector<std::string> videoIds;  // empty: every video with media
  bool force = false;                 // recompute even when cached
  bool suggest = true;                // attach suggestion drafts to untouched stages
};

struct ProjectExtractReport {
  int videos = 0;
  int extracted = 0;                  // computed now
  int cached = 0;                     // taken from the store
  int withoutMedia = 0;               // annotation-only videos, skipped
  int suggestions = 0;                // stage drafts attached
  std::vector<std::string> failures;  // "<video>: <reason>", the run goes on
};

Result<ProjectExtractReport> extractProject(db::Project& project, const ProjectExtractParams& params,
                                            const ProgressSink& progress, const CancelToken& cancel);

// The media fingerprint that keys a video's caches: the stored one, else computed from the file.
Result<std::string> videoFingerprint(db::Project& project, const db::VideoRecord& video);

// The cached signals of a video, if it has media and they were extracted (never extracts).
Result<std::optional<model::Signals>> cachedSignalsForVideo(db::Project& project, const std::string& videoId);

// The signals of one stored video: from the cache, or extracted and cached now.
Result<model::Signals> signalsForVideo(db::Project& project, const db::VideoRecord& video,
                                       const model::ExtractOptions& options, bool force, bool* fromCache,
                                       const CancelToken& cancel);

}  // namespace ugc::pipeline
