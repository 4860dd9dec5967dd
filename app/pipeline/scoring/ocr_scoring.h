#pragma once
// `ugccap score ocr`: the OCR column of Table 2 from a released-format prediction file
// (JSONL: video_id, ocr = ground-truth lines, predict_ocr = the model's answer).

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "annotation/scoring/ocr_variants.h"
#include "annotation/scoring/text_metrics.h"
#include "core/error.h"
#include "core/progress.h"

namespace ugc::pipeline::scoring {

struct OcrRecordScore {
  std::string videoId;
  std::size_t line = 0;
  bool skipped = false;
  annotation::scoring::OcrMetrics metrics;
};

struct OcrScore {
  annotation::scoring::OcrVariant variant = annotation::scoring::OcrVariant::Cleaned;
  annotation::scoring::OcrMetrics mean;  // each metric averaged over the scored videos
  std::size_t scored = 0;
  std::size_t skipped = 0;
  std::vector<OcrRecordScore> records;  // file order
};

// Errors (InvalidInput, "<file>:<line>: ..."): a line that is not a JSON object (invalid UTF-8
// included), a missing or non-string video_id, a missing ocr list (or one with a non-string
// line), a missing predict_ocr, a video id seen before (both lines named), a line over the
// limit; and no scored video at all.
Result<OcrScore> scoreOcrFile(const std::filesystem::path& file, annotation::scoring::OcrVariant variant,
                              const ProgressSink& progress = {}, const CancelToken& cancel = {});

// The human-readable summary and the --json object {"bleu1","rouge1","rouge2","rougeL","mean",
// "scored","skipped"} (plus "variant").
std::string ocrScoreText(const OcrScore& score);
std::string ocrScoreJson(const OcrScore& score);
// One tab-separated line per record: video_id, line, bleu1, rouge1, rouge2, rougeL (6 decimals)
// or video_id, line, "skipped".
std::string ocrPerVideoTable(const OcrScore& score);

}  // namespace ugc::pipeline::scoring
