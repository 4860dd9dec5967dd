#pragma once
// The CLI's exit codes (documented in docs/user-guide.md and `ugccap --help`).

#include "core/error.h"

namespace ugc::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,       // bad command line
  kExitInputError = 2,  // unreadable or malformed input; one-line reason on stderr
  kExitCancelled = 3,   // interrupted (Ctrl-C) or cancelled
  kExitFailure = 4,     // anything else that went wrong
};

// Maps a library error to the exit code a script should see, printing its one-line reason.
int reportError(const Error& error, const char* context = nullptr);

}  // namespace ugc::cli
