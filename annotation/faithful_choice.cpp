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

std::string withoutContradictedSentences(const std::string& text, const RankedCandidate& candidate, int* removed) {
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  std::size_t start = 0;
  bool inQuote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') inQuote = !inQuote;
    const bool end = !inQuote && (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                     (i + 1 == text.size() || text[i + 1] == ' ');
    if (end || i + 1 == text.size()) {
      sentences.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  std::string kept;
  int dropped = 0;
  for (const auto& [begin, end] : sentences) {
    bool contradicts = false;
    for (const auto& claim : candidate.claims)
      contradicts = contradicts ||
                    (claim.verdict == ClaimVerdict::Contradicted && claim.span.begin < end && claim.span.end > begin);
    if (contradicts) {
      ++dropped;
      continue;
    }
    std::string_view sentence(text.data() + begin, end - begin);
    while (!sentence.empty() && sentence.front() == ' ') sentence.remove_prefix(1);
    if (sentence.empty()) continue;
    if (!kept.empty()) kept += ' ';
    kept += sentence;
  }
  if (removed) *removed = dropped;
  return kept;
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
