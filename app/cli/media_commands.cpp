// probe, frames, features: media inspection (core/).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "cli/console_progress.h"
#include "cli/exit_codes.h"
#include "core/audio_decoder.h"
#include "core/feature_files.h"
#include "core/frame_sampler.h"
#include "core/image_io.h"
#include "core/log_mel.h"
#include "core/probe.h"
#include "core/spectrogram_image.h"
#include "core/waveform_peaks.h"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

ordered_json probeJson(const media::ProbeResult& probe) {
  ordered_json out = {
      {"file", probe.path.string()}, {"container", probe.container}, {"duration", probe.duration},
      {"bit_rate", probe.bitRate},   {"file_size", probe.fileSize},  {"fingerprint", probe.fingerprint},
  };
  if (probe.video) {
    const auto& v = *probe.video;
    out["video"] = {{"index", v.index},
                    {"codec", v.codec},
                    {"width", v.width},
                    {"height", v.height},
                    {"display_width", v.displayWidth},
                    {"display_height", v.displayHeight},
                    {"display_aspect", v.displayAspect},
                    {"avg_fps", v.avgFps},
                    {"real_fps", v.realFps},
                    {"frame_count", v.frameCount},
                    {"frame_count_exact", v.frameCountExact},
                    {"rotation", v.rotation}};
  } else {
    out["video"] = nullptr;
  }
  if (probe.audio) {
    out["audio"] = {{"index", probe.audio->index},
                    {"codec", probe.audio->codec},
                    {"sample_rate", probe.audio->sampleRate},
                    {"channels", probe.audio->channels}};
  } else {
    out["audio"] = nullptr;
  }
  return out;
}

void printProbe(const media::ProbeResult& probe) {
  std::printf("%s\n  container %s, %.3f s, %lld bit/s, %llu bytes, fingerprint %.16s...\n", probe.path.c_str(),
              probe.container.c_str(), probe.duration, static_cast<long long>(probe.bitRate),
              static_cast<unsigned long long>(probe.fileSize), probe.fingerprint.c_str());
  if (probe.video) {
    const auto& v = *probe.video;
    std::printf("  video: %s %dx%d (shown %dx%d, rotation %d), %.3f fps avg / %.3f real, %s%lld frames\n",
                v.codec.c_str(), v.width, v.height, v.displayWidth, v.displayHeight, v.rotation, v.avgFps, v.realFps,
                v.frameCountExact ? "" : "~", static_cast<long long>(v.frameCount));
  } else {
    std::printf("  video: none\n");
  }
  if (probe.audio) {
    std::printf("  audio: %s %d Hz, %d channel(s)\n", probe.audio->codec.c_str(), probe.audio->sampleRate,
                probe.audio->channels);
  } else {
    std::printf("  audio: none\n");
  }
}

// "224" is a 224 x 224 box; "320x180" a 320 x 180 box.
bool parseSize(const std::string& text, int& width, int& height) {
  try {
    const auto x = text.find('x');
    size_t used = 0;
    if (x == std::string::npos) {
      width = height = std::stoi(text, &used);
      return used == text.size() && width > 0;
    }
    width = std::stoi(text.substr(0, x), &used);
    if (used != x) return false;
    height = std::stoi(text.substr(x + 1), &used);
    return used == text.size() - x - 1 && width > 0 && height > 0;
  } catch (const std::exception&) {
    return false;
  }
}

// frame_000012.345.png: sorts by time in a plain directory listing.
std::string frameFileName(double seconds) {
  char name[64];
  std::snprintf(name, sizeof(name), "frame_%010.3f.png", seconds);
  return name;
}

void registerProbe(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::vector<std::string> files;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("probe", "Probe media files (container, streams, rotation, fingerprint)");
  cmd->add_option("files", options->files, "Media files")->required();
  cmd->add_flag("--json", options->json, "One JSON object per file, one per line");
  cmd->callback(runs(ctx, [options] {
    const CancelToken cancel = interruptToken();
    int exitCode = kExitOk;
    for (const auto& file : options->files) {
      auto probe = media::probeMedia(file, {}, cancel);
      if (!probe) {
        const int code = reportError(probe.error(), file.c_str());
        if (code == kExitCancelled) return code;
        exitCode = std::max(exitCode, code);
        continue;
      }
      if (options->json) {
        std::printf("%s\n", probeJson(*probe).dump().c_str());
      } else {
        printProbe(*probe);
      }
    }
    return exitCode;
  }));
}

