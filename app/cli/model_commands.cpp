// The captioner's commands: `ugccap train-tokenizer` and `ugccap train`.
// (`extract`, `draft` and `eval-drafts` arrive with the project store and extractors.)
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
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
  static Options options;
  auto* cmd = app.add_subcommand("train-tokenizer",
                                 "Train the captioner's SentencePiece tokenizer on the released captions");
  cmd->add_option("--out", options.out, "Model file to write")->capture_default_str();
  cmd->add_option("--data", options.data, "Folder with release-dev/ and train-data/ (default $UGC_DATA_DIR or "
                                           "../shared/ugc-videocap)");
  cmd->add_option("--vocab", options.vocab, "Vocabulary size")->capture_default_str()->check(CLI::Range(64, 64000));
  cmd->add_flag("--bpe", options.bpe, "BPE instead of unigram");
  cmd->callback(runs(ctx, [] {
    auto corpus = loadCorpus(resolveDataDir(options.data), true);
    if (!corpus) return reportError(corpus.error(), "train-tokenizer");
    auto params = model::TokenizerTrainParams::defaultParams();
    params.vocabSize = options.vocab;
    params.bpe = options.bpe;
    const auto texts = model::corpusTexts(*corpus);
    auto tokenizer = model::Tokenizer::train(texts, params);
    if (!tokenizer) return reportError(tokenizer.error(), "train-tokenizer");
    std::error_code ec;
    if (auto parent = fs::path(options.out).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
    if (auto s = tokenizer->save(options.out); !s) return reportError(s.error(), "train-tokenizer");
    std::printf("%s: %d pieces from %zu texts (data %s)\n", options.out.c_str(), tokenizer->vocabSize(),
                texts.size(), corpus->dataHash.c_str());
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
  };
  static Options options;
  auto* cmd = app.add_subcommand("train", "Train the drafting model (teacher forcing on the released captions)");
  cmd->add_option("--out", options.out, "Output folder (weights, tokenizer, card.json, checkpoint)")->required();
  cmd->add_option("--config", options.config, "Model size")->check(CLI::IsMember({"tiny", "default"}))
      ->capture_default_str();
  cmd->add_option("--steps", options.steps, "Optimizer steps (default 2000; tiny: 200)")->check(CLI::PositiveNumber);
  cmd->add_option("--minutes", options.minutes, "Stop after this many minutes (checkpointed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--resume", options.resume, "Continue from the checkpoint in --out");
  cmd->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  cmd->add_option("--threads", options.threads, "Torch threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--batch", options.batch, "Batch size (default 8)")->check(CLI::PositiveNumber);
  cmd->add_option("--lr", options.learningRate, "Peak learning rate (default 5e-4; tiny: 2e-3)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--data", options.data, "Folder with release-dev/ and train-data/ (default $UGC_DATA_DIR or "
                                           "../shared/ugc-videocap)");
  cmd->add_option("--tokenizer", options.tokenizer, "SentencePiece model")->capture_default_str();
  cmd->add_flag("--release-only", options.releaseOnly, "Skip the train-data SFT/GRPO captions");
  cmd->callback(runs(ctx, [&ctx] {
    auto corpus = loadCorpus(resolveDataDir(options.data), !options.releaseOnly);
    if (!corpus) return reportError(corpus.error(), "train");
    auto params = model::TrainerParams::defaultParams();
    const bool tiny = options.config == "tiny";
    params.config = tiny ? model::CaptionerConfig::tinyConfig() : model::CaptionerConfig::defaultConfig();
    if (tiny) {
      params.steps = 200;
      params.learningRate = 2e-3;
      params.warmupSteps = 20;
      params.evalEvery = 20;
    }
    if (options.steps > 0) params.steps = options.steps;
    if (options.batch > 0) params.batchSize = options.batch;
    if (options.learningRate > 0) params.learningRate = options.learningRate;
    params.maxMinutes = options.minutes;
    params.resume = options.resume;
    params.seed = options.seed;
    params.threads = options.threads;
    params.tokenizerPath = options.tokenizer;
    params.outDir = options.out;
    std::ostringstream command;  // the effective command, for the model card
    command << "ugccap train --data " << resolveDataDir(options.data) << " --out " << options.out << " --config "
            << options.config << " --steps " << params.steps << " --batch " << params.batchSize << " --lr " << params.learningRate << " --seed " << params.seed
            << " --threads " << params.threads << " --tokenizer " << options.tokenizer
            << (options.releaseOnly ? " --release-only" : "");
    if (options.minutes > 0) command << " --minutes " << options.minutes;
    if (options.resume) command << " --resume";
    params.command = command.str();
    std::fprintf(stderr, "train: %zu samples (data %s), %d steps, batch %d, %d thread(s)\n", corpus->samples.size(),
                 corpus->dataHash.c_str(), params.steps, params.batchSize, params.threads);
    ConsoleProgress progress;
    auto result = model::trainCaptioner(params, *corpus, ctx.quiet ? ProgressSink{} : progress.sink(),
                                        interruptToken());
    progress.finish();
    if (!result) {
      if (result.error().isCancelled())
        std::fprintf(stderr, "train: interrupted; checkpoint in %s (continue with --resume)\n", options.out.c_str());
      return reportError(result.error(), "train");
    }
    std::printf("step  train_loss  held_out_loss  seconds\n");
    for (const auto& p : result->curve)
      std::printf("%5d  %10.4f  %13.4f  %7.0f\n", p.step, p.trainLoss, p.heldOutLoss, p.seconds);
    std::printf("%d steps in %.0f s, %lld parameters, %zu train / %zu held-out samples%s -> %s\n", result->steps,
                result->seconds, static_cast<long long>(result->parameters), result->trainSamples,
                result->heldOutSamples, result->stoppedByTime ? " (time limit)" : "", options.out.c_str());
    return int(kExitOk);
  }));
}

}  // namespace

void registerModelCommands(CLI::App& app, CommandContext& ctx) {
  registerTrainTokenizer(app, ctx);
  registerTrain(app, ctx);
}

}  // namespace ugc::cli
