#pragma once
// The OCR column's metrics, as the released scripts compute them: ROUGE-1/2/L F1 following
// Google's rouge_score 0.1.2 with use_stemmer=True, and the "BLEU-1" of the release (unigram
// clipped precision, no brevity penalty). Definitions: docs/scoring.md.

#include <string>
#include <string_view>
#include <vector>

namespace ugc::annotation::scoring {

// rouge_score's tokenizer: str.lower(); every run of characters other than [a-z0-9] becomes a
// space; tokens longer than 3 characters are Porter-stemmed (NLTK_EXTENSIONS); empty tokens are
// dropped.
std::vector<std::string> rougeTokens(std::string_view text);

struct RougeScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// rouge_score's _score_ngrams: clipped n-gram overlap; precision = overlap / max(#prediction
// n-grams, 1), recall = overlap / max(#target n-grams, 1), F1 their harmonic mean (0 when both
// are 0).
RougeScore rougeN(const std::vector<std::string>& target, const std::vector<std::string>& prediction, int n);

// rouge_score's _score_lcs: LCS length over the prediction's and the target's length; all 0
// when either is empty.
RougeScore rougeL(const std::vector<std::string>& target, const std::vector<std::string>& prediction);

// Tokens matching [A-Za-z0-9]+('[A-Za-z0-9]+)? (case kept; both OCR variants lowercase first).
std::vector<std::string> bleuTokens(std::string_view text);

// Clipped unigram precision of the prediction's bleuTokens against the reference's; 0 when the
// prediction has no token.
double bleu1(std::string_view reference, std::string_view prediction);

struct OcrMetrics {
  double bleu1 = 0;
  double rouge1 = 0;
  double rouge2 = 0;
  double rougeL = 0;
  double mean() const { return (bleu1 + rouge1 + rouge2 + rougeL) / 4; }
};

// The four F1 values (and BLEU-1) of one prepared reference/prediction pair.
OcrMetrics ocrMetrics(std::string_view reference, std::string_view prediction);

}  // namespace ugc::annotation::scoring
