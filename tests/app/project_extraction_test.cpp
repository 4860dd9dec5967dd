#include <gtest/gtest.h>

#include "annotation/object_list.h"
#include "core/subprocess.h"
#include "db/project.h"
#include "db/project_import.h"
#include "pipeline/project_extraction.h"
#include "pipeline/suggestions.h"
#include "support/test_support.h"

namespace ugc::pipeline {

// The detector's summary becomes the visual stage's objects suggestion in the release's format,
// and the signals' own answer is the same text.
TEST(VisualSuggestions, ObjectsInTheReleasesFormat) {
  model::Signals signals;
  signals.hasVideo = true;
  signals.objects.ran = true;
  signals.objects.summary = {{"person", 2, "white", "in the center of the video", 0.8, 6},
                             {"sports ball", 1, "yellow", "at the bottom of the video", 0.6, 4}};
  const auto fields = visualSuggestions(signals);
  ASSERT_EQ(fields.objects.size(), 2u);
  const std::string expected =
      "person (count: 2, color: white, position: in the center of the video); "
      "sports ball (count: 1, color: yellow, position: at the bottom of the video)";
  EXPECT_EQ(annotation::formatObjectList(fields.objects), expected);
  EXPECT_EQ(model::objectsAnswer(signals.objects), expected);
  // The release's own parser reads it back field by field.
  const auto parsed = annotation::parseObjectList(expected);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1].category, "sports ball");
  EXPECT_EQ(parsed[1].position, "at the bottom of the video");
  // Not run (disabled, or the model missing): no objects suggested.
  signals.objects.ran = false;
  EXPECT_TRUE(visualSuggestions(signals).objects.empty());
  // Faces the object detector missed become an estimated person entry; never when it saw persons.
  signals.faces.ran = true;
  signals.faces.count = 2;
  signals.faces.positions = {"on the left side of the video", "on the right side of the video"};
  EXPECT_EQ(annotation::formatObjectList(visualSuggestions(signals).objects),
            "person (count: 2, color: N/A, position: on the left side of the video)");
  signals.objects.ran = true;
  EXPECT_EQ(annotation::formatObjectList(visualSuggestions(signals).objects), expected);
}

TEST(ProjectExtraction, CachesSignalsAndAttachesSuggestionsToUntouchedStages) {
  const auto corpus = test::sharedDemoCorpus();
  test::TempDir dir;
  std::filesystem::create_directories(dir / "clips");
  for (const char* id : {"demo-01-city-tips", "demo-06-no-audio"}) {
    std::filesystem::copy_file(corpus / (std::string(id) + ".mp4"), dir / "clips" / (std::string(id) + ".mp4"));
  }
  auto project = db::Project::create(dir / "p.ugcproj");
  ASSERT_TRUE(project) << project.error().describe();
  auto imported = db::importVideoFolder(*project, dir / "clips", {}, {});
  ASSERT_TRUE(imported) << imported.error().describe();

  ProjectExtractParams params;
  auto first = extractProject(*project, params, {}, {});
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->videos, 2);
  EXPECT_EQ(first->extracted, 2);
  EXPECT_EQ(first->suggestions, 4);
  EXPECT_TRUE(first->failures.empty());

  // The audio stage of the clip with speech and music holds the suggested fields, as a draft.
  auto audio = project->latestDraft("demo-01-city-tips", annotation::Stage::Audio);
  ASSERT_TRUE(audio && *audio && (*audio)->audio);
  EXPECT_TRUE((*audio)->isDraft());
  EXPECT_EQ((*audio)->audio->backgroundMusic, "Yes");
  EXPECT_EQ((*audio)->audio->speakerCount, 1);
  EXPECT_EQ((*audio)->audio->speakerGenders, std::vector<std::string>{"female"});
  auto visual = project->latestDraft("demo-01-city-tips", annotation::Stage::Visual);
  ASSERT_TRUE(visual && *visual && (*visual)->visual);
  EXPECT_EQ((*visual)->visual->ocrLines, (std::vector<std::string>{"TOP 3 CITY TIPS", "WALK EVERYWHERE"}));
  EXPECT_EQ((*visual)->visual->backgroundChanges, std::optional<bool>(true));
  EXPECT_EQ(project->stageStatus("demo-01-city-tips", annotation::Stage::Audio)->state, annotation::TaskState::Drafted);
  auto silent = project->latestDraft("demo-06-no-audio", annotation::Stage::Audio);
  ASSERT_TRUE(silent && *silent && (*silent)->audio);
  EXPECT_EQ((*silent)->audio->speakerCount, 0);
  EXPECT_EQ((*silent)->audio->backgroundMusic, "No");

  // A second run reads the cache and leaves drafted stages alone.
  auto second = extractProject(*project, params, {}, {});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->cached, 2);
  EXPECT_EQ(second->extracted, 0);
  EXPECT_EQ(second->suggestions, 0);
  auto history = project->history("demo-01-city-tips", annotation::Stage::Audio);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 1u);
}

