#include "annotation/faithful_choice.h"

#include <algorithm>

namespace ugc::annotation {

std::vector<RankedCandidate> rankByFaithfulness(const std::vector<std::string>& candidates, Stage stage,
                                                const FaithfulnessFacts& facts) {
  std::vector<RankedCandidate> ranked;
  ranked.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    RankedCandidate candidate;
    candidate.index = i;
    candidate.claims = checkFaithfulness(candidates[i], stage, facts);
    candidate.counts = countClaims(candidate.claims);
    ranked.push_back(std::move(candidate));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedCandidate& a, const RankedCandidate& b) {
    if (a.counts.contradicted != b.counts.contradicted) return a.counts.contradicted < b.counts.contradicted;
    return a.counts.unsupported < b.counts.unsupported;
  });
  return ranked;
}

std::optional<RankedCandidate> firstFaithful(const std::vector<RankedCandidate>& ranked) {
  for (const auto& candidate : ranked)
    if (candidate.counts.contradicted == 0) return candidate;
  return std::nullopt;
}

std::string firstContradiction(const std::string& text, const RankedCandidate& candidate) {
  for (const auto& claim : candidate.claims) {
    if (claim.verdict != ClaimVerdict::Contradicted) continue;
    std::string said = claim.span.end <= text.size() ? text.substr(claim.span.begin, claim.span.end - claim.span.begin)
                                                     : claim.value;
    if (said.size() > 60) said = said.substr(0, 57) + "...";
    return "\"" + said + "\" " + claim.reason;
  }
  return {};
}

}  // namespace ugc::annotation
