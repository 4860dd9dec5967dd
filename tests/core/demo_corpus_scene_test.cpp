// Scene detection against the demo corpus ground truth (timeline.scene_changes).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/scene_detector.h"
#include "support/test_support.h"

namespace ugc::media {
namespace {

TEST(SceneDetectorDemoCorpus, RecallWithinHalfASecond) {
  const char* existing = std::getenv("UGC_DEMO_CORPUS_DIR");
  const std::filesystem::path corpus = existing ? std::filesystem::path(existing) : test::sharedDemoCorpus();
  int truths = 0, found = 0, detections = 0, falseAlarms = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (entry.path().extension() != ".json" || entry.path().filename() == "corpus.json") continue;
    const auto truth = nlohmann::json::parse(test::readFile(entry.path()));
    const auto media = corpus / truth.at("file").get<std::string>();
    auto changes = detectSceneChanges(media);
    ASSERT_TRUE(changes) << media << ": " << changes.error().describe();
    std::vector<double> expected = truth.at("timeline").at("scene_changes").get<std::vector<double>>();
    truths += int(expected.size());
    detections += int(changes->size());
    for (double t : expected) {
      const bool hit = std::any_of(changes->begin(), changes->end(), [&](const SceneChange& c) { return std::abs(c.time - t) <= 0.5; });
      found += hit ? 1 : 0;
      EXPECT_TRUE(hit) << media.filename() << ": missed the cut at " << t << " s";
    }
    for (const auto& c : *changes) {
      const bool matched = std::any_of(expected.begin(), expected.end(), [&](double t) { return std::abs(c.time - t) <= 0.5; });
      if (!matched) {
        ++falseAlarms;
        std::printf("%s: extra change at %.2f s (score %.2f)\n", media.filename().c_str(), c.time, c.score);
      }
    }
  }
  ASSERT_GT(truths, 0) << "the demo corpus has no scene changes to check";
  std::printf("scene changes: %d/%d found within 0.5 s, %d detections, %d unmatched\n", found, truths, detections, falseAlarms);
  EXPECT_EQ(found, truths);
  EXPECT_LE(falseAlarms, truths / 4);  // precision is secondary but must stay useful
}

}  // namespace
}  // namespace ugc::media
