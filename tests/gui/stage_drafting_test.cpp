// "Draft with model" in the stage view: a real (tiny, saved) captioner drafts in a worker
// thread while the GUI thread stays responsive; the draft lands in the editor (undoable) and in
// the history named after the model; cancelling stores nothing.
#include <gtest/gtest.h>

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QtTest/QTest>

#include "db/project.h"
#include "gui/diagnostics/event_loop_probe.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/stage/captioner_host.h"
#include "gui/stage/stage_view.h"
#include "model/captioner.h"
#include "model/tokenizer.h"
#include "pipeline/resource_paths.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

using annotation::Role;
using annotation::Stage;

class StageDraftingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    projectPath_ = dir_ / "p.ugcproj";
    std::filesystem::create_directories(dir_ / "clips");
    test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=3", "-f", "lavfi", "-i",
                     "sine=frequency=300:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                     "-shortest", (dir_ / "clips" / "v1.mp4").string()});
    auto tokenizer = model::Tokenizer::load(pipeline::findResource("tokenizer/ugc_captions.model")->string());
    ASSERT_TRUE(tokenizer);
    auto config = model::CaptionerConfig::tinyConfig();
    config.maxTargetTokens = 24;
    auto captioner = model::Captioner::create(config, *tokenizer, 5);
    ASSERT_TRUE(captioner);
    ASSERT_TRUE(captioner->save((dir_ / "models" / "tiny").string()));

    auto created = db::Project::create(projectPath_);
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    ASSERT_TRUE(project_->addUser({"ann", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"rev", Role::Reviewer}));
    // Relative to the project folder, as a project that travels with its model would say it.
    ASSERT_TRUE(project_->setSetting(pipeline::kCaptionerSetting, "models/tiny"));
    db::NewVideo video;
    video.id = "v1";
    video.mediaPath = "clips/v1.mp4";
    video.origin = "test";
    ASSERT_TRUE(project_->addVideo(video));
    host_ = std::make_unique<CaptionerHost>(QString::fromStdString(projectPath_.string()));
  }

  std::unique_ptr<StageView> view(const std::string& user, Role role, Stage stage) {
    auto stageView = std::make_unique<StageView>(*project_, annotation::User{user, role},
                                                 QString::fromStdString(projectPath_.string()), stage);
    stageView->setCaptioner(host_.get());
    EXPECT_TRUE(stageView->openVideo("v1"));
    return stageView;
  }

  test::TempDir dir_;
  std::filesystem::path projectPath_;
  std::optional<db::Project> project_;
  std::unique_ptr<CaptionerHost> host_;
};

TEST_F(StageDraftingTest, DraftsInTheBackgroundIntoTheEditorAndHistory) {
  ASSERT_TRUE(host_->available()) << host_->unavailableReason().toStdString();
  EXPECT_TRUE(host_->modelDir().endsWith("models/tiny"));
  auto stage = view("ann", Role::Annotator, Stage::Audio);
  auto* button = stage->findChild<QPushButton*>("draftButton");
  ASSERT_TRUE(button);
  EXPECT_TRUE(button->isEnabled());

  EventLoopProbe probe;
  probe.start();
  QTest::mouseClick(button, Qt::LeftButton);
  EXPECT_TRUE(stage->isDrafting());
  EXPECT_FALSE(button->isEnabled());  // one draft at a time
  EXPECT_TRUE(stage->findChild<QProgressBar*>("draftProgress")->isVisible() ||
              !stage->isVisible());  // shown while running (the view itself is not shown here)
  ASSERT_TRUE(stage->waitForDraft(120000));
  probe.stop();
  const auto latency = probe.report();
  // Decoding, feature extraction and drafting all ran off the GUI thread.
  UGC_EXPECT_TIMELY(latency.maxMs, 250) << EventLoopProbe::describe(latency).toStdString();

  auto draft = project_->latestDraft("v1", Stage::Audio);
  ASSERT_TRUE(draft && *draft);
  const std::string source = "model:tiny@" + (*draft)->source.substr((*draft)->source.find('@') + 1);
  EXPECT_EQ((*draft)->source, source);
  EXPECT_EQ(stage->captionEditor()->text().toStdString(), (*draft)->caption);
  EXPECT_TRUE(stage->statusMessage().contains("model:tiny@")) << stage->statusMessage().toStdString();
  // The editor says where its draft came from.
  auto* origin = stage->findChild<QLabel*>("draftSource");
  ASSERT_TRUE(origin);
  EXPECT_TRUE(origin->text().contains("the captioner (model:tiny@")) << origin->text().toStdString();
  EXPECT_EQ(project_->stageStatus("v1", Stage::Audio)->state, annotation::TaskState::Drafted);
  EXPECT_GE(stage->historyList()->count(), 1);
  EXPECT_TRUE(button->isEnabled());
}

TEST_F(StageDraftingTest, StartedTextIsReplacedUndoablyAndCancelStoresNothing) {
  auto stage = view("ann", Role::Annotator, Stage::Visual);
  stage->captionEditor()->textEdit()->setPlainText("My own words about the picture.");
  ASSERT_TRUE(stage->save());
  ASSERT_TRUE(stage->draftWithModel());
  ASSERT_TRUE(stage->waitForDraft(120000));
  auto draft = project_->latestDraft("v1", Stage::Visual);
  ASSERT_TRUE(draft && *draft);
  EXPECT_EQ(stage->captionEditor()->text().toStdString(), (*draft)->caption);
  EXPECT_EQ(project_->stageStatus("v1", Stage::Visual)->state, annotation::TaskState::InProgress);
  stage->captionEditor()->textEdit()->undo();
  EXPECT_EQ(stage->captionEditor()->text(), "My own words about the picture.");

  const auto before = project_->history("v1", Stage::Visual)->size();
  ASSERT_TRUE(stage->draftWithModel());
  stage->cancelDraft();
  ASSERT_TRUE(stage->waitForDraft(120000));
  EXPECT_TRUE(stage->statusMessage().contains("cancelled")) << stage->statusMessage().toStdString();
  EXPECT_EQ(project_->history("v1", Stage::Visual)->size(), before);
}

