// `ugccap demo-corpus DIR`: synthesise the demo clips with their ground truth.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "demo/demo_corpus.h"

namespace ugc::cli {

void registerDemoCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string dir;
    uint32_t seed = demo::kDefaultSeed;
    bool force = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("demo-corpus",
                                 "Synthesise the demo clips (vertical UGC-style videos) and their ground-truth JSON");
  cmd->add_option("dir", options->dir, "Output folder")->required();
  cmd->add_option("--seed", options->seed, "Random seed (the same seed gives the same corpus)");
  cmd->add_flag("--force", options->force, "Regenerate clips that already exist");
  cmd->callback(runs(ctx, [&ctx, options] {
    ConsoleProgress progress;
    demo::DemoCorpusParams params;
    params.seed = options->seed;
    params.overwrite = options->force;
    auto result =
        demo::generateDemoCorpus(options->dir, params, ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!result) return reportError(result.error(), "demo-corpus");
    std::printf("%zu clips in %s (%zu generated, %zu kept)\n", result->clips.size(), options->dir.c_str(),
                result->generated, result->clips.size() - result->generated);
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
