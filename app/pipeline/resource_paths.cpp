#include "pipeline/resource_paths.h"

#include <cstdlib>
#include <system_error>

namespace ugc::pipeline {
namespace fs = std::filesystem;

std::vector<fs::path> resourceSearchPath() {
  std::vector<fs::path> folders;
  if (const char* env = std::getenv("UGC_RESOURCES_DIR"); env && *env) folders.emplace_back(env);
  std::error_code ec;
  // Installed: <prefix>/bin/ugccap(-studio) and <prefix>/libexec/ugccap/ugccap-model beside
  // <prefix>/share/ugc-videocap.
  if (auto exe = fs::read_symlink("/proc/self/exe", ec); !ec) {
    const fs::path dir = exe.parent_path();
    if (dir.filename() == "ugccap" && dir.parent_path().filename() == "libexec") {
      folders.push_back(dir.parent_path().parent_path() / "share" / "ugc-videocap");
    } else {
      folders.push_back(dir.parent_path() / "share" / "ugc-videocap");
    }
  }
#ifdef UGC_SOURCE_RESOURCES_DIR
  folders.emplace_back(UGC_SOURCE_RESOURCES_DIR);
#endif
  folders.emplace_back("resources");
  return folders;
}

Result<fs::path> findResource(const fs::path& relative) {
  std::string looked;
  for (const auto& folder : resourceSearchPath()) {
    std::error_code ec;
    const auto candidate = folder / relative;
    if (fs::exists(candidate, ec)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  return makeError(ErrorCode::NotFound,
                   "resource " + relative.string() + " not found (looked in " + looked + "; set UGC_RESOURCES_DIR)");
}

Result<fs::path> defaultCaptionerDir() { return findResource(kDefaultCaptionerName); }

}  // namespace ugc::pipeline
