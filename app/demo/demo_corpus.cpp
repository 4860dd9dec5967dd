#include "demo/demo_corpus.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/subprocess.h"
#include "demo/demo_audio.h"
#include "demo/demo_ground_truth.h"
#include "demo/demo_script.h"

namespace fs = std::filesystem;

namespace ugc::demo {
namespace {

constexpr const char* kFontCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
};

std::string hexColor(uint32_t rgb) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%06X", rgb & 0xffffff);
  return buffer;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

Status writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

Status checkedRun(const std::vector<std::string>& argv, const CancelToken& cancel) {
  ProcessOptions options;
  options.cancel = cancel;
  options.timeout = std::chrono::seconds(120);
  auto result = runProcess(argv, options);
  if (!result) return tl::unexpected(result.error());
  if (result->exitCode != 0) {
    std::string reason = result->standardError.substr(0, 400);
    return makeError(ErrorCode::Internal, argv[0] + " failed (exit " + std::to_string(result->exitCode) + "): " + reason);
  }
  return {};
}

// Synthesises each line with espeak-ng and places it on the timeline, one after another.
Result<std::pair<MonoAudio, ClipTimeline>> buildSoundtrack(const ClipScript& script, const fs::path& work,
                                                           uint32_t seed, const CancelToken& cancel) {
  MonoAudio mix = synthesizeMusic(script.music, script.duration, seed);
  ClipTimeline timeline;
  double previousEnd = 0;
  for (size_t i = 0; i < script.lines.size(); ++i) {
    const auto& line = script.lines[i];
    const fs::path wav = work / ("line" + std::to_string(i) + ".wav");
    // Distinct espeak-ng variants and pitches make the two genders clearly separable.
    const bool male = line.voice == Voice::Male;
    auto spoken = checkedRun({"espeak-ng", "-v", male ? "en-us+m3" : "en-us+f4", "-p", male ? "35" : "70", "-s", "160",
                              "-w", wav.string(), line.text},
                             cancel);
    if (!spoken) return tl::unexpected(spoken.error());
    auto speech = readWav(wav);
    if (!speech) return tl::unexpected(speech.error());
    trimSilence(*speech);
    if (speech->sampleRate != mix.sampleRate) {
      return makeError(ErrorCode::Unsupported, "espeak-ng produced " + std::to_string(speech->sampleRate) + " Hz audio");
    }
    const double start = std::max(line.start, previousEnd + 0.25);
    const double end = start + speech->seconds();
    if (end > script.duration - 0.1) {
      return makeError(ErrorCode::Internal, script.id + ": line " + std::to_string(i) + " does not fit the clip");
    }
    mixInto(mix, *speech, start, 0.9f);
    timeline.speech.push_back({line.voice, line.text, start, end});
    previousEnd = end;
  }
  if (script.beeps) {
    if (script.texts.size() >= 2) {
      for (const auto& t : script.texts) timeline.beeps.push_back(t.start);
    } else {
      for (double t = 1.0; t < script.duration - 0.5; t += 2.5) timeline.beeps.push_back(t);
    }
    addBeeps(mix, timeline.beeps);
  }
  return std::make_pair(std::move(mix), std::move(timeline));
}

std::string overlayExpressions(const Shape& shape, double duration) {
  const std::string x0 = "(W*" + number(shape.x) + "-w/2)";
  const std::string x1 = "(W*" + number(1.0 - shape.x) + "-w/2)";
  const std::string y0 = "(H*" + number(shape.y) + "-h/2)";
  switch (shape.motion) {
    case Motion::Static: return "x='" + x0 + "':y='" + y0 + "'";
    case Motion::LeftToRight:
    case Motion::RightToLeft:
      return "x='" + x0 + "+(" + x1 + "-" + x0 + ")*t/" + number(duration) + "':y='" + y0 + "'";
    case Motion::UpDown: return "x='" + x0 + "':y='" + y0 + "+H*0.12*sin(2*PI*t/2)'";
  }
  return "";
}

std::string textY(Placement placement) {
  switch (placement) {
    case Placement::Top: return "h*0.10";
    case Placement::Center: return "(h-text_h)/2";
    case Placement::Bottom: return "h*0.84";
  }
  return "0";
}

std::string videoFilter(const ClipScript& script, const DemoCorpusParams& params, const std::string& font) {
  const std::string size = std::to_string(params.width) + "x" + std::to_string(params.height);
  const std::string rate = std::to_string(params.fps);
  std::string graph;
  for (size_t i = 0; i < script.scenes.size(); ++i) {
    const double end = i + 1 < script.scenes.size() ? script.scenes[i + 1].start : script.duration;
    graph += "gradients=s=" + size + ":r=" + rate + ":c0=" + hexColor(script.scenes[i].color0) +
             ":c1=" + hexColor(script.scenes[i].color1) + ":nb_colors=2:seed=" + std::to_string(params.seed + i) +
             ":speed=0.004:d=" + number(end - script.scenes[i].start) + "[s" + std::to_string(i) + "];";
  }
  for (size_t i = 0; i < script.scenes.size(); ++i) graph += "[s" + std::to_string(i) + "]";
  graph += "concat=n=" + std::to_string(script.scenes.size()) + ":v=1:a=0[v0];";
  int stage = 0;
  for (size_t i = 0; i < script.shapes.size(); ++i) {
    const auto& shape = script.shapes[i];
    const std::string object = "o" + std::to_string(i);
    graph += "color=c=" + hexColor(shape.color) + ":s=" + std::to_string(shape.width) + "x" +
             std::to_string(shape.height) + ":r=" + rate + ":d=" + number(script.duration) + "[" + object + "];";
    graph += "[v" + std::to_string(stage) + "][" + object + "]overlay=" + overlayExpressions(shape, script.duration) +
             ":eval=frame:shortest=1[v" + std::to_string(stage + 1) + "];";
    ++stage;
  }
  for (size_t i = 0; i < script.texts.size(); ++i) {
    const auto& text = script.texts[i];
    // Keep a line inside the frame: DejaVu Sans Bold capitals are about 0.72 em wide.
    const int fitting = int(0.9 * params.width / (0.72 * double(std::max<size_t>(1, text.text.size()))));
    const int fontSize = std::min(text.fontSize, fitting);
    graph += "[v" + std::to_string(stage) + "]drawtext=fontfile=" + font + ":textfile=text" + std::to_string(i) +
             ".txt:fontsize=" + std::to_string(fontSize) +
             ":fontcolor=white:borderw=3:bordercolor=black:x=(w-text_w)/2:y=" + textY(text.placement) +
             ":enable='between(t," + number(text.start) + "," + number(text.end) + ")'[v" + std::to_string(stage + 1) +
             "];";
    ++stage;
  }
  graph += "[v" + std::to_string(stage) + "]format=yuv420p[vout]";
  return graph;
}

Status generateClip(const ClipScript& script, const fs::path& dir, const DemoCorpusParams& params,
                    const std::string& font, const CancelToken& cancel) {
  const fs::path work = dir / (".work-" + script.id);
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + work.string() + ": " + ec.message());

