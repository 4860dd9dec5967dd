// bench_draft_file [--model DIR] [--runs N] [--threads N] [--seconds S]
// Generates a 30 s 720x1280 clip (drifting gradient, two burned-in captions, a tone) with the ffmpeg CLI,
// then times, per stage: the whole draft of a loose file (decode + signals + features + model,
// what `ugccap draft FILE --stage X` does) and the draft alone once features are cached (what
// the studio does when a video's features are in the project store). Median of N runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/subprocess.h"
#include "model/tokenizer.h"
#include "model/torch_runtime.h"
#include "pipeline/draft_service.h"
#include "pipeline/resource_paths.h"

namespace {

using namespace ugc;
using annotation::Stage;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
  std::string modelDir;
  int runs = 3, threads = 1;
  double seconds = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--model") modelDir = argv[i + 1];
    if (flag == "--runs") runs = std::atoi(argv[i + 1]);
    if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  if (modelDir.empty()) {
    auto found = pipeline::defaultCaptionerDir();
    if (!found) return std::fprintf(stderr, "%s\n", found.error().describe().c_str()), 2;
    modelDir = found->string();
  }
  const auto dir = std::filesystem::temp_directory_path() / "ugc-bench-draft";
  std::filesystem::create_directories(dir);
  const auto clip = dir / "clip30.mp4";
  const std::string duration = std::to_string(int(seconds));
  auto made = runProcess({"ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                          "gradients=s=720x1280:speed=0.02:r=30:d=" + duration, "-f", "lavfi", "-i",
                          "sine=frequency=220:duration=" + duration, "-vf",
                          "drawtext=text='TRY THIS AT HOME':fontcolor=white:fontsize=64:box=1:boxcolor=black:x=80:y=200:"
                          "enable='lt(t,15)',drawtext=text='FOLLOW FOR PART 2':fontcolor=yellow:fontsize=64:x=80:y=1000:"
                          "enable='gte(t,15)'",
                          "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-shortest",
                          clip.string()});
  if (!made || made->exitCode != 0) return std::fprintf(stderr, "ffmpeg failed\n"), 2;

  model::configureTorchRuntime(threads);
  const auto loadStart = Clock::now();
  auto captioner = model::Captioner::load(modelDir);
  if (!captioner) return std::fprintf(stderr, "%s\n", captioner.error().describe().c_str()), 2;
  const double loadSeconds = since(loadStart);

  std::printf("model %s@%s (%lld parameters), load %.2f s, %d torch threads, %.0f s 720x1280 clip, median of %d\n\n",
              captioner->name().c_str(), captioner->weightsHash().c_str(), (long long)captioner->parameterCount(),
              loadSeconds, threads, seconds, runs);
  std::printf("%-7s %-6s %12s %10s %12s %12s %8s\n", "stage", "search", "file total s", "signals s", "features s",
              "cached s", "tokens");
  for (Stage stage : {Stage::Audio, Stage::Visual, Stage::Joint}) {
    for (int beam : {1, 4}) {
      pipeline::DraftOptions options;
      options.source = pipeline::DraftSource::Model;
      options.decoding.beamSize = beam;
      std::vector<double> total, signals, features, cached;
      size_t words = 0;
      for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        auto drafted = pipeline::draftFile(clip, *captioner, {stage}, options, {}, {});
        if (!drafted) return std::fprintf(stderr, "%s\n", drafted.error().describe().c_str()), 1;
        total.push_back(since(start));
        signals.push_back(drafted->signalSeconds);
        features.push_back(drafted->featureSeconds - drafted->signalSeconds);
        // The last draft alone: what remains when features and signals come from the cache.
        cached.push_back(drafted->drafts.back().seconds);
        words = captioner->tokenizer().encode(drafted->drafts.back().text).size();
      }
      std::printf("%-7s %-6s %12.2f %10.2f %12.2f %12.2f %8zu\n", std::string(annotation::stageName(stage)).c_str(),
                  beam == 1 ? "greedy" : "beam4", median(total), median(signals), median(features), median(cached), words);
    }
  }
  std::printf("\nsignals: the extractors (a project computes them once, `ugccap extract -p`, and caches them);\n"
              "features: log-mel + frames for the network; cached: the draft alone, features and signals cached\n"
              "(the studio and `ugccap draft -p` after the first time). Joint: the file total includes the audio\n"
              "and visual drafts it fuses.\n");
  std::filesystem::remove_all(dir);
  return 0;
}
