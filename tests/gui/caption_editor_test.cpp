#include <gtest/gtest.h>

#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest/QTest>

#include "gui/editor/caption_editor.h"
#include "gui/editor/text_spans.h"

namespace ugc::gui {
namespace {

const QString kAudioDraft =
    "A calm male voice explains how to cook pasta in a neutral tone, describing each step slowly while a soft "
    "kitchen hum stays in the background and no music plays at any point during the short clip.";

QStringList highlighted(const CaptionEditor& editor) {
  QStringList words;
  for (const auto& selection : editor.textEdit()->extraSelections()) words << selection.cursor.selectedText();
  return words;
}

}  // namespace

TEST(TextSpans, MapsUtf8BytesToQtPositions) {
  const std::string text = "café — red";
  EXPECT_EQ(utf16Position(text, 0), 0);
  EXPECT_EQ(utf16Position(text, 5), 4);   // after "café" (é is 2 bytes)
  EXPECT_EQ(utf16Position(text, 10), 7);  // "—" is 3 bytes, 1 UTF-16 unit: before "red"
  EXPECT_EQ(utf16Position(text, 999), 10);
}

TEST(CaptionEditor, LoadIsNotAnEditTypingIs) {
  CaptionEditor editor;
  editor.setStage(annotation::Stage::Audio);
  editor.load(kAudioDraft, kAudioDraft, "model:tiny@abc");
  EXPECT_FALSE(editor.isDirty());
  EXPECT_EQ(editor.editDistance(), 0);
  QSignalSpy edits(&editor, &CaptionEditor::textEdited);
  editor.textEdit()->setFocus();
  editor.textEdit()->moveCursor(QTextCursor::End);
  QTest::keyClicks(editor.textEdit(), " Nice.");
  EXPECT_TRUE(editor.isDirty());
  EXPECT_GE(edits.count(), 1);
  editor.validate();
  EXPECT_EQ(editor.editDistance(), 1);
  EXPECT_TRUE(editor.diffHtml().contains("background:#bbf7d0'>Nice."));
}

TEST(CaptionEditor, HighlightsModalityLeakageInAnAudioCaption) {
  CaptionEditor editor;
  editor.setStage(annotation::Stage::Audio);
  editor.load(kAudioDraft + " The man wears a red shirt.", kAudioDraft, "");
  const auto& issues = editor.validate();
  bool leakage = false;
  for (const auto& issue : issues) leakage = leakage || issue.code == "leakage";
  EXPECT_TRUE(leakage);
  const QStringList words = highlighted(editor);
  EXPECT_TRUE(words.contains("red")) << words.join(",").toStdString();
  EXPECT_GE(editor.issueList()->count(), 1);
}

TEST(CaptionEditor, TooShortCaptionBlocksSubmission) {
  CaptionEditor editor;
  editor.setStage(annotation::Stage::Joint);
  editor.load("A dog.", "", "");
  editor.validate();
  EXPECT_GT(editor.blockingIssues(), 0);
  EXPECT_TRUE(editor.diffHtml().contains("No draft"));
}

TEST(CaptionEditor, AutosavesWhenFocusLeavesWithUnsavedText) {
  QWidget window;
  auto* layout = new QVBoxLayout(&window);
  auto* editor = new CaptionEditor(&window);
  auto* other = new QLineEdit(&window);
  layout->addWidget(editor);
  layout->addWidget(other);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  editor->load("Some text.", "", "");
  QSignalSpy autosaves(editor, &CaptionEditor::autosaveRequested);
  editor->textEdit()->setFocus();
  other->setFocus();
  EXPECT_EQ(autosaves.count(), 0) << "nothing to save yet";
  editor->textEdit()->setFocus();
  QTest::keyClicks(editor->textEdit(), "x");
  other->setFocus();
  EXPECT_EQ(autosaves.count(), 1);
  editor->markSaved();
  EXPECT_FALSE(editor->isDirty());
}

}  // namespace ugc::gui
