// Speed of `ugccap score ocr` on a 1,000-video OCR file built from the released predictions
// (results-dev/ocr: the 826 records of a file, then its first 174 again under new ids), and of
// `score captions` on the released score files. Figures: docs/performance.md ("Benchmark scorer").
//   bench_scoring [--repeat N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/offline_judge.h"
#include "pipeline/judge/offline_judge_eval.h"
#include "pipeline/judge/offline_features.h"
#include "pipeline/scoring/caption_scoring.h"
#include "pipeline/scoring/ocr_scoring.h"

namespace fs = std::filesystem;
using ugc::annotation::scoring::OcrVariant;

int main(int argc, char** argv) {
  int repeat = 5;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
  const fs::path results = fs::path(UGC_SHARED_DIR) / "ugc-videocap" / "results-dev";
  if (!fs::exists(results)) {
    std::fprintf(stderr, "bench_scoring: %s is absent\n", results.string().c_str());
    return 1;
  }
  const fs::path tmp = fs::temp_directory_path() / ("bench_scoring_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::printf("| file (1,000 videos) | variant | best of %d | mean |\n|---|---|---|---|\n", repeat);
  for (const char* name : {"gemini-2.5-pro.jsonl", "minicpm_ocr_output_cleaned.jsonl", "gemma_e2b_ocr_output_cleaned.jsonl"}) {
    std::vector<std::string> lines;
    std::ifstream in(results / "ocr" / name);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    const fs::path big = tmp / name;
    std::ofstream out(big);
    for (int i = 0; i < 1000; ++i) {
      auto record = nlohmann::json::parse(lines[std::size_t(i) % lines.size()]);
      record["video_id"] = record["video_id"].get<std::string>() + "-" + std::to_string(i);
      out << record.dump() << "\n";
    }
    out.close();
    for (OcrVariant variant : {OcrVariant::Cleaned, OcrVariant::Normalised}) {
      double best = 1e9, total = 0;
      for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        auto score = ugc::pipeline::scoring::scoreOcrFile(big, variant);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!score || score->records.size() != 1000) {
          std::fprintf(stderr, "bench_scoring: %s failed\n", name);
          return 1;
        }
        best = std::min(best, seconds);
        total += seconds;
      }
      std::printf("| %s | %s | %.3f s | %.3f s |\n", name, ugc::annotation::scoring::ocrVariantName(variant), best,
                  total / repeat);
    }
  }
  double best = 1e9;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& entry : fs::directory_iterator(results / "caption_score"))
      if (!ugc::pipeline::scoring::scoreCaptionFile(entry.path())) return 1;
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("\nscore captions, the five released score files: best of %d %.3f s\n", repeat, best);

  // The offline judge on 1,000 captions: MiniCPM's released captions (the longest after the SFT
  // model's) paired with release-dev references, cycled to 1,000 pairs.
  auto judge = ugc::model::OfflineJudge::load(fs::path(UGC_RESOURCES_DIR) / "models" / "offline-judge");
  if (!judge) {
    std::fprintf(stderr, "bench_scoring: %s\n", judge.error().describe().c_str());
    return 1;
  }
  auto inputs = ugc::pipeline::judge::loadFinalCaptionInputs(results / "captions" / "minicpm_captions.jsonl",
                                                             results.parent_path() / "release-dev");
  if (!inputs) return 1;
  std::vector<ugc::pipeline::judge::JudgeSample> samples;
  for (std::size_t i = 0; i < 1000; ++i) samples.push_back(inputs->samples[i % inputs->samples.size()]);
  double bestJudge = 1e9;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto result = ugc::pipeline::judge::runOfflineJudge(*judge, samples);
    bestJudge = std::min(bestJudge, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (result.entries.size() != 1000) return 1;
  }
  std::printf("judge --offline, 1,000 captions (features + network, 1 thread): best of %d %.3f s\n", repeat, bestJudge);
  fs::remove_all(tmp);
  return 0;
}