TEST_F(StageDraftingTest, ReviewersAndProjectsWithoutAModelCannotDraft) {
  auto review = view("rev", Role::Reviewer, Stage::Audio);
  EXPECT_FALSE(review->findChild<QPushButton*>("draftButton")->isEnabled());
  EXPECT_FALSE(review->draftWithModel());

  ASSERT_TRUE(project_->setSetting(pipeline::kCaptionerSetting, "models/absent"));
  CaptionerHost missing(QString::fromStdString(projectPath_.string()));
  EXPECT_FALSE(missing.available());
  EXPECT_TRUE(missing.unavailableReason().contains("models/absent")) << missing.unavailableReason().toStdString();
  auto stage = view("ann", Role::Annotator, Stage::Audio);
  stage->setCaptioner(&missing);
  auto* button = stage->findChild<QPushButton*>("draftButton");
  EXPECT_FALSE(button->isEnabled());
  EXPECT_EQ(button->toolTip(), missing.unavailableReason());
}

}  // namespace
}  // namespace ugc::gui

namespace ugc::gui {
namespace {

// Switching before a clip's timeline has loaded abandons that load: the lanes shown are the
// last clip's, never a late result of the one left behind.
TEST_F(StageDraftingTest, RapidSwitchShowsTheLastClipsTimeline) {
  test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=6", "-f", "lavfi", "-i",
                   "sine=frequency=500:duration=6", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                   "-shortest", (dir_ / "clips" / "v2.mp4").string()});
  db::NewVideo video;
  video.id = "v2";
  video.mediaPath = "clips/v2.mp4";
  video.origin = "test";
  ASSERT_TRUE(project_->addVideo(video));
  auto stage = view("ann", Role::Annotator, Stage::Visual);  // opens v1 (3 s) and starts its load
  ASSERT_TRUE(stage->openVideo("v2"));
  ASSERT_TRUE(stage->openVideo("v1"));
  ASSERT_TRUE(stage->openVideo("v2"));
  ASSERT_TRUE(stage->waitForTimeline(60000));
  EXPECT_NEAR(double(stage->timeline()->data().durationMs), 6000.0, 200.0);
  EXPECT_EQ(stage->videoId(), "v2");
}

TEST_F(StageDraftingTest, DraftingStopsOnceTheStageIsSubmittedAndSaysWhy) {
  auto stage = view("ann", Role::Annotator, Stage::Audio);
  auto* button = stage->findChild<QPushButton*>("draftButton");
  ASSERT_TRUE(button && button->isEnabled());
  annotation::AudioFields fields;
  fields.speakerCount = 0;
  fields.tone = "Neutral";
  fields.backgroundMusic = "No";
  fields.language = "None";
  stage->audioFields()->setFields(fields);
  stage->captionEditor()->textEdit()->setPlainText(
      "A steady electronic tone plays on its own for the whole clip, with no speech, no music and no other sound; "
      "its pitch and loudness do not change from start to end.");
  ASSERT_TRUE(stage->submit()) << stage->statusMessage().toStdString();
  EXPECT_FALSE(button->isEnabled()) << "a draft cannot replace submitted text";
  EXPECT_TRUE(button->toolTip().contains("submitted")) << button->toolTip().toStdString();
  EXPECT_FALSE(stage->draftWithModel()) << "Ctrl+D follows the button";
  EXPECT_TRUE(stage->statusMessage().contains("submitted")) << stage->statusMessage().toStdString();
  EXPECT_FALSE(stage->isDrafting());
}

TEST_F(StageDraftingTest, APageWithNoVideoSaysHowToOpenOne) {
  StageView joint(*project_, annotation::User{"ann", Role::Annotator}, QString::fromStdString(projectPath_.string()),
                  Stage::Joint);
  joint.setCaptioner(host_.get());
  auto* empty = joint.findChild<QLabel*>("stageEmptyState");
  ASSERT_TRUE(empty);
  auto* pages = empty->parentWidget();
  ASSERT_TRUE(qobject_cast<QStackedWidget*>(pages));
  EXPECT_EQ(qobject_cast<QStackedWidget*>(pages)->currentWidget(), empty);
  EXPECT_TRUE(empty->text().contains("Ctrl+N")) << empty->text().toStdString();
  EXPECT_FALSE(joint.statusMessage().contains("Write the caption")) << joint.statusMessage().toStdString();
  for (const char* name : {"saveButton", "submitButton", "approveButton", "rejectButton", "draftButton"})
    EXPECT_FALSE(joint.findChild<QPushButton*>(name)->isEnabled()) << name;
  ASSERT_TRUE(joint.openVideo("v1")) << joint.statusMessage().toStdString();
  EXPECT_NE(qobject_cast<QStackedWidget*>(pages)->currentWidget(), empty) << "the editor replaces the hint";
}

}  // namespace
}  // namespace ugc::gui
