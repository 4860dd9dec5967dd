#include "pipeline/draft_sources.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/sha256.h"

namespace ugc::pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

StageSourceChoice notEvaluated(const std::string& reason) {
  StageSourceChoice choice;
  choice.reason = reason;
  return choice;
}

DraftSourceChoice allModel(const std::string& reason) {
  DraftSourceChoice choice;
  choice.audio = choice.visual = choice.joint = choice.jointFromDrafts = notEvaluated(reason);
  return choice;
}

std::string figures(const SourceScore& s) {
  char text[96];
  std::snprintf(text, sizeof text, "ROUGE-L %.3f, BLEU-4 %.3f", s.rougeL, s.bleu4);
  return text;
}

Result<StageSourceChoice> stageFromJson(const json& stage, const char* key) {
  std::vector<SourceScore> scores;
  if (!stage.is_object() || !stage.contains("scores") || !stage["scores"].is_array())
    return makeError(ErrorCode::InvalidInput, std::string("evaluation.json: stage '") + key + "' has no scores");
  for (const auto& s : stage["scores"]) {
    const auto source = s.is_object() && s.contains("source") && s["source"].is_string()
                            ? parseDraftSource(s["source"].get<std::string>())
                            : std::nullopt;
    if (!source || !s.contains("rouge_l") || !s["rouge_l"].is_number() || !s.contains("bleu4") ||
        !s["bleu4"].is_number())
      return makeError(ErrorCode::InvalidInput,
                       std::string("evaluation.json: a score of stage '") + key + "' lacks source/rouge_l/bleu4");
    scores.push_back({*source, s.value("inputs", std::string()), s["rouge_l"].get<double>(), s["bleu4"].get<double>(),
                      s.value("n", 0)});
  }
  StageSourceChoice choice = chooseSource(scores);
  // The recorded "best" is what the evaluation decided; it must agree with its own figures.
  if (stage.contains("best")) {
    const auto recorded = stage["best"].is_string() ? parseDraftSource(stage["best"].get<std::string>()) : std::nullopt;
    if (!recorded || *recorded != choice.best)
      return makeError(ErrorCode::InvalidInput,
                       std::string("evaluation.json: stage '") + key + "' names a best source its scores contradict");
  }
  return choice;
}

}  // namespace

const char* draftSourceName(DraftSource source) {
  switch (source) {
    case DraftSource::Model:
      return "model";
    case DraftSource::Template:
      return "template";
    case DraftSource::Concatenation:
      return "concatenation";
  }
  return "model";
}

const char* draftSourceLabel(DraftSource source) {
  switch (source) {
    case DraftSource::Model:
      return "model draft";
    case DraftSource::Template:
      return "template draft (fill-in sentences from the fields)";
    case DraftSource::Concatenation:
      return "concatenation of the audio and visual captions";
  }
  return "model draft";
}

std::optional<DraftSource> parseDraftSource(std::string_view name) {
  for (auto source : {DraftSource::Model, DraftSource::Template, DraftSource::Concatenation})
    if (name == draftSourceName(source)) return source;
  return std::nullopt;
}

const StageSourceChoice& DraftSourceChoice::forStage(annotation::Stage stage) const {
  switch (stage) {
    case annotation::Stage::Audio:
      return audio;
    case annotation::Stage::Visual:
      return visual;
    case annotation::Stage::Joint:
      return joint;
  }
  return joint;
}

StageSourceChoice chooseSource(const std::vector<SourceScore>& candidates) {
  if (candidates.empty()) return notEvaluated("not evaluated");
  const SourceScore* best = &candidates.front();
  for (const auto& c : candidates) {
    const bool better = c.rougeL > best->rougeL || (c.rougeL == best->rougeL && c.bleu4 > best->bleu4) ||
                        (c.rougeL == best->rougeL && c.bleu4 == best->bleu4 && c.source < best->source);
    if (better) best = &c;
  }
  StageSourceChoice choice;
  choice.best = best->source;
  choice.scores = candidates;
  std::ostringstream reason;
  reason << draftSourceName(best->source) << ": " << figures(*best);
  std::string others;
  for (const auto& c : candidates) {
    if (&c == best) continue;
    others += (others.empty() ? "" : "; ") + std::string(draftSourceName(c.source)) + " " + figures(c);
  }
  if (!others.empty()) reason << " (" << others << ")";
  reason << " on " << best->samples << " held-out captions";
  choice.reason = reason.str();
  return choice;
}

Result<DraftSourceChoice> readDraftSourceChoice(const fs::path& modelDir) {
  std::error_code ec;
  const fs::path file = modelDir / kEvaluationFileName;
  if (!fs::exists(file, ec)) return allModel("not evaluated");
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot read " + file.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const json j = json::parse(bytes.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return makeError(ErrorCode::InvalidInput, file.string() + " is not JSON");
  if (j.value("format", std::string()) != kEvaluationFormat)
    return makeError(ErrorCode::Unsupported, file.string() + ": not a " + kEvaluationFormat + " file");
  const std::string recordedHash =
      j.contains("model") && j["model"].is_object() ? j["model"].value("weights_hash", std::string()) : "";
  if (!fs::exists(modelDir / "weights.pt", ec)) return allModel("not evaluated (no weights.pt)");
  auto currentHash = sha256File(modelDir / "weights.pt");
  if (!currentHash) return tl::unexpected(currentHash.error());
  if (recordedHash.empty() || currentHash->substr(0, recordedHash.size()) != recordedHash)
    return allModel("not evaluated: evaluation.json is for other weights (" + recordedHash +
                    "); re-run ugccap eval-drafts --record");

  if (!j.contains("stages") || !j["stages"].is_object())
    return makeError(ErrorCode::InvalidInput, file.string() + " has no stages");
  const json& stages = j["stages"];
  DraftSourceChoice choice;
  choice.evaluated = true;
  choice.weightsHash = recordedHash;
  const std::pair<const char*, StageSourceChoice*> slots[] = {{"audio", &choice.audio},
                                                              {"visual", &choice.visual},
                                                              {"joint", &choice.joint},
                                                              {"joint_from_drafts", &choice.jointFromDrafts}};
  for (const auto& [key, slot] : slots) {
    if (!stages.contains(key)) return makeError(ErrorCode::InvalidInput, file.string() + ": no stage '" + key + "'");
    auto stage = stageFromJson(stages[key], key);
    if (!stage) return tl::unexpected(stage.error());
    *slot = std::move(*stage);
  }
  return choice;
}

}  // namespace ugc::pipeline
