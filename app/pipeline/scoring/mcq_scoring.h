#pragma once
// `ugccap score mcq`: accuracy on a multiple-choice task of the release (tone, voice_source)
// against the release answers, with the confusion table and the constant-answer baseline.

#include <filesystem>
#include <string>
#include <vector>

#include "annotation/scoring/mcq.h"
#include "core/error.h"

namespace ugc::pipeline::scoring {

enum class McqTask { Tone, VoiceSource };
Result<McqTask> parseMcqTask(const std::string& name);  // "tone", "voice_source"
const char* mcqTaskName(McqTask task);
const char* mcqReleaseFile(McqTask task);                // "tone.json", "voice_source.json"

struct McqScore {
  McqTask task = McqTask::Tone;
  std::vector<std::string> options;
  annotation::scoring::McqSummary summary;
  std::size_t unmatched = 0;  // predictions that named no option (scored wrong)
  std::size_t missing = 0;    // release videos without a prediction (scored wrong)
  std::size_t extra = 0;      // predictions for videos not in the release task (ignored)
};

// Predictions: JSONL lines {"video_id", "predict"} ("prediction" or "answer" also read), or a
// JSON file like the release's ({"samples": [{"video_id", "predict"}, ...]}). Errors name the
// line (JSONL) or the sample: not JSON / invalid UTF-8, no video id, no prediction text, a
// video given twice, a line over the limit. The release file must be the release's format.
Result<McqScore> scoreMcqFile(const std::filesystem::path& predictions, const std::filesystem::path& releaseDir,
                              McqTask task);

std::string mcqScoreText(const McqScore& score);
// {"task", "accuracy" (percent), "correct", "items", "unmatched", "missing", "extra",
//  "constant_answer", "constant_accuracy" (percent), "confusion": {truth: {predicted: n}}}
std::string mcqScoreJson(const McqScore& score);

}  // namespace ugc::pipeline::scoring
