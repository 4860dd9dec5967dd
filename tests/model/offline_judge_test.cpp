// The offline judge's network: real LibTorch training learns a known mapping, predictions are
// clamped to the score range, weights round-trip through their file and bad files are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>

#include "model/offline_judge.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

struct Synthetic {
  std::vector<std::vector<float>> x;
  std::vector<JudgeScores3> y;
};

// visual = 1 + 4 a, audio = 1 + 4 b, details = 1 + 2 (a + b): smooth, inside 1-5.
Synthetic synthetic(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  Synthetic s;
  for (int i = 0; i < n; ++i) {
    const float a = u(rng), b = u(rng), noise = u(rng);
    s.x.push_back({a, b, noise});
    s.y.push_back({1 + 4 * a, 1 + 4 * b, 1 + 2 * (a + b)});
  }
  return s;
}

TEST(OfflineJudge, LearnsAKnownMappingAndRoundTripsItsWeights) {
  const auto train = synthetic(600, 1);
  auto params = OfflineJudgeParams::defaultParams();
  params.epochs = 800;
  auto judge = OfflineJudge::train(train.x, train.y, {"a", "b", "noise"}, params);
  ASSERT_TRUE(judge) << judge.error().describe();
  const auto test = synthetic(200, 2);
  double mae = 0;
  for (std::size_t i = 0; i < test.x.size(); ++i) {
    const auto p = judge->predict(test.x[i]);
    for (int k = 0; k < 3; ++k) mae += std::abs(p[std::size_t(k)] - test.y[i][std::size_t(k)]);
  }
  mae /= double(test.x.size() * 3);
  EXPECT_LT(mae, 0.25);  // a constant predictor (3.0) would be off by ~0.8

  // Out-of-range inputs still give scores in 1-5.
  for (float v : judge->predict({100.f, -100.f, 0.f})) {
    EXPECT_GE(v, 1.f);
    EXPECT_LE(v, 5.f);
  }

  test::TempDir dir;
  ASSERT_TRUE(judge->save(dir.path(), "test"));
  auto loaded = OfflineJudge::load(dir.path());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->featureNames(), judge->featureNames());
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(loaded->predict(test.x[i]), judge->predict(test.x[i]));
}

TEST(OfflineJudge, RefusesBadInputAndBadFiles) {
  auto params = OfflineJudgeParams::defaultParams();
  params.epochs = 2;
  EXPECT_FALSE(OfflineJudge::train({}, {}, {}, params));
  EXPECT_FALSE(OfflineJudge::train({{1.f, 2.f}, {1.f}}, {{1, 1, 1}, {2, 2, 2}}, {"a", "b"}, params));  // ragged
  EXPECT_FALSE(OfflineJudge::train({{1.f}}, {{1, 1, 1}}, {"a", "b"}, params));                          // names

  test::TempDir dir;
  auto missing = OfflineJudge::load(dir.path());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("offline-judge train"), std::string::npos);  // says how to get weights
  std::ofstream(dir / "offline_judge.json") << "{\"format\": \"ugc-offline-judge-1\", \"features\": [\"a\"], "
                                               "\"hidden\": 2, \"mean\": [0], \"scale\": [1], \"w1\": [1], "
                                               "\"b1\": [0, 0], \"w2\": [1, 1, 1, 1, 1, 1], \"b2\": [0, 0, 0]}";
  auto shapes = OfflineJudge::load(dir.path());
  ASSERT_FALSE(shapes);
  EXPECT_EQ(shapes.error().code, ErrorCode::InvalidInput);
  std::ofstream(dir / "offline_judge.json", std::ios::trunc) << "not json";
  EXPECT_FALSE(OfflineJudge::load(dir.path()));
}

}  // namespace
}  // namespace ugc::model
