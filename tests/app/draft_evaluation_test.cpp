// The draft evaluation on real release-dev videos with a tiny untrained captioner: the baselines are
// scored by the shared metric code, the record round-trips through draft_sources.h, and the CLI
// prints the table / JSON and refuses a bad model folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "annotation/metrics.h"
#include "annotation/release_fields.h"
#include "annotation/template_caption.h"
#include "cli/exit_codes.h"
#include "core/subprocess.h"
#include "model/captioner.h"
#include "model/tokenizer.h"
#include "model/training_data.h"
#include "pipeline/draft_service.h"
#include "pipeline/stage_facts.h"
#include "pipeline/draft_evaluation.h"
#include "pipeline/draft_sources.h"
#include "support/test_support.h"

namespace ugc::pipeline {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

constexpr int kVideos = 3;

const model::TrainingCorpus& releaseCorpus() {
  static const model::TrainingCorpus corpus = [] {
    auto loaded = model::loadReleaseCorpus(test::releaseDevDir().string());
    return loaded ? std::move(*loaded) : model::TrainingCorpus{};
  }();
  return corpus;
}

const model::Captioner& tinyCaptioner() {
  static const model::Captioner captioner = [] {
    auto tokenizer =
        model::Tokenizer::load((fs::path(UGC_RESOURCES_DIR) / "tokenizer" / "ugc_captions.model").string());
    if (!tokenizer) throw std::runtime_error(tokenizer.error().describe());
    auto created = model::Captioner::create(model::CaptionerConfig::tinyConfig(), *tokenizer, 7);
    if (!created) throw std::runtime_error(created.error().describe());
    return std::move(*created);
  }();
  return captioner;
}

DraftEvaluationParams fastParams() {
  auto params = DraftEvaluationParams::defaultParams();
  params.maxVideos = kVideos;
  params.draft.beamSize = 1;
  params.draft.maxTokens = 24;
  params.keepSamples = 2;
  return params;
}

const DraftEvaluation& tinyEvaluation() {
  static const DraftEvaluation evaluation = [] {
    auto e = evaluateDrafts(tinyCaptioner(), releaseCorpus(), fastParams(), {}, {});
    if (!e) throw std::runtime_error(e.error().describe());
    return std::move(*e);
  }();
  return evaluation;
}

class DraftEvaluationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::releaseDevDir().empty() || releaseCorpus().samples.empty()) GTEST_SKIP() << "no release-dev data";
  }
};

const SourceScore* findRow(const DraftEvaluation& e, Stage stage, DraftSource source, const std::string& inputs) {
  for (const auto& row : e.rows)
    if (row.stage == stage && row.score.source == source && row.score.inputs == inputs) return &row.score;
  return nullptr;
}

// The held-out videos the evaluation should take, and their released fields parsed independently of the
// captioner's corpus reader (annotation/release_fields.h).
std::vector<annotation::ReleaseVideo> expectedVideos() {
  std::map<annotation::QaType, std::string> texts;
  for (auto type : annotation::kAllQaTypes) {
    const fs::path file = test::releaseDevDir() / std::string(annotation::releaseFileName(type));
    if (fs::exists(file)) texts[type] = test::readFile(file);
  }
  auto dataset = annotation::parseReleaseDataset(texts);
  EXPECT_TRUE(dataset) << dataset.error().describe();
  std::map<std::string, annotation::ReleaseVideo> byId;
  for (const auto& v : dataset->videos)
    if (model::isHeldOutVideo(v.videoId, 0.1) && !v.audioCaption.empty() && !v.visualCaption.empty() &&
        !v.finalCaption.empty())
      byId[v.videoId] = v;
  std::vector<annotation::ReleaseVideo> out;
  for (auto& [id, v] : byId)
    if (int(out.size()) < kVideos) out.push_back(v);
  return out;
}

void expectScoredLikeDirectComputation(const SourceScore& row, const std::vector<std::string>& candidates,
                                       const std::vector<std::string>& references) {
  ASSERT_EQ(candidates.size(), references.size());
  double rouge = 0;
  std::vector<std::vector<std::string>> refs;
  for (size_t i = 0; i < candidates.size(); ++i) {
    rouge += annotation::rougeLF1(candidates[i], references[i]);
    refs.push_back({references[i]});
  }
  auto bleu = annotation::corpusBleu4(candidates, refs);
  ASSERT_TRUE(bleu);
  EXPECT_EQ(row.samples, int(candidates.size()));
  EXPECT_DOUBLE_EQ(row.rougeL, rouge / double(candidates.size()));
  EXPECT_DOUBLE_EQ(row.bleu4, bleu->bleu);
}

