// `ugccap judge`: the released LLM-judge protocol against an OpenAI-compatible endpoint
// (app/pipeline/judge/). Writes the released score-file format, so `ugccap score captions`
// reads its output.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "annotation/scoring/judge_replies.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "model/offline_judge.h"
#include "pipeline/judge/judge_runner.h"
#include "pipeline/judge/offline_judge_eval.h"
#include "pipeline/resource_paths.h"

namespace ugc::cli {
namespace {

void reportInputs(const pipeline::judge::JudgeInputs& inputs) {
  if (inputs.unreferenced > 0 || inputs.unpredicted > 0)
    std::fprintf(stderr,
                 "judge: %zu videos to judge; %zu predictions have no reference in the release (left out), %zu "
                 "references have no prediction\n",
                 inputs.samples.size(), inputs.unreferenced, inputs.unpredicted);
}

template <typename Options>
int runOffline(const Options& options, annotation::scoring::JudgeTask task) {
  if (task != annotation::scoring::JudgeTask::FinalCaption) {
    std::fprintf(stderr, "ugccap: judge --offline: only --task final_caption has an offline judge\n");
    return int(kExitUsage);
  }
  std::filesystem::path dir = options.weights;
  if (dir.empty()) {
    auto found = pipeline::findResource("models/offline-judge");
    if (!found) return reportError(found.error(), "judge --offline");
    dir = *found;
  }
  auto judge = model::OfflineJudge::load(dir);
  if (!judge) return reportError(judge.error(), "judge --offline");
  auto inputs = pipeline::judge::loadFinalCaptionInputs(options.predictions, options.release);
  if (!inputs) return reportError(inputs.error(), "judge: --predictions");
  reportInputs(*inputs);
  const auto result = pipeline::judge::runOfflineJudge(*judge, inputs->samples);
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out << pipeline::judge::judgeResultJson(result);
  if (!out) {
    std::fprintf(stderr, "ugccap: judge: cannot write %s\n", options.out.c_str());
    return int(kExitInputError);
  }
  std::printf("wrote %s (%zu videos, offline estimates)\n", options.out.c_str(), result.entries.size());
  return int(kExitOk);
}

void addOfflineJudgeTrain(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string data = "../shared/ugc-videocap";
    std::string out;
    int epochs = model::OfflineJudgeParams::defaultParams().epochs;
    bool skipReport = false;
  };
  auto options = std::make_shared<Options>();
  auto* group = app.add_subcommand("offline-judge", modelCommandDescription("offline-judge"));
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand(
      "train",
      "Measure leave-one-system-out on the five shared systems (with ROUGE-L/BLEU-1/length baselines), "
      "then train on all five");
  cmd->add_option("--data", options->data, "Folder with release-dev/ and results-dev/")->capture_default_str();
  cmd->add_option("--out", options->out, "Write the weights here (e.g. resources/models/offline-judge)");
  cmd->add_option("--epochs", options->epochs, "Training epochs")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_flag("--no-report", options->skipReport, "Skip the leave-one-system-out measurement");
  cmd->callback(runs(ctx, [&ctx, options] {
    auto systems = pipeline::judge::loadJudgeTrainingData(options->data);
    if (!systems) return reportError(systems.error(), "offline-judge train: --data");
    auto params = model::OfflineJudgeParams::defaultParams();
    params.epochs = options->epochs;
    std::string report;
    if (!options->skipReport) {
      ConsoleProgress progress;
      auto loso = pipeline::judge::leaveOneSystemOut(*systems, params, ctx.quiet ? ProgressSink{} : progress.sink(),
                                                     interruptToken());
      progress.finish();
      if (!loso) return reportError(loso.error(), "offline-judge train");
      report = pipeline::judge::losoReportMarkdown(*loso);
      std::fputs(report.c_str(), stdout);
    }
    if (!options->out.empty()) {
      auto judge = pipeline::judge::trainOfflineJudge(*systems, params, interruptToken());
      if (!judge) return reportError(judge.error(), "offline-judge train");
      std::size_t samples = 0;
      for (const auto& s : *systems) samples += s.scores.size();
      const std::string about =
          "Offline estimate of the GPT-4o final-caption judge, trained by `ugccap offline-judge "
          "train --epochs " +
          std::to_string(params.epochs) + "` on " + std::to_string(samples) +
          " captions of the five systems in results-dev vs release-dev references.";
      if (auto s = judge->save(options->out, about); !s) return reportError(s.error(), "offline-judge train: --out");
      std::printf("wrote %s/offline_judge.json\n", options->out.c_str());
    }
    return int(kExitOk);
  }));
}

}  // namespace

void registerJudgeCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string task = "final_caption";
    std::string predictions;
    std::string release = "../shared/ugc-videocap/release-dev";
    std::string out;
    std::string endpoint;
    std::string model;
    std::string protocol = "../shared/ugc-videocap/results-dev/eval/judge_protocol.json";
    std::string keyVariable = "OPENAI_API_KEY";
    std::string cache;
    int concurrency = 4;
    int attempts = 6;
    double timeoutSeconds = 120;
    bool offline = false;
    std::string weights;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("judge", modelCommandDescription("judge"));
  cmd->add_option("--task", options->task, "final_caption, background or objects")
      ->capture_default_str()
      ->check(CLI::IsMember({"final_caption", "background", "objects"}));
  cmd->add_option("--predictions", options->predictions,
                  "final_caption: JSONL {video_id, caption}; background/objects: {\"samples\": [{video_id, answer, "
                  "predict}]}")
      ->required();
  cmd->add_option("--release", options->release, "Release folder (final_caption_qa.json holds the references)")
      ->capture_default_str();
  cmd->add_option("--out", options->out, "Score file to write (the released format)")->required();
  cmd->add_option("--endpoint", options->endpoint, "Chat-completions URL, e.g. https://HOST/v1/chat/completions");
  cmd->add_flag("--offline", options->offline,
                "Estimate the final_caption scores with the offline judge instead of calling an endpoint");
  cmd->add_option("--weights", options->weights, "Offline judge folder (default: resources/models/offline-judge)");
  cmd->add_option("--model", options->model, "Model name (default: the protocol's, gpt-4o-2024-08-06)");
  cmd->add_option("--protocol", options->protocol, "judge_protocol.json")->capture_default_str();
  cmd->add_option("--api-key-env", options->keyVariable, "Environment variable holding the API key (never printed)")
      ->capture_default_str();
  cmd->add_option("--cache", options->cache,
                  "Reply cache (JSONL; default <out>.cache.jsonl): reruns and resumes are free");
  cmd->add_option("--concurrency", options->concurrency, "Requests in flight")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--attempts", options->attempts,
                  "Attempts per request (429, 5xx, timeouts and dropped connections are retried)")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd->add_option("--timeout", options->timeoutSeconds, "Seconds per request")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback(runs(ctx, [&ctx, options] {
    annotation::scoring::JudgeTask task{};
    annotation::scoring::parseJudgeTask(options->task, task);
    if (options->offline) return runOffline(*options, task);
    if (options->endpoint.empty()) {
      std::fprintf(stderr, "ugccap: judge: --endpoint is required (or --offline)\n");
      return int(kExitUsage);
    }
    auto protocol = pipeline::judge::loadJudgeProtocol(options->protocol, task);
    if (!protocol) return reportError(protocol.error(), "judge: --protocol");
    auto inputs = task == annotation::scoring::JudgeTask::FinalCaption
                      ? pipeline::judge::loadFinalCaptionInputs(options->predictions, options->release)
                      : pipeline::judge::loadAnswerPredictInputs(options->predictions);
    if (!inputs) return reportError(inputs.error(), "judge: --predictions");
    reportInputs(*inputs);

    auto params = pipeline::judge::JudgeParams::defaultParams();
    params.endpoint = options->endpoint;
    params.model = options->model;
    if (const char* key = std::getenv(options->keyVariable.c_str())) params.apiKey = key;
    params.concurrency = options->concurrency;
    params.maxAttempts = options->attempts;
    params.timeout = std::chrono::milliseconds(long(options->timeoutSeconds * 1000));
    params.cacheFile = options->cache.empty() ? options->out + ".cache.jsonl" : options->cache;

    ConsoleProgress progress;
    auto result = pipeline::judge::runJudge(*protocol, inputs->samples, params,
                                            ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!result) return reportError(result.error(), "judge");
    std::fprintf(stderr,
                 "judge: %zu videos (%zu from the cache), %zu requests, %zu retries, %zu replies unparsable (scored as "
                 "the protocol says)\n",
                 result->entries.size(), result->fromCache, result->requests, result->retries, result->unparsed);
    if (!result->failedVideos.empty()) {
      std::fprintf(stderr,
                   "ugccap: judge: %zu videos got no reply after %d attempts (first: %s); rerun to retry them, the "
                   "cache keeps the rest\n",
                   result->failedVideos.size(), options->attempts, result->failedVideos.front().c_str());
      return int(kExitFailure);
    }
    std::ofstream out(options->out, std::ios::binary | std::ios::trunc);
    out << pipeline::judge::judgeResultJson(*result);
    if (!out) {
      std::fprintf(stderr, "ugccap: judge: cannot write %s\n", options->out.c_str());
      return int(kExitInputError);
    }
    std::printf("wrote %s (%zu videos)\n", options->out.c_str(), result->entries.size());
    return int(kExitOk);
  }));
  addOfflineJudgeTrain(app, ctx);
}

}  // namespace ugc::cli
