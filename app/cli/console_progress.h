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

// One CLI call's cancellation: while a scope lives, SIGINT/SIGTERM cancel its token (exit code 3).
// runCli opens one per call; scopes nest (the inner one is current until it ends).
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
  const CancelToken& token() const { return token_; }

 private:
  CancelToken token_;
  CancelToken* previous_ = nullptr;
};

// The token of the CLI call running now (a fresh, never-cancelled one outside any call).
CancelToken interruptToken();

}  // namespace ugc::cli