TEST_F(DraftEvaluationTest, TableHasEveryStageAndSource) {
  const auto& e = tinyEvaluation();
  EXPECT_EQ(e.videos, kVideos);
  ASSERT_EQ(e.rows.size(), 9u);
  const std::vector<std::tuple<Stage, DraftSource, std::string>> expected = {
      {Stage::Audio, DraftSource::Model, kInputsFields},
      {Stage::Audio, DraftSource::Template, kInputsFields},
      {Stage::Visual, DraftSource::Model, kInputsFields},
      {Stage::Visual, DraftSource::Template, kInputsFields},
      {Stage::Joint, DraftSource::Model, kInputsModelDrafts},
      {Stage::Joint, DraftSource::Model, kInputsReferenceCaptions},
      {Stage::Joint, DraftSource::Template, kInputsTemplateDrafts},
      {Stage::Joint, DraftSource::Concatenation, kInputsReferenceCaptions},
      {Stage::Joint, DraftSource::Concatenation, kInputsModelDrafts}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(e.rows[i].stage, std::get<0>(expected[i])) << i;
    EXPECT_EQ(e.rows[i].score.source, std::get<1>(expected[i])) << i;
    EXPECT_EQ(e.rows[i].score.inputs, std::get<2>(expected[i])) << i;
    EXPECT_EQ(e.rows[i].score.samples, kVideos) << i;
    EXPECT_GE(e.rows[i].score.rougeL, 0.0);
    EXPECT_LE(e.rows[i].score.rougeL, 1.0);
  }
  // Real released texts against each other overlap; the template is caption-shaped.
  EXPECT_GT(findRow(e, Stage::Joint, DraftSource::Concatenation, kInputsReferenceCaptions)->rougeL, 0.2);
  EXPECT_GT(findRow(e, Stage::Audio, DraftSource::Template, kInputsFields)->rougeL, 0.05);
  EXPECT_EQ(e.samples.size(), 2u * 3u);
  EXPECT_FALSE(evaluationTable(e).empty());
}

TEST_F(DraftEvaluationTest, BaselinesAreScoredBySharedMetricsOnIndependentlyParsedFields) {
  const auto& e = tinyEvaluation();
  const auto videos = expectedVideos();
  ASSERT_EQ(int(videos.size()), kVideos);
  std::vector<std::string> audioT, visualT, jointT, concat, audioRef, visualRef, finalRef;
  for (const auto& v : videos) {
    audioT.push_back(annotation::audioTemplateCaption(v.audio));
    visualT.push_back(annotation::visualTemplateCaption(v.visual));
    jointT.push_back(annotation::jointTemplateCaption(v.audio, v.visual));
    concat.push_back(annotation::concatenateCaptions(v.audioCaption, v.visualCaption));
    audioRef.push_back(v.audioCaption);
    visualRef.push_back(v.visualCaption);
    finalRef.push_back(v.finalCaption);
  }
  expectScoredLikeDirectComputation(*findRow(e, Stage::Audio, DraftSource::Template, kInputsFields), audioT, audioRef);
  expectScoredLikeDirectComputation(*findRow(e, Stage::Visual, DraftSource::Template, kInputsFields), visualT,
                                    visualRef);
  expectScoredLikeDirectComputation(*findRow(e, Stage::Joint, DraftSource::Template, kInputsTemplateDrafts), jointT,
                                    finalRef);
  expectScoredLikeDirectComputation(*findRow(e, Stage::Joint, DraftSource::Concatenation, kInputsReferenceCaptions),
                                    concat, finalRef);
  // The kept samples are the same texts.
  ASSERT_GE(e.samples.size(), 3u);
  EXPECT_EQ(e.samples[0].videoId, videos[0].videoId);
  EXPECT_EQ(e.samples[0].templateDraft, audioT[0]);
  EXPECT_EQ(e.samples[1].templateDraft, visualT[0]);
  EXPECT_EQ(e.samples[2].templateDraft, jointT[0]);
  EXPECT_EQ(e.samples[2].reference, finalRef[0]);
}

