#include "pipeline/scoring/jsonl_reader.h"

#include <fstream>
#include <system_error>

namespace ugc::pipeline::scoring {

Error lineError(const std::filesystem::path& file, std::size_t line, const std::string& what) {
  return Error{ErrorCode::InvalidInput, file.string() + ":" + std::to_string(line) + ": " + what};
}

Status forEachJsonlLine(const std::filesystem::path& file,
                        const std::function<Status(std::size_t, std::string_view)>& onLine) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return makeError(ErrorCode::NotFound, file.string() + ": no such file");
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, file.string() + ": cannot open");
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kMaxResultLineBytes)
      return tl::unexpected(lineError(file, number,
                                      "line of " + std::to_string(line.size()) + " bytes is over the " +
                                          std::to_string(kMaxResultLineBytes) + "-byte limit"));
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (auto status = onLine(number, line); !status) return status;
  }
  if (in.bad()) return makeError(ErrorCode::Io, file.string() + ": read error after line " + std::to_string(number));
  return {};
}

}  // namespace ugc::pipeline::scoring
