// Team mode: next (a leased task), leases (who holds what), migrate (SQLite <-> PostgreSQL).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "annotation/stage.h"
#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "db/project_copy.h"
#include "db/project_export.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

nlohmann::ordered_json leaseJson(const db::Lease& lease) {
  return {{"video_id", lease.videoId},       {"stage", std::string(annotation::stageName(lease.stage))},
          {"kind", db::leaseKindName(lease.kind)}, {"holder", lease.holder},
          {"granted_at_ms", lease.grantedAtMs}, {"expires_at_ms", lease.expiresAtMs}};
}

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The two exports hold the same files with the same bytes; the first difference otherwise. The
// manifests differ only in their export time; they list every file's sha256, and the files
// themselves are compared.
std::optional<std::string> firstDifference(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(a, ec)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    if (entry.path().filename() == "manifest.json") continue;
    const fs::path other = b / entry.path().filename();
    if (!fs::exists(other)) return entry.path().filename().string() + " is missing from the copy's export";
    if (fileBytes(entry.path()) != fileBytes(other)) return entry.path().filename().string() + " differs";
  }
  size_t otherFiles = 0;
  for (const auto& entry : fs::directory_iterator(b, ec)) otherFiles += entry.is_regular_file() ? 1 : 0;
  if (files != otherFiles) return "the copy's export has other files";
  return std::nullopt;
}

}  // namespace

void registerTeamCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string project;
    std::string person;
    std::string stage = "audio";
    bool review = false;
    double minutes = 20;
    bool json = false;
    std::string from;
    std::string to;
    std::string workDir;
  };
  auto options = std::make_shared<Options>();

  auto* next = app.add_subcommand(
      "next", "Lease the next task for a person: one video's stage nobody else holds (team mode; works on a file too)");
  next->add_option("-p,--project", options->project, "Project file or postgresql:// URL")->required();
  next->add_option("--user", options->person, "Who takes the task")->required();
  next->add_option("--stage", options->stage, "audio, visual or joint")
      ->check(CLI::IsMember({"audio", "visual", "joint"}));
  next->add_flag("--review", options->review, "A submitted stage to review (never one the person wrote)");
  next->add_option("--minutes", options->minutes, "Lease length; renewed by asking again")
      ->check(CLI::Range(0.1, 24.0 * 60));
  next->add_flag("--json", options->json, "Print the lease as JSON");
  next->callback(runs(ctx, [options] {
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "next");
    db::LeaseRequest request;
    request.person = options->person;
    request.stage = *annotation::parseStage(options->stage);
    request.kind = options->review ? db::LeaseKind::Review : db::LeaseKind::Annotate;
    request.durationMs = int64_t(options->minutes * 60'000);
    auto lease = project->leaseNextTask(request);
    if (!lease) return reportError(lease.error(), "next");
    if (!*lease) {
      if (options->json) {
        std::printf("null\n");
      } else {
        std::fprintf(stderr, "next: no %s task for %s on the %s stage\n", options->review ? "review" : "annotation",
                     options->person.c_str(), options->stage.c_str());
      }
      return int(kExitOk);
    }
    if (options->json) {
      std::printf("%s\n", leaseJson(**lease).dump().c_str());
    } else {
      std::printf("%s %s (leased to %s for %.0f min)\n", (*lease)->videoId.c_str(), options->stage.c_str(),
                  options->person.c_str(), options->minutes);
    }
    return int(kExitOk);
  }));

  auto* leases = app.add_subcommand("leases", "Who holds which task now (live leases, soonest expiry first)");
  leases->add_option("-p,--project", options->project, "Project file or postgresql:// URL")->required();
  leases->add_flag("--json", options->json, "Print JSON lines");
  leases->callback(runs(ctx, [options] {
    auto project = db::Project::open(options->project);
    if (!project) return reportError(project.error(), "leases");
    auto live = project->activeLeases();
    if (!live) return reportError(live.error(), "leases");
    for (const auto& lease : *live) {
      if (options->json) {
        std::printf("%s\n", leaseJson(lease).dump().c_str());
      } else {
        std::printf("%-40s %-6s %-8s %-20s expires %s\n", lease.videoId.c_str(),
                    std::string(annotation::stageName(lease.stage)).c_str(), db::leaseKindName(lease.kind),
                    lease.holder.c_str(), std::to_string((lease.expiresAtMs - lease.grantedAtMs) / 1000).c_str());
      }
    }
    return int(kExitOk);
  }));

  auto* migrate = app.add_subcommand(
      "migrate",
      "Copy a project between modes (SQLite file <-> postgresql:// URL) with every revision and its history, then "
      "verify the copy by comparing both projects' release exports byte for byte");
  migrate->add_option("from", options->from, "Existing project (file or URL)")->required();
  migrate->add_option("to", options->to, "New project (file or URL; created, must not exist or be empty)")->required();
  migrate->add_option("--work-dir", options->workDir, "Where the two verification exports go (default: a temp folder)");
  migrate->callback(runs(ctx, [&ctx, options] {
    auto from = db::Project::open(options->from);
    if (!from) return reportError(from.error(), "migrate");
    auto to = db::Project::create(options->to);
    if (!to) {
      Error error = to.error();
      if (error.code == ErrorCode::InvalidArgument) error.code = ErrorCode::InvalidInput;  // exists: exit 2
      return reportError(error, "migrate");
    }
    ConsoleProgress progress;
    const CancelToken cancel = interruptToken();
    auto copied = db::copyProject(*from, *to, ctx.quiet ? ProgressSink{} : progress.sink(), cancel);
    progress.finish();
    if (!copied) return reportError(copied.error(), "migrate");
    std::error_code ec;
    const fs::path work = options->workDir.empty()
                              ? fs::temp_directory_path() / ("ugccap-migrate-" + std::to_string(::getpid()))
                              : fs::path(options->workDir);
    db::ExportParams params;
    params.includeUnreviewed = true;
    for (const auto& [project, name] : {std::pair{&*from, "from"}, std::pair{&*to, "to"}}) {
      auto exported = db::exportProject(*project, work / name, params, {}, cancel);
      if (!exported) return reportError(exported.error(), "migrate: verification export");
    }
    auto difference = firstDifference(work / "from", work / "to");
    if (options->workDir.empty()) fs::remove_all(work, ec);
    if (difference) {
      return reportError(Error{ErrorCode::Internal, "the copy does not export like the original: " + *difference},
                         "migrate");
    }
    std::printf("migrated %lld rows in %zu tables from %s to %s; the exports match\n",
                static_cast<long long>(copied->rows), copied->tables.size(),
                db::redactedUrl(from->path().string()).c_str(), db::redactedUrl(to->path().string()).c_str());
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