TEST(ProjectExtraction, CliRunsOverAProject) {
  const auto corpus = test::sharedDemoCorpus();
  test::TempDir dir;
  std::filesystem::create_directories(dir / "clips");
  std::filesystem::copy_file(corpus / "demo-05-silent-boxes.mp4", dir / "clips" / "demo-05-silent-boxes.mp4");
  const auto project = (dir / "p.ugcproj").string();
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {UGC_CLI_PATH, "--quiet"});
    auto out = runProcess(args);
    EXPECT_TRUE(out);
    return out ? *out : ProcessOutput{};
  };
  EXPECT_EQ(run({"init", "-p", project}).exitCode, 0);
  EXPECT_EQ(run({"import", "-p", project, "--videos", (dir / "clips").string()}).exitCode, 0);
  auto out = run({"extract", "-p", project});
  EXPECT_EQ(out.exitCode, 0) << out.standardError;
  EXPECT_NE(out.standardOutput.find("1 videos: 1 extracted, 0 from the cache, 0 without media, 2 stage suggestions"),
            std::string::npos)
      << out.standardOutput;
  EXPECT_EQ(run({"extract", "-p", project, "some.mp4"}).exitCode, 1);
  EXPECT_EQ(run({"extract", "-p", project, "--video", "nope"}).exitCode, 2);
}

}  // namespace ugc::pipeline

namespace ugc::pipeline {

// The demo project: finished clips with their ground truth, and the last ones left as work
// that the extractors pre-fill.
TEST(ProjectExtraction, DemoProjectLeavesWorkForAnnotators) {
  const auto corpus = test::sharedDemoCorpus();
  test::TempDir dir;
  auto project = db::Project::create(dir / "demo.ugcproj");
  ASSERT_TRUE(project);
  auto imported = db::importDemoCorpus(*project, corpus, db::DemoImportParams{2}, {}, {});
  ASSERT_TRUE(imported) << imported.error().describe();
  EXPECT_EQ(imported->revisionsAdded, 12 * 3);
  EXPECT_EQ(project->stageStatus("demo-01-city-tips", annotation::Stage::Joint)->state, annotation::TaskState::Approved);
  EXPECT_EQ(project->stageStatus("demo-14-countdown", annotation::Stage::Audio)->state,
            annotation::TaskState::NotStarted);

  ProjectExtractParams params;
  params.videoIds = {"demo-13-birthday", "demo-14-countdown", "demo-12-bad-service"};
  auto extracted = extractProject(*project, params, {}, {});
  ASSERT_TRUE(extracted) << extracted.error().describe();
  EXPECT_EQ(extracted->suggestions, 4) << "only the two work clips get suggestions";
  EXPECT_EQ(project->stageStatus("demo-14-countdown", annotation::Stage::Visual)->state,
            annotation::TaskState::Drafted);
  EXPECT_EQ(project->stageStatus("demo-14-countdown", annotation::Stage::Joint)->state,
            annotation::TaskState::NotStarted);
  EXPECT_FALSE(db::importDemoCorpus(*project, corpus, db::DemoImportParams{-1}, {}, {}));
}

// Clips imported for review fill the reviewer's desk: audio and visual stages submitted with
// their ground truth, QA pairs pending, the joint stage left for the annotators.
TEST(ProjectExtraction, DemoClipsForReviewWaitOnTheReviewersDesk) {
  const auto corpus = test::sharedDemoCorpus();
  test::TempDir dir;
  auto project = db::Project::create(dir / "demo.ugcproj");
  ASSERT_TRUE(project);
  auto imported = db::importDemoCorpus(*project, corpus, db::DemoImportParams{2, 1}, {}, {});
  ASSERT_TRUE(imported) << imported.error().describe();
  EXPECT_EQ(imported->revisionsAdded, 11 * 3 + 2);
  const std::string id = "demo-12-bad-service";  // the clip before the two work clips
  EXPECT_EQ(project->stageStatus(id, annotation::Stage::Audio)->state, annotation::TaskState::Submitted);
  EXPECT_EQ(project->stageStatus(id, annotation::Stage::Visual)->state, annotation::TaskState::Submitted);
  EXPECT_EQ(project->stageStatus(id, annotation::Stage::Joint)->state, annotation::TaskState::NotStarted);
  EXPECT_EQ(project->stageStatus("demo-11-store-opening", annotation::Stage::Audio)->state,
            annotation::TaskState::Approved);
  auto pending = project->pendingReviews({});
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ(pending->front().videoId, id);
  auto pairs = project->qaPairs(id);
  ASSERT_TRUE(pairs && !pairs->empty());
  for (const auto& pair : *pairs) EXPECT_EQ(pair.pair.status, annotation::QaStatus::Pending);
  EXPECT_FALSE(db::importDemoCorpus(*project, corpus, db::DemoImportParams{0, -1}, {}, {}));
}

}  // namespace ugc::pipeline
