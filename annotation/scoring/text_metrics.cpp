#include "annotation/scoring/text_metrics.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "annotation/scoring/porter_stemmer.h"
#include "annotation/scoring/python_text.h"

namespace ugc::annotation::scoring {
namespace {

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return isLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

double harmonic(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

// n-grams joined by a byte that never occurs inside a token.
std::unordered_map<std::string, int> ngramCounts(const std::vector<std::string>& tokens, int n) {
  std::unordered_map<std::string, int> counts;
  if (n <= 0 || tokens.size() < std::size_t(n)) return counts;
  for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string key = tokens[i];
    for (int k = 1; k < n; ++k) {
      key += '\x01';
      key += tokens[i + k];
    }
    ++counts[key];
  }
  return counts;
}

}  // namespace

std::vector<std::string> rougeTokens(std::string_view text) {
  const std::string lower = pythonLower(text);
  std::vector<std::string> tokens;
  std::string current;
  const auto flush = [&] {
    if (current.empty()) return;
    tokens.push_back(current.size() > 3 ? porterStem(current) : current);
    current.clear();
  };
  for (char c : lower) {
    if (isLowerAlnum(c)) {
      current += c;
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

RougeScore rougeN(const std::vector<std::string>& target, const std::vector<std::string>& prediction, int n) {
  const auto targetCounts = ngramCounts(target, n);
  const auto predictionCounts = ngramCounts(prediction, n);
  long overlap = 0, targetTotal = 0, predictionTotal = 0;
  for (const auto& [gram, count] : targetCounts) {
    targetTotal += count;
    if (auto it = predictionCounts.find(gram); it != predictionCounts.end()) overlap += std::min(count, it->second);
  }
  for (const auto& entry : predictionCounts) predictionTotal += entry.second;
  RougeScore score;
  score.precision = double(overlap) / double(std::max(predictionTotal, 1L));
  score.recall = double(overlap) / double(std::max(targetTotal, 1L));
  score.f1 = harmonic(score.precision, score.recall);
  return score;
}

RougeScore rougeL(const std::vector<std::string>& target, const std::vector<std::string>& prediction) {
  if (target.empty() || prediction.empty()) return {};
  // Two rows of the LCS table; tokens interned to ints first so the inner loop compares ints.
  std::unordered_map<std::string, int> ids;
  const auto intern = [&](const std::vector<std::string>& tokens) {
    std::vector<int> out;
    out.reserve(tokens.size());
    for (const auto& t : tokens) out.push_back(ids.emplace(t, int(ids.size())).first->second);
    return out;
  };
  const std::vector<int> a = intern(target);
  const std::vector<int> b = intern(prediction);
  std::vector<int> previous(b.size() + 1, 0), current(b.size() + 1, 0);
  for (int x : a) {
    current[0] = 0;
    for (std::size_t j = 0; j < b.size(); ++j)
      current[j + 1] = x == b[j] ? previous[j] + 1 : std::max(previous[j + 1], current[j]);
    std::swap(previous, current);
  }
  const double lcs = previous[b.size()];
  RougeScore score;
  score.precision = lcs / double(prediction.size());
  score.recall = lcs / double(target.size());
  score.f1 = harmonic(score.precision, score.recall);
  return score;
}

std::vector<std::string> bleuTokens(std::string_view text) {
  // [A-Za-z0-9]+('[A-Za-z0-9]+)? scanned left to right, as re.findall does.
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isAlnum(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && isAlnum(text[end])) ++end;
    if (end + 1 < text.size() && text[end] == '\'' && isAlnum(text[end + 1])) {
      end += 1;
      while (end < text.size() && isAlnum(text[end])) ++end;
    }
    tokens.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

double bleu1(std::string_view reference, std::string_view prediction) {
  const auto predicted = bleuTokens(prediction);
  if (predicted.empty()) return 0.0;
  std::unordered_map<std::string, int> referenceCounts, predictedCounts;
  for (auto& t : bleuTokens(reference)) ++referenceCounts[t];
  for (const auto& t : predicted) ++predictedCounts[t];
  long clipped = 0;
  for (const auto& [token, count] : predictedCounts)
    if (auto it = referenceCounts.find(token); it != referenceCounts.end()) clipped += std::min(count, it->second);
  return double(clipped) / double(predicted.size());
}

OcrMetrics ocrMetrics(std::string_view reference, std::string_view prediction) {
  const auto target = rougeTokens(reference);
  const auto predicted = rougeTokens(prediction);
  OcrMetrics m;
  m.bleu1 = bleu1(reference, prediction);
  m.rouge1 = rougeN(target, predicted, 1).f1;
  m.rouge2 = rougeN(target, predicted, 2).f1;
  m.rougeL = rougeL(target, predicted).f1;
  return m;
}

}  // namespace ugc::annotation::scoring
