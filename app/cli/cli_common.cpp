// What both executables share: error reporting, the command wrapper and the CLI frame.
#include "cli/cli_app.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "core/version.h"

namespace ugc::cli {

int reportError(const Error& error, const char* context) {
  if (error.isCancelled()) {
    std::fprintf(stderr, "ugccap: cancelled\n");
    return kExitCancelled;
  }
  if (context) {
    std::fprintf(stderr, "ugccap: %s: %s\n", context, error.describe().c_str());
  } else {
    std::fprintf(stderr, "ugccap: %s\n", error.describe().c_str());
  }
  switch (error.code) {
    case ErrorCode::InvalidArgument:
      return kExitUsage;
    case ErrorCode::InvalidInput:
    case ErrorCode::NotFound:
    case ErrorCode::Io:
    case ErrorCode::Unsupported:
    case ErrorCode::Conflict:
    case ErrorCode::Busy:
    case ErrorCode::PermissionDenied:
      return kExitInputError;
    case ErrorCode::Cancelled:
      return kExitCancelled;
    case ErrorCode::Internal:
      return kExitFailure;
  }
  return kExitFailure;
}

std::function<void()> runs(CommandContext& ctx, std::function<int()> body) {
  return [&ctx, body = std::move(body)] {
    try {
      ctx.exitCode = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ugccap: internal error: %s\n", e.what());
      ctx.exitCode = kExitFailure;
    }
  };
}

int runCliWith(int argc, char** argv, const std::function<void(CLI::App&, CommandContext&)>& registerCommands) {
  CLI::App app{"ugccap - build and curate audio-visual video-captioning benchmarks (UGC-VideoCap)"};
  app.set_version_flag("--version", "ugccap " + versionString());
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 usage error, 2 input error (unreadable or malformed input),\n"
      "            3 cancelled (Ctrl-C), 4 other failure.\n"
      "Long commands show a progress bar on a terminal and plain lines otherwise (on stderr).");

  // Everything below is per call: options, exit code and the Ctrl-C token start afresh.
  CommandContext ctx;
  InterruptScope interrupt;
  app.add_flag("-q,--quiet", ctx.quiet, "No progress output");
  registerCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return ctx.exitCode;
}

void registerLightCommands(CLI::App& app, CommandContext& ctx) {
  registerDemoCommands(app, ctx);
  registerMediaCommands(app, ctx);
  registerProjectCommands(app, ctx);
  registerWorkflowCommands(app, ctx);
  registerUserCommands(app, ctx);
  registerFaithfulnessCommands(app, ctx);
  registerTeamCommands(app, ctx);
}

}  // namespace ugc::cli
