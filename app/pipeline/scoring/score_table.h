#pragma once
// `ugccap score table DIR`: every result file it recognises under a folder, scored and laid out
// as Table 2 (one row per system): OCR files (JSONL video_id/ocr/predict_ocr) under both
// variants, final-caption judge score files ({"evaluations": ...}). Files are matched to a system
// by a key from the file name (lowercased, separators and known suffixes such as "_4o",
// "_ocr_output_cleaned", "_captions" dropped).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "annotation/scoring/judge_aggregation.h"
#include "core/error.h"

namespace ugc::pipeline::scoring {

struct ScoreTableRow {
  std::string system;  // the key
  std::vector<std::string> files;
  std::optional<double> ocrCleaned, ocrNormalised;  // 0-1 means
  std::optional<annotation::scoring::CaptionTableCells> caption;
};

struct ScoreTable {
  std::vector<ScoreTableRow> rows;       // sorted by system key
  std::vector<std::string> ignored;      // files not recognised
};

std::string systemKeyFromFileName(const std::filesystem::path& file);

// Errors: DIR missing; a recognised file that does not score (the error of its scorer).
Result<ScoreTable> buildScoreTable(const std::filesystem::path& dir);

std::string scoreTableMarkdown(const ScoreTable& table);
std::string scoreTableCsv(const ScoreTable& table);
std::string scoreTableJson(const ScoreTable& table);
// A grouped bar chart: per system, audio / visual / details / average (0-100) and OCR x100.
std::string scoreTableSvg(const ScoreTable& table);

}  // namespace ugc::pipeline::scoring
