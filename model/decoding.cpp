#include "model/decoding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ugc::model {
namespace {

struct Hypothesis {
  std::vector<int> tokens;
  double logProb = 0.0;
  bool finished = false;
  QuoteState quote{};
};

double beamScore(const Hypothesis& h, float lengthPenalty) {
  const double length = std::max<size_t>(1, h.tokens.size() + (h.finished ? 1 : 0));
  return h.logProb / std::pow(length, double(lengthPenalty));
}

// Adjusts one hypothesis' next-token scores in place: repetition penalty, banned n-gram
// completions, EOS before minTokens.
void shapeScores(std::vector<float>& scores, const std::vector<int>& history, int eosId, const DraftParams& params) {
  const float lowest = -std::numeric_limits<float>::infinity();
  if (params.repetitionPenalty > 1.0f) {
    std::vector<int> seen = history;
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    // Log-probabilities are negative: multiplying makes a repeated token less likely.
    for (int id : seen)
      if (id >= 0 && size_t(id) < scores.size() && id != eosId) scores[size_t(id)] *= params.repetitionPenalty;
  }
  const int n = params.noRepeatNgram;
  if (n > 0 && int(history.size()) >= n) {
    // Any (n-1)-gram equal to the current suffix bans the token that followed it.
    const auto suffixStart = history.end() - (n - 1);
    for (size_t i = 0; i + size_t(n) <= history.size(); ++i) {
      if (std::equal(suffixStart, history.end(), history.begin() + long(i))) {
        const int banned = history[i + size_t(n) - 1];
        if (banned >= 0 && size_t(banned) < scores.size()) scores[size_t(banned)] = lowest;
      }
    }
  }
  if (int(history.size()) < params.minTokens && eosId >= 0 && size_t(eosId) < scores.size()) scores[size_t(eosId)] = lowest;
}

}  // namespace

Result<std::vector<SearchOutput>> searchCaptions(const StepFunction& step, int bosId, int eosId,
                                                 const DraftParams& params, const CancelToken& cancel,
                                                 const QuoteConstraint* quotes) {
  if (params.maxTokens <= 0) return makeError(ErrorCode::InvalidArgument, "search: maxTokens must be positive");
  const int beam = std::max(1, params.beamSize);
  std::vector<Hypothesis> live(1);
  std::vector<Hypothesis> finished;
  std::vector<int> feed{bosId};
  std::vector<int> parents{0};
  for (int length = 0; length < params.maxTokens && !live.empty(); ++length) {
    if (cancel.isCancelled()) return cancelledError();
    auto result = step(feed, parents);
    if (!result) return tl::unexpected(result.error());
    if (result->logProbs.size() != live.size()) return makeError(ErrorCode::Internal, "search: step size mismatch");
    struct Candidate {
      double logProb;
      int parent;
      int token;
    };
    std::vector<Candidate> candidates;
    for (size_t h = 0; h < live.size(); ++h) {
      auto scores = result->logProbs[h];
      const bool quoting = quotes && live[h].quote.inQuote;
      if (!quoting) shapeScores(scores, live[h].tokens, eosId, params);
      if (quotes) quotes->mask(live[h].quote, scores);
      // Only the best `beam` tokens of each hypothesis can survive.
      std::vector<int> order(scores.size());
      std::iota(order.begin(), order.end(), 0);
      const size_t keep = std::min(order.size(), size_t(beam) + 1);
      std::partial_sort(order.begin(), order.begin() + long(keep), order.end(),
                        [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
      for (size_t k = 0; k < keep; ++k) {
        const float s = scores[size_t(order[k])];
        if (!std::isfinite(s)) continue;
        candidates.push_back({live[h].logProb + s, int(h), order[k]});
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.logProb > b.logProb; });
    std::vector<Hypothesis> next;
    feed.clear();
    parents.clear();
    for (const auto& c : candidates) {
      if (int(next.size()) >= beam) break;
      const Hypothesis& parent = live[size_t(c.parent)];
      Hypothesis h{parent.tokens, c.logProb, false, quotes ? quotes->advance(parent.quote, c.token) : QuoteState{}};
      if (c.token == eosId) {
        h.finished = true;
        finished.push_back(std::move(h));
        continue;
      }
      h.tokens.push_back(c.token);
      next.push_back(std::move(h));
      feed.push_back(c.token);
      parents.push_back(c.parent);
    }
    live = std::move(next);
    // Enough finished hypotheses and none of the live ones scores better yet: stop (the Hugging Face
    // heuristic; with length normalisation a live hypothesis could still overtake, rarely).
    if (int(finished.size()) >= beam) {
      std::sort(finished.begin(), finished.end(), [&](const Hypothesis& a, const Hypothesis& b) {
        return beamScore(a, params.lengthPenalty) > beamScore(b, params.lengthPenalty);
      });
      finished.resize(size_t(beam));
      double bestLive = -std::numeric_limits<double>::infinity();
      for (const auto& h : live) bestLive = std::max(bestLive, beamScore(h, params.lengthPenalty));
      if (beam == 1 || bestLive <= beamScore(finished.back(), params.lengthPenalty)) {
        live.clear();
        break;
      }
    }
  }
  for (auto& h : live) finished.push_back(std::move(h));  // length limit reached
  if (finished.empty()) return makeError(ErrorCode::Internal, "search: no hypothesis survived");
  std::stable_sort(finished.begin(), finished.end(), [&](const Hypothesis& a, const Hypothesis& b) {
    if (a.quote.inQuote != b.quote.inQuote) return b.quote.inQuote;
    return beamScore(a, params.lengthPenalty) > beamScore(b, params.lengthPenalty);
  });
  if (finished.size() > size_t(beam)) finished.resize(size_t(beam));
  std::vector<SearchOutput> out;
  for (auto& h : finished) out.push_back({std::move(h.tokens), h.logProb});
  return out;
}

Result<SearchOutput> searchCaption(const StepFunction& step, int bosId, int eosId, const DraftParams& params,
                                   const CancelToken& cancel, const QuoteConstraint* quotes) {
  auto all = searchCaptions(step, bosId, eosId, params, cancel, quotes);
  if (!all) return tl::unexpected(all.error());
  return std::move(all->front());
}

}  // namespace ugc::model