TEST_F(DraftEvaluationTest, ModelRowsScoreTheModelsOwnDrafts) {
  const auto& e = tinyEvaluation();
  // Joint from drafts: the concatenation row is built from the model's audio and visual drafts.
  const auto& s = e.samples;
  ASSERT_GE(s.size(), 3u);
  EXPECT_EQ(s[0].stage, Stage::Audio);
  EXPECT_EQ(s[2].stage, Stage::Joint);
  auto redraft = tinyCaptioner().draft(
      [&] {
        model::CaptionerInput in;
        for (const auto& sample : releaseCorpus().samples)
          if (sample.videoId == s[0].videoId && sample.input.stage == annotation::Stage::Audio) in = sample.input;
        return in;
      }(),
      fastParams().draft);
  ASSERT_TRUE(redraft);
  // What the draft service offers from those beams (grounded: no contradicted claim).
  model::CaptionerInput jointInput;
  for (const auto& sample : releaseCorpus().samples)
    if (sample.videoId == s[0].videoId && sample.input.stage == annotation::Stage::Joint) jointInput = sample.input;
  const auto [audio, visual] = annotationFieldsOf(jointInput, true);
  StageDraft offered;
  offered.stage = Stage::Audio;
  chooseGroundedDraft(offered, *redraft, annotation::audioTemplateCaption(audio),
                      stageFacts(Stage::Audio, audio, visual, std::nullopt));
  std::string text = offered.text;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  EXPECT_EQ(text, s[0].model);  // deterministic, and really the model's output
}

TEST_F(DraftEvaluationTest, GroundedRowsNeverOfferAContradictedDraftAndUngroundedOnesAreCounted) {
  const auto& e = tinyEvaluation();
  EXPECT_TRUE(e.grounded);
  EXPECT_TRUE(e.draft.constrainQuotes);
  ASSERT_EQ(e.grounding.size(), 4u);
  for (const auto& row : e.grounding) {
    EXPECT_EQ(row.drafts, kVideos);
    EXPECT_EQ(row.claims.contradicted, 0) << annotation::stageName(row.stage) << " " << row.inputs;
    EXPECT_GT(row.secondsPerDraft, 0.0);
  }
  // Before grounding: the best beam as it is, its claims counted all the same.
  auto params = fastParams();
  params.grounded = false;
  auto ungrounded = evaluateDrafts(tinyCaptioner(), releaseCorpus(), params, {}, {});
  ASSERT_TRUE(ungrounded) << ungrounded.error().describe();
  EXPECT_FALSE(ungrounded->grounded);
  EXPECT_FALSE(ungrounded->draft.constrainQuotes);
  ASSERT_EQ(ungrounded->grounding.size(), 4u);
  for (const auto& row : ungrounded->grounding) {
    EXPECT_EQ(row.otherBeam + row.pruned + row.templateFallback + row.empty, 0);
    EXPECT_EQ(row.drafts, kVideos);
  }
  const auto json = nlohmann::json::parse(evaluationToJson(*ungrounded));
  EXPECT_FALSE(json["grounded"].get<bool>());
  EXPECT_EQ(json["faithfulness"].size(), 4u);
  EXPECT_NE(evaluationTable(*ungrounded).find("ungrounded"), std::string::npos);
}

TEST_F(DraftEvaluationTest, CancelledBeforeStartReturnsCancelled) {
  CancelToken cancel;
  cancel.cancel();
  auto e = evaluateDrafts(tinyCaptioner(), releaseCorpus(), fastParams(), {}, cancel);
  ASSERT_FALSE(e);
  EXPECT_TRUE(e.error().isCancelled());
}

TEST_F(DraftEvaluationTest, ProgressCountsFourDraftsPerVideo) {
  auto params = fastParams();
  params.maxVideos = 1;
  int64_t last = -1, total = -1;
  auto e = evaluateDrafts(tinyCaptioner(), releaseCorpus(), params,
                          [&](const Progress& p) { last = p.done, total = p.total; }, {});
  ASSERT_TRUE(e) << e.error().describe();
  EXPECT_EQ(total, 4);
  EXPECT_EQ(last, 4);
}

