#include <gtest/gtest.h>

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtTest/QTest>

#include "db/project.h"
#include "gui/review/review_view.h"
#include "gui/session/stage_session.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

using annotation::Role;
using annotation::Stage;
using annotation::TaskState;

class ReviewViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = db::Project::create(dir_ / "r.ugcproj");
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    ASSERT_TRUE(project_->addUser({"ann", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"rev", Role::Reviewer}));
    StageSession annotator(*project_, {"ann", Role::Annotator});
    for (const char* id : {"v1", "v2"}) {
      db::NewVideo video;
      video.id = id;
      video.annotationOnly = true;
      video.origin = "test";
      ASSERT_TRUE(project_->addVideo(video));
      StageEdit edit;
      edit.audio.speakerCount = 1;
      edit.audio.tone = "Positive";
      edit.audio.backgroundMusic = "No";
      edit.audio.language = "English";
      edit.audio.voiceSource = "Narration";
      edit.audio.speakerGenders = {"female"};
      edit.caption =
          "A cheerful female voice narrates in English with a positive tone, greeting viewers and describing her "
          "morning routine step by step, while soft room noise stays in the background and no music plays.";
      auto submitted = annotator.submit(*annotator.load(id, Stage::Audio), edit);
      ASSERT_TRUE(submitted) << submitted.error().describe();
    }
    annotation::QaPair tone;
    tone.videoId = "v1";
    tone.type = annotation::QaType::Tone;
    tone.question = "What is the tone and mood of the speakers? Please answer with one of the following options.";
    tone.options = {"Positive", "Negative", "Neutral"};
    tone.answer = "Positive";
    ASSERT_TRUE(project_->addQaPair(tone, "template"));
    annotation::QaPair music = tone;
    music.type = annotation::QaType::BackgroundMusic;
    music.question = "Is background music (BGM) present in the video? Please answer with one of the following options.";
    music.options = {"Yes", "No"};
    music.answer = "No";
    ASSERT_TRUE(project_->addQaPair(music, "template"));
  }

  test::TempDir dir_;
  std::optional<db::Project> project_;
};

}  // namespace

TEST_F(ReviewViewTest, KeyboardReviewOfCaptions) {
  QWidget window;
  auto* layout = new QVBoxLayout(&window);
  auto* view = new ReviewView(*project_, {"rev", Role::Reviewer}, &window);
  auto* note = new QLineEdit(&window);
  layout->addWidget(view);
  layout->addWidget(note);
  view->setReasonPrompt([] { return std::optional<QString>("Too vague about the routine."); });
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  ASSERT_EQ(view->captionCount(), 2);
  view->findChild<QListWidget*>("reviewCaptions")->setFocus();
  EXPECT_EQ(view->currentCaption(), 0);
  QTest::keyClick(view, Qt::Key_J);
  EXPECT_EQ(view->currentCaption(), 1);
  QTest::keyClick(view, Qt::Key_K);
  EXPECT_EQ(view->currentCaption(), 0);

  // Typing in a text field does not approve anything.
  note->setFocus();
  QTest::keyClicks(note, "ar");
  EXPECT_EQ(view->captionCount(), 2);

  view->findChild<QListWidget*>("reviewCaptions")->setFocus();
  QTest::keyClick(view, Qt::Key_A);
  EXPECT_EQ(view->captionCount(), 1) << view->statusMessage().toStdString();
  QTest::keyClick(view, Qt::Key_R);
  EXPECT_EQ(view->captionCount(), 0) << view->statusMessage().toStdString();
  EXPECT_EQ(project_->stageStatus("v1", Stage::Audio)->state, TaskState::Approved);
  EXPECT_EQ(project_->stageStatus("v2", Stage::Audio)->state, TaskState::Rejected);
}

