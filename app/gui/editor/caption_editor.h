#pragma once
// The caption editor of a stage: the text, live validation (length, paragraph shape,
// modality leakage highlighted in the text, consistency with the fields), the faithfulness
// lint (claims the stage's facts contradict or do not support, underlined, the reason in the
// tooltip), the word-level diff against the draft it started from, and autosave hooks.

#include <QWidget>
#include <functional>
#include <vector>

#include "annotation/faithfulness.h"
#include "annotation/stage.h"
#include "annotation/validation.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTextBrowser;
class QTimer;

namespace ugc::gui {

class CaptionEditor : public QWidget {
  Q_OBJECT

 public:
  explicit CaptionEditor(QWidget* parent = nullptr);

  void setStage(annotation::Stage stage);
  annotation::Stage stage() const { return stage_; }
  // The current structured fields, asked for at each validation (consistency checks).
  void setFieldsProvider(std::function<annotation::Submission()> provider);
  // The facts the caption's claims are checked against (annotation/faithfulness.h), asked for at
  // each validation. Without one, the fields provider's fields of this stage are the facts.
  void setFactsProvider(std::function<annotation::FaithfulnessFacts()> provider);

  // Loads text and the draft it is compared with; not a user edit (no autosave, not dirty).
  void load(const QString& text, const QString& draft, const QString& draftSource);
  QString text() const;
  QString draft() const { return draft_; }
  // A new draft that replaced the text (the caller put it in through the undo stack): the
  // diff and the draft label follow it, the text is not touched.
  void setDraft(const QString& draft, const QString& draftSource);
  bool isDirty() const { return dirty_; }
  void markSaved() { dirty_ = false; }

  // Validation of the current text and fields (also run 300 ms after each edit).
  const std::vector<annotation::ValidationIssue>& validate();
  const std::vector<annotation::ValidationIssue>& issues() const { return issues_; }
  // The checkable claims of the current text with their verdicts (from the last validation).
  const std::vector<annotation::Claim>& claims() const { return claims_; }
  int flaggedClaims() const;  // contradicted + unsupported
  int blockingIssues() const;
  int wordCount() const { return wordCount_; }
  int editDistance() const { return editDistance_; }
  QString diffHtml() const;  // the draft -> text diff, as shown

  QPlainTextEdit* textEdit() const { return edit_; }
  QListWidget* issueList() const { return issueList_; }

 signals:
  void textEdited();
  void validated(int errors, int warnings);
  // Autosave moments: every few seconds while dirty, and when the editor loses focus.
  void autosaveRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onTextChanged();
  void highlight();
  void updateSummary();

  annotation::Stage stage_ = annotation::Stage::Audio;
  std::function<annotation::Submission()> fieldsProvider_;
  std::function<annotation::FaithfulnessFacts()> factsProvider_;
  QPlainTextEdit* edit_ = nullptr;
  QListWidget* issueList_ = nullptr;
  QTextBrowser* diffView_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* draftLabel_ = nullptr;
  QTimer* validateTimer_ = nullptr;
  QTimer* autosaveTimer_ = nullptr;
  QString draft_;
  bool loading_ = false;
  bool dirty_ = false;
  int wordCount_ = 0;
  int editDistance_ = 0;
  std::vector<annotation::ValidationIssue> issues_;
  std::vector<annotation::Claim> claims_;
};

}  // namespace ugc::gui
