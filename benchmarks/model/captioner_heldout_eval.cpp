// Drafts for held-out release-dev videos next to their references, with two crude figures:
// unigram F1 against the reference and the share of OCR lines reproduced verbatim (visual stage).
// With --demo DIR (a demo corpus, e.g. `ugccap demo-corpus DIR`, whose seed the model was not trained
// on), also the demo clips' drafts with their media and, as a control, with the media removed.
//   bench_captioner_heldout MODEL_DIR RELEASE_DIR [--videos N] [--beam B] [--threads T] [--show K]
//                           [--demo DIR]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "model/captioner.h"
#include "model/torch_runtime.h"
#include "model/training_data.h"

using namespace ugc::model;

namespace {

std::map<std::string, int> words(const std::string& text) {
  std::map<std::string, int> counts;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += char(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      ++counts[word];
      word.clear();
    }
  }
  return counts;
}

double unigramF1(const std::string& hypothesis, const std::string& reference) {
  auto h = words(hypothesis), r = words(reference);
  int overlap = 0, hn = 0, rn = 0;
  for (auto& [w, c] : h) {
    hn += c;
    if (auto it = r.find(w); it != r.end()) overlap += std::min(c, it->second);
  }
  for (auto& [w, c] : r) rn += c;
  if (!overlap) return 0.0;
  const double p = double(overlap) / hn, q = double(overlap) / rn;
  return 2 * p * q / (p + q);
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / double(values.size());
}

// Unigram F1 of the demo drafts per stage and input variant, with and without the media.
int evaluateDemo(const Captioner& captioner, const std::string& dir, const DraftParams& params) {
  TrainingCorpus demo;
  auto added = appendDemoCorpus(dir, captioner.config(), demo, {}, {});
  if (!added) {
    std::fprintf(stderr, "%s\n", added.error().describe().c_str());
    return 2;
  }
  std::map<std::string, std::vector<double>> withMedia, withoutMedia;
  for (const auto& sample : demo.samples) {
    auto stripped = sample.input;
    stripped.logMel.reset();
    stripped.frames.reset();
    auto a = captioner.draft(sample.input, params), b = captioner.draft(stripped, params);
    if (!a || !b) {
      std::fprintf(stderr, "%s\n", (!a ? a.error() : b.error()).describe().c_str());
      return 1;
    }
    const std::string key = std::string(ugc::annotation::stageName(sample.input.stage)) +
                            (sample.input.fields.empty() ? " (media + signals)" : " (+ fields)");
    withMedia[key].push_back(unigramF1(a->text, sample.target));
    withoutMedia[key].push_back(unigramF1(b->text, sample.target));
  }
  std::printf("\ndemo corpus %s: %zu samples\n%-28s %10s %14s\n", dir.c_str(), demo.samples.size(), "stage (input)",
              "with media", "media removed");
  for (const auto& [key, values] : withMedia)
    std::printf("%-28s %10.3f %14.3f\n", key.c_str(), mean(values), mean(withoutMedia[key]));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MODEL_DIR RELEASE_DIR [--videos N] [--beam B] [--threads T] [--show K]\n", argv[0]);
    return 1;
  }
  int videos = 10, beam = 1, threads = 1, show = 2;
  std::string demoDir;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--videos")) videos = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--beam")) beam = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--show")) show = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--demo")) demoDir = argv[i + 1];
  }
  configureTorchRuntime(threads);
  auto captioner = Captioner::load(argv[1]);
  auto corpus = loadReleaseCorpus(argv[2]);
  if (!captioner || !corpus) {
    std::fprintf(stderr, "%s\n", (!captioner ? captioner.error() : corpus.error()).describe().c_str());
    return 2;
  }
  DraftParams params;
  params.beamSize = beam;
  std::map<ugc::annotation::Stage, std::vector<double>> f1, seconds;
  int ocrLines = 0, ocrCopied = 0, shown = 0;
  std::vector<std::string> seenVideos;
  for (const auto& sample : corpus->samples) {
    if (!isHeldOutVideo(sample.videoId, 0.1)) continue;
    if (std::find(seenVideos.begin(), seenVideos.end(), sample.videoId) == seenVideos.end()) {
      if (int(seenVideos.size()) >= videos) break;
      seenVideos.push_back(sample.videoId);
    }
    const auto start = std::chrono::steady_clock::now();
    auto draft = captioner->draft(sample.input, params);
    if (!draft) {
      std::fprintf(stderr, "%s\n", draft.error().describe().c_str());
      return 1;
    }
    const auto stage = sample.input.stage;
    seconds[stage].push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    f1[stage].push_back(unigramF1(draft->text, sample.target));
    if (stage == ugc::annotation::Stage::Visual)
      for (const auto& line : sample.input.ocrLines) {
        ++ocrLines;
        ocrCopied += draft->text.find(line) != std::string::npos;
      }
    if (int(seenVideos.size()) <= show) {
      std::printf("--- %s [%s]\nDRAFT: %s\nREF:   %s\n", sample.videoId.c_str(), ugc::annotation::stageName(stage).data(),
                  draft->text.c_str(), sample.target.c_str());
      ++shown;
    }
  }
  std::printf("\n%zu held-out videos, %s\n%-7s %8s %10s\n", seenVideos.size(), beam == 1 ? "greedy" : "beam search",
              "stage", "unigramF1", "mean_s");
  for (auto& [stage, values] : f1) {
    double mean = 0, time = 0;
    for (double v : values) mean += v;
    for (double t : seconds[stage]) time += t;
    std::printf("%-7s %8.3f %10.2f\n", ugc::annotation::stageName(stage).data(), mean / double(values.size()),
                time / double(seconds[stage].size()));
  }
  std::printf("OCR lines reproduced verbatim in visual drafts: %d / %d\n", ocrCopied, ocrLines);
  return demoDir.empty() ? 0 : evaluateDemo(*captioner, demoDir, params);
}
