// The faithfulness lint in the caption editor, and redraft from corrected fields (#15 item 4):
// a real project file, the real stage view on the offscreen platform.
#include <gtest/gtest.h>

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QtTest/QTest>

#include "annotation/template_caption.h"
#include "db/project.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/editor/choice_group.h"
#include "gui/stage/stage_view.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

using annotation::ClaimKind;
using annotation::ClaimVerdict;
using annotation::Role;
using annotation::Stage;

annotation::AudioFields draftedFields() {
  annotation::AudioFields fields;
  fields.speakerCount = 2;
  fields.speakerGenders = {"male", "female"};
  fields.tone = "Positive";
  fields.backgroundMusic = "Yes";
  fields.musicStyle = "Cheerful";
  fields.language = "English";
  fields.voiceSource = "In-Video Voice";
  return fields;
}

// The tooltip of the claim highlight covering `word` (empty when none covers it).
QString claimTooltip(const CaptionEditor& editor, const QString& word) {
  const int at = editor.text().indexOf(word);
  for (const auto& selection : editor.textEdit()->extraSelections()) {
    if (selection.format.property(QTextFormat::UserProperty).toInt() == 0) continue;  // not a claim
    if (selection.cursor.selectionStart() <= at && at < selection.cursor.selectionEnd()) {
      return selection.format.toolTip();
    }
  }
  return {};
}

class StageRedraftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    projectPath_ = dir_.path() / "p.ugcproj";
    auto created = db::Project::create(projectPath_);
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    ASSERT_TRUE(project_->addUser({"ann", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"rev", Role::Reviewer}));
    db::NewVideo video;
    video.id = "v1";
    video.annotationOnly = true;
    video.origin = "test";
    ASSERT_TRUE(project_->addVideo(video));
    // A draft made from the fields, as the drafter stores it.
    db::NewDraft draft;
    draft.videoId = "v1";
    draft.stage = Stage::Audio;
    draft.audio = draftedFields();
    draft.caption = annotation::audioTemplateCaption(draftedFields());
    draft.author = "drafter";
    draft.source = "template:fields";
    ASSERT_TRUE(project_->saveDraft(draft));
  }

  std::unique_ptr<StageView> view(const std::string& user, Role role) {
    auto stageView = std::make_unique<StageView>(*project_, annotation::User{user, role},
                                                 QString::fromStdString(projectPath_.string()), Stage::Audio);
    EXPECT_TRUE(stageView->openVideo("v1"));
    return stageView;
  }

  void chooseMusic(StageView& stage, const char* answer) {
    auto* button = stage.audioFields()->musicGroup()->findChild<QRadioButton*>(QString("choice_") + answer);
    ASSERT_TRUE(button);
    button->click();
  }

  test::TempDir dir_;
  std::filesystem::path projectPath_;
  std::optional<db::Project> project_;
};

TEST(CaptionEditorFaithfulness, UnderlinesContradictedAndUnsupportedClaimsWithTheReason) {
  CaptionEditor editor;
  editor.setStage(Stage::Audio);
  annotation::AudioFields fields;
  fields.backgroundMusic = "No";
  fields.speakerCount = 1;
  editor.setFieldsProvider([fields] {
    annotation::Submission submission;
    submission.audio = fields;
    return submission;
  });
  editor.load("A woman speaks in French over upbeat music while two speakers laugh in the background.", "", "");
  editor.validate();
  ASSERT_FALSE(editor.claims().empty());
  // Music the field denies: contradicted, and the tooltip says which fact.
  const QString music = claimTooltip(editor, "music");
  EXPECT_TRUE(music.startsWith("Contradicted")) << music.toStdString();
  EXPECT_TRUE(music.contains("background music field: No")) << music.toStdString();
  EXPECT_TRUE(claimTooltip(editor, "two speakers").startsWith("Contradicted"));  // the field says 1
  // A language nobody gave: unsupported.
  const QString french = claimTooltip(editor, "French");
  EXPECT_TRUE(french.startsWith("Not supported")) << french.toStdString();
  EXPECT_GE(editor.flaggedClaims(), 4);
  EXPECT_TRUE(editor.findChild<QLabel*>("captionSummary")->text().contains("contradicted"));

  // With facts that support everything, nothing is underlined.
  editor.setFactsProvider([] {
    annotation::FaithfulnessFacts facts;
    annotation::AudioFields audio;
    audio.backgroundMusic = "Yes";
    audio.musicStyle = "Cheerful";
    audio.language = "French";
    audio.speakerCount = 2;
    audio.speakerGenders = {"female", "male"};
    facts.audio = audio;
    return facts;
  });
  editor.validate();
  EXPECT_EQ(editor.flaggedClaims(), 0);
  EXPECT_TRUE(claimTooltip(editor, "music").isEmpty());
}

