// extract: signal extraction (model/extractors) on loose files, or over a project's videos
// (cached in its store, suggestions attached to untouched stages).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "db/project.h"
#include "model/extractors/signals.h"
#include "pipeline/audio_models.h"
#include "pipeline/audio_suggestions.h"
#include "pipeline/project_extraction.h"

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
    std::printf("  on-screen text (%s): %zu line(s)\n", s.ocr.engine.c_str(), s.ocr.lines.size());
    if (!s.ocr.note.empty()) std::printf("    note: %s\n", s.ocr.note.c_str());
    for (const auto& line : s.ocr.lines)
      std::printf("    \"%s\" (%s, %s, confidence %.0f)\n", line.text.c_str(), rangesText(line.ranges).c_str(),
                  line.position.empty() ? "position unknown" : line.position.c_str(), line.confidence);
  }
  if (s.objects.ran) {
    std::printf("  objects (%s, %d frames): %s\n", s.objects.method.c_str(), s.objects.framesSampled,
                s.objects.summary.empty() ? "none" : model::objectsAnswer(s.objects).c_str());
  } else if (!s.objects.note.empty()) {
    std::printf("  objects: %s\n", s.objects.note.c_str());
  }
  if (s.faces.ran) {
    std::string where;
    for (const auto& p : s.faces.positions) where += (where.empty() ? "" : ", ") + p;
    std::printf("  faces (estimate, %s): %d%s%s\n", s.faces.method.c_str(), s.faces.count, where.empty() ? "" : ": ",
                where.c_str());
  } else if (!s.faces.note.empty()) {
    std::printf("  faces: %s\n", s.faces.note.c_str());
  }
  if (s.audio.ran) {
    std::printf("  audio: %s; background music %s (confidence %.2f)\n",
                s.audio.silentTrack ? "silent track" : "audible", s.audio.musicPresent ? "yes" : "no",
                s.audio.musicConfidence);
    std::printf("    method: %s\n", s.audio.method.c_str());
    std::printf("    speech: %s\n    music: %s\n    other sounds: %s\n", rangesText(s.audio.speech).c_str(),
                rangesText(s.audio.music).c_str(), rangesText(s.audio.otherSounds).c_str());
  }
  if (s.voiceActivity.ran) {
    std::vector<model::TimeRange> segments;
    for (const auto& segment : s.voiceActivity.segments) segments.push_back(segment.range);
    std::printf("  voice activity (%s): %.1f s of speech in %s\n", s.voiceActivity.method.c_str(),
                s.voiceActivity.speechSeconds, rangesText(segments).c_str());
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
  if (s.transcript.ran) {
    std::printf("  transcript (suggestion, mean confidence %.2f; [words] below %.2f are not quotable):\n    ",
                s.transcript.meanConfidence, s.transcript.quotableThreshold);
    for (const auto& w : s.transcript.words) std::printf(w.quotable ? "%s " : "[%s] ", w.text.c_str());
    std::printf("\n  spoken language: %s (confidence %.2f)\n", s.transcript.language.c_str(),
                s.transcript.languageConfidence);
  }
  if (s.hasAudio) {
    std::printf("  audio field suggestions:\n");
    for (const auto& f : pipeline::audioFieldSuggestions(s))
      std::printf("    %-16s %-14s confidence %.2f  (%s)\n", f.field.c_str(),
                  f.value.empty() ? "(n/a)" : f.value.c_str(), f.confidence, f.basis.c_str());
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
    bool noObjects = false;
    bool noFaces = false;
    std::string ocrEngine = "auto";
    double fps = 2.0;
    std::string project;
    std::vector<std::string> videos;
    bool force = false;
    bool noSuggest = false;
    std::string audioEvents = "learned";
    std::string audioEventsModel;
    bool noTranscribe = false;
    bool noVad = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("extract", modelCommandDescription("extract"));
  cmd->add_option("files", options->files, "Video files (outside any project)");
  cmd->add_option("-p,--project", options->project, "Run over this project's videos instead (cached by fingerprint)");
  cmd->add_option("--video", options->videos, "With --project: only these videos");
  cmd->add_flag("--force", options->force, "With --project: recompute cached signals");
  cmd->add_flag("--no-suggest", options->noSuggest, "With --project: do not attach suggested fields to stages");
  cmd->add_flag("--json", options->json, "One JSON object per file on stdout (one per line)");
  cmd->add_flag("--no-ocr", options->noOcr, "Skip on-screen text");
  cmd->add_flag("--no-objects", options->noObjects, "Skip COCO object detection");
  cmd->add_flag("--no-faces", options->noFaces, "Skip face detection");
  cmd->add_option("--ocr-engine", options->ocrEngine,
                  "On-screen text engine: auto (PP-OCRv4 when scripts/fetch-models ppocr-v4 installed it, else "
                  "Tesseract, with a note), ppocr (an error without the models) or tesseract")
      ->check(CLI::IsMember({"auto", "ppocr", "tesseract"}))
      ->capture_default_str();
  cmd->add_option("--ocr-fps", options->fps, "Frames per second read for on-screen text")->check(CLI::Range(0.1, 30.0));
  cmd->add_option("--audio-events", options->audioEvents,
                  "Speech/music decisions: the learned classifier or the heuristic")
      ->check(CLI::IsMember({"learned", "heuristic"}))
      ->capture_default_str();
  cmd->add_option("--audio-events-model", options->audioEventsModel,
                  "Learned classifier folder (default resources/models/audio-events)");
  cmd->add_flag("--no-transcribe", options->noTranscribe, "Skip the English transcript (PocketSphinx)");
  cmd->add_flag("--no-vad", options->noVad, "Skip Silero voice activity (speech then comes from the audio events)");
  cmd->callback(runs(ctx, [&ctx, options] {
    model::ExtractOptions extract;
    extract.transcribe = !options->noTranscribe;
    extract.audioEventsModel = options->audioEventsModel;
    extract = pipeline::withDefaultAudioModels(extract);
    if (options->audioEvents != "learned") extract.audioEventsModel.clear();
    if (options->noVad) extract.voiceActivityModel.clear();
    extract.ocr = !options->noOcr;
    extract.objects = !options->noObjects;
    extract.faces = !options->noFaces;
    extract.ocrEngine = model::ocrEngineChoiceFromName(options->ocrEngine).value_or(model::OcrEngineChoice::Auto);
    extract.ocrFramesPerSecond = options->fps;
    const CancelToken cancel = interruptToken();
    if (!options->project.empty()) {
      if (!options->files.empty())
        return reportError(Error{ErrorCode::InvalidArgument, "give files or --project, not both"});
      auto project = db::Project::open(options->project);
      if (!project) return reportError(project.error(), "extract");
      pipeline::ProjectExtractParams params;
      params.extract = extract;
      params.videoIds = options->videos;
      params.force = options->force;
      params.suggest = !options->noSuggest;
      ConsoleProgress progress;
      auto done = pipeline::extractProject(*project, params, ctx.quiet ? ProgressSink{} : progress.sink(), cancel);
      progress.finish();
      if (!done) return reportError(done.error(), "extract");
      std::printf("%d videos: %d extracted, %d from the cache, %d without media, %d stage suggestions attached\n",
                  done->videos, done->extracted, done->cached, done->withoutMedia, done->suggestions);
      for (const auto& failure : done->failures) std::fprintf(stderr, "ugccap: extract: %s\n", failure.c_str());
      return done->failures.empty() ? int(kExitOk) : int(kExitInputError);
    }
    if (options->files.empty()) return reportError(Error{ErrorCode::InvalidArgument, "give video files or --project"});
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
      if (options->json) {
        // The signals as cached, plus the audio field suggestions made from them.
        auto doc = nlohmann::json::parse(model::toJson(*signals, -1));
        doc["audio_suggestions"] =
            nlohmann::json::parse(pipeline::audioFieldSuggestionsJson(pipeline::audioFieldSuggestions(*signals)));
        std::printf("%s\n", doc.dump().c_str());
      } else
        printSummary(*signals);
      std::fflush(stdout);
    }
    return exitCode;
  }));
}

}  // namespace ugc::cli
