#include "pipeline/scoring/ocr_scoring.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "pipeline/scoring/json_text.h"
#include "pipeline/scoring/jsonl_reader.h"

namespace ugc::pipeline::scoring {

using annotation::scoring::OcrMetrics;
using nlohmann::json;


Result<OcrScore> scoreOcrFile(const std::filesystem::path& file, annotation::scoring::OcrVariant variant,
                              const ProgressSink& progress, const CancelToken& cancel) {
  OcrScore score;
  score.variant = variant;
  std::unordered_map<std::string, std::size_t> seen;
  OcrMetrics sum;
  auto status = forEachJsonlLine(file, [&](std::size_t number, std::string_view line) -> Status {
    if (cancel.isCancelled()) return cancelledError();
    auto parsed = detail::parseJsonText(line);
    if (!parsed) return tl::unexpected(lineError(file, number, parsed.error()));
    json& record = *parsed;
    if (!record.is_object()) return tl::unexpected(lineError(file, number, "not a JSON object"));
    auto id = record.find("video_id");
    if (id == record.end() || !id->is_string() || id->get_ref<const std::string&>().empty())
      return tl::unexpected(lineError(file, number, "missing or empty \"video_id\""));
    const std::string videoId = id->get<std::string>();
    if (auto [it, inserted] = seen.emplace(videoId, number); !inserted)
      return tl::unexpected(lineError(file, number,
                                      "duplicate video_id " + videoId + " (first on line " + std::to_string(it->second) + ")"));
    auto truth = record.find("ocr");
    if (truth == record.end() || !truth->is_array())
      return tl::unexpected(lineError(file, number, "\"ocr\" (the ground-truth lines) is missing or not a list"));
    std::vector<std::string> lines;
    for (const auto& item : *truth) {
      if (!item.is_string()) return tl::unexpected(lineError(file, number, "\"ocr\" holds a value that is not a string"));
      lines.push_back(item.get<std::string>());
    }
    auto predicted = record.find("predict_ocr");
    if (predicted == record.end()) return tl::unexpected(lineError(file, number, "missing \"predict_ocr\""));

    OcrRecordScore entry{videoId, number, false, {}};
    if (auto pair = annotation::scoring::prepareOcrPair(lines, predicted->dump(), variant)) {
      entry.metrics = annotation::scoring::ocrMetrics(pair->reference, pair->prediction);
      sum.bleu1 += entry.metrics.bleu1;
      sum.rouge1 += entry.metrics.rouge1;
      sum.rouge2 += entry.metrics.rouge2;
      sum.rougeL += entry.metrics.rougeL;
      ++score.scored;
    } else {
      entry.skipped = true;
      ++score.skipped;
    }
    score.records.push_back(std::move(entry));
    report(progress, "scoring OCR", std::int64_t(score.records.size()), 0);
    return {};
  });
  if (!status) return tl::unexpected(status.error());
  if (score.scored == 0)
    return makeError(ErrorCode::InvalidInput, file.string() + ": no video could be scored (" +
                                                  std::to_string(score.skipped) + " skipped)");
  const double n = double(score.scored);
  score.mean = OcrMetrics{sum.bleu1 / n, sum.rouge1 / n, sum.rouge2 / n, sum.rougeL / n};
  return score;
}

std::string ocrScoreText(const OcrScore& score) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "OCR (%s variant): BLEU-1 %.4f  ROUGE-1 %.4f  ROUGE-2 %.4f  ROUGE-L %.4f\n"
                "mean %.3f (x100: %.1f)  scored %zu, skipped %zu\n",
                annotation::scoring::ocrVariantName(score.variant), score.mean.bleu1, score.mean.rouge1,
                score.mean.rouge2, score.mean.rougeL, score.mean.mean(), score.mean.mean() * 100, score.scored,
                score.skipped);
  return buffer;
}

std::string ocrScoreJson(const OcrScore& score) {
  json out = {{"variant", annotation::scoring::ocrVariantName(score.variant)},
              {"bleu1", score.mean.bleu1},
              {"rouge1", score.mean.rouge1},
              {"rouge2", score.mean.rouge2},
              {"rougeL", score.mean.rougeL},
              {"mean", score.mean.mean()},
              {"scored", score.scored},
              {"skipped", score.skipped}};
  return out.dump(2) + "\n";
}

std::string ocrPerVideoTable(const OcrScore& score) {
  std::string out;
  char buffer[160];
  for (const auto& r : score.records) {
    out += r.videoId;
    if (r.skipped) {
      std::snprintf(buffer, sizeof buffer, "\t%zu\tskipped\n", r.line);
    } else {
      std::snprintf(buffer, sizeof buffer, "\t%zu\t%.6f\t%.6f\t%.6f\t%.6f\n", r.line, r.metrics.bleu1, r.metrics.rouge1,
                    r.metrics.rouge2, r.metrics.rougeL);
    }
    out += buffer;
  }
  return out;
}

}  // namespace ugc::pipeline::scoring
