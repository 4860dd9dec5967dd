// The draft service on real demo clips with a real (tiny, untrained, saved and loaded) captioner:
// drafts land as revisions named after the model, runs resume, caches are used, people's work is
// left alone, and the CLI drafts projects and loose files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "annotation/template_caption.h"
#include "annotation/workflow_rules.h"
#include "core/subprocess.h"
#include "db/project.h"
#include "db/project_import.h"
#include "model/tokenizer.h"
#include "pipeline/draft_service.h"
#include "pipeline/project_extraction.h"
#include "support/test_support.h"

namespace ugc::pipeline {
namespace {

using annotation::Stage;
namespace fs = std::filesystem;

// A tiny untrained model saved to a folder: loading it is what the app and CLI do.
const fs::path& tinyModelDir() {
  static const fs::path dir = [] {
    static test::TempDir keep;
    auto tokenizer = model::Tokenizer::load(std::string(UGC_RESOURCES_DIR) + "/tokenizer/ugc_captions.model");
    if (!tokenizer) throw std::runtime_error(tokenizer.error().describe());
    auto config = model::CaptionerConfig::tinyConfig();
    config.maxTargetTokens = 24;
    auto created = model::Captioner::create(config, *tokenizer, 3);
    if (!created) throw std::runtime_error(created.error().describe());
    const fs::path out = keep / "tiny-captioner";
    if (auto saved = created->save(out.string()); !saved) throw std::runtime_error(saved.error().describe());
    return out;
  }();
  return dir;
}

const model::Captioner& tinyModel() {
  static const model::Captioner captioner = [] {
    auto loaded = model::Captioner::load(tinyModelDir().string());
    if (!loaded) throw std::runtime_error(loaded.error().describe());
    return std::move(*loaded);
  }();
  return captioner;
}

DraftOptions greedy() {
  DraftOptions options;
  options.decoding.beamSize = 1;
  options.decoding.minTokens = 2;
  return options;
}

struct DemoProject {
  test::TempDir dir;
  std::optional<db::Project> store;
  db::Project& project() { return *store; }
};

std::unique_ptr<DemoProject> demoProject(std::initializer_list<const char*> ids) {
  const auto corpus = test::sharedDemoCorpus();
  auto demo = std::make_unique<DemoProject>();
  const auto& dir = demo->dir;
  fs::create_directories(dir / "clips");
  for (const char* id : ids) fs::copy_file(corpus / (std::string(id) + ".mp4"), dir / "clips" / (std::string(id) + ".mp4"));
  auto project = db::Project::create(dir / "p.ugcproj");
  EXPECT_TRUE(project) << project.error().describe();
  auto imported = db::importVideoFolder(*project, dir / "clips", {}, {});
  EXPECT_TRUE(imported) << imported.error().describe();
  demo->store = std::move(*project);
  return demo;
}

TEST(DraftService, DraftsAProjectAsRevisionsNamedAfterTheModelAndResumes) {
  auto demo = demoProject({"demo-01-city-tips", "demo-06-no-audio"});
  auto& project = demo->project();
  const std::string source = "model:tiny-captioner@" + tinyModel().weightsHash();
  ASSERT_EQ(tinyModel().weightsHash().size(), 12u);

  // Cancel after the first stage: the run stops with Cancelled and keeps what it drafted.
  ProjectDraftParams params;
  params.options = greedy();
  CancelToken cancel;
  int reports = 0;
  ProgressSink cancelAfterFirst = [&](const Progress&) {
    if (++reports == 2) cancel.cancel();
  };
  auto stopped = draftProject(project, tinyModel(), params, cancelAfterFirst, cancel);
  ASSERT_FALSE(stopped);
  EXPECT_TRUE(stopped.error().isCancelled());

  auto resumed = draftProject(project, tinyModel(), params, {}, {});
  ASSERT_TRUE(resumed) << resumed.error().describe();
  EXPECT_EQ(resumed->videos, 2);
  EXPECT_EQ(resumed->upToDate, 1);  // the stage drafted before the cancel
  EXPECT_EQ(resumed->drafted, 5);
  EXPECT_TRUE(resumed->failures.empty()) << resumed->failures.front();

  for (const char* id : {"demo-01-city-tips", "demo-06-no-audio"}) {
    for (Stage stage : annotation::kAllStages) {
      auto draft = project.latestDraft(id, stage);
      ASSERT_TRUE(draft && *draft) << id;
      EXPECT_EQ((*draft)->source, source);
      EXPECT_EQ((*draft)->origin, annotation::RevisionOrigin::ModelDraft);
      EXPECT_EQ((*draft)->author, kDrafterActor);
      EXPECT_FALSE((*draft)->caption.empty());
      EXPECT_EQ(project.stageStatus(id, stage)->state, annotation::TaskState::Drafted);
    }
  }
  // Media features were cached by fingerprint: the next context reads them back.
  auto video = project.findVideo("demo-01-city-tips");
  ASSERT_TRUE(video && *video);
  bool fromCache = false;
  auto features = featuresForVideo(project, **video, tinyModel().config(), &fromCache, {});
  ASSERT_TRUE(features) << features.error().describe();
  EXPECT_TRUE(fromCache);
  EXPECT_TRUE(features->logMel && features->frames);

  auto again = draftProject(project, tinyModel(), params, {}, {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->drafted, 0);
  EXPECT_EQ(again->upToDate, 6);
  params.force = true;
  params.stages = {Stage::Joint};
  auto forced = draftProject(project, tinyModel(), params, {}, {});
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->drafted, 2);
}

TEST(DraftService, StartedStagesAreLeftAloneAndSourcesFollowTheChoice) {
  auto demo = demoProject({"demo-01-city-tips"});
  auto& project = demo->project();
  const std::string id = "demo-01-city-tips";
  // The extractors suggest the audio fields the template writes from.
  ASSERT_TRUE(extractProject(project, {}, {}, {}));
  // A person starts the visual stage.
  ASSERT_TRUE(project.addUser({"ann", annotation::Role::Annotator}));
  annotation::TransitionRequest start{id, Stage::Visual, annotation::TaskState::Drafted,
                                      annotation::WorkflowAction::Start, {"ann", annotation::Role::Annotator}, {}, 1};
  auto event = annotation::applyTransition(start, {});
  ASSERT_TRUE(event);
  ASSERT_TRUE(project.recordEvent(*event));

  ProjectDraftParams params;
  params.options = greedy();
  params.options.choice.audio.best = DraftSource::Template;
  params.options.choice.audio.reason = "template scored higher";
  // The audio and visual captions the joint stage fuses are drafts here, so the choice made for
  // fusing drafts applies, not the one for fusing human captions.
  params.options.choice.joint.best = DraftSource::Model;
  params.options.choice.jointFromDrafts.best = DraftSource::Concatenation;
  auto done = draftProject(project, tinyModel(), params, {}, {});
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->started, 1);
  EXPECT_EQ(done->drafted, 2);
  EXPECT_EQ(project.latestDraft(id, Stage::Visual).value()->author, kExtractorActor);  // not redrafted