void registerFrames(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string file;
    int count = 8;
    std::string size = "224";
    std::string fit = "contain";
    std::string out;
    bool strict = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("frames", "Sample frames from a video as PNG files");
  cmd->add_option("file", options->file, "Video file")->required();
  cmd->add_option("-n,--count", options->count, "Frames, uniformly spaced over the duration")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--size", options->size, "Box the frames fit: S (S x S) or WxH; aspect is kept");
  cmd->add_option("--fit", options->fit, "contain (no padding), letterbox (pad to the box) or crop (fill the box)")
      ->check(CLI::IsMember({"contain", "letterbox", "crop"}));
  cmd->add_option("--out", options->out, "Output folder (created if missing)")->required();
  cmd->add_flag("--strict", options->strict,
                "Exit 2 when fewer distinct frames than asked could be decoded (a warning is printed either way)");
  cmd->callback(runs(ctx, [&ctx, options] {
    media::FrameSamplerParams params;
    if (!parseSize(options->size, params.width, params.height)) {
      std::fprintf(stderr, "ugccap: frames: --size must be S or WxH, got '%s'\n", options->size.c_str());
      return int(kExitUsage);
    }
    params.fit = options->fit == "crop"        ? media::FitMode::Crop
                 : options->fit == "letterbox" ? media::FitMode::Letterbox
                                               : media::FitMode::Contain;
    std::error_code ec;
    fs::create_directories(options->out, ec);
    if (ec) return reportError({ErrorCode::Io, "cannot create " + options->out + ": " + ec.message()}, "frames");
    ConsoleProgress progress;
    auto frames = media::sampleFramesUniform(options->file, options->count, params,
                                             ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!frames) return reportError(frames.error(), options->file.c_str());
    std::set<std::string> written;  // short clips give several targets the same frame
    for (const auto& frame : *frames) {
      const std::string name = frameFileName(frame.timestamp);
      if (!written.insert(name).second) continue;
      if (auto status = media::writePng(fs::path(options->out) / name, frame.image); !status)
        return reportError(status.error(), "frames");
    }
    std::printf("%zu frames in %s\n", written.size(), options->out.c_str());
    if (int(written.size()) < options->count) {
      // A partial result is never silent: say how much is missing and the likely reason.
      double lastFrame = 0;
      for (const auto& frame : *frames) lastFrame = std::max(lastFrame, frame.timestamp);
      auto probe = media::probeMedia(options->file, {}, interruptToken());
      const double duration = probe ? probe->duration : 0;
      const auto times = media::uniformSampleTimes(duration, options->count);
      const double lastAsked = times.empty() ? 0 : times.back();
      std::string why;
      if (duration > 0 && lastFrame + 1.0 < lastAsked) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "the picture stops at %.2f s of the %.2f s the file declares (truncated or damaged file?)",
                      lastFrame, duration);
        why = text;
      } else {
        why = "the clip has fewer distinct frames at the sample times";
      }
      std::fprintf(stderr, "ugccap: frames: warning: asked for %d frames, wrote %zu: %s\n", options->count,
                   written.size(), why.c_str());
      if (options->strict) return int(kExitInputError);
    }
    return int(kExitOk);
  }));
}

ordered_json peaksJson(const media::WaveformPeaks& peaks, int perSecond) {
  const int columns = std::max(1, int(peaks.sampleCount() * perSecond / std::max(1, peaks.sampleRate())));
  const auto values = peaks.columns(0, peaks.sampleCount(), columns);
  ordered_json mins = ordered_json::array(), maxs = ordered_json::array();
  for (const auto& c : values) {
    mins.push_back(std::round(c.min * 10000.0f) / 10000.0f);
    maxs.push_back(std::round(c.max * 10000.0f) / 10000.0f);
  }
  return {{"sample_rate", peaks.sampleRate()},
          {"samples", peaks.sampleCount()},
          {"columns_per_second", perSecond},
          {"min", mins},
          {"max", maxs}};
}

