#include "gui/editor/caption_editor.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "annotation/caption_lint.h"
#include "annotation/metrics.h"
#include "gui/editor/text_spans.h"

namespace ugc::gui {
namespace {
constexpr int kValidateDelayMs = 300;
constexpr int kAutosaveIntervalMs = 5000;
}  // namespace

CaptionEditor::CaptionEditor(QWidget* parent) : QWidget(parent) {
  draftLabel_ = new QLabel(this);
  draftLabel_->setObjectName("draftSource");
  draftLabel_->setWordWrap(true);  // the origin and its figures must not widen the window
  edit_ = new QPlainTextEdit(this);
  edit_->setObjectName("captionEdit");
  edit_->setPlaceholderText(tr("Write one fluent, objective paragraph."));
  edit_->installEventFilter(this);
  summary_ = new QLabel(this);
  summary_->setObjectName("captionSummary");
  issueList_ = new QListWidget(this);
  issueList_->setObjectName("issueList");
  issueList_->setMaximumHeight(110);
  diffView_ = new QTextBrowser(this);
  diffView_->setObjectName("draftDiff");
  diffView_->setMaximumHeight(120);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(draftLabel_);
  layout->addWidget(edit_, 1);
  layout->addWidget(summary_);
  layout->addWidget(issueList_);
  layout->addWidget(new QLabel(tr("Changes from the draft:"), this));
  layout->addWidget(diffView_);

  validateTimer_ = new QTimer(this);
  validateTimer_->setSingleShot(true);
  validateTimer_->setInterval(kValidateDelayMs);
  connect(validateTimer_, &QTimer::timeout, this, [this] { validate(); });
  autosaveTimer_ = new QTimer(this);
  autosaveTimer_->setInterval(kAutosaveIntervalMs);
  connect(autosaveTimer_, &QTimer::timeout, this, [this] {
    if (dirty_) emit autosaveRequested();
  });
  autosaveTimer_->start();
  connect(edit_, &QPlainTextEdit::textChanged, this, &CaptionEditor::onTextChanged);
}

void CaptionEditor::setStage(annotation::Stage stage) {
  stage_ = stage;
  validate();
}

void CaptionEditor::setFieldsProvider(std::function<annotation::Submission()> provider) {
  fieldsProvider_ = std::move(provider);
}

void CaptionEditor::setFactsProvider(std::function<annotation::FaithfulnessFacts()> provider) {
  factsProvider_ = std::move(provider);
}

void CaptionEditor::setDraft(const QString& draft, const QString& draftSource) {
  draft_ = draft;
  draftLabel_->setText(draftSource.isEmpty() ? tr("No draft") : tr("Draft from %1").arg(draftSource));
  validate();
}

int CaptionEditor::flaggedClaims() const {
  const auto counts = annotation::countClaims(claims_);
  return counts.contradicted + counts.unsupported;
}

void CaptionEditor::load(const QString& text, const QString& draft, const QString& draftSource) {
  loading_ = true;
  draft_ = draft;
  edit_->setPlainText(text);
  draftLabel_->setText(draftSource.isEmpty() ? tr("No draft") : tr("Draft from %1").arg(draftSource));
  loading_ = false;
  dirty_ = false;
  validate();
}

QString CaptionEditor::text() const { return edit_->toPlainText(); }

void CaptionEditor::onTextChanged() {
  if (loading_) return;
  dirty_ = true;
  emit textEdited();
  validateTimer_->start();
}

const std::vector<annotation::ValidationIssue>& CaptionEditor::validate() {
  annotation::Submission submission = fieldsProvider_ ? fieldsProvider_() : annotation::Submission{};
  submission.stage = stage_;
  submission.caption = text().toStdString();
  issues_ = annotation::validateSubmission(submission);
  // Text nobody may change now (a locked or finished stage) is not asked to be written.
  if (edit_->isReadOnly() && submission.caption.empty()) issues_.clear();
  annotation::FaithfulnessFacts facts;
  if (factsProvider_) {
    facts = factsProvider_();
  } else {
    if (stage_ != annotation::Stage::Visual) facts.audio = submission.audio;
    if (stage_ != annotation::Stage::Audio) facts.visual = submission.visual;
  }
  claims_ = annotation::checkFaithfulness(submission.caption, stage_, facts);
  wordCount_ = annotation::countCaptionWords(submission.caption);
  editDistance_ = annotation::wordEditDistance(draft_.toStdString(), submission.caption);

  issueList_->clear();
  int errors = 0;
  for (const auto& issue : issues_) {
    const bool error = issue.severity == annotation::Severity::Error;
    errors += error;
    auto* item = new QListWidgetItem((error ? tr("Error: ") : tr("Warning: ")) + QString::fromStdString(issue.message));
    item->setForeground(error ? QColor("#b91c1c") : QColor("#a16207"));
    issueList_->addItem(item);
  }
  highlight();
  diffView_->setHtml(diffHtml());
  updateSummary();
  emit validated(errors, int(issues_.size()) - errors);
  return issues_;
}

int CaptionEditor::blockingIssues() const { return annotation::countBlockingIssues(issues_); }

void CaptionEditor::highlight() {
  const std::string utf8 = text().toStdString();
  QList<QTextEdit::ExtraSelection> selections;
  for (const auto& issue : issues_) {
    const bool error = issue.severity == annotation::Severity::Error;
    for (const auto& span : issue.spans) {
      QTextEdit::ExtraSelection selection;
      selection.cursor = QTextCursor(edit_->document());
      selection.cursor.setPosition(utf16Position(utf8, span.begin));
      selection.cursor.setPosition(utf16Position(utf8, span.end), QTextCursor::KeepAnchor);
      selection.format.setBackground(error ? QColor("#fecaca") : QColor("#fde68a"));
      selection.format.setToolTip(QString::fromStdString(issue.message));
      selections.append(selection);
    }
  }
  // Claims the facts contradict (red) or do not support (violet): a wavy underline, so a
  // leakage highlight under the same words stays visible.
  for (const auto& claim : claims_) {
    if (claim.verdict == annotation::ClaimVerdict::Supported) continue;
    const bool contradicted = claim.verdict == annotation::ClaimVerdict::Contradicted;
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(edit_->document());
    selection.cursor.setPosition(utf16Position(utf8, claim.span.begin));
    selection.cursor.setPosition(utf16Position(utf8, claim.span.end), QTextCursor::KeepAnchor);
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(contradicted ? QColor("#dc2626") : QColor("#7c3aed"));
    selection.format.setToolTip((contradicted ? tr("Contradicted by the facts: %1") : tr("Not supported by the facts: %1"))
                                    .arg(QString::fromStdString(claim.reason)));
    selection.format.setProperty(QTextFormat::UserProperty, contradicted ? 2 : 1);
    selections.append(selection);
  }
  edit_->setExtraSelections(selections);
}

QString CaptionEditor::diffHtml() const {
  if (draft_.isEmpty()) return tr("<i>No draft to compare with.</i>");
  const std::string draft = draft_.toStdString();
  const std::string current = text().toStdString();
  QString html;
  for (const auto& span : annotation::wordDiff(draft, current)) {
    switch (span.op) {
      case annotation::DiffOp::Equal:
        html += QString::fromStdString(current.substr(span.finalBegin, span.finalEnd - span.finalBegin)).toHtmlEscaped();
        break;
      case annotation::DiffOp::Delete:
        html += "<span style='background:#fecaca;text-decoration:line-through'>" +
                QString::fromStdString(draft.substr(span.draftBegin, span.draftEnd - span.draftBegin)).toHtmlEscaped() +
                "</span>";
        break;
      case annotation::DiffOp::Insert:
        html += "<span style='background:#bbf7d0'>" +
                QString::fromStdString(current.substr(span.finalBegin, span.finalEnd - span.finalBegin)).toHtmlEscaped() +
                "</span>";
        break;
    }
    html += " ";
  }
  return html;
}

void CaptionEditor::updateSummary() {
  const QString edits = draft_.isEmpty() ? tr("no draft") : tr("%1 word edits from the draft").arg(editDistance_);
  const auto claims = annotation::countClaims(claims_);
  summary_->setText(tr("%1 words · %2 · %3 errors, %4 warnings · claims: %5 contradicted, %6 unsupported of %7")
                        .arg(wordCount_)
                        .arg(edits)
                        .arg(blockingIssues())
                        .arg(int(issues_.size()) - blockingIssues())
                        .arg(claims.contradicted)
                        .arg(claims.unsupported)
                        .arg(claims.total()));
}

bool CaptionEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched == edit_ && event->type() == QEvent::FocusOut && dirty_) emit autosaveRequested();
  return QWidget::eventFilter(watched, event);
}

}  // namespace ugc::gui
