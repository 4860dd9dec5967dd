// extract, draft, train, eval-drafts: signals and the captioner (model/).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {

void registerModelCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace ugc::cli