void registerFeatures(CLI::App& app, CommandContext& ctx) {
  struct Options {
    std::string file;
    std::string out;
    int peaksPerSecond = 100;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("features", "Decode 16 kHz audio, log-mel features and waveform peaks");
  cmd->add_option("file", options->file, "Media file")->required();
  cmd->add_option("--out", options->out, "Output folder (created if missing)")->required();
  cmd->add_option("--peaks-per-second", options->peaksPerSecond, "Waveform peak columns per second")
      ->check(CLI::Range(1, 16000));
  cmd->callback(runs(ctx, [&ctx, options] {
    std::error_code ec;
    const fs::path out(options->out);
    fs::create_directories(out, ec);
    if (ec) return reportError({ErrorCode::Io, "cannot create " + options->out + ": " + ec.message()}, "features");
    auto wav = media::WavWriter::create(out / "audio_16k.wav", media::kMelSampleRate);
    if (!wav) return reportError(wav.error(), "features");
    media::LogMelStream mel;
    std::vector<float> samples;  // kept for the waveform peak pyramid
    Status writeStatus;
    ConsoleProgress progress;
    auto summary = media::decodeAudioChunks(
        options->file, {},
        [&](const float* chunk, size_t count) {
          if (writeStatus) writeStatus = wav->append(chunk, count);
          mel.push(chunk, count);
          samples.insert(samples.end(), chunk, chunk + count);
        },
        ctx.quiet ? ProgressSink{} : progress.sink(), interruptToken());
    progress.finish();
    if (!summary) {
      (void)wav->finish();
      fs::remove(out / "audio_16k.wav", ec);
      return reportError(summary.error(), options->file.c_str());
    }
    if (!writeStatus) return reportError(writeStatus.error(), "features");
    if (auto status = wav->finish(); !status) return reportError(status.error(), "features");

    ordered_json index = {{"file", options->file},
                          {"has_audio", summary->availability == media::AudioAvailability::Decoded}};
    if (summary->availability == media::AudioAvailability::NoAudioStream) {
      fs::remove(out / "audio_16k.wav", ec);
      std::ofstream(out / "features.json") << index.dump(2) << "\n";
      std::printf("%s has no audio stream: nothing to extract\n", options->file.c_str());
      return int(kExitOk);
    }
    const media::LogMel logMel = mel.finish();
    if (auto status =
            media::writeNpy(out / "log_mel.npy", logMel.values.data(), {size_t(logMel.bins), size_t(logMel.frames)});
        !status)
      return reportError(status.error(), "features");
    if (logMel.frames > 0) {
      if (auto status = media::writePng(out / "spectrogram.png", media::renderSpectrogram(logMel)); !status)
        return reportError(status.error(), "features");
    }
    const media::WaveformPeaks peaks(std::move(samples), media::kMelSampleRate);
    std::ofstream(out / "waveform_peaks.json") << peaksJson(peaks, options->peaksPerSecond).dump() << "\n";
    index["seconds"] = summary->seconds();
    index["sample_rate"] = summary->sampleRate;
    index["log_mel"] = {{"file", "log_mel.npy"}, {"shape", {logMel.bins, logMel.frames}}, {"hop_seconds", 0.01}};
    index["audio"] = "audio_16k.wav";
    index["waveform_peaks"] = "waveform_peaks.json";
    index["spectrogram"] = logMel.frames > 0 ? ordered_json("spectrogram.png") : ordered_json(nullptr);
    std::ofstream(out / "features.json") << index.dump(2) << "\n";
    std::printf("%.2f s of audio: %d log-mel frames, features in %s\n", summary->seconds(), logMel.frames,
                options->out.c_str());
    return int(kExitOk);
  }));
}

}  // namespace

void registerMediaCommands(CLI::App& app, CommandContext& ctx) {
  registerProbe(app, ctx);
  registerFrames(app, ctx);
  registerFeatures(app, ctx);
}

}  // namespace ugc::cli
