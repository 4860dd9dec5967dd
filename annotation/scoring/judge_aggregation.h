#pragma once
// How the benchmark turns the GPT-4o judge's per-video caption scores into Table 2's final-caption
// cells (results-dev/eval/judge_protocol.json, "aggregation"): a dimension's cell is its mean over
// videos printed to 2 decimals, times 20; the average cell is mean(average_score) / 5 * 100.

#include <cstddef>
#include <string>
#include <vector>

namespace ugc::annotation::scoring {

// One video's judge scores. Dimensions are integers 1-5, or 0 on all three when the judge's reply
// could not be parsed (the protocol scores it so); average = their mean as stored in the file.
struct CaptionJudgeScores {
  double visual = 0;
  double audio = 0;
  double details = 0;
  double average = 0;
};

struct CaptionTableCells {
  double audio = 0;    // 0-100, as printed: round2(mean) * 20
  double visual = 0;
  double details = 0;
  double average = 0;  // mean(average_score) / 5 * 100, unrounded
  double meanAudio = 0, meanVisual = 0, meanDetails = 0;  // 1-5 scale, unrounded
  std::size_t videos = 0;
  std::size_t unparsed = 0;  // videos scored 0 on all three (judge reply not parsable)
};

// Python's round(value, decimals) / "%.{decimals}f": the correctly rounded decimal of the binary
// value, exact ties to even (round(2.625, 2) == 2.62, round(3.515, 2) == 3.52: 3.515 is stored
// as 3.51500000000000012...).
double roundLikePython(double value, int decimals);

// Empty input gives all zeros.
CaptionTableCells captionTableCells(const std::vector<CaptionJudgeScores>& scores);

// A problem with one video's scores, or "" when they follow the protocol: each dimension an
// integer 0-5 (0 only on all three together), average within [0, 5].
std::string captionScoresProblem(const CaptionJudgeScores& scores);

}  // namespace ugc::annotation::scoring
