// Subcommands that are registered so `ugccap --help` shows the whole tool, but whose
// implementation has not landed yet. Each entry is removed when its module registers it.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {
namespace {

struct PlannedCommand {
  const char* name;
  const char* description;
};

constexpr PlannedCommand kPlanned[] = {
    {"probe", "Probe media files (container, streams, rotation, fingerprint)"},
    {"frames", "Sample frames from a video as PNG files"},
    {"features", "Decode 16 kHz audio, log-mel features and waveform peaks"},
    {"init", "Create a project database"},
    {"import", "Import videos, a manifest, a UGC-VideoCap release or model drafts"},
    {"export", "Export a project (release, jsonl, sft, grpo)"},
    {"validate", "Check an export against its manifest and schema"},
    {"stats", "Project statistics and progress toward targets"},
    {"qa", "Generate and manage template QA pairs"},
    {"extract", "Extract signals (OCR, audio events, voice, scene changes)"},
    {"draft", "Draft captions with the built-in captioner"},
    {"train", "Train the drafting model"},
    {"eval-drafts", "Evaluate drafts against reference captions"},
};

}  // namespace

void registerPlannedCommands(CLI::App& app, CommandContext& ctx) {
  for (const auto& planned : kPlanned) {
    bool taken = false;
    for (const auto* existing : app.get_subcommands({})) taken = taken || existing->get_name() == planned.name;
    if (taken) continue;
    auto* cmd = app.add_subcommand(planned.name, std::string(planned.description) + " [not in this build yet]");
    cmd->allow_extras();
    const std::string name = planned.name;
    cmd->callback(runs(ctx, [name] {
      std::fprintf(stderr, "ugccap: '%s' is not available in this build yet\n", name.c_str());
      return int(kExitFailure);
    }));
  }
}

}  // namespace ugc::cli
