#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QtTest/QTest>

#include "db/project.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/player/player_controller.h"
#include "gui/player/player_widget.h"
#include "gui/recovery_store.h"
#include "gui/stage/stage_view.h"
#include "pipeline/project_extraction.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

using annotation::Role;
using annotation::Stage;
using annotation::TaskState;

const QString kCaption =
    "A calm male voice explains in English how to boil pasta, speaking in a neutral and friendly tone while a "
    "gentle kitchen hum stays in the background; no music plays, and the narration ends with a short reminder "
    "to serve the dish warm.";

class StageViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    projectPath_ = dir_ / "demo.ugcproj";
    std::filesystem::create_directories(dir_ / "clips");
    test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=180x320:r=25:d=2", "-f", "lavfi", "-i",
                     "sine=frequency=300:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                     "-shortest", (dir_ / "clips" / "v1.mp4").string()});
    auto created = db::Project::create(projectPath_);
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    ASSERT_TRUE(project_->addUser({"ann", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"bob", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"rev", Role::Reviewer}));
    db::NewVideo video;
    video.id = "v1";
    video.mediaPath = "clips/v1.mp4";
    video.origin = "test";
    ASSERT_TRUE(project_->addVideo(video));
  }

  std::unique_ptr<StageView> view(const std::string& user, Role role, Stage stage) {
    auto stageView = std::make_unique<StageView>(*project_, annotation::User{user, role},
                                                 QString::fromStdString(projectPath_.string()), stage);
    StagePrompts prompts;
    prompts.rejectReason = [] { return std::optional<QString>("Mention the reminder at the end."); };
    prompts.restoreUnsaved = [this](const RecoveredText&) { return restoreAnswer_; };
    prompts.conflict = [this](const QString& theirs, const QString&) {
      conflictShown_ = theirs;
      return conflictAnswer_;
    };
    stageView->setPrompts(prompts);
    EXPECT_TRUE(stageView->openVideo("v1")) << stageView->statusMessage().toStdString();
    return stageView;
  }

  static void fillAudio(StageView& view, const QString& caption) {
    annotation::AudioFields fields;
    fields.speakerCount = 1;
    fields.tone = "Neutral";
    fields.backgroundMusic = "No";
    fields.language = "English";
    fields.voiceSource = "Narration";
    fields.speakerGenders = {"male"};
    view.audioFields()->setFields(fields);
    view.captionEditor()->textEdit()->setPlainText(caption);
  }

  test::TempDir dir_;
  std::filesystem::path projectPath_;
  std::optional<db::Project> project_;
  bool restoreAnswer_ = true;
  ConflictChoice conflictAnswer_ = ConflictChoice::KeepMine;
  QString conflictShown_;
};

}  // namespace

TEST_F(StageViewTest, AudioStageHidesPictureAndVisualStageMutes) {
  auto audio = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_FALSE(audio->playerWidget()->pictureShown());
  EXPECT_FALSE(audio->timeline()->pictureVisible());
  EXPECT_TRUE(audio->timeline()->audioVisible());
  auto visual = view("ann", Role::Annotator, Stage::Visual);
  EXPECT_TRUE(visual->playerWidget()->pictureShown());
  EXPECT_TRUE(visual->player()->muted());
  EXPECT_FALSE(visual->playerWidget()->muteButton()->isEnabled());
  EXPECT_FALSE(visual->timeline()->audioVisible());
  EXPECT_TRUE(visual->waitForTimeline(20000));
  EXPECT_FALSE(visual->timeline()->data().peakMax.isEmpty());
}

TEST_F(StageViewTest, AudioStageShowsLoudnessFactsOnceExtracted) {
  auto before = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_TRUE(before->audioFacts().contains("not measured yet"));
  pipeline::ProjectExtractParams params;
  params.suggest = false;
  auto extracted = pipeline::extractProject(*project_, params, {}, {});
  ASSERT_TRUE(extracted && extracted->extracted == 1) << (extracted ? "" : extracted.error().describe());
  auto after = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_TRUE(after->audioFacts().contains("LUFS")) << after->audioFacts().toStdString();
  EXPECT_TRUE(after->audioFacts().contains("clipping 0.00 %")) << after->audioFacts().toStdString();
  auto visual = view("ann", Role::Annotator, Stage::Visual);
  EXPECT_TRUE(visual->audioFacts().isEmpty()) << "no audio facts in the visual-only stage";
}

