#pragma once
// The released judge protocol's reply parsing (results-dev/eval/judge_protocol.json, "reply")
// and its prompt templates. Pure functions: the HTTP side is app/pipeline/judge/.

#include <string>
#include <string_view>

#include "annotation/scoring/judge_aggregation.h"

namespace ugc::annotation::scoring {

enum class JudgeTask { FinalCaption, Background, Objects };
const char* judgeTaskName(JudgeTask task);  // "final_caption", "background", "objects"
bool parseJudgeTask(std::string_view name, JudgeTask& task);

struct CaptionReply {
  CaptionJudgeScores scores;  // 0 on all three when not parsed
  bool parsed = false;
};
// final_caption: the first {...} span of the reply (from the first '{' to the next '}'), single
// quotes replaced by double quotes, read as JSON with integer "visual", "audio", "details" in
// 1-5; anything else is unparsable and scores 0 on all three.
CaptionReply parseCaptionReply(std::string_view reply);

// background: {"consistent": "yes"|"no"} (a ``` fence stripped first); anything else is "no".
// `parsed` tells whether the reply was the JSON object.
bool parseBackgroundReply(std::string_view reply, bool* parsed = nullptr);

// objects: {"match_score": x} with x in [0, 1] after stripping a ``` fence; unparsable scores 0.
double parseObjectsReply(std::string_view reply, bool* parsed = nullptr);

// The protocol's user template with {sample_id}, {prediction} and {reference} filled in (other
// braces are left as they are).
std::string fillJudgeTemplate(std::string_view tmpl, std::string_view sampleId, std::string_view prediction,
                              std::string_view reference);

}  // namespace ugc::annotation::scoring