TEST_F(StageRedraftTest, CorrectingAFieldRedraftsAnUntouchedDraftUndoablyAndInHistory) {
  auto stage = view("ann", Role::Annotator);
  const QString before = stage->captionEditor()->text();
  ASSERT_TRUE(before.contains("cheerful background music")) << before.toStdString();
  const int historyBefore = stage->historyList()->count();

  chooseMusic(*stage, "No");  // BGM Yes -> No

  annotation::AudioFields corrected = draftedFields();
  corrected.backgroundMusic = "No";
  corrected.musicStyle.clear();
  const QString expected = QString::fromStdString(annotation::audioTemplateCaption(corrected));
  EXPECT_EQ(stage->captionEditor()->text(), expected);
  EXPECT_TRUE(expected.contains("no background music"));
  EXPECT_FALSE(stage->captionEditor()->isDirty());  // the text is the stored draft
  EXPECT_FALSE(stage->redraftButton()->isVisible());
  // Recorded: a new draft revision carrying the corrected fields.
  EXPECT_EQ(stage->historyList()->count(), historyBefore + 1);
  auto latest = project_->latestDraft("v1", Stage::Audio);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->caption, expected.toStdString());
  EXPECT_EQ((*latest)->source, "template:fields");
  EXPECT_EQ((*latest)->author, "ann");
  ASSERT_TRUE((*latest)->audio.has_value());
  EXPECT_EQ((*latest)->audio->backgroundMusic, "No");
  // The redrafted text makes no claim the corrected fields contradict.
  for (const auto& claim : stage->captionEditor()->claims()) {
    EXPECT_NE(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;
  }
  // Through the undo stack: Ctrl+Z brings the previous draft back.
  stage->captionEditor()->textEdit()->undo();
  EXPECT_EQ(stage->captionEditor()->text(), before);

  // A second correction (2 -> 3 speakers) redrafts again from the draft now stored.
  stage->captionEditor()->textEdit()->redo();
  stage->captionEditor()->markSaved();
  stage->audioFields()->speakerCountBox()->setValue(3);
  EXPECT_TRUE(stage->captionEditor()->text().contains("three")) << stage->captionEditor()->text().toStdString();
  EXPECT_EQ(stage->historyList()->count(), historyBefore + 2);
}

TEST_F(StageRedraftTest, AfterAHumanEditItOffersRedraftInsteadOfOverwriting) {
  auto stage = view("ann", Role::Annotator);
  auto* edit = stage->captionEditor()->textEdit();
  edit->setFocus();
  edit->moveCursor(QTextCursor::End);
  QTest::keyClicks(edit, " A dog barks twice.");
  const QString mine = stage->captionEditor()->text();
  ASSERT_TRUE(stage->captionEditor()->isDirty());

  chooseMusic(*stage, "No");
  EXPECT_EQ(stage->captionEditor()->text(), mine);  // not overwritten
  EXPECT_FALSE(stage->redraftButton()->isHidden());
  // The lint already checks against the corrected field: the music claim is contradicted now.
  EXPECT_TRUE(claimTooltip(*stage->captionEditor(), "music").startsWith("Contradicted"));

  QTest::mouseClick(stage->redraftButton(), Qt::LeftButton);
  EXPECT_NE(stage->captionEditor()->text(), mine);
  EXPECT_TRUE(stage->captionEditor()->text().contains("no background music"));
  EXPECT_TRUE(stage->redraftButton()->isHidden());
  edit->undo();
  EXPECT_EQ(stage->captionEditor()->text(), mine);  // the human text is one Ctrl+Z away

  // The same after a saved human edit (the head is the annotator's).
  ASSERT_TRUE(stage->save());
  stage->audioFields()->speakerCountBox()->setValue(1);
  EXPECT_EQ(stage->captionEditor()->text(), mine);
  EXPECT_FALSE(stage->redraftButton()->isHidden());
}

TEST_F(StageRedraftTest, AReviewerNeverRedrafts) {
  auto stage = view("rev", Role::Reviewer);
  const QString before = stage->captionEditor()->text();
  stage->audioFields()->speakerCountBox()->setValue(4);
  EXPECT_EQ(stage->captionEditor()->text(), before);
  EXPECT_TRUE(stage->redraftButton()->isHidden());
  EXPECT_FALSE(stage->redraftFromFields());
}

}  // namespace
}  // namespace ugc::gui
