// Staging, atomic swap, manifest and validation shared by every export format.
#include "db/export_common.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "annotation/release_fields.h"
#include "core/sha256.h"
#include "db/import_common.h"
#include "db/store_internal.h"

namespace fs = std::filesystem;

namespace ugc::db {

const char* exportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Release:
      return "release";
    case ExportFormat::Jsonl:
      return "jsonl";
    case ExportFormat::Sft:
      return "sft";
    case ExportFormat::Grpo:
      return "grpo";
  }
  return "release";
}

std::optional<ExportFormat> parseExportFormat(std::string_view name) {
  for (auto format : {ExportFormat::Release, ExportFormat::Jsonl, ExportFormat::Sft, ExportFormat::Grpo}) {
    if (name == exportFormatName(format)) return format;
  }
  return std::nullopt;
}

namespace detail {
namespace {

Status syncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return makeError(ErrorCode::Io, "cannot open " + path.string() + " to flush it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return makeError(ErrorCode::Io, "cannot flush " + path.string());
  return {};
}

std::string manifestText(ExportFormat format, const std::vector<ExportedFile>& files) {
  nlohmann::ordered_json manifest;
  manifest["format"] = kManifestFormat;
  manifest["export_format"] = exportFormatName(format);
  manifest["created_at"] = nowIso();
  int64_t records = 0;
  for (const auto& file : files) records += file.records;
  manifest["counts"] = {{"files", files.size()}, {"records", records}};
  manifest["files"] = nlohmann::ordered_json::array();
  for (const auto& file : files) {
    manifest["files"].push_back(
        {{"name", file.name}, {"records", file.records}, {"bytes", file.bytes}, {"sha256", file.sha256}});
  }
  return manifest.dump(2) + "\n";
}

// Staging folders of exporters that died (SIGKILL, power loss) are removed by the next export.
void removeAbandonedStaging(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".staging-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const pid_t pid = pid_t(std::atol(name.c_str() + prefix.size()));
    if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

Status writeDurably(const fs::path& path, const std::string& content, bool flush) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  const bool ok = std::fwrite(content.data(), 1, content.size(), out) == content.size() && std::fflush(out) == 0 &&
                  (!flush || ::fsync(::fileno(out)) == 0);
  const bool closed = std::fclose(out) == 0;
  if (!ok || !closed) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

Result<ExportSummary> writeExportAtomically(const fs::path& outDir, ExportFormat format, const ExportWriter& writer) {
  std::error_code ec;
  const fs::path target = fs::absolute(outDir);
  if (fs::exists(target, ec)) {
    if (!fs::is_directory(target, ec)) return makeError(ErrorCode::InvalidArgument, target.string() + " is a file");
    if (!fs::is_empty(target, ec) && !fs::exists(target / kManifestName, ec)) {
      return makeError(ErrorCode::InvalidArgument,
                       target.string() + " exists and is not an export (no manifest.json): refusing to replace it");
    }
  }
  fs::create_directories(target.parent_path(), ec);
  removeAbandonedStaging(target);
  const fs::path staging =
      target.parent_path() / ("." + target.filename().string() + ".staging-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  if (!fs::create_directory(staging, ec)) return makeError(ErrorCode::Io, "cannot create " + staging.string());
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{staging};

  UGC_DB_ASSIGN(files, writer(staging));
  for (auto& file : files) {
    UGC_DB_ASSIGN(hash, sha256File(staging / file.name));
    file.sha256 = hash;
    file.bytes = int64_t(fs::file_size(staging / file.name, ec));
    UGC_DB_TRY(syncPath(staging / file.name, false));
  }
  UGC_DB_TRY(writeDurably(staging / kManifestName, manifestText(format, files)));
  UGC_DB_TRY(syncPath(staging, true));
  // The swap is one rename: readers see the old export or the new one, never a mix.
  if (fs::exists(target, ec)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      return makeError(ErrorCode::Io, "cannot swap the new export into " + target.string());
    }
  } else if (::rename(staging.c_str(), target.c_str()) != 0) {
    return makeError(ErrorCode::Io, "cannot move the export into " + target.string());
  }
  UGC_DB_TRY(syncPath(target.parent_path(), true));
  return ExportSummary{target, files};
}

}  // namespace detail

Result<ExportSummary> exportProject(Project& project, const fs::path& outDir, const ExportParams& params,
                                    const ProgressSink& progress, const CancelToken& cancel) {
  return detail::writeExportAtomically(outDir, params.format, [&](const fs::path& staging) {
    return params.format == ExportFormat::Release
               ? detail::writeReleaseExport(project, staging, params, progress, cancel)
               : detail::writeRecordExport(project, staging, params, progress, cancel);
  });
}

namespace {

Status checkJsonlLines(const std::string& name, const std::string& text, ExportFormat format, int64_t& records) {
  size_t start = 0;
  int64_t line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) return makeError(ErrorCode::InvalidInput, name + ": the last line has no newline");
    ++line;
    auto record = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
    const std::string where = name + ":" + std::to_string(line);
    if (!record.is_object()) return makeError(ErrorCode::InvalidInput, where + ": not a JSON object");
    if (format == ExportFormat::Jsonl) {
      if (!record.contains("video_id") || !record["video_id"].is_string() || !record.contains("stages")) {
        return makeError(ErrorCode::InvalidInput, where + ": a record needs video_id and stages");
      }
    } else {
      // SFT: user prompt + assistant caption; GRPO: the user prompt only, the caption as solution.
      const size_t messages = format == ExportFormat::Sft ? 2 : 1;
      if (!record.contains("videos") || !record["videos"].is_array() || !record.contains("messages") ||
          !record["messages"].is_array() || record["messages"].size() != messages) {
        return makeError(ErrorCode::InvalidInput,
                         where + ": a training record needs videos and " + std::to_string(messages) + " message(s)");
      }
      if (format == ExportFormat::Grpo && !record.contains("solution")) {
        return makeError(ErrorCode::InvalidInput, where + ": a GRPO record needs a solution");
      }
    }
    ++records;
    start = end + 1;
  }
  return {};
}

}  // namespace