TEST_F(ReviewViewTest, QaPairsApproveRejectEditAndAdd) {
  ReviewView view(*project_, {"rev", Role::Reviewer});
  view.setReasonPrompt([] { return std::optional<QString>("The speaker is not positive."); });
  ASSERT_EQ(view.selectedVideo(), "v1");
  ASSERT_EQ(view.qaCount(), 2);
  view.setFocusList(ReviewView::Focus::QaPairs);
  EXPECT_EQ(view.currentQa(), 0);
  ASSERT_TRUE(view.approveCurrent()) << view.statusMessage().toStdString();
  EXPECT_EQ(view.qaPairs()[0].pair.status, annotation::QaStatus::Approved);
  view.next();
  ASSERT_TRUE(view.rejectCurrent()) << view.statusMessage().toStdString();
  EXPECT_EQ(view.qaPairs()[1].pair.status, annotation::QaStatus::Rejected);
  EXPECT_EQ(view.qaPairs()[1].pair.reason, "The speaker is not positive.");

  // An edit outside the options is refused; a valid edit returns the pair to pending,
  // and its editor may not approve it.
  annotation::QaEdit bad{view.qaPairs()[0].pair.question, view.qaPairs()[0].pair.options, "Happy", {}};
  EXPECT_FALSE(view.editQa(0, bad));
  annotation::QaEdit good{view.qaPairs()[0].pair.question, view.qaPairs()[0].pair.options, "Neutral", {}};
  ASSERT_TRUE(view.editQa(0, good)) << view.statusMessage().toStdString();
  EXPECT_EQ(view.qaPairs()[0].pair.status, annotation::QaStatus::Pending);
  EXPECT_EQ(view.qaPairs()[0].pair.origin, annotation::QaOrigin::HumanEdited);
  view.setFocusList(ReviewView::Focus::QaPairs);
  EXPECT_FALSE(view.approveCurrent());

  annotation::QaEdit added{"", {}, "", {"SALE TODAY"}};
  ASSERT_TRUE(view.addQa(annotation::QaType::Ocr, added)) << view.statusMessage().toStdString();
  EXPECT_EQ(view.qaCount(), 3);
  auto history = project_->qaHistory(view.qaPairs()[0].pair.id);
  ASSERT_TRUE(history);
  EXPECT_GE(history->size(), 2u);
}

TEST_F(ReviewViewTest, VisibleButtonsApproveRejectAndDecideAllPendingQaAtOnce) {
  ReviewView view(*project_, {"rev", Role::Reviewer});
  const QString preset = ReviewView::rejectReasonPresets().at(0);
  EXPECT_GE(ReviewView::rejectReasonPresets().size(), 3);
  view.setReasonPrompt([preset] { return std::optional<QString>(preset); });
  view.show();
  auto* approve = view.findChild<QPushButton*>("reviewApproveButton");
  auto* reject = view.findChild<QPushButton*>("reviewRejectButton");
  auto* approveAllQa = view.findChild<QPushButton*>("reviewApproveAllQa");
  auto* rejectAllQa = view.findChild<QPushButton*>("reviewRejectAllQa");
  ASSERT_TRUE(approve && reject && approveAllQa && rejectAllQa);
  EXPECT_TRUE(approve->isVisible());

  // Bulk QA on the selected video (v1): both pending pairs at once, with one reason.
  ASSERT_EQ(view.selectedVideo(), "v1");
  QTest::mouseClick(rejectAllQa, Qt::LeftButton);
  ASSERT_EQ(view.qaCount(), 2);
  for (const auto& stored : view.qaPairs()) {
    EXPECT_EQ(stored.pair.status, annotation::QaStatus::Rejected);
    EXPECT_EQ(stored.pair.reason, preset.toStdString());
  }
  EXPECT_EQ(view.approvePendingQa(), 0) << "nothing pending is left";

  // The caption buttons act on the captions even after a click in the QA list.
  view.setFocusList(ReviewView::Focus::QaPairs);
  QTest::mouseClick(approve, Qt::LeftButton);
  EXPECT_EQ(project_->stageStatus("v1", Stage::Audio)->state, TaskState::Approved) << view.statusMessage().toStdString();
  ASSERT_EQ(view.captionCount(), 1);
  QTest::mouseClick(reject, Qt::LeftButton);
  EXPECT_EQ(project_->stageStatus("v2", Stage::Audio)->state, TaskState::Rejected);
  auto reviews = project_->reviews("v2", Stage::Audio);
  ASSERT_TRUE(reviews && !reviews->empty());
  EXPECT_EQ(reviews->back().event.reason, preset.toStdString()) << "the preset reason is recorded";
}

}  // namespace ugc::gui
