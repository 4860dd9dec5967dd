#pragma once
// A scripted stand-in for the captioner's network in beam-search tests: each live hypothesis'
// token history is tracked through the search's `parents`, and `policy` gives the next-token
// log-probabilities for a history. Shared by the decoding and quote-constraint tests.

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "model/decoding.h"

namespace ugc::model::search_script {

using Policy = std::function<std::vector<float>(const std::vector<int>&)>;

// `bos` is left out of the histories; `calls` (optional) counts the network steps.
inline StepFunction scriptedSearch(Policy policy, int bos, int* calls = nullptr) {
  auto histories = std::make_shared<std::vector<std::vector<int>>>();
  return [=](const std::vector<int>& tokens, const std::vector<int>& parents) -> Result<SearchStep> {
    if (calls) ++*calls;
    std::vector<std::vector<int>> next;
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::vector<int> h = histories->empty() ? std::vector<int>{} : (*histories)[size_t(parents[i])];
      if (tokens[i] != bos) h.push_back(tokens[i]);
      next.push_back(h);
    }
    *histories = next;
    SearchStep step;
    for (const auto& h : next) step.logProbs.push_back(policy(h));
    return step;
  };
}

// Log-probabilities over `vocabulary` tokens: the given ones, the rest next to impossible.
inline std::vector<float> logDistribution(const std::map<int, float>& probs, int vocabulary) {
  std::vector<float> out(size_t(vocabulary), std::log(1e-6f));
  for (auto [id, p] : probs) out[size_t(id)] = std::log(p);
  return out;
}

}  // namespace ugc::model::search_script
