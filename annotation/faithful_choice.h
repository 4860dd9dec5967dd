#pragma once
// Which of several candidate drafts to offer, by the faithfulness checker (faithfulness.h): the
// drafter's beams are reranked by their claims — fewest contradicted first, then fewest
// unsupported, then the order they came in (the model's own ranking) — and a candidate with a
// contradicted claim is never chosen. The caller falls back to the best candidate without its
// contradicting sentences, then to the fields template, then to no draft at all. docs/model.md ("Grounded decoding") and docs/workflow.md describe the rule.

#include <optional>
#include <string>
#include <vector>

#include "annotation/faithfulness.h"

namespace ugc::annotation {

struct RankedCandidate {
  std::size_t index = 0;  // into the candidates given
  ClaimCounts counts;
  std::vector<Claim> claims;
};

// Every candidate with its claims, in the order above (stable).
std::vector<RankedCandidate> rankByFaithfulness(const std::vector<std::string>& candidates, Stage stage,
                                                const FaithfulnessFacts& facts);

// The first ranked candidate without a contradicted claim, if any.
std::optional<RankedCandidate> firstFaithful(const std::vector<RankedCandidate>& ranked);

// `text` without the sentences that hold a contradicted claim of `candidate` (its checked
// claims): sentences end at '.', '!' or '?' followed by a space or the end, outside quotes.
// The caller checks the result again (a removed sentence may have been what another claim
// needed). Empty when every sentence contradicts.
std::string withoutContradictedSentences(const std::string& text, const RankedCandidate& candidate,
                                         int* removed = nullptr);

// "misquotes OCR line 1, which reads ..." : the first contradicted claim of a candidate, for the
// annotator; empty when there is none.
std::string firstContradiction(const std::string& text, const RankedCandidate& candidate);

}  // namespace ugc::annotation
