// Videos from a folder or a manifest: probed and fingerprinted (core/probe.h), duplicates skipped.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/probe.h"
#include "db/import_common.h"
#include "db/media_import_detail.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db {
namespace detail {

std::string probeToJson(const media::ProbeResult& probe) {
  nlohmann::ordered_json out;
  out["container"] = probe.container;
  out["duration"] = probe.duration;
  out["bit_rate"] = probe.bitRate;
  out["file_size"] = probe.fileSize;
  if (probe.video) {
    const auto& v = *probe.video;
    out["video"] = {{"codec", v.codec},         {"width", v.width},
                    {"height", v.height},       {"display_width", v.displayWidth},
                    {"display_height", v.displayHeight}, {"avg_fps", v.avgFps},
                    {"frame_count", v.frameCount}, {"rotation", v.rotation}};
  } else {
    out["video"] = nullptr;
  }
  if (probe.audio) {
    out["audio"] = {{"codec", probe.audio->codec},
                    {"sample_rate", probe.audio->sampleRate},
                    {"channels", probe.audio->channels}};
  } else {
    out["audio"] = nullptr;
  }
  return out.dump();
}

Result<ImportReport> importMediaCandidates(Project& project, const std::vector<MediaCandidate>& candidates,
                                           const std::string& origin, const ProgressSink& progress,
                                           const CancelToken& cancel, ImportReport report,
                                           const std::function<Status(const std::string& videoId)>& afterInsert) {
  auto& connection = project.connection();
  std::vector<ImportIssue> errors;
  std::set<std::string> ids;
  for (const auto& c : candidates) {
    if (auto ok = validateVideoId(c.id); !ok) errors.push_back({c.file, c.line, ok.error().message});
    if (!ids.insert(c.id).second) errors.push_back({c.file, c.line, "duplicate video id \"" + c.id + "\""});
  }
  if (!errors.empty()) return importFailure(errors);

  // Probing is the slow part and reads only: done before the write transaction.
  std::vector<NewVideo> videos;
  std::map<std::string, std::string> fingerprintOwner;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& c = candidates[i];
    ugc::report(progress, "probing media", int64_t(i), int64_t(candidates.size()));
    NewVideo video;
    video.id = c.id;
    video.sourceUrl = c.url;
    video.origin = origin;
    if (c.media.empty()) {
      video.annotationOnly = true;
    } else {
      auto probe = media::probeMedia(c.media, media::defaultProbeParams(), cancel);
      if (!probe) {
        if (probe.error().isCancelled()) return cancelledError();
        errors.push_back({c.file, c.line, c.media.string() + ": " + probe.error().message});
        continue;
      }
      video.mediaPath = storedMediaPath(project, c.media);
      video.fingerprint = probe->fingerprint;
      video.probeJson = probeToJson(*probe);
      if (auto earlier = fingerprintOwner.find(video.fingerprint); earlier != fingerprintOwner.end()) {
        report.skipped.push_back({c.file, c.line, c.id + " has the same content as " + earlier->second});
        continue;
      }
      UGC_DB_ASSIGN(existing, project.findVideoByFingerprint(video.fingerprint));
      if (existing) {
        report.skipped.push_back({c.file, c.line, c.id + " has the same content as " + existing->id +
                                                      ", already in the project"});
        continue;
      }
      fingerprintOwner[video.fingerprint] = c.id;
    }
    UGC_DB_ASSIGN(exists, videoExists(connection, c.id));
    if (exists) {
      errors.push_back({c.file, c.line, "video id \"" + c.id + "\" is already in the project with other content"});
      continue;
    }
    videos.push_back(std::move(video));
  }
  if (!errors.empty()) return importFailure(errors);

  // Short transactions: a concurrent writer waits for one chunk, not for the whole import.
  constexpr size_t kVideosPerTransaction = 50;
  if (cancel.isCancelled()) return cancelledError();
  const std::string now = nowIso();
  for (size_t begin = 0; begin < videos.size() || begin == 0; begin += kVideosPerTransaction) {
    const size_t end = std::min(videos.size(), begin + kVideosPerTransaction);
    UGC_DB_ASSIGN(transaction, Transaction::begin(connection));
    UGC_DB_ASSIGN(position, nextVideoPosition(connection));
    for (size_t i = begin; i < end; ++i) {
      UGC_DB_TRY(insertVideo(connection, videos[i], position++, now));
      ++report.videosAdded;
      if (afterInsert) UGC_DB_TRY(afterInsert(videos[i].id));
    }
    if (end == videos.size()) {
      UGC_DB_TRY(appendAudit(connection, kImportActor, "project", origin, "import videos", "", "", report.summary()));
    }
    UGC_DB_TRY(transaction.commit());
    if (end == videos.size()) break;
  }
  ugc::report(progress, "probing media", int64_t(candidates.size()), int64_t(candidates.size()));
  UGC_DB_TRY(refreshStatisticsAfterBulkLoad(connection));
  return report;
}

}  // namespace detail

namespace {

bool isMediaFile(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  static const std::set<std::string> kExtensions = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".3gp"};
  return kExtensions.count(ext) > 0;
}

