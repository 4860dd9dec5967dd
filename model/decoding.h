#pragma once
// Internal to model/: greedy and beam search over a step function, in plain C++ so the search
// rules (length limits, repetition penalty, no-repeat n-grams) are tested without a network.

#include <functional>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/captioner.h"

namespace ugc::model {

struct SearchStep {
  std::vector<std::vector<float>> logProbs;  // per live hypothesis, over the vocabulary
};

// Called with each live hypothesis' latest token and the index of the hypothesis it extends.
using StepFunction = std::function<Result<SearchStep>(const std::vector<int>& tokens, const std::vector<int>& parents)>;

struct SearchOutput {
  std::vector<int> tokens;  // without BOS / EOS
  double logProb = 0.0;
};

// beamSize <= 1 is greedy. maxTokens must be > 0 (resolved by the caller).
Result<SearchOutput> searchCaption(const StepFunction& step, int bosId, int eosId, const DraftParams& params,
                                   const CancelToken& cancel);

}  // namespace ugc::model
