#pragma once
// The captioner's drafts against the released captions of the held-out release-dev videos, next to
// the two baselines computed by the same metric code (annotation/metrics.h): the template draft
// (annotation/template_caption.h) and, for the joint stage, the plain concatenation of the audio and
// visual captions. The joint stage is measured twice: given the model's own audio and visual drafts
// (a project where nobody has captioned yet) and given the reference captions (the studio, where the
// joint stage opens only after both captions are approved). `ugccap eval-drafts` prints it;
// `--record` writes <model dir>/evaluation.json, which draft_sources.h reads.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "annotation/faithfulness.h"
#include "annotation/fields.h"
#include "annotation/stage.h"
#include "core/error.h"
#include "core/progress.h"
#include "model/captioner.h"
#include "model/training_data.h"
#include "pipeline/draft_sources.h"

namespace ugc::pipeline {

// What each row was given to draft from.
inline constexpr const char* kInputsFields = "fields";
inline constexpr const char* kInputsModelDrafts = "model drafts";
inline constexpr const char* kInputsReferenceCaptions = "reference captions";
inline constexpr const char* kInputsTemplateDrafts = "template drafts";

struct DraftEvaluationParams {
  double heldOutFraction = 0.1;  // the trainer's split (TrainerParams)
  int maxVideos = 0;             // 0: every held-out video; else the first N by id
  model::DraftParams draft = model::DraftParams::defaultParams();
  int keepSamples = 3;  // sample drafts kept for the report (videos, all stages each)
  // Grounded drafting, as the draft service does it (DraftOptions::grounded): constrained quotes,
  // beams reranked by the faithfulness checker against the release's fields, no contradicted
  // draft offered (template, else nothing). False: unconstrained quotes, the best beam.
  bool grounded = true;
  static DraftEvaluationParams defaultParams() { return {}; }
};

// What the faithfulness checker finds in one model row's drafts, against the fields each stage
// was drafted from (pipeline/stage_facts.h without signals), and how grounding chose them.
struct GroundingRow {
  annotation::Stage stage = annotation::Stage::Audio;
  std::string inputs;
  annotation::ClaimCounts claims;  // of the drafts offered
  int drafts = 0;
  int otherBeam = 0;         // a beam other than the model's best was offered
  int pruned = 0;            // every beam contradicted: one was offered without those sentences
  int templateFallback = 0;  // every beam contradicted the fields: the template was offered
  int empty = 0;             // the template too: no draft
  double secondsPerDraft = 0;  // decoding + checking, mean
};

struct DraftScoreRow {
  annotation::Stage stage = annotation::Stage::Audio;
  SourceScore score;
};

struct SampleDraft {
  std::string videoId;
  annotation::Stage stage = annotation::Stage::Audio;
  std::string reference;
  std::string model;                // joint: from the model's own audio and visual drafts
  std::string modelFromReferences;  // joint only: from the reference captions
  std::string templateDraft;
};

struct DraftEvaluation {
  std::string modelName;
  std::string weightsHash;
  std::string dataHash;
  int videos = 0;  // held-out videos evaluated
  model::DraftParams draft;
  double heldOutFraction = 0.1;
  double seconds = 0;               // wall time of the drafting and scoring
  std::vector<DraftScoreRow> rows;  // per stage: model, template, (joint) concatenation; see rowsFor()
  std::vector<SampleDraft> samples;
  bool grounded = true;
  std::vector<GroundingRow> grounding;  // audio, visual, joint from drafts, joint from references
  std::string command;  // how it was run, for the record (set by the caller)
};

// The audio and visual fields a captioner input carries, in the annotation types the templates take
// (the one place the captioner's string-map form is converted back). `backgroundListedOnlyWhenChanging`:
// the release lists only videos whose background changes, so an absent "background_change" means "no".
std::pair<annotation::AudioFields, annotation::VisualFields> annotationFieldsOf(const model::CaptionerInput& input,
                                                                                bool backgroundListedOnlyWhenChanging);

// Evaluates `captioner` on the held-out videos of `corpus` (release-dev samples; other origins are
// ignored). InvalidArgument when no held-out video has all three captions; Cancelled promptly.
Result<DraftEvaluation> evaluateDrafts(const model::Captioner& captioner, const model::TrainingCorpus& corpus,
                                       const DraftEvaluationParams& params, const ProgressSink& progress,
                                       const CancelToken& cancel);

// The candidates the app chooses between, per stage (draft_sources.h): audio/visual: model, template;
// joint: model given the reference captions, template, concatenation of the reference captions;
// joint from drafts: model given its own drafts, template, concatenation of its own drafts.
DraftSourceChoice choicesOf(const DraftEvaluation& evaluation);

// evaluation.json: format, model, data, params, time, every row, the choice per stage, the samples.
std::string evaluationToJson(const DraftEvaluation& evaluation);
// Writes <modelDir>/evaluation.json (via a temporary file and a rename).
Status recordEvaluation(const DraftEvaluation& evaluation, const std::filesystem::path& modelDir);

// A fixed-width table: stage, source, inputs, ROUGE-L, BLEU-4, n; then the model rows' claims.
std::string evaluationTable(const DraftEvaluation& evaluation);

}  // namespace ugc::pipeline