  const uint32_t clipSeed = params.seed ^ uint32_t(std::hash<std::string>{}(script.id) & 0xffffffu);
  ClipTimeline timeline;
  if (script.audioStream) {
    auto soundtrack = buildSoundtrack(script, work, clipSeed, cancel);
    if (!soundtrack) return tl::unexpected(soundtrack.error());
    if (auto written = writeWav(work / "mix.wav", soundtrack->first); !written) return written;
    timeline = std::move(soundtrack->second);
  }
  for (size_t i = 0; i < script.texts.size(); ++i) {
    if (auto written = writeText(work / ("text" + std::to_string(i) + ".txt"), script.texts[i].text); !written) {
      return written;
    }
  }

  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-y"};
  if (script.audioStream) argv.insert(argv.end(), {"-i", "mix.wav"});
  argv.insert(argv.end(), {"-filter_complex", videoFilter(script, params, font), "-map", "[vout]"});
  if (script.audioStream) {
    argv.insert(argv.end(), {"-map", "0:a", "-c:a", "aac", "-b:a", "96k", "-ar", "44100"});
  } else {
    argv.push_back("-an");
  }
  // Phone-app style H.264: a keyframe every 2 s. bitexact keeps the files reproducible.
  argv.insert(argv.end(), {"-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-g", std::to_string(2 * params.fps),
                           "-t", number(script.duration), "-movflags", "+faststart", "-map_metadata", "-1", "-fflags",
                           "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-f", "mp4", "clip.part"});
  ProcessOptions options;
  options.cancel = cancel;
  options.workingDirectory = work;
  options.timeout = std::chrono::seconds(180);
  auto encoded = runProcess(argv, options);
  if (!encoded) return tl::unexpected(encoded.error());
  if (encoded->exitCode != 0) {
    return makeError(ErrorCode::Internal, "ffmpeg failed for " + script.id + ": " + encoded->standardError.substr(0, 600));
  }