namespace {

// A manifest field of the wrong JSON type is the user's file being wrong: say which field.
Status checkManifestTypes(const nlohmann::json& manifest, const std::string& where) {
  auto wrong = [&](const std::string& field, const char* wanted) {
    return makeError(ErrorCode::InvalidInput, where + ": \"" + field + "\" must be " + wanted);
  };
  if (!manifest.is_object()) return makeError(ErrorCode::InvalidInput, where + " is not a JSON object");
  if (!manifest.contains("format") || !manifest["format"].is_string()) return wrong("format", "a string");
  if (manifest["format"].get<std::string>() != detail::kManifestFormat) {
    return makeError(ErrorCode::InvalidInput, where + " is not a ugccap export manifest");
  }
  if (!manifest.contains("export_format") || !manifest["export_format"].is_string()) {
    return wrong("export_format", "a string");
  }
  if (!manifest.contains("files") || !manifest["files"].is_array()) return wrong("files", "an array");
  if (manifest.contains("counts")) {
    const auto& counts = manifest["counts"];
    if (!counts.is_object()) return wrong("counts", "an object");
    for (const char* key : {"files", "records"}) {
      if (counts.contains(key) && (!counts[key].is_number_integer() || counts[key].get<int64_t>() < 0)) {
        return wrong(std::string("counts.") + key, "a non-negative whole number");
      }
    }
  }
  size_t index = 0;
  for (const auto& entry : manifest["files"]) {
    const std::string at = "files[" + std::to_string(index++) + "]";
    if (!entry.is_object()) return wrong(at, "an object");
    if (!entry.contains("name") || !entry["name"].is_string()) return wrong(at + ".name", "a string");
    if (!entry.contains("sha256") || !entry["sha256"].is_string()) return wrong(at + ".sha256", "a string");
    if (!entry.contains("records") || !entry["records"].is_number_integer() || entry["records"].get<int64_t>() < 0) {
      return wrong(at + ".records", "a non-negative whole number");
    }
  }
  return {};
}

}  // namespace