TEST_F(StageViewTest, SubmitRejectFixApproveThroughTheViews) {
  auto annotator = view("ann", Role::Annotator, Stage::Audio);
  fillAudio(*annotator, kCaption);
  ASSERT_TRUE(annotator->submit()) << annotator->statusMessage().toStdString();
  EXPECT_EQ(annotator->snapshot()->state, TaskState::Submitted);

  auto reviewer = view("rev", Role::Reviewer, Stage::Audio);
  EXPECT_TRUE(reviewer->findChild<QPushButton*>("approveButton")->isEnabled());
  EXPECT_FALSE(reviewer->findChild<QPushButton*>("saveButton")->isEnabled());
  ASSERT_TRUE(reviewer->reject()) << reviewer->statusMessage().toStdString();
  EXPECT_EQ(reviewer->snapshot()->state, TaskState::Rejected);

  ASSERT_TRUE(annotator->openVideo("v1"));
  EXPECT_EQ(annotator->snapshot()->state, TaskState::Rejected);
  fillAudio(*annotator, kCaption + " It closes with a reminder to serve it warm.");
  ASSERT_TRUE(annotator->submit()) << annotator->statusMessage().toStdString();

  ASSERT_TRUE(reviewer->openVideo("v1"));
  ASSERT_TRUE(reviewer->approve()) << reviewer->statusMessage().toStdString();
  EXPECT_EQ(reviewer->snapshot()->state, TaskState::Approved);
  EXPECT_GE(reviewer->historyList()->count(), 2);
}

TEST_F(StageViewTest, InvalidCaptionIsNotSubmitted) {
  auto annotator = view("ann", Role::Annotator, Stage::Audio);
  fillAudio(*annotator, "Too short.");
  EXPECT_FALSE(annotator->submit());
  EXPECT_TRUE(annotator->statusMessage().contains("error"));
  EXPECT_NE(annotator->snapshot()->state, TaskState::Submitted);
}

TEST_F(StageViewTest, UnsavedTextSurvivesACrashAndIsOffered) {
  {
    auto annotator = view("ann", Role::Annotator, Stage::Audio);
    annotator->captionEditor()->textEdit()->setFocus();
    QTest::keyClicks(annotator->captionEditor()->textEdit(), "Words typed before the power cut");
    annotator->autosave();  // the periodic autosave; then the process dies without saving
    // Simulate the crash: no save, and the destructor's own autosave must not be relied on.
  }
  restoreAnswer_ = true;
  auto reopened = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_EQ(reopened->captionEditor()->text(), "Words typed before the power cut");
  EXPECT_TRUE(reopened->statusMessage().contains("Restored unsaved text"));
  // Saving clears the recovery entry: the next open offers nothing.
  ASSERT_TRUE(reopened->save());
  restoreAnswer_ = false;
  auto again = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_EQ(again->captionEditor()->text(), "Words typed before the power cut");
}

TEST_F(StageViewTest, SaveConflictIsShownAndResolvedWithoutLosingEither) {
  auto first = view("ann", Role::Annotator, Stage::Audio);
  auto second = view("bob", Role::Annotator, Stage::Audio);
  first->captionEditor()->textEdit()->setPlainText("First annotator's text.");
  ASSERT_TRUE(first->save());
  second->captionEditor()->textEdit()->setPlainText("Second annotator's text.");
  conflictAnswer_ = ConflictChoice::KeepMine;
  EXPECT_FALSE(second->save());
  EXPECT_EQ(conflictShown_, "First annotator's text.");
  EXPECT_EQ(second->captionEditor()->text(), "Second annotator's text.");
  ASSERT_TRUE(second->save()) << second->statusMessage().toStdString();
  auto history = project_->history("v1", Stage::Audio);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).caption, "First annotator's text.");
  EXPECT_EQ(history->at(1).caption, "Second annotator's text.");
}

}  // namespace ugc::gui

