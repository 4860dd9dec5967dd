// init, import, export, validate, stats: the project store (db/).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "annotation/progress_model.h"
#include "annotation/qa.h"
#include "annotation/workflow.h"
#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "db/video_listing.h"

namespace ugc::cli {
namespace {

// Library InvalidArgument errors here come from the files named on the command line (a project
// that already exists, an output folder that is not an export): input errors, exit code 2.
int reportInputError(Error error, const char* context) {
  if (error.code == ErrorCode::InvalidArgument) error.code = ErrorCode::InvalidInput;
  return reportError(error, context);
}

struct ProjectOptions {
  std::string project;
  // import
  std::string videos, manifest, release, drafts, demo, media;
  int demoAsWork = 0;
  int demoForReview = 0;
  // export
  std::string format = "release";
  std::string out;
  bool includeUnreviewed = false;
  // validate / stats
  std::string dir;
  bool json = false;
};

void addProjectOption(CLI::App* cmd, ProjectOptions& options) {
  cmd->add_option("-p,--project", options.project, "The project: a file (.ugcproj) or a postgresql:// URL (team mode)")->required();
}

void printReport(const db::ImportReport& report) {
  std::printf("%s\n", report.summary().c_str());
  for (const auto& skipped : report.skipped) std::printf("  skipped: %s\n", skipped.describe().c_str());
}

int runImport(const ProjectOptions& options, CommandContext& ctx) {
  const int sources = int(!options.videos.empty()) + int(!options.manifest.empty()) + int(!options.release.empty()) +
                      int(!options.drafts.empty()) + int(!options.demo.empty());
  if (sources != 1) {
    std::fprintf(stderr, "ugccap: import: give exactly one of --videos, --manifest, --release, --drafts, --demo\n");
    return kExitUsage;
  }
  auto project = db::Project::open(options.project);
  if (!project) return reportInputError(project.error(), "import");
  ConsoleProgress progress;
  const ProgressSink sink = ctx.quiet ? ProgressSink{} : progress.sink();
  const CancelToken cancel = interruptToken();
  Result<db::ImportReport> report = makeError(ErrorCode::Internal, "no import ran");
  if (!options.release.empty()) {
    db::ReleaseImportParams params;
    params.mediaDir = options.media;
    report = db::importRelease(*project, options.release, params, sink, cancel);
  } else if (!options.drafts.empty()) {
    report = db::importDrafts(*project, options.drafts, {}, sink, cancel);
  } else if (!options.videos.empty()) {
    report = db::importVideoFolder(*project, options.videos, sink, cancel);
  } else if (!options.manifest.empty()) {
    report = db::importManifest(*project, options.manifest, sink, cancel);
  } else {
    report = db::importDemoCorpus(*project, options.demo,
                                  db::DemoImportParams{options.demoAsWork, options.demoForReview}, sink, cancel);
  }
  progress.finish();
  if (!report) return reportInputError(report.error(), "import");
  printReport(*report);
  return kExitOk;
}

int runExport(const ProjectOptions& options, CommandContext& ctx) {
  auto format = db::parseExportFormat(options.format);
  if (!format) {
    std::fprintf(stderr, "ugccap: export: unknown format '%s' (release, jsonl, sft, grpo)\n", options.format.c_str());
    return kExitUsage;
  }
  auto project = db::Project::open(options.project);
  if (!project) return reportInputError(project.error(), "export");
  db::ExportParams params;
  params.format = *format;
  params.includeUnreviewed = options.includeUnreviewed;
  ConsoleProgress progress;
  auto summary =
      db::exportProject(*project, options.out, params, ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
  progress.finish();
  if (!summary) return reportInputError(summary.error(), "export");
  for (const auto& file : summary->files) {
    std::printf("%-30s %8lld records  %10lld bytes  sha256 %s\n", file.name.c_str(),
                static_cast<long long>(file.records), static_cast<long long>(file.bytes), file.sha256.c_str());
  }
  std::printf("exported to %s (manifest.json)\n", summary->dir.c_str());
  return kExitOk;
}

int runStats(const ProjectOptions& options) {
  auto project = db::Project::open(options.project);
  if (!project) return reportInputError(project.error(), "stats");
  auto stats = project->statistics();
  if (!stats) return reportError(stats.error(), "stats");
  nlohmann::ordered_json out;
  out["videos"] = stats->videos;
  out["annotation_only_videos"] = stats->annotationOnlyVideos;
  nlohmann::ordered_json stages = nlohmann::ordered_json::object();
  for (const auto& count : stats->stageStates) {
    stages[std::string(annotation::stageName(count.stage))][std::string(annotation::taskStateName(count.state))] =
        count.count;
  }
  out["stages"] = stages;
  nlohmann::ordered_json qa = nlohmann::ordered_json::object();
  for (const auto& count : stats->qa) {
    qa[std::string(annotation::qaTypeName(count.type))][std::string(annotation::qaStatusName(count.status))] =
        count.count;
  }
  out["qa"] = qa;
  out["authors"] = nlohmann::ordered_json::array();
  for (const auto& author : stats->authors) {
    out["authors"].push_back({{"author", author.author},
                              {"stage", annotation::stageName(author.stage)},
                              {"origin", annotation::revisionOriginName(author.origin)},
                              {"revisions", author.revisions},
                              {"seconds_spent", author.secondsSpent}});
  }
  // Progress toward the benchmark's targets (1,000 videos x 3 captions, 4,000 QA pairs).
  auto rows = db::listVideos(*project, {}, 0, INT64_MAX);
  if (!rows) return reportError(rows.error(), "stats");
  std::vector<annotation::StageStatusInput> stageInputs;
  for (const auto& row : *rows) {
    for (auto stage : annotation::kAllStages)
      stageInputs.push_back({row.videoId, stage, row.stages[size_t(stage)].state});
  }
  std::vector<annotation::QaStatusInput> qaInputs;
  for (const auto& count : stats->qa) {
    for (int64_t i = 0; i < count.count; ++i) qaInputs.push_back({count.type, count.status});
  }
  const auto progress = annotation::summarizeProgress(stageInputs, qaInputs);
  out["progress"] = {{"videos_complete", progress.videosComplete},
                     {"captions_approved", progress.captionsApproved},
                     {"captions_target", progress.captionsTarget},
                     {"qa_approved", progress.qa.approved},
                     {"qa_target", progress.qa.target},
                     {"overall_fraction", progress.overallFraction}};
  if (options.json) {
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }
  std::printf("%s", annotation::formatProgressTable(progress).c_str());
  std::printf("videos: %lld (%lld annotation-only)\n", static_cast<long long>(stats->videos),
              static_cast<long long>(stats->annotationOnlyVideos));
  for (const auto& [stage, states] : stages.items()) {
    std::printf("%-7s", stage.c_str());
    for (const auto& [state, count] : states.items()) std::printf("  %s %s", state.c_str(), count.dump().c_str());
    std::printf("\n");
  }
  for (const auto& [type, statuses] : qa.items()) {
    std::printf("qa %-18s", type.c_str());
    for (const auto& [status, count] : statuses.items()) std::printf("  %s %s", status.c_str(), count.dump().c_str());
    std::printf("\n");
  }
  for (const auto& author : stats->authors) {
    std::printf("author %-12s %-7s %-17s %6lld revisions  %8.0f s\n", author.author.c_str(),
                std::string(annotation::stageName(author.stage)).c_str(),
                std::string(annotation::revisionOriginName(author.origin)).c_str(),
                static_cast<long long>(author.revisions), author.secondsSpent);
  }
  return kExitOk;
}

}  // namespace

void registerProjectCommands(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<ProjectOptions>();

  auto* init = app.add_subcommand("init", "Create a project database");
  addProjectOption(init, *options);
  init->callback(runs(ctx, [options] {
    auto project = db::Project::create(options->project);
    if (!project) return reportInputError(project.error(), "init");
    std::printf("created %s\n", db::redactedUrl(project->path().string()).c_str());
    return int(kExitOk);
  }));

  auto* import = app.add_subcommand(
      "import", "Import videos, a manifest, a UGC-VideoCap release, model drafts or the demo corpus");
  addProjectOption(import, *options);
  import->add_option("--videos", options->videos, "A folder of video files (probed and fingerprinted)");
  import->add_option("--manifest", options->manifest, "A CSV or JSON manifest (id, path, url)");
  import->add_option("--release", options->release, "A UGC-VideoCap release folder (the nine files)");
  import->add_option("--media", options->media, "With --release: where the release's <id>.mp4 files are");
  import->add_option("--drafts", options->drafts, "Model drafts, JSONL {video_id, stage, text}");
  import->add_option("--demo", options->demo, "A demo corpus folder (ugccap demo-corpus)");
  import
      ->add_option("--as-work", options->demoAsWork,
                   "With --demo: the last N clips arrive without their ground truth, as work to do")
      ->check(CLI::NonNegativeNumber);
  import
      ->add_option("--for-review", options->demoForReview,
                   "With --demo: the N clips before those arrive with their audio and visual ground truth "
                   "submitted for review")
      ->check(CLI::NonNegativeNumber);
  import->callback(runs(ctx, [&ctx, options] { return runImport(*options, ctx);
}));

auto* exportCmd = app.add_subcommand("export", "Export a project (release, jsonl, sft, grpo)");
addProjectOption(exportCmd, *options);
exportCmd->add_option("--format", options->format, "release, jsonl, sft or grpo")
    ->check(CLI::IsMember({"release", "jsonl", "sft", "grpo"}));
exportCmd->add_option("--out", options->out, "Output folder (replaced atomically)")->required();
exportCmd->add_flag("--include-unreviewed", options->includeUnreviewed,
                    "Export the latest content, not only approved content");
exportCmd->callback(runs(ctx, [&ctx, options] { return runExport(*options, ctx); }));

auto* validate = app.add_subcommand("validate", "Check an export against its manifest and schema");
validate->add_option("dir", options->dir, "The export folder")->required();
validate->callback(runs(ctx, [options] {
  auto report = db::validateExport(options->dir);
  if (!report) return reportInputError(report.error(), "validate");
  std::printf("ok: %s export, %lld files, %lld records\n", report->format.c_str(),
              static_cast<long long>(report->files), static_cast<long long>(report->records));
  return int(kExitOk);
}));

auto* stats = app.add_subcommand("stats", "Project statistics: stage states, QA pairs, annotator throughput");
addProjectOption(stats, *options);
stats->add_flag("--json", options->json, "Print one JSON object");
stats->callback(runs(ctx, [options] { return runStats(*options); }));
}  // namespace ugc::cli

}  // namespace ugc::cli