TEST_F(DraftEvaluationTest, NoHeldOutVideoIsAnError) {
  auto params = fastParams();
  params.heldOutFraction = 0;
  auto e = evaluateDrafts(tinyCaptioner(), releaseCorpus(), params, {}, {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::InvalidArgument);
}

TEST_F(DraftEvaluationTest, RecordRoundTripsThroughDraftSourceChoice) {
  test::TempDir dir;
  ASSERT_TRUE(tinyCaptioner().save(dir.path().string()));
  auto absent = readDraftSourceChoice(dir.path());
  ASSERT_TRUE(absent) << absent.error().describe();
  EXPECT_FALSE(absent->evaluated);
  EXPECT_EQ(absent->audio.best, DraftSource::Model);
  EXPECT_EQ(absent->joint.reason, "not evaluated");

  // Weights hash of the saved folder, as Captioner::load reports it.
  auto loaded = model::Captioner::load(dir.path().string());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  DraftEvaluation e = tinyEvaluation();
  e.weightsHash = loaded->weightsHash();
  ASSERT_TRUE(recordEvaluation(e, dir.path()));
  auto json = nlohmann::json::parse(test::readFile(dir / kEvaluationFileName));
  EXPECT_EQ(json["format"], kEvaluationFormat);
  EXPECT_EQ(json["rows"].size(), 9u);

  const auto expected = choicesOf(e);
  auto choice = readDraftSourceChoice(dir.path());
  ASSERT_TRUE(choice) << choice.error().describe();
  EXPECT_TRUE(choice->evaluated);
  EXPECT_EQ(choice->weightsHash, e.weightsHash);
  const std::vector<std::pair<const StageSourceChoice*, const StageSourceChoice*>> pairs = {
      {&choice->audio, &expected.audio},
      {&choice->visual, &expected.visual},
      {&choice->joint, &expected.joint},
      {&choice->jointFromDrafts, &expected.jointFromDrafts}};
  for (const auto& [got, want] : pairs) {
    EXPECT_EQ(got->best, want->best);
    EXPECT_EQ(got->reason, want->reason);
    ASSERT_EQ(got->scores.size(), want->scores.size());
    for (size_t i = 0; i < got->scores.size(); ++i) {
      EXPECT_EQ(got->scores[i].source, want->scores[i].source);
      EXPECT_EQ(got->scores[i].inputs, want->scores[i].inputs);
      EXPECT_DOUBLE_EQ(got->scores[i].rougeL, want->scores[i].rougeL);
      EXPECT_DOUBLE_EQ(got->scores[i].bleu4, want->scores[i].bleu4);
    }
  }
  EXPECT_EQ(choice->audio.scores.size(), 2u);
  EXPECT_EQ(choice->joint.scores.size(), 3u);
  EXPECT_EQ(&choice->forStage(Stage::Joint), &choice->joint);

  // New weights make the record stale: back to the model, with a reason that says what to do.
  { std::ofstream(dir / "weights.pt", std::ios::app) << "x"; }
  auto stale = readDraftSourceChoice(dir.path());
  ASSERT_TRUE(stale);
  EXPECT_FALSE(stale->evaluated);
  EXPECT_NE(stale->visual.reason.find("eval-drafts --record"), std::string::npos);

  { std::ofstream(dir / kEvaluationFileName, std::ios::trunc) << "{ not json"; }
  auto broken = readDraftSourceChoice(dir.path());
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::InvalidInput);
}

TEST_F(DraftEvaluationTest, InvalidUtf8InADraftStillGivesJson) {
  DraftEvaluation e = tinyEvaluation();
  ASSERT_FALSE(e.samples.empty());
  e.samples[0].model = "broken \xff\xfe byte fallback";
  const std::string text = evaluationToJson(e);
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_NE(parsed["samples"][0]["model"].get<std::string>().find("broken"), std::string::npos);
}