  auto audio = project.latestDraft(id, Stage::Audio).value();
  ASSERT_TRUE(audio && audio->audio);
  EXPECT_EQ(audio->source, kTemplateSource);
  EXPECT_EQ(audio->caption, annotation::audioTemplateCaption(*audio->audio));
  EXPECT_NE(audio->caption.find("female"), std::string::npos) << audio->caption;
  // The joint draft concatenates the current audio and visual captions (the visual one is empty).
  auto joint = project.latestDraft(id, Stage::Joint).value();
  ASSERT_TRUE(joint);
  EXPECT_EQ(joint->source, kConcatenationSource);
  EXPECT_EQ(joint->caption, annotation::concatenateCaptions(audio->caption, ""));

  // Drafting a started stage from the studio stores a draft but keeps the person's state.
  auto studio = draftVideoStage(project, tinyModel(), id, Stage::Visual, greedy(), {}, {});
  ASSERT_TRUE(studio) << studio.error().describe();
  EXPECT_EQ(studio->source, DraftSource::Model);
  EXPECT_EQ(project.stageStatus(id, Stage::Visual)->state, annotation::TaskState::InProgress);
  EXPECT_EQ(project.latestDraft(id, Stage::Visual).value()->caption, studio->text);
  EXPECT_EQ(draftVideoStage(project, tinyModel(), "nope", Stage::Audio, greedy(), {}, {}).error().code,
            ErrorCode::NotFound);
}

TEST(DraftService, LooseFileJointDraftFusesTheAudioAndVisualDraftsItMadeFirst) {
  const auto clip = test::sharedDemoCorpus() / "demo-02-pasta-recipe.mp4";
  auto options = greedy();
  options.source = DraftSource::Concatenation;  // makes the fusion visible in the text
  auto concatenated = draftFile(clip, tinyModel(), {Stage::Joint}, options, {}, {});
  ASSERT_TRUE(concatenated) << concatenated.error().describe();
  ASSERT_EQ(concatenated->drafts.size(), 1u);
  EXPECT_EQ(concatenated->drafts[0].stage, Stage::Joint);

  auto separate = draftFile(clip, tinyModel(), {Stage::Audio, Stage::Visual}, greedy(), {}, {});
  ASSERT_TRUE(separate);
  ASSERT_EQ(separate->drafts.size(), 2u);
  EXPECT_EQ(separate->drafts[0].source, DraftSource::Model);
  EXPECT_EQ(concatenated->drafts[0].text,
            annotation::concatenateCaptions(separate->drafts[0].text, separate->drafts[1].text));
  EXPECT_GT(concatenated->featureSeconds, 0);

  test::TempDir dir;
  { std::ofstream(dir / "fake.mp4") << "not media"; }
  auto bad = draftFile(dir / "fake.mp4", tinyModel(), {Stage::Audio}, greedy(), {}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
}

TEST(DraftService, CliDraftsFilesAndProjects) {
  const auto corpus = test::sharedDemoCorpus();
  test::TempDir dir;
  fs::create_directories(dir / "clips");
  fs::copy_file(corpus / "demo-05-silent-boxes.mp4", dir / "clips" / "demo-05-silent-boxes.mp4");
  const auto project = (dir / "p.ugcproj").string();
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {UGC_CLI_PATH, "--quiet"});
    auto out = runProcess(args);
    EXPECT_TRUE(out);
    return out ? *out : ProcessOutput{};
  };
  const std::string model = tinyModelDir().string();
  auto file = run({"draft", (dir / "clips" / "demo-05-silent-boxes.mp4").string(), "--stage", "joint", "--json",
                   "--model", model, "--beam", "1"});
  ASSERT_EQ(file.exitCode, 0) << file.standardError;
  auto json = nlohmann::json::parse(file.standardOutput);
  ASSERT_EQ(json["drafts"].size(), 1u);
  EXPECT_EQ(json["drafts"][0]["stage"], "joint");
  EXPECT_EQ(json["drafts"][0]["source"], "model:tiny-captioner@" + tinyModel().weightsHash());
  EXPECT_GT(json["seconds"].get<double>(), 0);

