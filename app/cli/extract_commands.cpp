// extract: signal extraction (model/extractors) on loose files. Running over a project's
// videos (and caching in its store) is the lead's wiring once the store lands.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "model/extractors/signals.h"

namespace ugc::cli {
namespace {

std::string rangesText(const std::vector<model::TimeRange>& ranges) {
  std::string out;
  char buffer[64];
  for (const auto& r : ranges) {
    std::snprintf(buffer, sizeof buffer, "%s%.1f-%.1f s", out.empty() ? "" : ", ", r.start, r.end);
    out += buffer;
  }
  return out.empty() ? "none" : out;
}

void printSummary(const model::Signals& s) {
  std::printf("%s (%.1f s%s%s)\n", s.file.c_str(), s.duration, s.hasVideo ? ", video" : "",
              s.hasAudio ? ", audio" : ", no audio");
  if (s.ocr.ran) {
    std::printf("  on-screen text: %zu line(s)\n", s.ocr.lines.size());
    for (const auto& line : s.ocr.lines)
      std::printf("    \"%s\" (%s, confidence %.0f)\n", line.text.c_str(), rangesText(line.ranges).c_str(),
                  line.confidence);
  }
  if (s.audio.ran) {
    std::printf("  audio: %s; background music %s (confidence %.2f)\n",
                s.audio.silentTrack ? "silent track" : "audible", s.audio.musicPresent ? "yes" : "no",
                s.audio.musicConfidence);
    std::printf("    speech: %s\n    music: %s\n    other sounds: %s\n", rangesText(s.audio.speech).c_str(),
                rangesText(s.audio.music).c_str(), rangesText(s.audio.otherSounds).c_str());
  }
  if (s.voice.ran) {
    std::printf("  speakers: %d (confidence %.2f)\n", s.voice.speakerCount, s.voice.speakerCountConfidence);
    for (const auto& sp : s.voice.speakers)
      std::printf("    %s, %.0f Hz, %.1f s of speech (confidence %.2f)\n", model::genderName(sp.gender), sp.medianF0,
                  sp.speakingSeconds, sp.genderConfidence);
  }
  if (s.scenes.ran) {
    std::string times;
    for (double t : s.scenes.changeTimes) times += (times.empty() ? "" : ", ") + std::to_string(t).substr(0, 5) + " s";
    std::printf("  background changes: %s%s%s\n", s.scenes.backgroundChanges ? "yes, at " : "no", times.c_str(), "");
  }
  if (s.loudness.ran) {
    if (s.loudness.integratedLufs)
      std::printf("  loudness: %.1f LUFS integrated, peak %.1f dBFS, clipping %.3f %%\n", *s.loudness.integratedLufs,
                  s.loudness.samplePeakDbfs, 100 * s.loudness.clippingRatio);
    else
      std::printf("  loudness: below the -70 LUFS gate (silent)\n");
  }
  std::string timing;
  double total = 0;
  for (const auto& t : s.timings) {
    timing += (timing.empty() ? "" : ", ") + t.name + " " + std::to_string(t.seconds).substr(0, 4) + " s";
    total += t.seconds;
  }
  std::printf("  timings: %s\n", timing.c_str());
}

}  // namespace

void registerExtractCommands(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::vector<std::string> files;
    bool json = false;
    bool noOcr = false;
    double fps = 2.0;
  };
  auto options = std::make_shared<Options>();
  auto* cmd =
      app.add_subcommand("extract", "Extract signals (OCR, audio events, voice, scene changes, loudness) from videos");
  cmd->add_option("files", options->files, "Video files")->required();
  cmd->add_flag("--json", options->json, "One JSON object per file on stdout (one per line)");
  cmd->add_flag("--no-ocr", options->noOcr, "Skip on-screen text");
  cmd->add_option("--ocr-fps", options->fps, "Frames per second read for on-screen text")->check(CLI::Range(0.1, 30.0));
  cmd->callback(runs(ctx, [&ctx, options] {
    model::ExtractOptions extract;
    extract.ocr = !options->noOcr;
    extract.ocrFramesPerSecond = options->fps;
    const CancelToken cancel = interruptToken();
    int exitCode = kExitOk;
    for (const auto& file : options->files) {
      ConsoleProgress progress;
      if (!ctx.quiet) std::fprintf(stderr, "%s\n", file.c_str());
      auto signals = model::extractSignals(file, extract, ctx.quiet ? ProgressSink{} : progress.sink(), cancel);
      progress.finish();
      if (!signals) {
        const int code = reportError(signals.error(), file.c_str());
        if (code == kExitCancelled) return code;
        if (exitCode == kExitOk || code == kExitInputError) exitCode = code;
        continue;
      }
      if (options->json)
        std::printf("%s\n", model::toJson(*signals, -1).c_str());
      else
        printSummary(*signals);
      std::fflush(stdout);
    }
    return exitCode;
  }));
}

}  // namespace ugc::cli
