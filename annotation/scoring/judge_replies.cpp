#include "annotation/scoring/judge_replies.h"

#include <nlohmann/json.hpp>

#include "annotation/scoring/ocr_variants.h"

namespace ugc::annotation::scoring {
namespace {

using nlohmann::json;

json parseOrDiscard(std::string_view text) { return json::parse(text.begin(), text.end(), nullptr, false); }

}  // namespace

const char* judgeTaskName(JudgeTask task) {
  switch (task) {
    case JudgeTask::FinalCaption: return "final_caption";
    case JudgeTask::Background: return "background";
    case JudgeTask::Objects: return "objects";
  }
  return "final_caption";
}

bool parseJudgeTask(std::string_view name, JudgeTask& task) {
  for (JudgeTask t : {JudgeTask::FinalCaption, JudgeTask::Background, JudgeTask::Objects})
    if (name == judgeTaskName(t)) {
      task = t;
      return true;
    }
  return false;
}

CaptionReply parseCaptionReply(std::string_view reply) {
  CaptionReply out;
  const auto open = reply.find('{');
  if (open == std::string_view::npos) return out;
  const auto close = reply.find('}', open);
  if (close == std::string_view::npos) return out;
  std::string span(reply.substr(open, close - open + 1));
  for (char& c : span)
    if (c == '\'') c = '"';
  const json value = parseOrDiscard(span);
  if (value.is_discarded() || !value.is_object()) return out;
  CaptionJudgeScores scores;
  for (auto [key, target] : {std::pair<const char*, double*>{"visual", &scores.visual},
                             {"audio", &scores.audio},
                             {"details", &scores.details}}) {
    auto it = value.find(key);
    if (it == value.end() || !it->is_number_integer()) return out;
    const auto v = it->get<long long>();
    if (v < 1 || v > 5) return out;
    *target = double(v);
  }
  scores.average = (scores.visual + scores.audio + scores.details) / 3;
  out.scores = scores;
  out.parsed = true;
  return out;
}

bool parseBackgroundReply(std::string_view reply, bool* parsed) {
  const json value = parseOrDiscard(stripCodeFence(reply));
  const bool ok = value.is_object() && value.contains("consistent") && value["consistent"].is_string() &&
                  (value["consistent"] == "yes" || value["consistent"] == "no");
  if (parsed) *parsed = ok;
  return ok && value["consistent"] == "yes";
}

double parseObjectsReply(std::string_view reply, bool* parsed) {
  const json value = parseOrDiscard(stripCodeFence(reply));
  const bool ok = value.is_object() && value.contains("match_score") && value["match_score"].is_number() &&
                  value["match_score"].get<double>() >= 0 && value["match_score"].get<double>() <= 1;
  if (parsed) *parsed = ok;
  return ok ? value["match_score"].get<double>() : 0.0;
}

std::string fillJudgeTemplate(std::string_view tmpl, std::string_view sampleId, std::string_view prediction,
                              std::string_view reference) {
  // One left-to-right pass, so a prediction containing "{reference}" is not expanded again.
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    bool replaced = false;
    for (auto [name, value] : {std::pair<std::string_view, std::string_view>{"{sample_id}", sampleId},
                               {"{prediction}", prediction},
                               {"{reference}", reference}}) {
      if (tmpl.substr(pos, name.size()) == name) {
        out.append(value);
        pos += name.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += tmpl[pos++];
  }
  return out;
}

}  // namespace ugc::annotation::scoring
