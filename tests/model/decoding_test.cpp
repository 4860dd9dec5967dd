// The search rules over a scripted step function (no network): greedy, beam, limits, penalties.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "model/decoding.h"
#include "scripted_search.h"

namespace ugc::model {
namespace {

constexpr int kBos = 2, kEos = 3, kVocab = 8;

// Next-token log-probabilities as a function of the sequence so far (tokens after BOS).
using search_script::Policy;

StepFunction scripted(Policy policy, int* calls = nullptr) { return search_script::scriptedSearch(std::move(policy), kBos, calls); }

std::vector<float> distribution(std::map<int, float> probs) { return search_script::logDistribution(probs, kVocab); }

DraftParams plain(int beam, int maxTokens) {
  DraftParams p;
  p.beamSize = beam;
  p.maxTokens = maxTokens;
  p.minTokens = 0;
  p.repetitionPenalty = 1.0f;
  p.noRepeatNgram = 0;
  p.lengthPenalty = 0.0f;
  return p;
}

TEST(Search, GreedyFollowsTheArgmaxAndStopsAtEos) {
  auto step = scripted([](const std::vector<int>& h) {
    if (h.empty()) return distribution({{5, 0.6f}, {6, 0.4f}});
    if (h.size() == 1) return distribution({{6, 0.7f}, {kEos, 0.3f}});
    return distribution({{kEos, 0.9f}, {4, 0.1f}});
  });
  auto out = searchCaption(step, kBos, kEos, plain(1, 10), {});
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_EQ(out->tokens, (std::vector<int>{5, 6}));
  EXPECT_NEAR(out->logProb, std::log(0.6) + std::log(0.7) + std::log(0.9), 1e-4);
}

TEST(Search, BeamFindsTheLikelierSequenceGreedyMisses) {
  // Greedy takes 5 (0.55) then must pay 0.1; the beam keeps 6 (0.45) whose continuation is certain.
  auto step = scripted([](const std::vector<int>& h) {
    if (h.empty()) return distribution({{5, 0.55f}, {6, 0.45f}});
    if (h == std::vector<int>{5}) return distribution({{4, 0.1f}, {7, 0.1f}, {kEos, 0.1f}});
    if (h == std::vector<int>{6}) return distribution({{kEos, 0.99f}});
    return distribution({{kEos, 0.99f}});
  });
  auto greedy = searchCaption(step, kBos, kEos, plain(1, 10), {});
  auto beam = searchCaption(scripted([](const std::vector<int>& h) {
                              if (h.empty()) return distribution({{5, 0.55f}, {6, 0.45f}});
                              if (h == std::vector<int>{5}) return distribution({{4, 0.1f}, {7, 0.1f}, {kEos, 0.1f}});
                              return distribution({{kEos, 0.99f}});
                            }),
                            kBos, kEos, plain(4, 10), {});
  ASSERT_TRUE(greedy && beam);
  EXPECT_EQ(greedy->tokens.front(), 5);
  EXPECT_EQ(beam->tokens, (std::vector<int>{6}));
  EXPECT_GT(beam->logProb, greedy->logProb);
}

TEST(Search, RespectsTheLengthLimitAndMinimumLength) {
  auto always4 = scripted([](const std::vector<int>&) { return distribution({{4, 0.4f}, {kEos, 0.6f}}); });
  auto params = plain(1, 6);
  params.minTokens = 3;
  auto out = searchCaption(always4, kBos, kEos, params, {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->tokens, (std::vector<int>{4, 4, 4}));  // EOS banned until 3 tokens, then taken
  auto never = scripted([](const std::vector<int>&) { return distribution({{4, 0.9f}, {kEos, 0.1f}}); });
  out = searchCaption(never, kBos, kEos, plain(1, 6), {});  // greedy: EOS never wins
  ASSERT_TRUE(out);
  EXPECT_EQ(out->tokens.size(), 6u);
}

TEST(Search, NoRepeatNgramBansRepeatedTrigrams) {
  // The model wants to loop "5 6 7 5 6 7 ...".
  auto loop = scripted([](const std::vector<int>& h) {
    const int next = h.empty() ? 5 : (h.back() == 5 ? 6 : h.back() == 6 ? 7 : 5);
    return distribution({{next, 0.8f}, {4, 0.15f}, {kEos, 0.05f}});
  });
  auto params = plain(1, 12);
  auto looping = searchCaption(loop, kBos, kEos, params, {});
  ASSERT_TRUE(looping);
  EXPECT_EQ(std::vector<int>(looping->tokens.begin(), looping->tokens.begin() + 6),
            (std::vector<int>{5, 6, 7, 5, 6, 7}));
  params.noRepeatNgram = 3;
  auto out = searchCaption(scripted([](const std::vector<int>& h) {
                             const int next = h.empty() ? 5 : (h.back() == 5 ? 6 : h.back() == 6 ? 7 : 5);
                             return distribution({{next, 0.8f}, {4, 0.15f}, {kEos, 0.05f}});
                           }),
                           kBos, kEos, params, {});
  ASSERT_TRUE(out);
  for (size_t i = 0; i + 3 <= out->tokens.size(); ++i)
    for (size_t j = i + 1; j + 3 <= out->tokens.size(); ++j)
      EXPECT_FALSE(std::equal(out->tokens.begin() + long(i), out->tokens.begin() + long(i) + 3,
                              out->tokens.begin() + long(j)))
          << "trigram repeated at " << i << " and " << j;
}

TEST(Search, RepetitionPenaltyPrefersANewToken) {
  auto step = scripted([](const std::vector<int>& h) {
    if (h.empty()) return distribution({{5, 0.9f}, {kEos, 0.1f}});
    return distribution({{5, 0.40f}, {6, 0.36f}, {kEos, 0.24f}});
  });
  auto params = plain(1, 2);
  params.repetitionPenalty = 1.5f;
  auto out = searchCaption(step, kBos, kEos, params, {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->tokens, (std::vector<int>{5, 6}));
}

TEST(Search, CancelledTokenStopsBeforeTheFirstStep) {
  int calls = 0;
  CancelToken cancel;
  cancel.cancel();
  auto out = searchCaption(scripted([](const std::vector<int>&) { return distribution({{kEos, 1.0f}}); }, &calls),
                           kBos, kEos, plain(4, 10), cancel);
  ASSERT_FALSE(out);
  EXPECT_TRUE(out.error().isCancelled());
  EXPECT_EQ(calls, 0);
}

TEST(Search, RejectsAZeroLengthLimit) {
  auto out = searchCaption(scripted([](const std::vector<int>&) { return distribution({{kEos, 1.0f}}); }), kBos, kEos,
                           plain(1, 0), {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace ugc::model
