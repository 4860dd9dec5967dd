// Draft latency of the captioner: one stage of a 30 s clip (3000 log-mel frames, 8 frames of
// 112x112, fields and OCR), greedy and beam 4, on a given number of threads.
//   bench_captioner_draft [MODEL_DIR] [--threads N] [--repeat R] [--tokens T]
// Without MODEL_DIR: an untrained default-config model over the committed tokenizer. Untrained
// models rarely emit EOS, so each draft runs to the token limit: the worst case.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "model/captioner.h"
#include "model/tokenizer.h"
#include "model/torch_runtime.h"

using namespace ugc::model;

namespace {

CaptionerInput clip(ugc::annotation::Stage stage) {
  CaptionerInput in;
  in.stage = stage;
  in.fields = {{"tone", "Positive"}, {"voice_source", "Narration"}, {"background_music", "Yes"},
               {"objects", "person (count: 1, color: N/A, position: center); dog (count: 1, color: brown)"},
               {"background", "a living room"}};
  in.ocrLines = {"MY DOG LEARNED A NEW TRICK", "wait for it...", "@puppylover"};
  in.audioEvents = {"speech 0.0-12.0 s", "music 0.0-30.0 s", "barking 14.2-15.0 s"};
  in.sceneChanges = {"cut at 9.8 s", "cut at 21.0 s"};
  in.audioCaption = "A cheerful female narrator introduces her dog over upbeat pop music; a bark follows.";
  in.visualCaption = "In a bright living room a woman kneels beside a brown dog that rolls over on command.";
  LogMelInput mel;
  mel.frames = 3000;  // 30 s at a 10 ms hop
  mel.values.resize(size_t(mel.frames) * 80);
  for (size_t i = 0; i < mel.values.size(); ++i) mel.values[i] = float(std::sin(double(i) * 0.001));
  in.logMel = mel;
  FrameInput frames;
  frames.width = frames.height = 112;
  for (int f = 0; f < 8; ++f) {
    std::vector<uint8_t> rgb(112 * 112 * 3);
    for (size_t p = 0; p < rgb.size(); ++p) rgb[p] = uint8_t((p * 31 + size_t(f) * 17) % 251);
    frames.rgb.push_back(std::move(rgb));
  }
  in.frames = frames;
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  std::string modelDir;
  int threads = 2, repeat = 3, tokens = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--tokens") && i + 1 < argc) tokens = std::atoi(argv[++i]);
    else modelDir = argv[i];
  }
  const auto runtime = configureTorchRuntime(threads);
  ugc::Result<Captioner> captioner = ugc::makeError(ugc::ErrorCode::Internal, "unset");
  if (modelDir.empty()) {
    auto tokenizer = Tokenizer::load(UGC_DEFAULT_TOKENIZER);
    if (!tokenizer) {
      std::fprintf(stderr, "%s\n", tokenizer.error().describe().c_str());
      return 2;
    }
    captioner = Captioner::create(CaptionerConfig::defaultConfig(), *tokenizer, 1);
  } else {
    captioner = Captioner::load(modelDir);
  }
  if (!captioner) {
    std::fprintf(stderr, "%s\n", captioner.error().describe().c_str());
    return 2;
  }
  std::printf("model: %s, %lld parameters, torch %s, %d thread(s)\n",
              modelDir.empty() ? "untrained default config" : modelDir.c_str(),
              static_cast<long long>(captioner->parameterCount()), runtime.version.c_str(), runtime.intraOpThreads);
  std::printf("%-7s %-6s %7s %10s %10s %12s\n", "stage", "search", "tokens", "median_s", "max_s", "ms_per_token");
  for (auto stage : {ugc::annotation::Stage::Audio, ugc::annotation::Stage::Visual, ugc::annotation::Stage::Joint}) {
    const auto input = clip(stage);
    for (int beam : {1, 4}) {
      DraftParams params;
      params.beamSize = beam;
      params.maxTokens = tokens;
      std::vector<double> seconds;
      size_t produced = 0;
      for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        auto draft = captioner->draft(input, params);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (!draft) {
          std::fprintf(stderr, "%s\n", draft.error().describe().c_str());
          return 1;
        }
        produced = draft->tokens.size();
      }
      std::sort(seconds.begin(), seconds.end());
      std::printf("%-7s %-6s %7zu %10.3f %10.3f %12.2f\n", ugc::annotation::stageName(stage).data(), beam == 1 ? "greedy" : "beam4",
                  produced, seconds[seconds.size() / 2], seconds.back(),
                  1000.0 * seconds[seconds.size() / 2] / double(std::max<size_t>(1, produced)));
    }
  }
  return 0;
}
