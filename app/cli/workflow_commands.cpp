// qa: the workflow rules (annotation/) applied to a project's stored fields.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <memory>

#include "annotation/qa_templates.h"
#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "db/video_listing.h"

namespace ugc::cli {
namespace {

constexpr const char* kGeneratorActor = "qa-generate";

// The fields a stage's QA pairs come from: the approved revision when there is one, else the latest.
Result<std::optional<db::Revision>> fieldsRevision(db::Project& project, const std::string& videoId,
                                                   annotation::Stage stage) {
  auto status = project.stageStatus(videoId, stage);
  if (!status) return tl::unexpected(status.error());
  if (status->approvedRevisionId) return project.revision(*status->approvedRevisionId);
  return project.headRevision(videoId, stage);
}

struct GenerateTotals {
  std::map<annotation::QaChangeKind, int64_t> changes;
  int64_t videos = 0;
};

Status regenerateVideo(db::Project& project, const std::string& videoId, bool dryRun, GenerateTotals& totals) {
  auto audio = fieldsRevision(project, videoId, annotation::Stage::Audio);
  if (!audio) return tl::unexpected(audio.error());
  auto visual = fieldsRevision(project, videoId, annotation::Stage::Visual);
  if (!visual) return tl::unexpected(visual.error());
  auto stored = project.qaPairs(videoId);
  if (!stored) return tl::unexpected(stored.error());
  std::vector<annotation::QaPair> current;
  std::map<int64_t, int64_t> versions;
  for (const auto& pair : *stored) {
    current.push_back(pair.pair);
    versions[pair.pair.id] = pair.version;
  }
  const annotation::AudioFields audioFields = *audio && (*audio)->audio ? *(*audio)->audio : annotation::AudioFields{};
  const annotation::VisualFields visualFields =
      *visual && (*visual)->visual ? *(*visual)->visual : annotation::VisualFields{};
  const auto regeneration = annotation::regenerateQa(videoId, current, audioFields, visualFields);
  ++totals.videos;
  for (const auto& change : regeneration.changes) {
    ++totals.changes[change.kind];
    if (dryRun) continue;
    if (change.kind == annotation::QaChangeKind::Added) {
      for (const auto& pair : regeneration.pairs) {
        if (pair.id == 0 && pair.type == change.type) {
          if (auto added = project.addQaPair(pair, kGeneratorActor); !added) return tl::unexpected(added.error());
        }
      }
    } else if (change.kind == annotation::QaChangeKind::Updated) {
      for (const auto& pair : regeneration.pairs) {
        if (pair.id != change.pairId) continue;
        if (auto updated = project.updateQaPair(pair, versions[pair.id], kGeneratorActor); !updated) {
          return tl::unexpected(updated.error());
        }
      }
    } else if (change.kind == annotation::QaChangeKind::Removed) {
      // The store keeps every pair: one whose rule no longer applies is rejected, with why.
      for (auto pair : current) {
        if (pair.id != change.pairId) continue;
        pair.status = annotation::QaStatus::Rejected;
        pair.reason = "the structured fields no longer call for this question";
        pair.reviewer = kGeneratorActor;
        if (auto updated = project.updateQaPair(pair, versions[pair.id], kGeneratorActor); !updated) {
          return tl::unexpected(updated.error());
        }
      }
    }
  }
  return {};
}

}  // namespace

void registerWorkflowCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string project;
    std::string video;
    bool dryRun = false;
  };
  auto options = std::make_shared<Options>();
  auto* qa = app.add_subcommand("qa", "Generate and manage template QA pairs");
  qa->require_subcommand(1);
  auto* generate =
      qa->add_subcommand("generate",
                         "Regenerate the template QA pairs from the current structured fields (human-edited or "
                         "human-added pairs are kept, never overwritten)");
  generate->add_option("-p,--project", options->project, "Project file")->required();
  generate->add_option("--video", options->video, "Only this video");
  generate->add_flag("--dry-run", options->dryRun, "Report what would change, change nothing");
  generate->callback(runs(ctx, [&ctx, options] {
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "qa generate");
    std::vector<std::string> videos;
    if (!options->video.empty()) {
      auto found = project->findVideo(options->video);
      if (!found) return reportError(found.error(), "qa generate");
      if (!*found) return reportError(Error{ErrorCode::NotFound, "no video " + options->video}, "qa generate");
      videos.push_back(options->video);
    } else {
      auto rows = db::listVideos(*project, {}, 0, INT64_MAX);
      if (!rows) return reportError(rows.error(), "qa generate");
      for (const auto& row : *rows) videos.push_back(row.videoId);
    }
    ConsoleProgress progress;
    const CancelToken cancel = interruptToken();
    GenerateTotals totals;
    for (size_t i = 0; i < videos.size(); ++i) {
      if (cancel.isCancelled()) return reportError(Error{ErrorCode::Cancelled, ""});
      if (auto done = regenerateVideo(*project, videos[i], options->dryRun, totals); !done) {
        return reportError(done.error(), videos[i].c_str());
      }
      if (!ctx.quiet) report(progress.sink(), "generating QA pairs", int64_t(i + 1), int64_t(videos.size()));
    }
    progress.finish();
    std::printf("%s%lld videos:", options->dryRun ? "dry run, " : "", static_cast<long long>(totals.videos));
    for (auto kind :
         {annotation::QaChangeKind::Added, annotation::QaChangeKind::Updated, annotation::QaChangeKind::Removed,
          annotation::QaChangeKind::Unchanged, annotation::QaChangeKind::KeptHuman}) {
      std::printf(" %lld %s", static_cast<long long>(totals.changes[kind]),
                  std::string(annotation::qaChangeKindName(kind)).c_str());
    }
    std::printf("\n");
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
