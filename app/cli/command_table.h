#pragma once
// Which subcommands need the model part (LibTorch): `ugccap` itself never loads LibTorch; it
// hands those commands to `ugccap-model` (same arguments), so probing, importing or exporting
// start as fast as ffprobe. The table is the one place their descriptions live: both
// executables' help text comes from it.

#include <optional>
#include <string_view>

namespace ugc::cli {

struct ModelCommand {
  const char* name;
  const char* description;
};

// The model part's top-level subcommands, in help order.
const ModelCommand* modelCommandsBegin();
const ModelCommand* modelCommandsEnd();

bool isModelCommand(std::string_view name);
// The description of a model command (empty for an unknown name).
const char* modelCommandDescription(std::string_view name);

// The subcommand an argument vector asks for: the first argument that is not a global option
// (-q/--quiet). Empty when there is none (e.g. `ugccap --help`).
std::string_view requestedSubcommand(int argc, char** argv);

}  // namespace ugc::cli
