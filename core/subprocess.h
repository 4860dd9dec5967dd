#pragma once
// Runs an external program (ffmpeg, espeak-ng) without a shell, capturing its output.
// Used by the demo-corpus generator, tests and benchmarks that synthesise media.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc {

struct ProcessOutput {
  int exitCode = -1;
  std::string standardOutput;
  std::string standardError;
};

struct ProcessOptions {
  std::optional<std::filesystem::path> workingDirectory;
  std::optional<std::chrono::milliseconds> timeout;  // kill the child after this long
  CancelToken cancel;                                  // kill the child when fired
  bool captureStandardOutput = true;                   // false: discard it (large raw streams)
};

// argv[0] is looked up on PATH. A program that runs and exits non-zero is not an
// error here; inspect exitCode. Errors: program missing, spawn failure, timeout, cancel.
Result<ProcessOutput> runProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options = {});

// The absolute path of an executable on PATH, if any.
std::optional<std::filesystem::path> findExecutable(const std::string& name);

}  // namespace ugc
