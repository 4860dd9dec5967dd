// COCO objects on the object real-footage set (scripts/make-object-footage DIR: opencv-doc
// photographs on vertical frames, hand-written truth), through the signal extractor itself.
// Usage: bench_objects DIR [TORCH_THREADS]. Prints per category: truth scenes, found, precision, recall, count
// exact; then the time of all visual signals (OCR + objects + scenes) on DIR/clip.mp4 (30 s,
// 720x1280) and the detector's load time and ms per frame. TORCH_THREADS (default: torch's own, one per
// core) sets LibTorch's intra-op threads for the whole run.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "model/extractors/signals.h"
#include "model/perception/objects.h"
#include "model/torch_runtime.h"

namespace {

using namespace ugc;

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "bench_objects: skipped; usage: bench_objects DIR (made by scripts/make-object-footage DIR)\n";
    return 0;
  }
  const std::filesystem::path dir = argv[1];
  const auto torch = model::configureTorchRuntime(argc > 2 ? std::atoi(argv[2]) : 0);
  std::printf("torch intra-op threads: %d\n", torch.intraOpThreads);
  std::ifstream truthFile(dir / "truth.tsv");
  if (!truthFile) {
    std::cerr << "no " << (dir / "truth.tsv") << "\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  auto detector = model::ObjectDetector::load();
  const double loadSeconds = since(start);
  if (!detector) {
    std::cerr << detector.error().describe() << "\n";
    return 1;
  }
  struct Tally {
    int truthScenes = 0, found = 0, truePositives = 0, countExact = 0;
  };
  std::map<std::string, Tally> tallies;
  int categoriesPresent = 0, countsExact = 0;
  double objectSeconds = 0;
  int objectFrames = 0;
  for (std::string row; std::getline(truthFile, row);) {
    const auto tab = row.find('\t');
    const std::string name = row.substr(0, tab);
    std::map<std::string, int> truth;
    std::stringstream items(row.substr(tab + 1));
    for (std::string item; std::getline(items, item, ';');) {
      item = trim(item);
      const auto space = item.rfind(' ');
      truth[item.substr(0, space)] = std::stoi(item.substr(space + 1));
    }
    model::ExtractOptions options;
    options.ocr = options.scenes = options.audioEvents = options.voice = options.loudness = false;
    auto signals = model::extractSignals(dir / (name + ".mp4"), options);
    if (!signals) {
      std::cerr << name << ": " << signals.error().describe() << "\n";
      return 1;
    }
    for (const auto& t : signals->timings)
      if (t.name == "objects") objectSeconds += t.seconds;
    objectFrames += signals->objects.framesSampled;
    std::map<std::string, int> found;
    for (const auto& s : signals->objects.summary) found[s.category] = s.count;
    for (const auto& [category, count] : truth) {
      Tally& t = tallies[category];
      ++t.truthScenes;
      ++categoriesPresent;
      if (found.count(category)) {
        ++t.truePositives;
        if (found[category] == count) {
          ++t.countExact;
          ++countsExact;
        }
      }
    }
    for (const auto& [category, count] : found) ++tallies[category].found;
    std::printf("%-10s truth: %-32s found: %s\n", name.c_str(), row.substr(tab + 1).c_str(),
                model::objectsAnswer(signals->objects).c_str());
    if (std::getenv("UGC_BENCH_VERBOSE") && !signals->objects.frames.empty()) {
      for (const auto& d : signals->objects.frames.front().detections)
        std::printf("    %s %.2f area %.4f\n", d.category.c_str(), d.score, d.box.width * d.box.height);
    }
  }
  std::printf("\n%-14s %6s %6s %10s %8s %12s\n", "category", "truth", "found", "precision", "recall", "count exact");
  int tp = 0, found = 0, truthTotal = 0;
  for (const auto& [category, t] : tallies) {
    std::printf("%-14s %6d %6d %10.2f %8.2f %8d/%d\n", category.c_str(), t.truthScenes, t.found,
                t.found ? double(t.truePositives) / t.found : 0.0,
                t.truthScenes ? double(t.truePositives) / t.truthScenes : 0.0, t.countExact, t.truthScenes);
    tp += t.truePositives;
    found += t.found;
    truthTotal += t.truthScenes;
  }
  std::printf("%-14s %6d %6d %10.2f %8.2f %8d/%d\n", "all", truthTotal, found, found ? double(tp) / found : 0.0,
              truthTotal ? double(tp) / truthTotal : 0.0, countsExact, categoriesPresent);
  std::printf("\ndetector load %.2f s; %.0f ms per detected frame (%d frames)\n", loadSeconds,
              objectFrames ? 1000.0 * objectSeconds / objectFrames : 0.0, objectFrames);

  if (std::filesystem::exists(dir / "clip.mp4")) {
    model::ExtractOptions visual;  // OCR, objects, scenes: all the visual signals, defaults
    visual.audioEvents = visual.voice = visual.loudness = false;
    for (int run = 0; run < 2; ++run) {  // the first run also loads the models
      start = std::chrono::steady_clock::now();
      auto signals = model::extractSignals(dir / "clip.mp4", visual);
      const double wall = since(start);
      if (!signals) {
        std::cerr << signals.error().describe() << "\n";
        return 1;
      }
      std::printf("%s run: all visual signals for %s (%.1f s): %.2f s wall;", run ? "second" : "first",
                  (dir / "clip.mp4").c_str(), signals->duration, wall);
      for (const auto& t : signals->timings) std::printf(" %s %.2f s", t.name.c_str(), t.seconds);
      std::printf("\n    frames: OCR %d sampled, text detector on %d, recogniser %d boxes; objects %d sampled, "
                  "detected on %d; faces detected on %d; %zu scene cuts\n",
                  signals->ocr.framesSampled, signals->ocr.detectorCalls, signals->ocr.recognitionCalls,
                  signals->objects.framesSampled, signals->objects.framesDetected, signals->faces.framesDetected,
                  signals->scenes.changeTimes.size());
    }
  }
  return 0;
}
