#pragma once
// Which draft to offer first for each stage: the captioner's, the template's (fill-in sentences from
// the fields, annotation/template_caption.h) or, for the joint stage, the plain concatenation of the
// audio and visual captions. `ugccap eval-drafts --record` measures all three on the held-out
// release-dev videos and writes <model dir>/evaluation.json; the studio and `ugccap draft` read the
// choice here and say which source a draft came from and why.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/stage.h"
#include "core/error.h"

namespace ugc::pipeline {

enum class DraftSource { Model, Template, Concatenation };

const char* draftSourceName(DraftSource source);   // "model", "template", "concatenation"
const char* draftSourceLabel(DraftSource source);  // "model draft", "template draft", "concatenation ..."
std::optional<DraftSource> parseDraftSource(std::string_view name);

inline constexpr const char* kEvaluationFileName = "evaluation.json";
inline constexpr const char* kEvaluationFormat = "ugc-videocap-draft-evaluation/1";

// The figures of one source on one stage (ROUGE-L F1 averaged over captions, corpus BLEU-4).
struct SourceScore {
  DraftSource source = DraftSource::Model;
  std::string inputs;  // what the source was given: "fields", "reference captions", "model drafts", ...
  double rougeL = 0;
  double bleu4 = 0;
  int samples = 0;
};

struct StageSourceChoice {
  DraftSource best = DraftSource::Model;
  std::vector<SourceScore> scores;  // the candidates compared; empty when not evaluated
  std::string reason;               // one line for the UI: "ROUGE-L 0.312 vs template 0.254" / "not evaluated"
};

struct DraftSourceChoice {
  bool evaluated = false;   // false: no (or stale) evaluation.json, every stage defaults to the model
  std::string weightsHash;  // the weights the figures are about (12 hex digits)
  StageSourceChoice audio;
  StageSourceChoice visual;
  StageSourceChoice joint;            // given the approved audio and visual captions (how the studio drafts it)
  StageSourceChoice jointFromDrafts;  // given the model's own audio and visual drafts (no human caption yet)
  const StageSourceChoice& forStage(annotation::Stage stage) const;
};

// The best candidate: highest ROUGE-L F1, then BLEU-4; on a tie the model, then the template.
// Empty list: Model with reason "not evaluated".
StageSourceChoice chooseSource(const std::vector<SourceScore>& candidates);

// Reads <modelDir>/evaluation.json. No file: every stage Model, reason "not evaluated". A file whose
// weights hash differs from <modelDir>/weights.pt is stale: Model too, reason says to re-run the
// evaluation. A malformed file is InvalidInput. Hashes weights.pt (~0.1 s for the 24 MB default): call it
// once per model load, not per draft.
Result<DraftSourceChoice> readDraftSourceChoice(const std::filesystem::path& modelDir);

}  // namespace ugc::pipeline
