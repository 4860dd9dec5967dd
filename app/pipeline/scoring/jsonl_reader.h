#pragma once
// Reading the benchmark's result files: JSONL line by line with the line number in every error,
// a size limit per line, and blank lines ignored.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ugc::pipeline::scoring {

// Longer lines are refused (the largest released prediction is 41 kB; ROUGE-L's LCS is
// quadratic, so a bounded line keeps one record's cost bounded too).
inline constexpr std::size_t kMaxResultLineBytes = 1 << 20;

// Calls `onLine(lineNumber, text)` for each non-blank line (1-based numbers; a trailing \r is
// dropped). Errors: NotFound / Io for the file, InvalidInput "<file>:<line>: ..." for a line over
// the limit; an error returned by onLine stops the read and is passed on.
Status forEachJsonlLine(const std::filesystem::path& file,
                        const std::function<Status(std::size_t lineNumber, std::string_view line)>& onLine);

// "<file>:<line>: <what>" as an InvalidInput error.
Error lineError(const std::filesystem::path& file, std::size_t line, const std::string& what);

}  // namespace ugc::pipeline::scoring
