#pragma once
// The probe-then-insert core shared by the folder, manifest and demo importers (not public).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/probe.h"
#include "db/project_import.h"

namespace ugc::db::detail {

struct MediaCandidate {
  std::string id;
  std::filesystem::path media;  // empty: annotation-only (url only)
  std::string url;
  std::string file;  // where it was named, for messages
  int64_t line = 0;
};

std::string probeToJson(const media::ProbeResult& probe);

// Validates ids, probes every file, skips content already present, then inserts them in
// transactions of 50 videos, calling afterInsert(videoId) inside them (the demo importer adds annotations there).
Result<ImportReport> importMediaCandidates(Project& project, const std::vector<MediaCandidate>& candidates,
                                           const std::string& origin, const ProgressSink& progress,
                                           const CancelToken& cancel, ImportReport report = {},
                                           const std::function<Status(const std::string& videoId)>& afterInsert = {});

}  // namespace ugc::db::detail
