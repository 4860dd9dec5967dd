// `ugccap faithfulness report` over release-dev: the release's 3 x 799 captions against their
// own fields. Prints the claim table (per kind and verdict, per stage), the worst videos and the
// checker's speed. Figures: docs/workflow.md ("Faithfulness checker").
//   bench_faithfulness [RELEASE_DIR] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "annotation/faithfulness_report.h"
#include "annotation/release_fields.h"
#include "annotation/template_caption.h"

namespace fs = std::filesystem;
using namespace ugc::annotation;

int main(int argc, char** argv) {
  fs::path dir = fs::path(UGC_SHARED_DIR) / "ugc-videocap" / "release-dev";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      dir = arg;
    }
  }
  std::map<QaType, std::string> texts;
  for (QaType type : kAllQaTypes) {
    std::ifstream in(dir / std::string(releaseFileName(type)), std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    texts[type] = text.str();
  }
  auto dataset = parseReleaseDataset(texts);
  if (texts.empty() || !dataset) {
    std::fprintf(stderr, "bench_faithfulness: cannot read a release in %s\n", dir.string().c_str());
    return 1;
  }
  double best = 1e9;
  FaithfulnessReport report;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    report = faithfulnessReport(*dataset, 10);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::fputs(formatFaithfulnessReport(report, 4).c_str(), stdout);
  // The drafter's fallback (facts in, caption out) against the same fields: what a caption
  // written only from the facts claims.
  std::map<ClaimKind, ClaimCounts> templateKinds;
  ClaimCounts templateTotal;
  for (const ReleaseVideo& video : dataset->videos) {
    for (Stage stage : kAllStages) {
      const std::string caption = stage == Stage::Audio    ? audioTemplateCaption(video.audio)
                                  : stage == Stage::Visual ? visualTemplateCaption(video.visual)
                                                           : jointTemplateCaption(video.audio, video.visual);
      for (const Claim& claim : checkFaithfulness(caption, stage, releaseStageFacts(video, stage))) {
        for (ClaimCounts* counts : {&templateKinds[claim.kind], &templateTotal}) {
          (claim.verdict == ClaimVerdict::Supported      ? counts->supported
           : claim.verdict == ClaimVerdict::Contradicted ? counts->contradicted
                                                         : counts->unsupported)++;
        }
      }
    }
  }
  std::printf("\nTemplate drafts from the same fields (annotation/template_caption.h):\n");
  for (const auto& [kind, counts] : templateKinds) {
    std::printf("  %-16s %6d claims: %6d supported, %4d contradicted, %5d unsupported\n", claimKindName(kind),
                counts.total(), counts.supported, counts.contradicted, counts.unsupported);
  }
  std::printf("  %-16s %6d claims: %6d supported, %4d contradicted, %5d unsupported\n", "all", templateTotal.total(),
              templateTotal.supported, templateTotal.contradicted, templateTotal.unsupported);
  std::printf("\nchecker speed: %d captions, %d claims in %.3f s (best of %d): %.2f ms per caption\n",
              report.captions, report.total.total(), best, repeat, 1000.0 * best / std::max(1, report.captions));
  return 0;
}
