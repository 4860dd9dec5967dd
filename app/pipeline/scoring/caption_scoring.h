#pragma once
// `ugccap score captions`: Table 2's final-caption cells (audio / visual / details / average)
// from a judge score file in the released format:
// {"evaluations": {video_id: {visual_score, audio_score, details_score, average_score}}}.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "annotation/scoring/judge_aggregation.h"
#include "core/error.h"

namespace ugc::pipeline::scoring {

struct CaptionScoreEntry {
  std::string videoId;
  annotation::scoring::CaptionJudgeScores scores;
};

// The file's entries in file order. Errors (InvalidInput, naming the file and the video or the
// byte): not JSON / invalid UTF-8, no "evaluations" object, an entry that is not an object or
// lacks one of the four numbers, a score outside the protocol's range (captionScoresProblem), a
// video id given twice.
Result<std::vector<CaptionScoreEntry>> readCaptionScoreFile(const std::filesystem::path& file);

// One video id per line ('#' comments and blank lines ignored; a JSON list of ids also works).
Result<std::vector<std::string>> readVideoList(const std::filesystem::path& file);

struct CaptionScore {
  annotation::scoring::CaptionTableCells cells;
  std::size_t missing = 0;  // ids of the --videos list without a score in the file
  std::string firstMissing;
};

// The cells over the file's videos, or over those of `videos` (in the file's order) when given.
Result<CaptionScore> scoreCaptionFile(const std::filesystem::path& file,
                                      const std::optional<std::vector<std::string>>& videos = std::nullopt);

// Text summary, and the --json object {"audio", "visual", "details", "average", "videos"} on the
// table's 0-100 scale (plus "unparsed" and "missing").
std::string captionScoreText(const CaptionScore& score);
std::string captionScoreJson(const CaptionScore& score);

}  // namespace ugc::pipeline::scoring
