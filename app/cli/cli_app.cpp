// The whole command line in one process: the light commands and the model part (LibTorch).
// `ugccap-model` runs this, and tests call it in-process.
#include <CLI/CLI.hpp>

#include "cli/cli_app.h"
#include "cli/command_context.h"

namespace ugc::cli {

int runCli(int argc, char** argv) {
  return runCliWith(argc, argv, [](CLI::App& app, CommandContext& ctx) {
    registerGeneralCommands(app, ctx);
    registerLightCommands(app, ctx);
    registerModelCommands(app, ctx);
    registerExtractCommands(app, ctx);
    registerDraftCommands(app, ctx);
    registerEvalCommands(app, ctx);
    registerScoreCommands(app, ctx);
    registerJudgeCommands(app, ctx);
    registerAudioEventCommands(app, ctx);
  });
}

}  // namespace ugc::cli
