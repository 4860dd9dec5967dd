#pragma once
// The export writers and the staging/swap/manifest machinery they share (not public).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/project_export.h"

namespace ugc::db::detail {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kManifestFormat = "ugccap-export/1";

// Writes `content` to path; with flush, also forces it to disk before returning. Export writers
// write without flushing: writeExportAtomically flushes every file once they are all written,
// so the disk works while the next file is being produced.
Status writeDurably(const std::filesystem::path& path, const std::string& content, bool flush = true);

// A writer fills the staging folder and returns the files it wrote (name + record count).
using ExportWriter = std::function<Result<std::vector<ExportedFile>>(const std::filesystem::path& staging)>;
Result<ExportSummary> writeExportAtomically(const std::filesystem::path& outDir, ExportFormat format,
                                            const ExportWriter& writer);

Result<std::vector<ExportedFile>> writeReleaseExport(Project& project, const std::filesystem::path& staging,
                                                     const ExportParams& params, const ProgressSink& progress,
                                                     const CancelToken& cancel);
Result<std::vector<ExportedFile>> writeRecordExport(Project& project, const std::filesystem::path& staging,
                                                    const ExportParams& params, const ProgressSink& progress,
                                                    const CancelToken& cancel);

}  // namespace ugc::db::detail
