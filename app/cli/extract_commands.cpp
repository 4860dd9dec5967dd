// extract: signal extraction (model/extractors) on loose files and over a project.
#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {

void registerExtractCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace ugc::cli
