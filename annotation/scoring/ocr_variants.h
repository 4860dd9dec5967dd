#pragma once
// The two ways the benchmark's released scripts turn an OCR record (ground-truth lines and the
// model's raw answer) into the reference and prediction texts that the metrics compare. The
// paper's OCR column uses one or the other per row (docs/scoring.md says which).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/scoring/text_metrics.h"
#include "core/error.h"

namespace ugc::annotation::scoring {

enum class OcrVariant {
  Cleaned,     // reference lowercased only; prediction cleaned; empty prediction scores 0
  Normalised,  // both normalised; a record with no ground truth or no predicted item is skipped
};

const char* ocrVariantName(OcrVariant variant);  // "cleaned", "normalised"
Result<OcrVariant> parseOcrVariant(std::string_view name);

struct PreparedOcrPair {
  std::string reference;
  std::string prediction;
};

// The prepared texts, or nullopt when the variant skips the record. `predictionFieldJson` is
// the JSON text of the record's prediction field as it stands in the file: a JSON string holding
// the model's answer (fenced, JSON, broken JSON or free text), or an object/list already.
// Never fails: every answer has a reading (the fallbacks are the scripts').
std::optional<PreparedOcrPair> prepareOcrPair(const std::vector<std::string>& groundTruth,
                                              std::string_view predictionFieldJson, OcrVariant variant);

// The predicted items as each variant reads them (for tests and --explain-style output):
// normalised: the list items (or the double-quoted substrings of a non-JSON answer);
// cleaned: one text (the items joined by spaces, or the answer itself).
std::vector<std::string> normalisedPredictionItems(std::string_view predictionFieldJson);
std::string cleanedPredictionText(std::string_view predictionFieldJson);

// The variants' text transforms.
std::string normaliseOcrText(std::string_view text);  // normalised variant, both sides
std::string cleanOcrPrediction(std::string_view text);  // cleaned variant, prediction side

// Python's str.strip(), then a leading ```json or ``` and a trailing ``` removed, then strip().
std::string stripCodeFence(std::string_view text);

}  // namespace ugc::annotation::scoring