TEST(DraftSources, ChooseSourcePrefersRougeThenBleuThenModel) {
  auto c =
      chooseSource({{DraftSource::Model, "fields", 0.30, 0.05, 10}, {DraftSource::Template, "fields", 0.31, 0.01, 10}});
  EXPECT_EQ(c.best, DraftSource::Template);
  EXPECT_NE(c.reason.find("template: ROUGE-L 0.310"), std::string::npos) << c.reason;
  c = chooseSource({{DraftSource::Template, "fields", 0.3, 0.05, 10}, {DraftSource::Model, "fields", 0.3, 0.05, 10}});
  EXPECT_EQ(c.best, DraftSource::Model);
  c = chooseSource({{DraftSource::Model, "f", 0.3, 0.01, 1}, {DraftSource::Concatenation, "f", 0.3, 0.02, 1}});
  EXPECT_EQ(c.best, DraftSource::Concatenation);
  EXPECT_EQ(chooseSource({}).reason, "not evaluated");
  for (auto s : {DraftSource::Model, DraftSource::Template, DraftSource::Concatenation})
    EXPECT_EQ(parseDraftSource(draftSourceName(s)), s);
  EXPECT_FALSE(parseDraftSource("oracle"));
}

// --- the CLI, as a process (stdout is the product) ---

ProcessOutput runCli(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {UGC_CLI_PATH, "-q"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto out = runProcess(argv);
  EXPECT_TRUE(out) << out.error().describe();
  return out ? *out : ProcessOutput{};
}

TEST_F(DraftEvaluationTest, CliPrintsTableJsonAndRecords) {
  test::TempDir dir;
  const fs::path modelDir = dir / "tiny";
  ASSERT_TRUE(tinyCaptioner().save(modelDir.string()));
  const std::string data = test::sharedDataDir().string();
  auto table = runCli({"eval-drafts", "--model", modelDir.string(), "--data", data, "--videos", "2", "--beam", "1"});
  ASSERT_EQ(table.exitCode, cli::kExitOk) << table.standardError;
  int rows = 0;
  for (const char* stage : {"audio ", "visual ", "joint "}) {
    for (size_t at = table.standardOutput.find("\n" + std::string(stage)); at != std::string::npos;
         at = table.standardOutput.find("\n" + std::string(stage), at + 1))
      ++rows;
  }
  EXPECT_EQ(rows, 9 + 4) << table.standardOutput;  // the scores, then the model rows' claims
  EXPECT_NE(table.standardOutput.find("ROUGE-L"), std::string::npos);
  EXPECT_NE(table.standardOutput.find("model drafts, grounded"), std::string::npos);
  EXPECT_NE(table.standardOutput.find("contradicted"), std::string::npos);
  EXPECT_NE(table.standardOutput.find("offered first:"), std::string::npos);
  EXPECT_FALSE(fs::exists(modelDir / kEvaluationFileName));  // no --record, no file

  auto json = runCli({"eval-drafts", "--model", modelDir.string(), "--data", data, "--videos", "2", "--beam", "1",
                      "--json", "--record"});
  ASSERT_EQ(json.exitCode, cli::kExitOk) << json.standardError;
  auto printed = nlohmann::json::parse(json.standardOutput, nullptr, false);
  ASSERT_FALSE(printed.is_discarded()) << json.standardOutput;
  EXPECT_EQ(printed["data"]["videos"], 2);
  EXPECT_EQ(printed["rows"].size(), 9u);
  for (const char* stage : {"audio", "visual", "joint", "joint_from_drafts"})
    EXPECT_TRUE(parseDraftSource(printed["stages"][stage]["best"].get<std::string>())) << stage;
  auto recorded = nlohmann::json::parse(test::readFile(modelDir / kEvaluationFileName));
  EXPECT_EQ(recorded["stages"], printed["stages"]);
  auto choice = readDraftSourceChoice(modelDir);
  ASSERT_TRUE(choice) << choice.error().describe();
  EXPECT_TRUE(choice->evaluated);
  EXPECT_EQ(draftSourceName(choice->joint.best), printed["stages"]["joint"]["best"].get<std::string>());
}

TEST(DraftEvaluationCli, BadModelFolderIsAClearInputError) {
  test::TempDir dir;
  auto out = runCli({"eval-drafts", "--model", (dir / "missing").string(), "--data", test::sharedDataDir().string()});
  EXPECT_EQ(out.exitCode, cli::kExitInputError);
  EXPECT_NE(out.standardError.find("--model"), std::string::npos) << out.standardError;
  EXPECT_NE(out.standardError.find("no captioner model"), std::string::npos) << out.standardError;
  auto usage = runCli({"eval-drafts", "--beam", "0"});
  EXPECT_EQ(usage.exitCode, cli::kExitUsage);
}

}  // namespace
}  // namespace ugc::pipeline
