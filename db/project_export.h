#pragma once
// Exports of a project. Each export is written into a hidden staging folder beside the target
// and swapped into place at the end (rename), so a crash mid-export leaves the previous export
// intact. Every export carries a manifest.json with counts and the SHA-256 of each file.
// Formats: docs/formats.md.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"

namespace ugc::db {

enum class ExportFormat {
  Release,  // the nine UGC-VideoCap release files (byte-identical to an unchanged imported release)
  Jsonl,    // one record per video with everything: fields, captions, QA pairs, provenance
  Sft,      // training data: {"videos", "messages"} per approved final caption
  Grpo,     // the same plus "solution"
};
const char* exportFormatName(ExportFormat format);
std::optional<ExportFormat> parseExportFormat(std::string_view name);

struct ExportParams {
  ExportFormat format = ExportFormat::Release;
  bool includeUnreviewed = false;  // default: approved content only
  // Video paths written for videos that have no released path (release, sft, grpo).
  std::string videoPathPrefix = "/workspace/benchmark/video/";
};

struct ExportedFile {
  std::string name;
  int64_t records = 0;
  int64_t bytes = 0;
  std::string sha256;
};

struct ExportSummary {
  std::filesystem::path dir;
  std::vector<ExportedFile> files;  // without manifest.json
};

Result<ExportSummary> exportProject(Project& project, const std::filesystem::path& outDir, const ExportParams& params,
                                    const ProgressSink& progress, const CancelToken& cancel);

struct ValidationReport {
  std::string format;
  int64_t files = 0;
  int64_t records = 0;
};
// Re-checks an export against its manifest (files present, sizes, SHA-256, no extra files)
// and the schema of its format. InvalidInput naming the first problem.
Result<ValidationReport> validateExport(const std::filesystem::path& dir);

}  // namespace ugc::db
