// `ugccap`: the commands that need no model run here; the model commands are handed to
// `ugccap-model`, so this executable never links or loads LibTorch (it starts in about
// ffprobe's time; see docs/performance.md, bench_cli_start).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_app.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/exit_codes.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void execModelPart(int argc, char** argv) {
  const std::string part = modelPartPath();
  if (part.empty()) {
    std::fprintf(stderr,
                 "ugccap: %s needs the model part (ugccap-model), which is not installed beside ugccap "
                 "(set UGCCAP_MODEL_PART to its path)\n",
                 argc > 1 ? argv[1] : "this command");
    std::exit(kExitFailure);
  }
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  ::execv(part.c_str(), args.data());
  std::fprintf(stderr, "ugccap: cannot start %s: %s\n", part.c_str(), std::strerror(errno));
  std::exit(kExitFailure);
}

}  // namespace

std::string modelPartPath() {
  if (const char* env = std::getenv("UGCCAP_MODEL_PART"); env && *env) return fs::exists(env) ? env : "";
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (const fs::path& candidate : {self.parent_path() / "ugccap-model",
                                    self.parent_path().parent_path() / "libexec" / "ugccap" / "ugccap-model"}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

int runLightCli(int argc, char** argv) {
  if (isModelCommand(requestedSubcommand(argc, argv))) execModelPart(argc, argv);
  return runCliWith(argc, argv, [argc, argv](CLI::App& app, CommandContext& ctx) {
    registerLightCommands(app, ctx);
    // The model commands appear in --help with their real descriptions; they never run here.
    for (auto* command = modelCommandsBegin(); command != modelCommandsEnd(); ++command) {
      auto* stub = app.add_subcommand(command->name, command->description);
      stub->allow_extras();
      stub->callback([argc, argv] { execModelPart(argc, argv); });
    }
    (void)ctx;
  });
}

}  // namespace ugc::cli