static Result<ValidationReport> validateExportUnguarded(const fs::path& dir) {
  UGC_DB_ASSIGN(text, detail::readWholeFile(dir / detail::kManifestName));
  auto manifest = nlohmann::json::parse(text, nullptr, false);
  const std::string where = (dir / detail::kManifestName).string();
  if (manifest.is_discarded()) return makeError(ErrorCode::InvalidInput, where + " is not valid JSON");
  if (auto typed = checkManifestTypes(manifest, where); !typed) return tl::unexpected(typed.error());
  auto format = parseExportFormat(manifest["export_format"].get<std::string>());
  if (!format) return makeError(ErrorCode::InvalidInput, "unknown export_format in the manifest");
  ValidationReport report;
  report.format = exportFormatName(*format);
  std::set<std::string> listed{detail::kManifestName};
  for (const auto& entry : manifest["files"]) {
    const std::string name = entry["name"].get<std::string>();
    if (name.find('/') != std::string::npos || name == "..") {
      return makeError(ErrorCode::InvalidInput, "manifest names a file outside the export: " + name);
    }
    listed.insert(name);
    auto content = detail::readWholeFile(dir / name);
    if (!content) return makeError(ErrorCode::InvalidInput, name + " is listed in the manifest but missing");
    if (sha256Hex(*content) != entry["sha256"].get<std::string>()) {
      return makeError(ErrorCode::InvalidInput, name + " does not match its SHA-256 in the manifest");
    }
    int64_t records = 0;
    if (*format == ExportFormat::Release) {
      if (name == "ocr.jsonl") {
        auto parsed = annotation::parseReleaseOcrJsonl(*content);
        if (!parsed) return makeError(ErrorCode::InvalidInput, name + ": " + parsed.error().message);
        records = int64_t(parsed->size());
      } else {
        auto parsed = annotation::parseReleaseQaFile(*content);
        if (!parsed) return makeError(ErrorCode::InvalidInput, name + ": " + parsed.error().message);
        if (parsed->validCount != static_cast<long long>(parsed->samples.size())) {
          return makeError(ErrorCode::InvalidInput, name + ": valid_count differs from the number of samples");
        }
        records = int64_t(parsed->samples.size());
      }
    } else {
      UGC_DB_TRY(checkJsonlLines(name, *content, *format, records));
    }
    if (records != entry["records"].get<int64_t>()) {
      return makeError(ErrorCode::InvalidInput, name + ": " + std::to_string(records) + " records, the manifest says " +
                                                    entry["records"].dump());
    }
    report.records += records;
    ++report.files;
  }
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    if (!listed.count(item.path().filename().string())) {
      return makeError(ErrorCode::InvalidInput, item.path().filename().string() + " is not listed in the manifest");
    }
  }
  if (manifest.contains("counts")) {
    const auto& counts = manifest["counts"];
    if (counts.contains("records") && counts["records"].get<int64_t>() != report.records) {
      return makeError(ErrorCode::InvalidInput, "counts.records says " + counts["records"].dump() +
                                                    ", the files hold " + std::to_string(report.records));
    }
    if (counts.contains("files") && counts["files"].get<int64_t>() != report.files) {
      return makeError(ErrorCode::InvalidInput, "counts.files says " + counts["files"].dump() +
                                                    ", the manifest lists " + std::to_string(report.files));
    }
  }
  return report;
}

// A manifest field of the wrong type (found by fuzz_manifest_validate: {"format": 3}) is bad
// input, not an exception escaping the library.
Result<ValidationReport> validateExport(const fs::path& dir) {
  try {
    return validateExportUnguarded(dir);
  } catch (const nlohmann::json::exception& error) {
    return makeError(ErrorCode::InvalidInput,
                     (dir / detail::kManifestName).string() + ": a field has the wrong type (" + error.what() + ")");
  }
}

}  // namespace ugc::db