  // Rename into place only when complete, so an interrupted run never leaves half a clip.
  const auto truth = groundTruth(script, timeline, params.width, params.height, params.fps);
  if (auto written = writeText(work / "truth.part", truth.dump(2) + "\n"); !written) return written;
  fs::rename(work / "clip.part", dir / (script.id + ".mp4"), ec);
  if (!ec) fs::rename(work / "truth.part", dir / (script.id + ".json"), ec);
  if (ec) return makeError(ErrorCode::Io, "cannot move " + script.id + " into place: " + ec.message());
  fs::remove_all(work, ec);
  return {};
}

bool sameSeedCorpus(const fs::path& dir, uint32_t seed) {
  std::ifstream in(dir / "corpus.json");
  if (!in) return false;
  auto index = nlohmann::json::parse(in, nullptr, false);
  return !index.is_discarded() && index.value("seed", 0u) == seed;
}

}  // namespace

Result<DemoCorpus> generateDemoCorpus(const fs::path& dir, const DemoCorpusParams& params,
                                      const ProgressSink& progress, const CancelToken& cancel) {
  for (const char* tool : {"ffmpeg", "espeak-ng"}) {
    if (!findExecutable(tool)) {
      return makeError(ErrorCode::NotFound, std::string(tool) + " is not installed (run scripts/setup)");
    }
  }
  std::string font;
  for (const char* candidate : kFontCandidates) {
    if (fs::exists(candidate)) {
      font = candidate;
      break;
    }
  }
  if (font.empty()) return makeError(ErrorCode::NotFound, "no bold TrueType font found (install fonts-dejavu-core)");

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message());

  const auto scripts = demoScripts(params.seed);
  const bool reuse = !params.overwrite && sameSeedCorpus(dir, params.seed);
  DemoCorpus corpus;
  std::vector<const ClipScript*> todo;
  for (const auto& script : scripts) {
    DemoClip clip{script.id, dir / (script.id + ".mp4"), dir / (script.id + ".json")};
    if (!reuse || !fs::exists(clip.mediaPath) || !fs::exists(clip.groundTruthPath)) todo.push_back(&script);
    corpus.clips.push_back(std::move(clip));
  }

  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex mutex;
  std::optional<Error> failure;
  report(progress, "generating demo clips", 0, int64_t(todo.size()));
  auto worker = [&] {
    for (size_t i = next++; i < todo.size(); i = next++) {
      {
        std::lock_guard lock(mutex);
        if (failure) return;
      }
      auto made = generateClip(*todo[i], dir, params, font, cancel);
      std::lock_guard lock(mutex);
      if (!made && !failure) failure = made.error();
      if (made) report(progress, "generating demo clips", int64_t(++done), int64_t(todo.size()));
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, params.parallelJobs); ++t) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  if (failure) return tl::unexpected(*failure);
  if (cancel.isCancelled()) return cancelledError();

  nlohmann::ordered_json index = {{"format", "ugc-videocap-demo-corpus/1"}, {"seed", params.seed}};
  for (const auto& clip : corpus.clips) {
    index["clips"].push_back({{"video_id", clip.videoId},
                              {"media", clip.mediaPath.filename().string()},
                              {"ground_truth", clip.groundTruthPath.filename().string()}});
  }
  if (auto written = writeText(dir / "corpus.json", index.dump(2) + "\n"); !written) return tl::unexpected(written.error());
  corpus.generated = todo.size();
  return corpus;
}

}  // namespace ugc::demo
