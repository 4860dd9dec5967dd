// `ugccap faithfulness report RELEASE_DIR`: the faithfulness checker (annotation/faithfulness.h)
// over a release's own captions and fields. Light: no model, no project.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "annotation/faithfulness_report.h"
#include "annotation/release_fields.h"
#include "cli/command_context.h"
#include "cli/exit_codes.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;
using annotation::QaType;

Result<annotation::ReleaseDataset> readRelease(const fs::path& dir) {
  if (!fs::is_directory(dir)) return makeError(ErrorCode::NotFound, dir.string() + " is not a folder");
  std::map<QaType, std::string> texts;
  for (QaType type : annotation::kAllQaTypes) {
    const fs::path file = dir / std::string(annotation::releaseFileName(type));
    if (!fs::exists(file)) continue;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return makeError(ErrorCode::Io, "cannot read " + file.string());
    texts.emplace(type, text.str());
  }
  if (texts.empty()) {
    return makeError(ErrorCode::InvalidInput, dir.string() + " holds none of the UGC-VideoCap release files");
  }
  return annotation::parseReleaseDataset(texts);
}

}  // namespace

void registerFaithfulnessCommands(CLI::App& app, CommandContext& ctx) {
  auto* group = app.add_subcommand(
      "faithfulness", "Check captions' claims (quotes, objects, colours, people, music, ...) against the facts");
  group->require_subcommand(1);
  struct Options {
    std::string releaseDir;
    bool json = false;
    std::string out;
    std::size_t worst = 10;
  };
  auto options = std::make_shared<Options>();
  auto* report = group->add_subcommand(
      "report", "Which claims a release's own captions make that its own fields cannot support: totals per claim "
                "kind and verdict, and the worst videos");
  report->add_option("release_dir", options->releaseDir, "Release folder (release-dev/*.json, ocr.jsonl)")->required();
  report->add_flag("--json", options->json, "Print JSON instead of tables");
  report->add_option("--out", options->out, "Write the report to this file instead of standard output");
  report->add_option("--worst", options->worst, "How many of the worst videos to list (default 10)");
  report->callback(runs(ctx, [options] {
    auto dataset = readRelease(options->releaseDir);
    if (!dataset) return reportError(dataset.error(), "faithfulness report");
    const auto result = annotation::faithfulnessReport(*dataset, options->worst);
    const std::string text =
        options->json ? annotation::faithfulnessReportJson(result) : annotation::formatFaithfulnessReport(result);
    if (options->out.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return int(kExitOk);
    }
    std::ofstream out(options->out, std::ios::binary);
    out << text;
    if (!out) return reportError(Error{ErrorCode::Io, "cannot write " + options->out}, "faithfulness report");
    std::printf("%d captions of %d videos: %d claims, %d supported, %d contradicted, %d unsupported -> %s\n",
                result.captions, result.videos, result.total.total(), result.total.supported,
                result.total.contradicted, result.total.unsupported, options->out.c_str());
    return int(kExitOk);
  }));
}

}  // namespace ugc::cli
