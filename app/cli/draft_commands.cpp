// draft: captions drafted by the captioner (or the source the evaluation found best per stage),
// over a project's videos (stored as draft revisions) or for loose files (printed).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "annotation/faithfulness.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "model/torch_runtime.h"
#include "pipeline/draft_service.h"
#include "pipeline/resource_paths.h"

namespace ugc::cli {
namespace {

using annotation::Stage;
namespace fs = std::filesystem;

struct DraftOptionsCli {
  std::vector<std::string> files;
  std::string project;
  std::vector<std::string> videos;
  std::string stage = "all";
  std::string model;
  std::string source = "best";
  int beam = 4;
  int maxTokens = 0;
  // Decoding is a chain of small steps: a second thread barely helps on an idle machine and,
  // on a busy one, makes every step wait for a core (bench_draft_file: 10-40x slower).
  int threads = 1;
  bool force = false;
  bool json = false;
  bool explain = false;
  std::string ocrEngine = "auto";
};

std::vector<Stage> stagesFor(const std::string& name) {
  if (name == "audio") return {Stage::Audio};
  if (name == "visual") return {Stage::Visual};
  if (name == "joint") return {Stage::Joint};
  return {Stage::Audio, Stage::Visual, Stage::Joint};
}

// --model, else the project's captioner.model setting (relative to the project folder), else
// the built-in model.
Result<fs::path> modelDir(const DraftOptionsCli& options, db::Project* project) {
  if (!options.model.empty()) return fs::path(options.model);
  return project ? pipeline::projectCaptionerDir(*project) : pipeline::defaultCaptionerDir();
}

struct LoadedModel {
  model::Captioner captioner;
  pipeline::DraftOptions options;
};

Result<LoadedModel> loadModel(const DraftOptionsCli& cli, db::Project* project) {
  auto dir = modelDir(cli, project);
  if (!dir) return tl::unexpected(dir.error());
  model::configureTorchRuntime(cli.threads);
  auto captioner = model::Captioner::load(dir->string());
  if (!captioner) return tl::unexpected(captioner.error());
  pipeline::DraftOptions options;
  options.decoding.beamSize = cli.beam;
  options.decoding.maxTokens = cli.maxTokens;
  options.ocrEngine = model::ocrEngineChoiceFromName(cli.ocrEngine).value_or(model::OcrEngineChoice::Auto);
  if (cli.source != "best") options.source = pipeline::parseDraftSource(cli.source);
  auto choice = pipeline::readDraftSourceChoice(*dir);
  if (!choice) return tl::unexpected(choice.error());
  options.choice = *choice;
  return LoadedModel{std::move(*captioner), std::move(options)};
}

nlohmann::ordered_json draftJson(const pipeline::StageDraft& d) {
  return {{"stage", annotation::stageName(d.stage)},
          {"text", d.text},
          {"source", d.sourceId},
          {"source_kind", pipeline::draftSourceName(d.source)},
          {"why", d.why},
          {"grounding", d.grounding},
          {"seconds", d.seconds}};
}

void printDraft(const pipeline::StageDraft& d) {
  std::printf("[%s] %s (%.2f s; %s%s%s)\n%s\n\n", std::string(annotation::stageName(d.stage)).c_str(),
              d.sourceId.c_str(), d.seconds, d.why.c_str(), d.grounding.empty() ? "" : "; ", d.grounding.c_str(),
              d.text.c_str());
}

// --explain: every checkable claim of a draft with its support (annotation/faithfulness.h).
nlohmann::ordered_json claimsJson(const std::string& text, const std::vector<annotation::Claim>& claims) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& claim : claims) {
    out.push_back({{"kind", annotation::claimKindName(claim.kind)},
                   {"text", text.substr(claim.span.begin, claim.span.end - claim.span.begin)},
                   {"begin", claim.span.begin},
                   {"end", claim.span.end},
                   {"value", claim.value},
                   {"verdict", annotation::claimVerdictName(claim.verdict)},
                   {"reason", claim.reason}});
  }
  return out;
}

void printClaims(const std::string& text, const std::vector<annotation::Claim>& claims) {
  const auto counts = annotation::countClaims(claims);
  std::printf("  %d claims: %d supported, %d contradicted, %d unsupported\n", counts.total(), counts.supported,
              counts.contradicted, counts.unsupported);
  for (const auto& claim : claims) {
    std::printf("  %-12s %-14s \"%s\" - %s\n", annotation::claimVerdictName(claim.verdict),
                annotation::claimKindName(claim.kind),
                text.substr(claim.span.begin, claim.span.end - claim.span.begin).c_str(), claim.reason.c_str());
  }
  std::printf("\n");
}