// One CSV record: fields separated by commas, quotes around fields that hold commas or quotes.
std::vector<std::string> splitCsvLine(const std::string& line, bool& ok) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  ok = true;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  ok = !quoted;
  return fields;
}

}  // namespace

Result<ImportReport> importVideoFolder(Project& project, const fs::path& dir, const ProgressSink& progress,
                                       const CancelToken& cancel) {
  if (!fs::is_directory(dir)) return makeError(ErrorCode::NotFound, dir.string() + " is not a folder");
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && isMediaFile(it->path())) files.push_back(it->path());
  }
  if (ec) return makeError(ErrorCode::Io, "cannot list " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<detail::MediaCandidate> candidates;
  for (const auto& file : files) {
    candidates.push_back({file.stem().string(), file, "", file.lexically_relative(dir).generic_string(), 0});
  }
  return detail::importMediaCandidates(project, candidates, "folder", progress, cancel);
}

Result<ImportReport> importManifest(Project& project, const fs::path& manifest, const ProgressSink& progress,
                                    const CancelToken& cancel) {
  UGC_DB_ASSIGN(text, detail::readWholeFile(manifest));
  const std::string file = manifest.filename().string();
  const fs::path base = manifest.parent_path();
  std::vector<detail::MediaCandidate> candidates;
  std::vector<ImportIssue> errors;
  auto resolve = [&](const std::string& path) { return path.empty() ? fs::path() : fs::path(path).is_absolute() ? fs::path(path) : base / path; };
  std::string ext = manifest.extension().string();
  if (ext == ".json") {
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
      return detail::importFailure({{file, detail::lineOfOffset(text, error.byte), "not valid JSON"}});
    } catch (const nlohmann::json::exception& error) {  // e.g. a number too large for a double
      return detail::importFailure({{file, 0, std::string("unreadable JSON: ") + error.what()}});
    }
    if (!json.is_array()) return detail::importFailure({{file, 1, "expected a JSON list of {\"id\", \"path\", \"url\"}"}});
    for (size_t i = 0; i < json.size(); ++i) {
      const auto& entry = json[i];
      const std::string where = file + " entry " + std::to_string(i + 1);
      if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
        errors.push_back({where, 0, "needs a string \"id\""});
        continue;
      }
      std::string path, url;
      if (entry.contains("path") && !entry["path"].is_null()) {
        if (!entry["path"].is_string()) { errors.push_back({where, 0, "\"path\" must be a string"}); continue; }
        path = entry["path"].get<std::string>();
      }
      if (entry.contains("url") && !entry["url"].is_null()) {
        if (!entry["url"].is_string()) { errors.push_back({where, 0, "\"url\" must be a string"}); continue; }
        url = entry["url"].get<std::string>();
      }
      if (path.empty() && url.empty()) { errors.push_back({where, 0, "needs a \"path\" or a \"url\""}); continue; }
      candidates.push_back({entry["id"].get<std::string>(), resolve(path), url, file, int64_t(i + 1)});
    }
  } else {
    // CSV with a header naming the columns id, path and optionally url.
    size_t start = 0;
    int idColumn = -1, pathColumn = -1, urlColumn = -1;
    for (int64_t line = 1; start < text.size(); ++line) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string content = text.substr(start, end - start);
      start = end + 1;
      if (content.find_first_not_of(" \t\r") == std::string::npos) continue;
      bool ok = true;
      auto fields = splitCsvLine(content, ok);
      if (!ok) { errors.push_back({file, line, "unterminated quote"}); continue; }
      if (idColumn < 0) {
        for (size_t c = 0; c < fields.size(); ++c) {
          if (fields[c] == "id") idColumn = int(c);
          if (fields[c] == "path") pathColumn = int(c);
          if (fields[c] == "url") urlColumn = int(c);
        }
        if (idColumn < 0 || (pathColumn < 0 && urlColumn < 0)) {
          return detail::importFailure({{file, line, "the header must name the columns id and path (and url)"}});
        }
        continue;
      }
      auto column = [&](int c) { return c >= 0 && size_t(c) < fields.size() ? fields[size_t(c)] : std::string(); };
      if (size_t(std::max({idColumn, pathColumn, urlColumn})) >= fields.size() && column(pathColumn).empty()) {
        errors.push_back({file, line, "expected " + std::to_string(std::max({idColumn, pathColumn, urlColumn}) + 1) +
                                          " columns, found " + std::to_string(fields.size())});
        continue;
      }
      if (column(pathColumn).empty() && column(urlColumn).empty()) {
        errors.push_back({file, line, "needs a path or a url"});
        continue;
      }
      candidates.push_back({column(idColumn), resolve(column(pathColumn)), column(urlColumn), file, line});
    }
    if (idColumn < 0) return detail::importFailure({{file, 0, "empty manifest"}});
  }
  if (!errors.empty()) return detail::importFailure(errors);
  return detail::importMediaCandidates(project, candidates, "manifest", progress, cancel);
}

}  // namespace ugc::db
