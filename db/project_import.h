#pragma once
// Imports into a project. Each import validates everything first (on bad input the project
// file is left byte-for-byte unchanged) and reads and hashes the media before taking the
// write lock. The release and media imports then write in chunks of short transactions, so a
// concurrent writer (the studio saving an annotation) waits for one chunk, never for the whole
// import; they are cancellable until the first chunk is written. Formats: docs/formats.md.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"

namespace ugc::db {

struct ImportIssue {
  std::string file;
  int64_t line = 0;  // 1-based; 0 when the issue is not tied to a line
  std::string message;
  std::string describe() const;  // "file:line: message"
};

struct ImportReport {
  int64_t videosAdded = 0;
  int64_t revisionsAdded = 0;  // approved annotations (release, demo ground truth)
  int64_t draftsAdded = 0;
  int64_t qaPairsAdded = 0;
  std::vector<ImportIssue> skipped;  // not imported, not an error (duplicate media, absent files)
  std::string summary() const;       // one line
};

// The UGC-VideoCap release (release-dev/*.json + ocr.jsonl). Videos become annotation-only
// unless their media are found in mediaDir (or the release folder) as <id>.mp4. The content
// is imported as approved, origin imported_release, source = sourceName.
struct ReleaseImportParams {
  std::filesystem::path mediaDir;
  std::string sourceName;  // default: the folder's name ("release-dev")
  int64_t videosPerTransaction = 50;  // one write transaction per this many videos
};
Result<ImportReport> importRelease(Project& project, const std::filesystem::path& releaseDir,
                                   const ReleaseImportParams& params, const ProgressSink& progress,
                                   const CancelToken& cancel);

// External model drafts: one {"video_id", "stage", "text"} per line (optional "source", "model").
// Stored as draft revisions (origin imported_draft) of existing videos.
struct DraftImportParams {
  std::string source;  // default: the file name
  std::string actor = kImportActor;
};
Result<ImportReport> importDrafts(Project& project, const std::filesystem::path& jsonl, const DraftImportParams& params,
                                  const ProgressSink& progress, const CancelToken& cancel);

// A folder of media files, or a manifest (CSV with header id,path,url or a JSON list of
// {"id","path","url"}) naming them. Each file is probed and fingerprinted (core/probe.h);
// files whose fingerprint is already in the project (or earlier in the same import) are
// skipped as duplicates.
Result<ImportReport> importVideoFolder(Project& project, const std::filesystem::path& dir, const ProgressSink& progress,
                                       const CancelToken& cancel);
Result<ImportReport> importManifest(Project& project, const std::filesystem::path& manifest,
                                    const ProgressSink& progress, const CancelToken& cancel);

// A demo corpus folder (corpus.json + <id>.mp4 + <id>.json "ugc-videocap-demo-truth/1"):
// the clips as videos, their ground truth as approved annotations (origin imported_release,
// source "demo ground truth") and template QA pairs.
Result<ImportReport> importDemoCorpus(Project& project, const std::filesystem::path& dir, const ProgressSink& progress,
                                      const CancelToken& cancel);

struct DemoImportParams {
  // The last `asWork` clips arrive as media only (no ground truth attached): work for the
  // annotators of a demo project, while the others show finished, approved annotations.
  int asWork = 0;
  // The `forReview` clips before those arrive with their audio and visual ground truth submitted
  // for review (not approved) and pending QA pairs, so a reviewer's desk is not empty on the
  // first run; their joint stage is left for the annotators.
  int forReview = 0;
};
Result<ImportReport> importDemoCorpus(Project& project, const std::filesystem::path& dir,
                                      const DemoImportParams& params, const ProgressSink& progress,
                                      const CancelToken& cancel);

}  // namespace ugc::db
