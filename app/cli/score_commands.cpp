// `ugccap score ...`: the benchmark's Table 2 columns from released-format result files
// (app/pipeline/scoring/). Definitions and which variant reproduces which paper row:
// docs/scoring.md.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fstream>
#include "annotation/scoring/ocr_variants.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "model/offline_judge.h"
#include "pipeline/resource_paths.h"
#include "pipeline/scoring/caption_scoring.h"
#include "pipeline/scoring/draft_scoring.h"
#include "pipeline/scoring/mcq_scoring.h"
#include "pipeline/scoring/ocr_scoring.h"
#include "pipeline/scoring/score_table.h"

namespace ugc::cli {
namespace {

void addOcrCommand(CLI::App& score, CommandContext& ctx) {
  struct Options {
    std::string file;
    std::string variant;
    bool json = false;
    bool perVideo = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = score.add_subcommand(
      "ocr",
      "OCR column: mean of BLEU-1, ROUGE-1, ROUGE-2 and ROUGE-L F1 over videos (JSONL: video_id, ocr, predict_ocr)");
  cmd->add_option("PRED", options->file, "Prediction file (JSONL)")->required();
  cmd->add_option("--variant", options->variant,
                  "Scoring script the paper row used: cleaned (Gemini-2.5-pro's row) or normalised (MiniCPM, Gemma)")
      ->required()
      ->check(CLI::IsMember({"cleaned", "normalised", "normalized"}));
  cmd->add_flag("--json", options->json,
                "Print {\"bleu1\", \"rouge1\", \"rouge2\", \"rougeL\", \"mean\", \"scored\", \"skipped\"}");
  cmd->add_flag(
      "--per-video", options->perVideo,
      "Print one line per video instead (video_id, line, bleu1, rouge1, rouge2, rougeL or 'skipped'; tab-separated)");
  cmd->callback(runs(ctx, [&ctx, options] {
    auto variant = annotation::scoring::parseOcrVariant(options->variant);
    if (!variant) return reportError(variant.error(), "score ocr");
    ConsoleProgress progress;
    auto score = pipeline::scoring::scoreOcrFile(options->file, *variant, ctx.quiet ? ProgressSink{} : progress.sink(),
                                                 interruptToken());
    progress.finish();
    if (!score) return reportError(score.error(), "score ocr");
    if (options->perVideo) {
      std::fputs(pipeline::scoring::ocrPerVideoTable(*score).c_str(), stdout);
      return int(kExitOk);
    }
    const std::string text =
        options->json ? pipeline::scoring::ocrScoreJson(*score) : pipeline::scoring::ocrScoreText(*score);
    std::fputs(text.c_str(), stdout);
    return int(kExitOk);
  }));
}

void addCaptionsCommand(CLI::App& score, CommandContext& ctx) {
  struct Options {
    std::string file;
    std::string videos;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = score.add_subcommand(
      "captions", "Final-caption cells (audio / visual / details / average, 0-100) from a judge score file");
  cmd->add_option("SCORES", options->file, "Score file: {\"evaluations\": {video_id: {visual_score, ...}}}")
      ->required();
  cmd->add_option("--videos", options->videos, "Only these videos: a file with one id per line, or a JSON list");
  cmd->add_flag("--json", options->json, "Print {\"audio\", \"visual\", \"details\", \"average\", \"videos\"}");
  cmd->callback(runs(ctx, [options] {
    std::optional<std::vector<std::string>> videos;
    if (!options->videos.empty()) {
      auto list = pipeline::scoring::readVideoList(options->videos);
      if (!list) return reportError(list.error(), "score captions: --videos");
      videos = std::move(*list);
    }
    auto score = pipeline::scoring::scoreCaptionFile(options->file, videos);
    if (!score) return reportError(score.error(), "score captions");
    const std::string text =
        options->json ? pipeline::scoring::captionScoreJson(*score) : pipeline::scoring::captionScoreText(*score);
    std::fputs(text.c_str(), stdout);
    return int(kExitOk);
  }));
}

void addMcqCommand(CLI::App& score, CommandContext& ctx) {
  struct Options {
    std::string file;
    std::string task;
    std::string release = "../shared/ugc-videocap/release-dev";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = score.add_subcommand(
      "mcq",
      "Multiple-choice accuracy (tone, voice source) against the release answers, with the confusion table "
      "and the constant-answer baseline");
  cmd->add_option("PRED", options->file, "Predictions: JSONL {video_id, predict} or {\"samples\": [...]}")->required();
  cmd->add_option("--task", options->task, "tone or voice_source")
      ->required()
      ->check(CLI::IsMember({"tone", "voice_source"}));
  cmd->add_option("--release", options->release, "Release folder with tone.json / voice_source.json")
      ->capture_default_str();
  cmd->add_flag("--json", options->json, "Print the result as JSON");
  cmd->callback(runs(ctx, [options] {
    auto task = pipeline::scoring::parseMcqTask(options->task);
    if (!task) return reportError(task.error(), "score mcq");
    auto score = pipeline::scoring::scoreMcqFile(options->file, options->release, *task);
    if (!score) return reportError(score.error(), "score mcq");
    const std::string text =
        options->json ? pipeline::scoring::mcqScoreJson(*score) : pipeline::scoring::mcqScoreText(*score);
    std::fputs(text.c_str(), stdout);
    return int(kExitOk);
  }));
}

void addTableCommand(CLI::App& score, CommandContext& ctx) {
  struct Options {
    std::string dir;
    std::string format = "markdown";
    std::string svg;
  };
  auto options = std::make_shared<Options>();
  auto* cmd =
      score.add_subcommand("table", "Every result file under DIR scored, in the Table 2 layout (one row per system)");
  cmd->add_option("DIR", options->dir, "Folder with OCR files and judge score files (searched recursively)")
      ->required();
  cmd->add_option("--format", options->format, "markdown, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"markdown", "csv", "json"}));
  cmd->add_option("--svg", options->svg, "Also write a bar chart of the systems (SVG)");
  cmd->callback(runs(ctx, [options] {
    auto table = pipeline::scoring::buildScoreTable(options->dir);
    if (!table) return reportError(table.error(), "score table");
    const std::string text = options->format == "csv"    ? pipeline::scoring::scoreTableCsv(*table)
                             : options->format == "json" ? pipeline::scoring::scoreTableJson(*table)
                                                         : pipeline::scoring::scoreTableMarkdown(*table);
    std::fputs(text.c_str(), stdout);
    if (!options->svg.empty()) {
      std::ofstream out(options->svg, std::ios::binary | std::ios::trunc);
      out << pipeline::scoring::scoreTableSvg(*table);
      if (!out) {
        std::fprintf(stderr, "ugccap: score table: cannot write %s\n", options->svg.c_str());
        return int(kExitInputError);
      }
    }
    return int(kExitOk);
  }));
}

void addDraftsCommand(CLI::App& score, CommandContext& ctx) {
  struct Options {
    std::string project;
    std::string out;
    std::string system = "project-drafts";
    std::string source;
    std::string weights;
    std::string format = "markdown";
  };
  auto options = std::make_shared<Options>();
  auto* cmd = score.add_subcommand(
      "drafts",
      "Score a project's own drafts like the released systems: the latest joint drafts against the approved joint "
      "captions (offline judge), the visual drafts' on-screen text against the approved (OCR column); files in the "
      "released formats in --out, then the Table 2 layout of everything in --out");
  cmd->add_option("-p,--project", options->project, "The project (.ugcproj)")->required();
  cmd->add_option("--out", options->out,
                  "Folder for <system>_scores.json and <system>_ocr.jsonl (default: <project>.scores); put the "
                  "released systems' files there to rank the drafts among them");
  cmd->add_option("--system", options->system, "The row's name (file-name prefix)")->capture_default_str();
  cmd->add_option("--source", options->source, "Only drafts of this source (as stored with each draft)");
  cmd->add_option("--weights", options->weights, "Offline judge folder (default: resources/models/offline-judge)");
  cmd->add_option("--format", options->format, "markdown, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"markdown", "csv", "json"}));
  cmd->callback(runs(ctx, [&ctx, options] {
    std::filesystem::path weights = options->weights;
    if (weights.empty()) {
      auto found = pipeline::findResource("models/offline-judge");
      if (!found) return reportError(found.error(), "score drafts");
      weights = *found;
    }
    auto judge = model::OfflineJudge::load(weights);
    if (!judge) return reportError(judge.error(), "score drafts: --weights");
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "score drafts");
    pipeline::scoring::DraftScoringParams params;
    params.outDir = options->out.empty() ? std::filesystem::path(options->project + ".scores")
                                         : std::filesystem::path(options->out);
    params.system = options->system;
    params.source = options->source;
    ConsoleProgress progress;
    auto report = pipeline::scoring::scoreProjectDrafts(*project, *judge, params,
                                                        ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!report) return reportError(report.error(), "score drafts");
    std::fprintf(stderr,
                 "score drafts: %zu joint drafts judged against approved captions (offline judge estimates), %zu "
                 "OCR pairs; %zu drafts without an approved caption, %zu approved captions without a draft\n",
                 report->captionPairs, report->ocrPairs, report->withoutReference, report->withoutDraft);
    for (const auto& [source, n] : report->sources) std::fprintf(stderr, "  %zu from %s\n", n, source.c_str());
    auto table = pipeline::scoring::buildScoreTable(params.outDir);
    if (!table) return reportError(table.error(), "score drafts: table");
    const std::string text = options->format == "csv"    ? pipeline::scoring::scoreTableCsv(*table)
                             : options->format == "json" ? pipeline::scoring::scoreTableJson(*table)
                                                         : pipeline::scoring::scoreTableMarkdown(*table);
    std::fputs(text.c_str(), stdout);
    return int(kExitOk);
  }));
}

}  // namespace

void registerScoreCommands(CLI::App& app, CommandContext& ctx) {
  auto* score = app.add_subcommand("score", modelCommandDescription("score"));
  score->require_subcommand(1);
  addOcrCommand(*score, ctx);
  addCaptionsCommand(*score, ctx);
  addMcqCommand(*score, ctx);
  addTableCommand(*score, ctx);
  addDraftsCommand(*score, ctx);
}

}  // namespace ugc::cli
