#include "pipeline/draft_evaluation.h"

#include "annotation/field_codec.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "annotation/metrics.h"
#include "annotation/object_list.h"
#include "annotation/template_caption.h"
#include "pipeline/draft_service.h"
#include "pipeline/stage_facts.h"

namespace ugc::pipeline {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;
using nlohmann::ordered_json;

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

// The three samples of one held-out video.
struct HeldOutVideo {
  const model::TrainingSample* audio = nullptr;
  const model::TrainingSample* visual = nullptr;
  const model::TrainingSample* joint = nullptr;
};

std::vector<std::pair<std::string, HeldOutVideo>> heldOutVideos(const model::TrainingCorpus& corpus, double fraction,
                                                                int maxVideos) {
  std::map<std::string, HeldOutVideo> byId;
  for (const auto& sample : corpus.samples) {
    if (sample.origin != "release-dev" || !model::isHeldOutVideo(sample.videoId, fraction)) continue;
    auto& video = byId[sample.videoId];
    switch (sample.input.stage) {
      case annotation::Stage::Audio:
        video.audio = &sample;
        break;
      case annotation::Stage::Visual:
        video.visual = &sample;
        break;
      case annotation::Stage::Joint:
        video.joint = &sample;
        break;
    }
  }
  std::vector<std::pair<std::string, HeldOutVideo>> out;
  for (const auto& [id, video] : byId) {
    if (!video.audio || !video.visual || !video.joint) continue;  // a video needs all three references
    if (maxVideos > 0 && int(out.size()) >= maxVideos) break;
    out.emplace_back(id, video);
  }
  return out;
}

// Candidates and references of one row, scored at the end.
struct RowTexts {
  Stage stage;
  DraftSource source;
  const char* inputs;
  std::vector<std::string> candidates;
  std::vector<std::vector<std::string>> references;
  void add(std::string candidate, const std::string& reference) {
    candidates.push_back(std::move(candidate));
    references.push_back({reference});
  }
};

Result<SourceScore> score(const RowTexts& row) {
  SourceScore s{row.source, row.inputs, 0, 0, int(row.candidates.size())};
  for (size_t i = 0; i < row.candidates.size(); ++i)
    s.rougeL += annotation::rougeLF1(row.candidates[i], row.references[i].front());
  s.rougeL /= double(std::max<size_t>(1, row.candidates.size()));
  auto bleu = annotation::corpusBleu4(row.candidates, row.references);
  if (!bleu) return tl::unexpected(bleu.error());
  s.bleu4 = bleu->bleu;
  return s;
}

// stageName's views are string literals, so data() is terminated.
const char* stageKey(Stage stage) { return annotation::stageName(stage).data(); }

std::vector<SourceScore> candidatesFor(const DraftEvaluation& e, Stage stage, const std::vector<std::string>& inputs) {
  std::vector<SourceScore> out;
  for (const auto& row : e.rows)
    if (row.stage == stage && std::find(inputs.begin(), inputs.end(), row.score.inputs) != inputs.end())
      out.push_back(row.score);
  return out;
}

ordered_json scoreJson(const SourceScore& s) {
  return {{"source", draftSourceName(s.source)},
          {"inputs", s.inputs},
          {"rouge_l", s.rougeL},
          {"bleu4", s.bleu4},
          {"n", s.samples}};
}

ordered_json choiceJson(const StageSourceChoice& choice, const char* inputs) {
  ordered_json scores = ordered_json::array();
  for (const auto& s : choice.scores) scores.push_back(scoreJson(s));
  return {{"best", draftSourceName(choice.best)}, {"inputs", inputs}, {"reason", choice.reason}, {"scores", scores}};
}

ordered_json groundingJson(const DraftEvaluation& e) {
  ordered_json rows = ordered_json::array();
  for (const auto& g : e.grounding)
    rows.push_back({{"stage", stageKey(g.stage)},
                    {"inputs", g.inputs},
                    {"drafts", g.drafts},
                    {"claims", g.claims.total()},
                    {"supported", g.claims.supported},
                    {"contradicted", g.claims.contradicted},
                    {"unsupported", g.claims.unsupported},
                    {"other_beam", g.otherBeam},
                    {"pruned", g.pruned},
                    {"template_fallback", g.templateFallback},
                    {"empty", g.empty},
                    {"seconds_per_draft", g.secondsPerDraft}});
  return rows;
}

double share(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

}  // namespace

std::pair<annotation::AudioFields, annotation::VisualFields> annotationFieldsOf(const model::CaptionerInput& input,
                                                                                bool backgroundListedOnlyWhenChanging) {
  auto decoded = annotation::decodeFields(input.fields, {backgroundListedOnlyWhenChanging});
  decoded.visual.ocrLines = input.ocrLines;
  return {std::move(decoded.audio), std::move(decoded.visual)};
}

Result<DraftEvaluation> evaluateDrafts(const model::Captioner& captioner, const model::TrainingCorpus& corpus,
                                       const DraftEvaluationParams& params, const ProgressSink& progress,
                                       const CancelToken& cancel) {
  const auto start = std::chrono::steady_clock::now();
  const auto videos = heldOutVideos(corpus, params.heldOutFraction, params.maxVideos);
  if (videos.empty())
    return makeError(ErrorCode::InvalidArgument, "no held-out release-dev video with all three captions");
  const bool listedOnlyWhenChanging =
      std::find(corpus.files.begin(), corpus.files.end(), "back_ground_change_new.json") != corpus.files.end();

  RowTexts audioModel{Stage::Audio, DraftSource::Model, kInputsFields, {}, {}};
  RowTexts audioTemplate{Stage::Audio, DraftSource::Template, kInputsFields, {}, {}};
  RowTexts visualModel{Stage::Visual, DraftSource::Model, kInputsFields, {}, {}};
  RowTexts visualTemplate{Stage::Visual, DraftSource::Template, kInputsFields, {}, {}};
  RowTexts jointModelOwn{Stage::Joint, DraftSource::Model, kInputsModelDrafts, {}, {}};
  RowTexts jointModelRef{Stage::Joint, DraftSource::Model, kInputsReferenceCaptions, {}, {}};
  RowTexts jointTemplate{Stage::Joint, DraftSource::Template, kInputsTemplateDrafts, {}, {}};
  RowTexts jointConcatRef{Stage::Joint, DraftSource::Concatenation, kInputsReferenceCaptions, {}, {}};
  RowTexts jointConcatOwn{Stage::Joint, DraftSource::Concatenation, kInputsModelDrafts, {}, {}};

  DraftEvaluation evaluation;
  evaluation.modelName = captioner.name();
  evaluation.weightsHash = captioner.weightsHash();
  evaluation.dataHash = corpus.dataHash;
  evaluation.videos = int(videos.size());
  evaluation.draft = params.draft;
  evaluation.draft.constrainQuotes = params.grounded;
  evaluation.heldOutFraction = params.heldOutFraction;
  evaluation.grounded = params.grounded;
  auto groundingRow = [](Stage stage, const char* inputs) {
    GroundingRow row;
    row.stage = stage;
    row.inputs = inputs;
    return row;
  };
  GroundingRow audioGrounding = groundingRow(Stage::Audio, kInputsFields);
  GroundingRow visualGrounding = groundingRow(Stage::Visual, kInputsFields);
  GroundingRow jointOwnGrounding = groundingRow(Stage::Joint, kInputsModelDrafts);
  GroundingRow jointRefGrounding = groundingRow(Stage::Joint, kInputsReferenceCaptions);

  const int64_t total = int64_t(videos.size()) * 4;  // four drafts per video
  int64_t done = 0;
  // A model draft as the draft service would offer it, checked against the stage's fields.
  auto draftOf = [&](const model::CaptionerInput& input, const annotation::FaithfulnessFacts& facts,
                     const std::string& templateText, GroundingRow& row) -> Result<std::string> {
    if (cancel.isCancelled()) return cancelledError();
    const auto started = std::chrono::steady_clock::now();
    auto drafted = captioner.draft(input, evaluation.draft, cancel);
    if (!drafted) return tl::unexpected(drafted.error());
    StageDraft offered;
    offered.stage = input.stage;
    if (params.grounded) {
      chooseGroundedDraft(offered, *drafted, templateText, facts);
      if (offered.source == DraftSource::Template) ++(offered.text.empty() ? row.empty : row.templateFallback);
      else if (offered.grounding.find(" without ") != std::string::npos) ++row.pruned;
      else if (offered.grounding.rfind("beam 1 ", 0) != 0) ++row.otherBeam;
    } else {
      offered.text = drafted->text;
      offered.claims = annotation::countClaims(annotation::checkFaithfulness(offered.text, input.stage, facts));
    }
    row.secondsPerDraft += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ++row.drafts;
    row.claims.supported += offered.claims.supported;
    row.claims.contradicted += offered.claims.contradicted;
    row.claims.unsupported += offered.claims.unsupported;
    report(progress, "drafting held-out captions", ++done, total);
    return trimmed(offered.text);
  };

  report(progress, "drafting held-out captions", 0, total);
  for (size_t v = 0; v < videos.size(); ++v) {
    const auto& [id, video] = videos[v];
    const auto [audioFields, visualFields] = annotationFieldsOf(video.joint->input, listedOnlyWhenChanging);
    const std::string audioTemplateText = annotation::audioTemplateCaption(audioFields);
    const std::string visualTemplateText = annotation::visualTemplateCaption(visualFields);
    const std::string jointTemplateText = annotation::concatenateCaptions(audioTemplateText, visualTemplateText);
    auto factsOf = [&](Stage stage) { return stageFacts(stage, audioFields, visualFields, std::nullopt); };

    auto audioDraft = draftOf(video.audio->input, factsOf(Stage::Audio), audioTemplateText, audioGrounding);
    if (!audioDraft) return tl::unexpected(audioDraft.error());
    auto visualDraft = draftOf(video.visual->input, factsOf(Stage::Visual), visualTemplateText, visualGrounding);
    if (!visualDraft) return tl::unexpected(visualDraft.error());
    model::CaptionerInput fromDrafts = video.joint->input;
    fromDrafts.audioCaption = *audioDraft;
    fromDrafts.visualCaption = *visualDraft;
    const auto jointFacts = factsOf(Stage::Joint);
    auto jointOwn = draftOf(fromDrafts, jointFacts, jointTemplateText, jointOwnGrounding);
    if (!jointOwn) return tl::unexpected(jointOwn.error());
    // carries the reference audio and visual captions
    auto jointRef = draftOf(video.joint->input, jointFacts, jointTemplateText, jointRefGrounding);
    if (!jointRef) return tl::unexpected(jointRef.error());

    const std::string& audioRef = video.audio->target;
    const std::string& visualRef = video.visual->target;
    const std::string& finalRef = video.joint->target;

    audioModel.add(*audioDraft, audioRef);
    audioTemplate.add(audioTemplateText, audioRef);
    visualModel.add(*visualDraft, visualRef);
    visualTemplate.add(visualTemplateText, visualRef);
    jointModelOwn.add(*jointOwn, finalRef);
    jointModelRef.add(*jointRef, finalRef);
    jointTemplate.add(jointTemplateText, finalRef);
    jointConcatRef.add(annotation::concatenateCaptions(audioRef, visualRef), finalRef);
    jointConcatOwn.add(annotation::concatenateCaptions(*audioDraft, *visualDraft), finalRef);

    if (int(v) < params.keepSamples) {
      evaluation.samples.push_back({id, Stage::Audio, audioRef, *audioDraft, "", audioTemplateText});
      evaluation.samples.push_back({id, Stage::Visual, visualRef, *visualDraft, "", visualTemplateText});
      evaluation.samples.push_back({id, Stage::Joint, finalRef, *jointOwn, *jointRef, jointTemplateText});
    }
  }

  for (const RowTexts* row : {&audioModel, &audioTemplate, &visualModel, &visualTemplate, &jointModelOwn,
                              &jointModelRef, &jointTemplate, &jointConcatRef, &jointConcatOwn}) {
    auto s = score(*row);
    if (!s) return tl::unexpected(s.error());
    evaluation.rows.push_back({row->stage, *s});
  }
  for (GroundingRow* row : {&audioGrounding, &visualGrounding, &jointOwnGrounding, &jointRefGrounding}) {
    row->secondsPerDraft /= double(std::max(1, row->drafts));
    evaluation.grounding.push_back(*row);
  }
  evaluation.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return evaluation;
}

DraftSourceChoice choicesOf(const DraftEvaluation& e) {
  DraftSourceChoice choice;
  choice.evaluated = true;
  choice.weightsHash = e.weightsHash;
  choice.audio = chooseSource(candidatesFor(e, Stage::Audio, {kInputsFields}));
  choice.visual = chooseSource(candidatesFor(e, Stage::Visual, {kInputsFields}));
  choice.joint = chooseSource(candidatesFor(e, Stage::Joint, {kInputsReferenceCaptions, kInputsTemplateDrafts}));
  choice.jointFromDrafts = chooseSource(candidatesFor(e, Stage::Joint, {kInputsModelDrafts, kInputsTemplateDrafts}));
  return choice;
}

std::string evaluationToJson(const DraftEvaluation& e) {
  const auto choice = choicesOf(e);
  ordered_json rows = ordered_json::array();
  for (const auto& row : e.rows) {
    ordered_json r = {{"stage", stageKey(row.stage)}};
    r.update(scoreJson(row.score));
    rows.push_back(r);
  }
  ordered_json samples = ordered_json::array();
  for (const auto& s : e.samples) {
    ordered_json j = {
        {"video_id", s.videoId}, {"stage", stageKey(s.stage)}, {"reference", s.reference}, {"model", s.model}};
    if (s.stage == Stage::Joint) j["model_from_references"] = s.modelFromReferences;
    j["template"] = s.templateDraft;
    samples.push_back(j);
  }
  ordered_json out = {
      {"format", kEvaluationFormat},
      {"model", {{"name", e.modelName}, {"weights_hash", e.weightsHash}}},
      {"data", {{"data_hash", e.dataHash}, {"held_out_fraction", e.heldOutFraction}, {"videos", e.videos}}},
      {"draft_params",
       {{"beam", e.draft.beamSize},
        {"max_tokens", e.draft.maxTokens},
        {"min_tokens", e.draft.minTokens},
        {"repetition_penalty", e.draft.repetitionPenalty},
        {"no_repeat_ngram", e.draft.noRepeatNgram},
        {"length_penalty", e.draft.lengthPenalty},
        {"constrain_quotes", e.draft.constrainQuotes}}},
      {"metrics",
       "ROUGE-L F1 averaged over captions and corpus BLEU-4 (annotation/metrics.h); best = highest "
       "ROUGE-L, then BLEU-4"},
      {"seconds", e.seconds},
      {"command", e.command},
      {"stages",
       {{"audio", choiceJson(choice.audio, kInputsFields)},
        {"visual", choiceJson(choice.visual, kInputsFields)},
        {"joint", choiceJson(choice.joint, kInputsReferenceCaptions)},
        {"joint_from_drafts", choiceJson(choice.jointFromDrafts, kInputsModelDrafts)}}},
      {"rows", rows},
      {"grounded", e.grounded},
      {"faithfulness", groundingJson(e)},
      {"samples", samples},
  };
  // Byte-fallback decoding can emit invalid UTF-8 in a draft: replaced, never thrown.
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

Status recordEvaluation(const DraftEvaluation& evaluation, const fs::path& modelDir) {
  std::error_code ec;
  if (!fs::is_directory(modelDir, ec)) return makeError(ErrorCode::NotFound, "no model folder " + modelDir.string());
  const fs::path target = modelDir / kEvaluationFileName;
  const fs::path temporary = modelDir / (std::string(kEvaluationFileName) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << evaluationToJson(evaluation);
    if (!out.flush()) return makeError(ErrorCode::Io, "cannot write " + temporary.string());
  }
  fs::rename(temporary, target, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot write " + target.string() + ": " + ec.message());
  return {};
}

std::string evaluationTable(const DraftEvaluation& e) {
  const auto choice = choicesOf(e);
  auto isBest = [&](const DraftScoreRow& row) {
    auto best = [&](const StageSourceChoice& c, const std::vector<std::string>& inputs) {
      return c.best == row.score.source && std::find(inputs.begin(), inputs.end(), row.score.inputs) != inputs.end();
    };
    switch (row.stage) {
      case Stage::Audio:
        return best(choice.audio, {kInputsFields});
      case Stage::Visual:
        return best(choice.visual, {kInputsFields});
      case Stage::Joint:
        return best(choice.joint, {kInputsReferenceCaptions, kInputsTemplateDrafts}) ||
               best(choice.jointFromDrafts, {kInputsModelDrafts, kInputsTemplateDrafts});
    }
    return false;
  };
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-7s %-14s %-19s %8s %8s %5s\n", "stage", "source", "inputs", "ROUGE-L", "BLEU-4",
                "n");
  out += line;
  for (const auto& row : e.rows) {
    std::snprintf(line, sizeof line, "%-7s %-14s %-19s %8.4f %8.4f %5d%s\n", stageKey(row.stage),
                  draftSourceName(row.score.source), row.score.inputs.c_str(), row.score.rougeL, row.score.bleu4,
                  row.score.samples, isBest(row) ? "  *" : "");
    out += line;
  }
  std::snprintf(line, sizeof line, "%d held-out videos, %s, %.0f s; * = best of its comparison\n", e.videos,
                e.draft.beamSize > 1 ? ("beam " + std::to_string(e.draft.beamSize)).c_str() : "greedy", e.seconds);
  out += line;
  out += e.grounded ? "\nmodel drafts, grounded (constrained quotes, beams reranked, no contradicted draft):\n"
                    : "\nmodel drafts, ungrounded (best beam, unconstrained quotes):\n";
  std::snprintf(line, sizeof line, "%-7s %-19s %7s %13s %13s %6s %6s %6s %6s %8s\n", "stage", "inputs", "claims",
                "contradicted", "unsupported", "beam>1", "pruned", "tmpl", "empty", "s/draft");
  out += line;
  for (const auto& g : e.grounding) {
    std::snprintf(line, sizeof line, "%-7s %-19s %7d %5d %6.1f%% %5d %6.1f%% %6d %6d %6d %6d %8.3f\n", stageKey(g.stage),
                  g.inputs.c_str(), g.claims.total(), g.claims.contradicted, share(g.claims.contradicted, g.claims.total()),
                  g.claims.unsupported, share(g.claims.unsupported, g.claims.total()), g.otherBeam, g.pruned,
                  g.templateFallback, g.empty, g.secondsPerDraft);
    out += line;
  }
  return out;
}

}  // namespace ugc::pipeline
