// `ugccap judge`: the released LLM-judge protocol against an OpenAI-compatible endpoint
// (app/pipeline/judge/). Writes the released score-file format, so `ugccap score captions`
// reads its output.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "annotation/scoring/judge_replies.h"
#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "pipeline/judge/judge_runner.h"

namespace ugc::cli {

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
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "judge", "Run the released GPT-4o judge protocol on predictions against an OpenAI-compatible endpoint");
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
  cmd->add_option("--endpoint", options->endpoint, "Chat-completions URL, e.g. https://HOST/v1/chat/completions")
      ->required();
  cmd->add_option("--model", options->model, "Model name (default: the protocol's, gpt-4o-2024-08-06)");
  cmd->add_option("--protocol", options->protocol, "judge_protocol.json")->capture_default_str();
  cmd->add_option("--api-key-env", options->keyVariable, "Environment variable holding the API key (never printed)")
      ->capture_default_str();
  cmd->add_option("--cache", options->cache, "Reply cache (JSONL; default <out>.cache.jsonl): reruns and resumes are free");
  cmd->add_option("--concurrency", options->concurrency, "Requests in flight")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--attempts", options->attempts, "Attempts per request (429, 5xx, timeouts and dropped connections are retried)")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd->add_option("--timeout", options->timeoutSeconds, "Seconds per request")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback(runs(ctx, [&ctx, options] {
    annotation::scoring::JudgeTask task{};
    annotation::scoring::parseJudgeTask(options->task, task);
    auto protocol = pipeline::judge::loadJudgeProtocol(options->protocol, task);
    if (!protocol) return reportError(protocol.error(), "judge: --protocol");
    auto inputs = task == annotation::scoring::JudgeTask::FinalCaption
                      ? pipeline::judge::loadFinalCaptionInputs(options->predictions, options->release)
                      : pipeline::judge::loadAnswerPredictInputs(options->predictions);
    if (!inputs) return reportError(inputs.error(), "judge: --predictions");

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
    std::fprintf(stderr, "judge: %zu videos (%zu from the cache), %zu requests, %zu retries, %zu replies unparsable (scored as the protocol says)\n",
                 result->entries.size(), result->fromCache, result->requests, result->retries, result->unparsed);
    if (!result->failedVideos.empty()) {
      std::fprintf(stderr, "ugccap: judge: %zu videos got no reply after %d attempts (first: %s); rerun to retry them, the cache keeps the rest\n",
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
}

}  // namespace ugc::cli
