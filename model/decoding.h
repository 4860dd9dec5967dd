#pragma once
// Internal to model/: greedy and beam search over a step function, in plain C++ so the search
// rules (length limits, repetition penalty, no-repeat n-grams) are tested without a network.

#include <functional>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/captioner.h"
#include "model/quote_constraint.h"

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

// beamSize <= 1 is greedy. maxTokens must be > 0 (resolved by the caller). With `quotes`, every
// hypothesis follows its rules (quote_constraint.h), and inside a quote the repetition penalty
// and the no-repeat n-gram rule are lifted (a copied span may repeat what came before).
// Every hypothesis the search kept, best first (by the length-normalised score); at most
// beamSize. A hypothesis the length limit cut inside a quote comes after the others.
Result<std::vector<SearchOutput>> searchCaptions(const StepFunction& step, int bosId, int eosId,
                                                 const DraftParams& params, const CancelToken& cancel,
                                                 const QuoteConstraint* quotes = nullptr);
// The best of searchCaptions().
Result<SearchOutput> searchCaption(const StepFunction& step, int bosId, int eosId, const DraftParams& params,
                                   const CancelToken& cancel, const QuoteConstraint* quotes = nullptr);

}  // namespace ugc::model
