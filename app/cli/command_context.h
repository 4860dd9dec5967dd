#pragma once
// What every subcommand module needs: a place for its exit code and the shared options.
// Each module adds its subcommands in a register*Commands(CLI::App&, CommandContext&).

#include <filesystem>
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace ugc::cli {

struct CommandContext {
  int exitCode = 0;
  bool quiet = false;  // --quiet: no progress output
};

// Wraps a command body so it sets ctx.exitCode and never lets an exception escape.
std::function<void()> runs(CommandContext& ctx, std::function<int()> body);

void registerGeneralCommands(CLI::App& app, CommandContext& ctx);
void registerDemoCommands(CLI::App& app, CommandContext& ctx);
void registerMediaCommands(CLI::App& app, CommandContext& ctx);     // probe, frames, features
void registerProjectCommands(CLI::App& app, CommandContext& ctx);   // init, import, export, validate, stats
void registerWorkflowCommands(CLI::App& app, CommandContext& ctx);  // qa
void registerModelCommands(CLI::App& app, CommandContext& ctx);     // train-tokenizer, train
void registerExtractCommands(CLI::App& app, CommandContext& ctx);   // extract
void registerDraftCommands(CLI::App& app, CommandContext& ctx);     // draft
void registerEvalCommands(CLI::App& app, CommandContext& ctx);      // eval-drafts
void registerUserCommands(CLI::App& app, CommandContext& ctx);      // users
void registerFaithfulnessCommands(CLI::App& app, CommandContext& ctx);  // faithfulness report
void registerTeamCommands(CLI::App& app, CommandContext& ctx);      // next, leases, migrate
void registerScoreCommands(CLI::App& app, CommandContext& ctx);     // score ocr|captions|mcq|table
void registerJudgeCommands(CLI::App& app, CommandContext& ctx);     // judge, offline-judge
void registerAudioEventCommands(CLI::App& app, CommandContext& ctx);  // build-audio-events-data, train-audio-events

}  // namespace ugc::cli
