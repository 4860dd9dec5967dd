#pragma once
// Progress for long CLI commands: a redrawn bar on a terminal, plain lines otherwise
// (logs and CI), both on stderr so stdout stays clean for --json output.

#include <chrono>
#include <cstdio>
#include <string>

#include "core/progress.h"

namespace ugc::cli {

class ConsoleProgress {
 public:
  explicit ConsoleProgress(std::FILE* stream = stderr);
  ~ConsoleProgress();
  ConsoleProgress(const ConsoleProgress&) = delete;
  ConsoleProgress& operator=(const ConsoleProgress&) = delete;

  ProgressSink sink();
  void update(const Progress& progress);
  void finish();

 private:
  std::FILE* stream_;
  bool terminal_;
  std::string lastStep_;
  int lastPercent_ = -1;
  std::chrono::steady_clock::time_point lastDraw_{};
  bool barOpen_ = false;
};

// A token that fires on SIGINT/SIGTERM so Ctrl-C cancels cleanly (exit code 3).
CancelToken interruptToken();

}  // namespace ugc::cli
