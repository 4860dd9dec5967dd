#include "annotation/scoring/judge_aggregation.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ugc::annotation::scoring {

double roundLikePython(double value, int decimals) {
  // glibc's printf converts the exact binary value and breaks exact ties to even, as CPython's
  // round() and %-formatting do.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return std::strtod(buffer, nullptr);
}

CaptionTableCells captionTableCells(const std::vector<CaptionJudgeScores>& scores) {
  CaptionTableCells cells;
  cells.videos = scores.size();
  if (scores.empty()) return cells;
  double audio = 0, visual = 0, details = 0, average = 0;
  for (const auto& s : scores) {  // in file order, as Python's sum() adds them
    audio += s.audio;
    visual += s.visual;
    details += s.details;
    average += s.average;
    if (s.audio == 0 && s.visual == 0 && s.details == 0) ++cells.unparsed;
  }
  const double n = double(scores.size());
  cells.meanAudio = audio / n;
  cells.meanVisual = visual / n;
  cells.meanDetails = details / n;
  cells.audio = roundLikePython(roundLikePython(cells.meanAudio, 2) * 20, 1);
  cells.visual = roundLikePython(roundLikePython(cells.meanVisual, 2) * 20, 1);
  cells.details = roundLikePython(roundLikePython(cells.meanDetails, 2) * 20, 1);
  cells.average = average / n / 5 * 100;
  return cells;
}

std::string captionScoresProblem(const CaptionJudgeScores& s) {
  const auto bad = [](double v) { return !(v >= 0 && v <= 5) || std::floor(v) != v; };
  if (bad(s.visual)) return "visual_score " + std::to_string(s.visual) + " is not an integer 0-5";
  if (bad(s.audio)) return "audio_score " + std::to_string(s.audio) + " is not an integer 0-5";
  if (bad(s.details)) return "details_score " + std::to_string(s.details) + " is not an integer 0-5";
  const bool anyZero = s.visual == 0 || s.audio == 0 || s.details == 0;
  const bool allZero = s.visual == 0 && s.audio == 0 && s.details == 0;
  if (anyZero && !allZero) return "a dimension is 0 but not all three (0 marks an unparsable judge reply)";
  if (!(s.average >= 0 && s.average <= 5)) return "average_score " + std::to_string(s.average) + " is outside 0-5";
  return "";
}

}  // namespace ugc::annotation::scoring
