#pragma once
// The `ugccap` command line: every headless job of the toolkit.
//
// Two executables: `ugccap` runs the commands that need no model (probe, import, export, ...)
// and never loads LibTorch; it hands the model commands (command_table.h) to `ugccap-model`,
// which runs the whole command line. Same arguments, same exit codes, same output.

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace ugc::cli {

struct CommandContext;

// The whole command line (light and model commands) in this process. Returns the exit code
// (exit_codes.h). Options and the Ctrl-C token are per call: calls do not share state.
int runCli(int argc, char** argv);

// `ugccap`'s entry point: a model command is handed to `ugccap-model` (this call does not
// return then, unless the model part cannot be started); the rest runs here.
int runLightCli(int argc, char** argv);

// Where `ugccap-model` is: $UGCCAP_MODEL_PART, else beside this executable, else
// ../libexec/ugccap/ under it (installed layout). Empty when none exists.
std::string modelPartPath();

// The shared frame: the app, its footer and global flags, per-call state, parsing.
int runCliWith(int argc, char** argv, const std::function<void(CLI::App&, CommandContext&)>& registerCommands);
// The commands that need no model.
void registerLightCommands(CLI::App& app, CommandContext& ctx);

}  // namespace ugc::cli
