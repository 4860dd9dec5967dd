#include "db/import_common.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ugc::db {

std::string ImportIssue::describe() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  return out + (out.empty() ? "" : ": ") + message;
}

std::string ImportReport::summary() const {
  return std::to_string(videosAdded) + " videos, " + std::to_string(revisionsAdded) + " approved annotations, " +
         std::to_string(draftsAdded) + " drafts, " + std::to_string(qaPairsAdded) + " QA pairs imported; " +
         std::to_string(skipped.size()) + " skipped";
}

namespace detail {

tl::unexpected<Error> importFailure(const std::vector<ImportIssue>& errors) {
  std::string message;
  const size_t shown = std::min<size_t>(errors.size(), 3);
  for (size_t i = 0; i < shown; ++i) message += (i ? "; " : "") + errors[i].describe();
  if (errors.size() > shown) message += " (and " + std::to_string(errors.size() - shown) + " more errors)";
  message += "; nothing was imported";
  for (auto& c : message) {
    if (c == '\n' || c == '\r') c = ' ';  // one line for the CLI
  }
  return makeError(ErrorCode::InvalidInput, message);
}

Result<std::string> readWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int64_t lineOfOffset(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n');
}

std::string storedMediaPath(const Project& project, const fs::path& media) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(media, ec);
  const fs::path folder = fs::weakly_canonical(project.folder(), ec);
  const fs::path relative = absolute.lexically_relative(folder);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return absolute.generic_string();
}

}  // namespace detail
}  // namespace ugc::db
