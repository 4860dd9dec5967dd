#pragma once
// `ugccap judge`: the released LLM-judge protocol run against an OpenAI-compatible
// chat-completions endpoint, with N requests in flight, retries with backoff on 429 / 5xx /
// timeouts / dropped connections, and a reply cache keyed by (task, video, prediction hash,
// protocol hash, model) so a rerun costs nothing and an interrupted run resumes.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "annotation/scoring/judge_replies.h"
#include "core/error.h"
#include "core/progress.h"

namespace ugc::pipeline::judge {

// One task of judge_protocol.json.
struct JudgeProtocol {
  annotation::scoring::JudgeTask task = annotation::scoring::JudgeTask::FinalCaption;
  std::string model;  // the protocol's model (gpt-4o-2024-08-06); --model overrides it
  double temperature = 0;
  std::string system;
  std::string user;  // template with {sample_id}, {prediction}, {reference}
  std::string hash;  // sha256 of the task's protocol entry (canonical JSON)
};

Result<JudgeProtocol> loadJudgeProtocol(const std::filesystem::path& file, annotation::scoring::JudgeTask task);

struct JudgeSample {
  std::string videoId;
  std::string prediction;
  std::string reference;
};

// final_caption: predictions JSONL {video_id, caption} (errors name the line) and references from
// <release>/final_caption_qa.json; predictions of videos the release does not have are left out
// (counted in `unreferenced`: the released caption files cover 1,000 videos, release-dev 799),
// and so are references without a prediction (`unpredicted`). No pair at all is an error.
struct JudgeInputs {
  std::vector<JudgeSample> samples;
  std::size_t unpredicted = 0;
  std::size_t unreferenced = 0;
};
Result<JudgeInputs> loadFinalCaptionInputs(const std::filesystem::path& predictions,
                                           const std::filesystem::path& releaseDir);
// background / objects: the released prediction format, {"samples": [{video_id, answer, predict}]};
// the protocol judges only samples whose answer and predict are both non-empty.
Result<JudgeInputs> loadAnswerPredictInputs(const std::filesystem::path& predictions);

struct JudgeParams {
  std::string endpoint;  // full URL of .../v1/chat/completions
  std::string model;     // empty: the protocol's
  std::string apiKey;    // sent as "Authorization: Bearer"; never logged or cached
  int concurrency = 4;
  int maxAttempts = 6;
  std::chrono::milliseconds initialBackoff{1000};  // doubled per retry, capped at maxBackoff
  std::chrono::milliseconds maxBackoff{30000};
  std::chrono::milliseconds timeout{120000};
  std::filesystem::path cacheFile;  // JSONL, appended; empty: no cache
  static JudgeParams defaultParams() { return {}; }
};

struct JudgeResult {
  annotation::scoring::JudgeTask task = annotation::scoring::JudgeTask::FinalCaption;
  // Per video, in input order: the reply and what the protocol makes of it.
  struct Entry {
    std::string videoId;
    std::string reply;
    bool parsed = false;
    annotation::scoring::CaptionJudgeScores caption;  // final_caption
    bool consistent = false;                           // background
    double matchScore = 0;                             // objects
  };
  std::vector<Entry> entries;
  std::vector<std::string> failedVideos;  // no reply after every attempt (not in the output)
  std::size_t fromCache = 0;
  std::size_t requests = 0;  // HTTP requests made, retries included
  std::size_t retries = 0;
  std::size_t unparsed = 0;  // replies scored as the protocol says for a parse failure
  std::string estimatedBy;   // "" for the judge's replies; "offline judge" for estimates (written to the file)
};

// The key of one cached reply.
std::string judgeCacheKey(const JudgeProtocol& protocol, const std::string& model, const JudgeSample& sample);

// Runs every sample; a sample whose requests all fail is listed in failedVideos (rerun to retry
// it: the cache keeps the others). Cancelled when the token fires (the cache keeps what was done).
Result<JudgeResult> runJudge(const JudgeProtocol& protocol, const std::vector<JudgeSample>& samples,
                             const JudgeParams& params, const ProgressSink& progress = {},
                             const CancelToken& cancel = {});

// The released score-file formats: final_caption {"evaluations": {id: {visual_score, audio_score,
// details_score, average_score}}}; background {"evaluations": {id: {"consistent"}}, "accuracy"};
// objects {"evaluations": {id: {"match_score"}}, "mean_match_score"} (percent).
std::string judgeResultJson(const JudgeResult& result);

}  // namespace ugc::pipeline::judge
