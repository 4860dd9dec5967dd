// `ugccap eval-drafts`: the captioner's drafts on the held-out release-dev videos against the template
// and concatenation baselines (app/pipeline/draft_evaluation.h); --record keeps the verdict next to
// the weights for the studio and `ugccap draft` (app/pipeline/draft_sources.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "model/captioner.h"
#include "model/torch_runtime.h"
#include "model/training_data.h"
#include "pipeline/draft_evaluation.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

// Same resolution as `ugccap train`: --data, else $UGC_DATA_DIR, else ../shared/ugc-videocap.
std::string dataDirFrom(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("UGC_DATA_DIR"); env && *env) return env;
  return "../shared/ugc-videocap";
}

}  // namespace

void registerEvalCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string model = "resources/models/captioner-default";
    std::string data;
    int videos = 0;
    int beam = 4;
    int threads = 1;
    int samples = 3;
    bool json = false;
    bool record = false;
    bool ungrounded = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("eval-drafts", modelCommandDescription("eval-drafts"));
  cmd->add_option("--model", options->model, "Captioner folder (config.json, tokenizer.model, weights.pt)")
      ->capture_default_str();
  cmd->add_option("--data", options->data,
                  "Folder with release-dev/ (default $UGC_DATA_DIR or ../shared/ugc-videocap)");
  cmd->add_option("--videos", options->videos, "Evaluate the first N held-out videos by id (default: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--beam", options->beam, "Beam size (1: greedy)")->capture_default_str()->check(CLI::Range(1, 16));
  cmd->add_option("--threads", options->threads, "Torch threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--samples", options->samples, "Videos whose drafts are kept as samples in the JSON")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", options->json, "Print the evaluation as JSON (the evaluation.json format)");
  cmd->add_flag("--ungrounded", options->ungrounded,
                "Draft as before grounding: unconstrained quotes, the best beam even when it contradicts the fields");
  cmd->add_flag("--record", options->record, "Write <model>/evaluation.json: the best draft source per stage");
  cmd->callback(runs(ctx, [&ctx, options] {
    model::configureTorchRuntime(options->threads);
    auto captioner = model::Captioner::load(options->model);
    if (!captioner) return reportError(captioner.error(), "eval-drafts: --model");
    const std::string dataDir = dataDirFrom(options->data);
    auto corpus = model::loadReleaseCorpus((fs::path(dataDir) / "release-dev").string());
    if (!corpus) return reportError(corpus.error(), "eval-drafts: --data");

    auto params = pipeline::DraftEvaluationParams::defaultParams();
    params.maxVideos = options->videos;
    params.draft.beamSize = options->beam;
    params.keepSamples = options->samples;
    params.grounded = !options->ungrounded;
    ConsoleProgress progress;
    auto evaluation = pipeline::evaluateDrafts(*captioner, *corpus, params,
                                               ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!evaluation) return reportError(evaluation.error(), "eval-drafts");

    std::ostringstream command;
    command << "ugccap eval-drafts --model " << options->model << " --data " << dataDir << " --beam " << options->beam
            << " --threads " << options->threads;
    if (options->videos > 0) command << " --videos " << options->videos;
    if (options->ungrounded) command << " --ungrounded";
    if (options->record) command << " --record";
    evaluation->command = command.str();

    if (options->json) {
      std::fputs(pipeline::evaluationToJson(*evaluation).c_str(), stdout);
    } else {
      std::printf("%s (weights %s) on release-dev data %s\n", evaluation->modelName.c_str(),
                  evaluation->weightsHash.c_str(), evaluation->dataHash.c_str());
      std::fputs(pipeline::evaluationTable(*evaluation).c_str(), stdout);
      const auto choice = pipeline::choicesOf(*evaluation);
      std::printf("offered first: audio %s, visual %s, joint %s (joint before any caption exists: %s)\n",
                  pipeline::draftSourceName(choice.audio.best), pipeline::draftSourceName(choice.visual.best),
                  pipeline::draftSourceName(choice.joint.best), pipeline::draftSourceName(choice.jointFromDrafts.best));
    }
    if (options->record) {
      if (auto s = pipeline::recordEvaluation(*evaluation, options->model); !s)
        return reportError(s.error(), "eval-drafts: --record");
      std::fprintf(stderr, "eval-drafts: recorded %s\n",
                   (fs::path(options->model) / pipeline::kEvaluationFileName).string().c_str());
    }
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
