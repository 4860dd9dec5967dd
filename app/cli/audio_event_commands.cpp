// The learned audio-event classifier's commands: `ugccap build-audio-events-data` (mixtures of
// real packaged recordings) and `ugccap train-audio-events` (train, evaluate, write the model folder).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "model/audio/audio_event_mixtures.h"
#include "model/audio/audio_event_model.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

void registerBuildData(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string out;
    int clips = 700;
    uint64_t seed = 1;
    double heldOut = 0.2;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("build-audio-events-data", modelCommandDescription("build-audio-events-data"));
  cmd->add_option("--out", options->out, "Output folder (clips/*.wav, mixtures.json)")->required();
  cmd->add_option("--clips", options->clips, "Number of mixtures")->capture_default_str()->check(CLI::Range(2, 100000));
  cmd->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  cmd->add_option("--held-out", options->heldOut, "Share of source files held out")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 0.9));
  cmd->callback(runs(ctx, [&ctx, options] {
    auto sources = model::debianAudioEventSources();
    std::fprintf(stderr, "build-audio-events-data: %zu music files, %zu effects, %zu sentences, %zu voices\n",
                 sources.music.size(), sources.effects.size(), sources.sentences.size(), sources.voices.size());
    model::MixtureParams params;
    params.clips = options->clips;
    params.seed = options->seed;
    params.heldOutShare = options->heldOut;
    ConsoleProgress progress;
    auto set = model::buildAudioEventMixtures(sources, params, options->out,
                                              ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!set) return reportError(set.error(), "build-audio-events-data");
    size_t held = 0;
    for (const auto& c : set->clips) held += c.heldOut;
    std::printf("%s: %zu clips (%zu held out), data %s\n", options->out.c_str(), set->clips.size(), held,
                set->dataHash.c_str());
    return int(kExitOk);
  }));
}

void registerTrain(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string data;
    std::string out;
    std::string config = "default";
    int steps = 0;
    int batch = 0;
    double learningRate = 0;
    double minutes = 0;
    uint64_t seed = 1;
    int threads = 1;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("train-audio-events", modelCommandDescription("train-audio-events"));
  cmd->add_option("--data", options->data, "Folder written by build-audio-events-data")->required();
  cmd->add_option("--out", options->out, "Model folder to write (weights.pt, config.json, card.json)")->required();
  cmd->add_option("--config", options->config, "Network size")
      ->check(CLI::IsMember({"tiny", "default"}))
      ->capture_default_str();
  cmd->add_option("--steps", options->steps, "Optimizer steps (default 3000; tiny: 60)")->check(CLI::PositiveNumber);
  cmd->add_option("--batch", options->batch, "Batch size (default 64; tiny: 16)")->check(CLI::PositiveNumber);
  cmd->add_option("--lr", options->learningRate, "Peak learning rate (default 2e-3)")->check(CLI::PositiveNumber);
  cmd->add_option("--minutes", options->minutes, "Stop after this many minutes")->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  cmd->add_option("--threads", options->threads, "Torch threads")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->callback(runs(ctx, [&ctx, options] {
    const CancelToken cancel = interruptToken();
    auto set = model::loadAudioEventMixtures(options->data);
    if (!set) return reportError(set.error(), "train-audio-events");
    auto train = model::mixtureExamples(options->data, *set, false, cancel);
    if (!train) return reportError(train.error(), "train-audio-events");
    auto heldOut = model::mixtureExamples(options->data, *set, true, cancel);
    if (!heldOut) return reportError(heldOut.error(), "train-audio-events");
    const bool tiny = options->config == "tiny";
    auto params = model::AudioEventTrainParams::defaultParams();
    params.config = tiny ? model::AudioEventNetConfig::tinyConfig() : model::AudioEventNetConfig::defaultConfig();
    if (tiny) params.steps = 60, params.batchSize = 16, params.evalEvery = 10;
    if (options->steps > 0) params.steps = options->steps;
    if (options->batch > 0) params.batchSize = options->batch;
    if (options->learningRate > 0) params.learningRate = options->learningRate;
    params.maxMinutes = options->minutes;
    params.seed = options->seed;
    params.threads = options->threads;
    auto classifier = model::AudioEventClassifier::create(params.config, params.seed);
    if (!classifier) return reportError(classifier.error(), "train-audio-events");
    std::fprintf(stderr, "train-audio-events: %zu training and %zu held-out blocks (data %s), %d steps\n",
                 train->size(), heldOut->size(), set->dataHash.c_str(), params.steps);
    ConsoleProgress progress;
    auto result = model::trainAudioEventClassifier(*classifier, *train, *heldOut, params,
                                                   ctx.quiet ? ProgressSink{} : progress.sink(), cancel);
    progress.finish();
    if (!result) return reportError(result.error(), "train-audio-events");
    std::ostringstream command;
    command << "ugccap train-audio-events --data " << options->data << " --out " << options->out << " --config "
            << options->config << " --steps " << params.steps << " --batch " << params.batchSize << " --lr "
            << params.learningRate << " --seed " << params.seed << " --threads " << params.threads;
    if (params.maxMinutes > 0) command << " --minutes " << params.maxMinutes;
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& p : result->curve)
      curve.push_back(
          {{"step", p.step}, {"train_loss", p.trainLoss}, {"held_out_loss", p.heldOutLoss}, {"seconds", p.seconds}});
    nlohmann::json card = {{"model", "ugc audio-event classifier (CNN over 1 s Whisper log-mel windows, 0.5 s hop)"},
                           {"classes", {"speech", "music", "other", "silence"}},
                           {"data_hash", set->dataHash},
                           {"data",
                            "mixtures of wesnoth-1.16-music and supertux-data recordings, supertux-data "
                            "sound effects and espeak-ng speech (ugccap build-audio-events-data)"},
                           {"train_blocks", train->size()},
                           {"held_out_blocks", heldOut->size()},
                           {"parameters", result->parameters},
                           {"steps", result->steps},
                           {"seconds", result->seconds},
                           {"stopped_by_time", result->stoppedByTime},
                           {"command", command.str()},
                           {"curve", curve}};
    if (auto s = classifier->save(options->out, card.dump(2)); !s) return reportError(s.error(), "train-audio-events");
    std::printf("step  train_loss  held_out_loss  seconds\n");
    for (const auto& p : result->curve)
      std::printf("%5d  %10.4f  %13.4f  %7.1f\n", p.step, p.trainLoss, p.heldOutLoss, p.seconds);
    std::printf("%s: %lld parameters, %d steps in %.0f s\n", options->out.c_str(), (long long)result->parameters,
                result->steps, result->seconds);
    return int(kExitOk);
  }));
}

}  // namespace

void registerAudioEventCommands(CLI::App& app, CommandContext& ctx) {
  registerBuildData(app, ctx);
  registerTrain(app, ctx);
}

}  // namespace ugc::cli