namespace ugc::gui {
namespace {

// The store access policy at the GUI: a save that meets another writer's lock (a concurrent
// `ugccap import`) says "project busy" and is retried from the event loop until it goes through.
TEST_F(StageViewTest, ASaveMeetingABusyProjectLandsFromTheBackgroundWriter) {
  auto gui = db::Project::open(projectPath_, db::interactiveConnectionParams());
  ASSERT_TRUE(gui) << gui.error().describe();
  StageView view(*gui, annotation::User{"ann", Role::Annotator}, QString::fromStdString(projectPath_.string()),
                 Stage::Audio);
  StagePrompts prompts;
  prompts.restoreUnsaved = [](const RecoveredText&) { return false; };
  view.setPrompts(prompts);
  ASSERT_TRUE(view.openVideo("v1")) << view.statusMessage().toStdString();
  fillAudio(view, kCaption);

  auto writer = db::Connection::open(projectPath_, db::OpenMode::ReadWrite);
  ASSERT_TRUE(writer);
  auto held = std::make_optional(db::Transaction::begin(*writer, db::TransactionKind::Immediate));
  ASSERT_TRUE(*held);
  QElapsedTimer onGuiThread;
  onGuiThread.start();
  EXPECT_FALSE(view.save());
  // The GUI thread tries once and hands over; it must not wait out the other writer's lock.
  UGC_EXPECT_TIMELY(onGuiThread.elapsed(), 100);
  EXPECT_TRUE(view.statusMessage().contains("Project busy")) << view.statusMessage().toStdString();
  EXPECT_TRUE(RecoveryStore(QString::fromStdString(projectPath_.string())).load("v1", "audio"))
      << "the text is in the recovery folder while the save waits";
  held.reset();  // the other writer finishes

  for (int i = 0; i < 400 && view.statusMessage() != "Saved."; ++i) QTest::qWait(50);
  EXPECT_EQ(view.statusMessage().toStdString(), "Saved.");
  auto head = project_->headRevision("v1", Stage::Audio);
  ASSERT_TRUE(head && *head);
  EXPECT_EQ((*head)->caption, kCaption.toStdString());
}

TEST_F(StageViewTest, ASecondSaveWhileTheFirstWaitsLandsTheLatestTextOnTopOfIt) {
  auto view = this->view("ann", Role::Annotator, Stage::Audio);
  fillAudio(*view, kCaption);
  auto writer = db::Connection::open(projectPath_, db::OpenMode::ReadWrite);
  ASSERT_TRUE(writer);
  auto held = std::make_optional(db::Transaction::begin(*writer, db::TransactionKind::Immediate));
  ASSERT_TRUE(*held);
  EXPECT_FALSE(view->save());
  const QString latest = kCaption + " The pot is covered at the end.";
  view->captionEditor()->textEdit()->setPlainText(latest);
  EXPECT_FALSE(view->save());
  EXPECT_TRUE(view->statusMessage().contains("this one follows")) << view->statusMessage().toStdString();
  held.reset();

  for (int i = 0; i < 400 && view->statusMessage() != "Saved."; ++i) QTest::qWait(50);
  EXPECT_EQ(view->statusMessage().toStdString(), "Saved.");
  EXPECT_TRUE(conflictShown_.isEmpty()) << "the follow-up is based on the first save, not a conflict with it";
  auto revisions = project_->history("v1", Stage::Audio);
  ASSERT_TRUE(revisions) << revisions.error().describe();
  ASSERT_EQ(revisions->size(), 2u) << "both saves are in the history, in order";
  EXPECT_EQ(revisions->front().caption, kCaption.toStdString());
  EXPECT_EQ(revisions->back().caption, latest.toStdString());
  EXPECT_EQ(view->captionEditor()->textEdit()->toPlainText(), latest);
}

TEST_F(StageViewTest, ABackgroundSaveLandsEvenAfterTheUserMovedToAnotherVideo) {
  db::NewVideo second;
  second.id = "v2";
  second.mediaPath = "clips/v1.mp4";
  second.origin = "test";
  ASSERT_TRUE(project_->addVideo(second));
  auto view = this->view("ann", Role::Annotator, Stage::Audio);
  fillAudio(*view, kCaption);
  QStringList changed;
  QObject::connect(view.get(), &StageView::stateChanged,
                   [&](const QString& videoId, Stage) { changed << videoId; });
  auto writer = db::Connection::open(projectPath_, db::OpenMode::ReadWrite);
  ASSERT_TRUE(writer);
  auto held = std::make_optional(db::Transaction::begin(*writer, db::TransactionKind::Immediate));
  ASSERT_TRUE(*held);
  EXPECT_FALSE(view->save());
  ASSERT_TRUE(view->openVideo("v2")) << view->statusMessage().toStdString();
  held.reset();

  for (int i = 0; i < 400 && !changed.contains("v1"); ++i) QTest::qWait(50);
  EXPECT_TRUE(changed.contains("v1")) << "the queue learns that v1 was saved";
  auto head = project_->headRevision("v1", Stage::Audio);
  ASSERT_TRUE(head && *head);
  EXPECT_EQ((*head)->caption, kCaption.toStdString());
  EXPECT_FALSE(RecoveryStore(QString::fromStdString(projectPath_.string())).load("v1", "audio"))
      << "once saved, the recovery copy is gone";
  EXPECT_EQ(view->snapshot()->videoId, "v2") << "the open video is untouched";
}

TEST_F(StageViewTest, ALockedJointStageDoesNotAskForACaption) {
  auto joint = view("ann", Role::Annotator, Stage::Joint);
  ASSERT_TRUE(joint->snapshot() && joint->snapshot()->jointLocked) << "audio and visual are not approved yet";
  EXPECT_TRUE(joint->captionEditor()->textEdit()->isReadOnly());
  EXPECT_TRUE(joint->captionEditor()->issues().empty()) << "no 'Write the caption.' for text nobody may write yet";
  auto audio = view("ann", Role::Annotator, Stage::Audio);
  EXPECT_FALSE(audio->captionEditor()->textEdit()->isReadOnly());
  audio->captionEditor()->validate();
  EXPECT_FALSE(audio->captionEditor()->issues().empty()) << "an editable empty caption is still an error";
}

}  // namespace
}  // namespace ugc::gui
