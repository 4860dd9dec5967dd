#pragma once
// Shared by the importers (not public).

#include <filesystem>
#include <string>
#include <vector>

#include "db/project_import.h"

namespace ugc::db::detail {

// InvalidInput listing the first issues on one line, with the total count.
tl::unexpected<Error> importFailure(const std::vector<ImportIssue>& errors);
Result<std::string> readWholeFile(const std::filesystem::path& path);
// The 1-based line of a byte offset (nlohmann reports byte positions).
int64_t lineOfOffset(const std::string& text, size_t offset);
// Media path as stored: relative to the project folder when inside it, else absolute.
std::string storedMediaPath(const Project& project, const std::filesystem::path& media);

}  // namespace ugc::db::detail