int draftFiles(const DraftOptionsCli& cli, CommandContext& ctx, const CancelToken& cancel) {
  auto loaded = loadModel(cli, nullptr);
  if (!loaded) return reportError(loaded.error(), "draft");
  int exitCode = kExitOk;
  for (const auto& file : cli.files) {
    const auto start = std::chrono::steady_clock::now();
    ConsoleProgress progress;
    auto result = pipeline::draftFile(file, loaded->captioner, stagesFor(cli.stage), loaded->options,
                                      ctx.quiet || cli.json ? ProgressSink{} : progress.sink(), cancel);
    progress.finish();
    if (!result) {
      const int code = reportError(result.error(), file.c_str());
      if (code == kExitCancelled) return code;
      if (exitCode == kExitOk || code == kExitInputError) exitCode = code;
      continue;
    }
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (cli.json) {
      nlohmann::ordered_json out{{"file", file},
                                 {"model", loaded->captioner.name()},
                                 {"weights", loaded->captioner.weightsHash()},
                                 {"feature_seconds", result->featureSeconds},
                                 {"seconds", total},
                                 {"drafts", nlohmann::ordered_json::array()}};
      for (const auto& d : result->drafts) {
        auto draft = draftJson(d);
        if (cli.explain) {
          const auto claims = annotation::checkFaithfulness(d.text, d.stage, result->facts[d.stage]);
          const auto counts = annotation::countClaims(claims);
          draft["faithfulness"] = {{"claims", counts.total()},
                                   {"supported", counts.supported},
                                   {"contradicted", counts.contradicted},
                                   {"unsupported", counts.unsupported}};
          draft["claims"] = claimsJson(d.text, claims);
        }
        out["drafts"].push_back(std::move(draft));
      }
      std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    } else {
      std::printf("%s (features %.2f s, total %.2f s)\n\n", file.c_str(), result->featureSeconds, total);
      for (const auto& d : result->drafts) {
        printDraft(d);
        if (cli.explain) printClaims(d.text, annotation::checkFaithfulness(d.text, d.stage, result->facts[d.stage]));
      }
    }
    std::fflush(stdout);
  }
  return exitCode;
}

int draftProject(const DraftOptionsCli& cli, CommandContext& ctx, const CancelToken& cancel) {
  auto project = db::Project::open(cli.project);
  if (!project) return reportError(project.error(), "draft");
  auto loaded = loadModel(cli, &*project);
  if (!loaded) return reportError(loaded.error(), "draft");
  pipeline::ProjectDraftParams params;
  params.stages = stagesFor(cli.stage);
  params.videoIds = cli.videos;
  params.options = loaded->options;
  params.force = cli.force;
  ConsoleProgress progress;
  auto done = pipeline::draftProject(*project, loaded->captioner, params,
                                     ctx.quiet || cli.json ? ProgressSink{} : progress.sink(), cancel);
  progress.finish();
  if (!done) return reportError(done.error(), "draft");
  if (cli.json) {
    nlohmann::ordered_json out{{"videos", done->videos},
                               {"drafted", done->drafted},
                               {"up_to_date", done->upToDate},
                               {"started", done->started},
                               {"without_media", done->withoutMedia},
                               {"failures", done->failures},
                               {"samples", nlohmann::ordered_json::array()}};
    for (const auto& d : done->samples) out["samples"].push_back(draftJson(d));
    std::printf("%s\n", out.dump().c_str());
  } else {
    std::printf("%d videos: %d stages drafted, %d already drafted by this source, %d started by people (left alone)\n",
                done->videos, done->drafted, done->upToDate, done->started);
    if (!done->samples.empty()) std::printf("\n");
    for (const auto& d : done->samples) printDraft(d);
  }
  for (const auto& failure : done->failures) std::fprintf(stderr, "ugccap: draft: %s\n", failure.c_str());
  return done->failures.empty() ? int(kExitOk) : int(kExitInputError);
}

}  // namespace

void registerDraftCommands(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<DraftOptionsCli>();
  auto* cmd = app.add_subcommand("draft", modelCommandDescription("draft"));
  cmd->add_option("files", options->files, "Media files to draft outside any project (printed, not stored)");
  cmd->add_option("-p,--project", options->project, "Draft this project's videos (stored as draft revisions)");
  cmd->add_option("--video", options->videos, "With --project: only these videos");
  cmd->add_option("--stage", options->stage, "Stage to draft")
      ->check(CLI::IsMember({"audio", "visual", "joint", "all"}))
      ->capture_default_str();
  cmd->add_option("--model", options->model,
                  "Model folder (default: the project's captioner.model setting, else the built-in model)");
  cmd->add_option("--source", options->source, "Draft source (best: what the model's evaluation found best per stage)")
      ->check(CLI::IsMember({"best", "model", "template", "concatenation"}))
      ->capture_default_str();
  cmd->add_option("--beam", options->beam, "Beam size (1: greedy)")->check(CLI::Range(1, 16))->capture_default_str();
  cmd->add_option("--max-tokens", options->maxTokens, "Caption length limit in tokens (0: the model's)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("--threads", options->threads, "Torch threads")->check(CLI::Range(1, 256))->capture_default_str();
  cmd->add_flag("--force", options->force, "With --project: draft again stages this source already drafted");
  cmd->add_flag("--json", options->json, "Machine-readable output (one JSON object per file)");
  cmd->add_flag("--explain", options->explain,
                "For files: list every checkable claim of each draft (quotes, objects, colours, people, music, "
                "...) with whether the file's facts support it");
  cmd->add_option("--ocr-engine", options->ocrEngine,
                  "On-screen text engine for loose files: auto (PP-OCRv4 when installed, else Tesseract), ppocr, "
                  "tesseract")
      ->check(CLI::IsMember({"auto", "ppocr", "tesseract"}))
      ->capture_default_str();
  cmd->callback(runs(ctx, [&ctx, options] {
    const CancelToken cancel = interruptToken();
    if (!options->project.empty() && !options->files.empty())
      return reportError(Error{ErrorCode::InvalidArgument, "give files or --project, not both"});
    if (!options->project.empty() && options->explain)
      return reportError(Error{ErrorCode::InvalidArgument, "--explain is for files; the studio shows a project's claims"});
    if (!options->project.empty()) return draftProject(*options, ctx, cancel);
    if (options->files.empty()) return reportError(Error{ErrorCode::InvalidArgument, "give media files or --project"});
    return draftFiles(*options, ctx, cancel);
  }));
}

}  // namespace ugc::cli
