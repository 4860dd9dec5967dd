// init, import, export, validate, stats: the project store (db/).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {

void registerProjectCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace ugc::cli
