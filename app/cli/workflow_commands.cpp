// qa: the workflow rules (annotation/) applied to a project.
#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {

void registerWorkflowCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace ugc::cli