  EXPECT_EQ(run({"init", "-p", project}).exitCode, 0);
  EXPECT_EQ(run({"import", "-p", project, "--videos", (dir / "clips").string()}).exitCode, 0);
  auto drafted = run({"draft", "-p", project, "--model", model, "--beam", "1", "--stage", "audio"});
  EXPECT_EQ(drafted.exitCode, 0) << drafted.standardError;
  EXPECT_NE(drafted.standardOutput.find("1 videos: 1 stages drafted"), std::string::npos) << drafted.standardOutput;
  auto resumed = run({"draft", "-p", project, "--model", model, "--beam", "1", "--stage", "audio"});
  EXPECT_NE(resumed.standardOutput.find("0 stages drafted, 1 already drafted"), std::string::npos);

  EXPECT_EQ(run({"draft", "-p", project, "some.mp4"}).exitCode, 1);
  EXPECT_EQ(run({"draft", "--model", (dir / "nothing").string(), "x.mp4"}).exitCode, 2);
  EXPECT_EQ(run({"draft", "--model", model, (dir / "missing.mp4").string()}).exitCode, 2);
}

// `draft FILE --stage all --json --explain`: every checkable claim of each draft with its support,
// checked against the file's facts (the extractors' suggestions and signals, masked per stage).
TEST(DraftService, CliExplainsEveryClaimOfEachDraft) {
  const auto clip = test::sharedDemoCorpus() / "demo-02-pasta-recipe.mp4";
  auto out = runProcess({UGC_CLI_PATH, "--quiet", "draft", clip.string(), "--stage", "all", "--json", "--explain",
                         "--model", tinyModelDir().string(), "--beam", "1", "--source", "template"});
  ASSERT_TRUE(out);
  ASSERT_EQ(out->exitCode, 0) << out->standardError;
  const auto json = nlohmann::json::parse(out->standardOutput);
  ASSERT_EQ(json["drafts"].size(), 3u);
  for (const auto& draft : json["drafts"]) {
    const std::string text = draft["text"];
    const auto& counts = draft["faithfulness"];
    ASSERT_TRUE(draft["claims"].is_array());
    EXPECT_EQ(counts["claims"].get<std::size_t>(), draft["claims"].size());
    EXPECT_EQ(counts["claims"].get<int>(), counts["supported"].get<int>() + counts["contradicted"].get<int>() +
                                               counts["unsupported"].get<int>());
    for (const auto& claim : draft["claims"]) {
      const std::size_t begin = claim["begin"], end = claim["end"];
      ASSERT_LE(end, text.size());
      EXPECT_EQ(claim["text"], text.substr(begin, end - begin));
      EXPECT_FALSE(claim["reason"].get<std::string>().empty()) << claim.dump();
    }
    // The template says only what the file's facts say: nothing it claims is contradicted.
    EXPECT_EQ(counts["contradicted"], 0) << draft.dump(1);
  }
  // The audio template states music and voices, which the audio facts back.
  EXPECT_GT(json["drafts"][0]["faithfulness"]["supported"].get<int>(), 0) << json["drafts"][0].dump(1);
  // --explain is for files.
  auto project = runProcess({UGC_CLI_PATH, "--quiet", "draft", "-p", "x.ugcproj", "--explain"});
  ASSERT_TRUE(project);
  EXPECT_EQ(project->exitCode, 1);
}

}  // namespace
}  // namespace ugc::pipeline
