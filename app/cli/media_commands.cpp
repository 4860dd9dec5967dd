// probe, frames, features: media inspection (core/).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {

void registerMediaCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace ugc::cli
