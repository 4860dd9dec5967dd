// The captioner's commands: `ugccap train-tokenizer` and `ugccap train`.
// (`extract`, `draft` and `eval-drafts` arrive with the project store and extractors.)
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
#include "demo/demo_corpus.h"
#include "model/tokenizer.h"
#include "model/trainer.h"
#include "model/training_data.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

// The folder holding release-dev/ and train-data/: --data, else $UGC_DATA_DIR, else ../shared/ugc-videocap.
std::string resolveDataDir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("UGC_DATA_DIR"); env && *env) return env;
  return "../shared/ugc-videocap";
}

Result<model::TrainingCorpus> loadCorpus(const std::string& dataDir, bool withTrainData) {
  auto corpus = model::loadReleaseCorpus((fs::path(dataDir) / "release-dev").string());
  if (!corpus) return corpus;
  if (withTrainData)
    if (auto s = model::appendInstructionCorpus((fs::path(dataDir) / "train-data").string(), *corpus); !s)
      return tl::unexpected(s.error());
  return corpus;
}

void registerTrainTokenizer(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string out = "resources/tokenizer/ugc_captions.model";
    std::string data;
    int vocab = 6000;
    bool bpe = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("train-tokenizer", modelCommandDescription("train-tokenizer"));
  cmd->add_option("--out", options->out, "Model file to write")->capture_default_str();
  cmd->add_option("--data", options->data,
                  "Folder with release-dev/ and train-data/ (default $UGC_DATA_DIR or "
                  "../shared/ugc-videocap)");
  cmd->add_option("--vocab", options->vocab, "Vocabulary size")->capture_default_str()->check(CLI::Range(64, 64000));
  cmd->add_flag("--bpe", options->bpe, "BPE instead of unigram");
  cmd->callback(runs(ctx, [options] {
    auto corpus = loadCorpus(resolveDataDir(options->data), true);
    if (!corpus) return reportError(corpus.error(), "train-tokenizer");
    auto params = model::TokenizerTrainParams::defaultParams();
    params.vocabSize = options->vocab;
    params.bpe = options->bpe;
    const auto texts = model::corpusTexts(*corpus);
    auto tokenizer = model::Tokenizer::train(texts, params);
    if (!tokenizer) return reportError(tokenizer.error(), "train-tokenizer");
    std::error_code ec;
    if (auto parent = fs::path(options->out).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
    if (auto s = tokenizer->save(options->out); !s) return reportError(s.error(), "train-tokenizer");
    std::printf("%s: %d pieces from %zu texts (data %s)\n", options->out.c_str(), tokenizer->vocabSize(), texts.size(),
                corpus->dataHash.c_str());
    return int(kExitOk);
  }));
}

void registerTrain(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string out;
    std::string config = "default";
    std::string data;
    std::string tokenizer = "resources/tokenizer/ugc_captions.model";
    int steps = 0;
    double minutes = 0;
    bool resume = false;
    uint64_t seed = 1;
    int threads = 1;
    int batch = 0;
    double learningRate = 0;
    bool releaseOnly = false;
    std::vector<std::string> demoDirs;
    int demoSeeds = 0;
    double mediaShare = -1;
    std::string schedule = "inverse-sqrt";
    int warmup = 0;
    bool uniformBatches = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("train", modelCommandDescription("train"));
  cmd->add_option("--out", options->out, "Output folder (weights, tokenizer, card.json, checkpoint)")->required();
  cmd->add_option("--config", options->config, "Model size")
      ->check(CLI::IsMember({"tiny", "default"}))
      ->capture_default_str();
  cmd->add_option("--steps", options->steps, "Optimizer steps (default 2000; tiny: 200)")->check(CLI::PositiveNumber);
  cmd->add_option("--minutes", options->minutes, "Stop after this many minutes (checkpointed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--resume", options->resume, "Continue from the checkpoint in --out");
  cmd->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  cmd->add_option("--threads", options->threads, "Torch threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--batch", options->batch, "Batch size (default 8)")->check(CLI::PositiveNumber);
  cmd->add_option("--lr", options->learningRate, "Peak learning rate (default 5e-4; tiny: 2e-3)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--data", options->data,
                  "Folder with release-dev/ and train-data/ (default $UGC_DATA_DIR or "
                  "../shared/ugc-videocap)");
  cmd->add_option("--tokenizer", options->tokenizer, "SentencePiece model")->capture_default_str();
  cmd->add_flag("--release-only", options->releaseOnly, "Skip the train-data SFT/GRPO captions");
  cmd->add_option("--demo", options->demoDirs,
                  "A demo corpus folder (ugccap demo-corpus) to train on with its media "
                  "(repeatable)");
  cmd->add_option("--demo-seeds", options->demoSeeds,
                  "Generate N demo corpora (seeds 20250716, 20250717, ...) into "
                  "OUT/demo/ and train on them with their media")
      ->check(CLI::Range(0, 64));
  cmd->add_option("--media-share", options->mediaShare,
                  "Share of each batch drawn from samples with media (default 0.125)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--schedule", options->schedule, "Learning-rate decay after warm-up")
      ->check(CLI::IsMember({"inverse-sqrt", "cosine"}))
      ->capture_default_str();
  cmd->add_option("--warmup", options->warmup, "Warm-up steps (default 100; tiny: 20)")->check(CLI::PositiveNumber);
  cmd->add_flag("--uniform-batches", options->uniformBatches, "No length bucketing (every batch a uniform draw)");
  cmd->callback(runs(ctx, [&ctx, options] {
    auto corpus = loadCorpus(resolveDataDir(options->data), !options->releaseOnly);
    if (!corpus) return reportError(corpus.error(), "train");
    auto params = model::TrainerParams::defaultParams();
    const bool tiny = options->config == "tiny";
    params.config = tiny ? model::CaptionerConfig::tinyConfig() : model::CaptionerConfig::defaultConfig();
    // Demo clips: generated here when asked (the seed of the demo project itself is left out, so its
    // clips are not training media), features and signals cached in OUT/demo-features.
    std::vector<std::string> demoDirs = options->demoDirs;
    ConsoleProgress demoProgress;
    for (int i = 0; i < options->demoSeeds; ++i) {
      demo::DemoCorpusParams demoParams;
      demoParams.seed = demo::kDefaultSeed + 1 + uint32_t(i);
      const auto dir = fs::path(options->out) / "demo" / ("seed-" + std::to_string(demoParams.seed));
      auto generated =
          demo::generateDemoCorpus(dir, demoParams, ctx.quiet ? ProgressSink{} : demoProgress.sink(), interruptToken());
      if (!generated) return reportError(generated.error(), "train: demo corpus");
      demoDirs.push_back(dir.string());
    }
    model::DemoCorpusOptions demoOptions;
    demoOptions.cacheDir = (fs::path(options->out) / "demo-features").string();
    for (const auto& dir : demoDirs)
      if (auto s =
              model::appendDemoCorpus(dir, params.config, *corpus, ctx.quiet ? ProgressSink{} : demoProgress.sink(),
                                      interruptToken(), demoOptions);
          !s)
        return reportError(s.error(), ("train: " + dir).c_str());
    demoProgress.finish();
    if (tiny) {
      params.steps = 200;
      params.learningRate = 2e-3;
      params.warmupSteps = 20;
      params.evalEvery = 20;
    }
    if (!tiny) params.evalEvery = 100;  // 96 held-out + media samples per point: ~4 % of a long run at 50
    if (options->steps > 0) params.steps = options->steps;
    if (options->batch > 0) params.batchSize = options->batch;
    if (options->learningRate > 0) params.learningRate = options->learningRate;
    if (options->warmup > 0) params.warmupSteps = options->warmup;
    params.lengthBuckets = !options->uniformBatches;
    if (options->mediaShare >= 0) params.mediaShare = options->mediaShare;
    params.schedule = options->schedule == "cosine" ? model::RateSchedule::Cosine : model::RateSchedule::InverseSqrt;
    params.maxMinutes = options->minutes;
    params.resume = options->resume;
    params.seed = options->seed;
    params.threads = options->threads;
    params.tokenizerPath = options->tokenizer;
    params.outDir = options->out;
    std::ostringstream command;  // the effective command, for the model card
    command << "ugccap train --data " << resolveDataDir(options->data) << " --out " << options->out << " --config "
            << options->config << " --steps " << params.steps << " --batch " << params.batchSize << " --lr "
            << params.learningRate << " --seed " << params.seed << " --threads " << params.threads << " --tokenizer "
            << options->tokenizer << (options->releaseOnly ? " --release-only" : "") << " --schedule "
            << options->schedule << " --warmup " << params.warmupSteps;
    if (options->demoSeeds > 0) command << " --demo-seeds " << options->demoSeeds;
    for (const auto& dir : options->demoDirs) command << " --demo " << dir;
    if (!demoDirs.empty()) command << " --media-share " << params.mediaShare;
    if (options->uniformBatches) command << " --uniform-batches";
    if (options->minutes > 0) command << " --minutes " << options->minutes;
    if (options->resume) command << " --resume";
    params.command = command.str();
    std::fprintf(stderr, "train: %zu samples (data %s), %d steps, batch %d, %d thread(s)\n", corpus->samples.size(),
                 corpus->dataHash.c_str(), params.steps, params.batchSize, params.threads);
    ConsoleProgress progress;
    auto result =
        model::trainCaptioner(params, *corpus, ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!result) {
      if (result.error().isCancelled())
        std::fprintf(stderr, "train: interrupted; checkpoint in %s (continue with --resume)\n", options->out.c_str());
      return reportError(result.error(), "train");
    }
    std::printf("step  train_loss  held_out_loss  media_loss  seconds\n");
    for (const auto& p : result->curve)
      std::printf("%5d  %10.4f  %13.4f  %10.4f  %7.0f\n", p.step, p.trainLoss, p.heldOutLoss, p.mediaLoss, p.seconds);
    std::printf("%d steps in %.0f s, %lld parameters, %zu train (%zu with media) / %zu held-out samples%s -> %s\n",
                result->steps, result->seconds, static_cast<long long>(result->parameters), result->trainSamples,
                result->mediaSamples, result->heldOutSamples, result->stoppedByTime ? " (time limit)" : "",
                options->out.c_str());
    return int(kExitOk);
  }));
}

}  // namespace

void registerModelCommands(CLI::App& app, CommandContext& ctx) {
  registerTrainTokenizer(app, ctx);
  registerTrain(app, ctx);
}

}  // namespace ugc::cli
