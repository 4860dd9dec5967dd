#include "gui/review/review_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "db/project.h"
#include "gui/session/stage_session.h"
#include "gui/shortcuts.h"

namespace ugc::gui {
namespace {

QString joined(const annotation::QaPair& pair) {
  if (pair.type == annotation::QaType::Ocr) {
    QStringList lines;
    for (const auto& line : pair.answerLines) lines << QString::fromStdString(line);
    return lines.join(" | ");
  }
  return QString::fromStdString(pair.answer);
}

}  // namespace

ReviewView::ReviewView(db::Project& project, const annotation::User& user, QWidget* parent)
    : QWidget(parent), project_(project), user_(user) {
  setObjectName("reviewView");
  reasonPrompt_ = [this]() -> std::optional<QString> {
    bool ok = false;
    // A preset or free text (the combo box is editable).
    const QString reason = QInputDialog::getItem(this, tr("Reject"), tr("Why? The annotator will see this."),
                                                 rejectReasonPresets(), 0, true, &ok);
    if (!ok || reason.trimmed().isEmpty()) return std::nullopt;
    return reason.trimmed();
  };
  captions_ = new QListWidget(this);
  captions_->setObjectName("reviewCaptions");
  captionText_ = new QTextBrowser(this);
  captionText_->setObjectName("reviewCaptionText");
  qaTable_ = new QTableWidget(0, 5, this);
  qaTable_->setObjectName("reviewQaTable");
  qaTable_->setHorizontalHeaderLabels({tr("Type"), tr("Question"), tr("Answer"), tr("Status"), tr("Origin")});
  // Question and answer carry the text a reviewer reads; the rest are short labels.
  auto* header = qaTable_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(1, QHeaderView::Stretch);
  header->setSectionResizeMode(2, QHeaderView::Stretch);
  qaTable_->setWordWrap(true);
  qaTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  qaTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  status_ = new QLabel(this);
  status_->setObjectName("reviewStatus");
  auto* open = new QPushButton(tr("Open in the stage editor"), this);
  // Visible actions beside the shortcuts: a reviewer new to the desk sees what it can do.
  auto* approve = new QPushButton(tr("Approve (A)"), this);
  approve->setObjectName("reviewApproveButton");
  auto* reject = new QPushButton(tr("Reject... (R)"), this);
  reject->setObjectName("reviewRejectButton");
  auto* approveQa = new QPushButton(tr("Approve all pending QA"), this);
  approveQa->setObjectName("reviewApproveAllQa");
  auto* rejectQa = new QPushButton(tr("Reject all pending QA..."), this);
  rejectQa->setObjectName("reviewRejectAllQa");
  auto* help = new QLabel(tr("A approve · R reject · J/K next/previous, in the list you last clicked (captions or QA pairs)"), this);

  auto* top = new QSplitter(this);
  top->addWidget(captions_);
  top->addWidget(captionText_);
  top->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Submitted captions"), this));
  layout->addWidget(top, 2);
  auto* captionActions = new QHBoxLayout;
  captionActions->addWidget(approve);
  captionActions->addWidget(reject);
  captionActions->addStretch(1);
  captionActions->addWidget(open);
  layout->addLayout(captionActions);
  layout->addWidget(new QLabel(tr("QA pairs of the selected video"), this));
  layout->addWidget(qaTable_, 1);
  auto* qaActions = new QHBoxLayout;
  qaActions->addWidget(approveQa);
  qaActions->addWidget(rejectQa);
  qaActions->addStretch(1);
  layout->addLayout(qaActions);
  layout->addWidget(help);
  layout->addWidget(status_);

  connect(captions_, &QListWidget::currentRowChanged, this, &ReviewView::showCaption);
  // The caption buttons act on the caption list, whatever list was clicked last.
  connect(approve, &QPushButton::clicked, this, [this] {
    focus_ = Focus::Captions;
    approveCurrent();
  });
  connect(reject, &QPushButton::clicked, this, [this] {
    focus_ = Focus::Captions;
    rejectCurrent();
  });
  connect(approveQa, &QPushButton::clicked, this, [this] { approvePendingQa(); });
  connect(rejectQa, &QPushButton::clicked, this, [this] { rejectPendingQa(); });
  connect(open, &QPushButton::clicked, this, [this] {
    const int row = currentCaption();
    if (row >= 0) emit openStageRequested(QString::fromStdString(pending_[size_t(row)].videoId), pending_[size_t(row)].stage);
  });
  struct Binding {
    Qt::Key key;
    std::function<void()> action;
  };
  const Binding bindings[] = {{Qt::Key_A, [this] { approveCurrent(); }},
                              {Qt::Key_R, [this] { rejectCurrent(); }},
                              {Qt::Key_J, [this] { next(); }},
                              {Qt::Key_K, [this] { previous(); }}};
  for (const auto& binding : bindings) {
    auto* shortcut = new QShortcut(QKeySequence(binding.key), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, [action = binding.action] {
      if (!textInputHasFocus()) action();
    });
  }
  connect(qaTable_, &QTableWidget::itemSelectionChanged, this, [this] { focus_ = Focus::QaPairs; });
  connect(captions_, &QListWidget::itemClicked, this, [this] { focus_ = Focus::Captions; });
  refresh();
}

QString ReviewView::statusMessage() const { return status_->text(); }

void ReviewView::setStatus(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? "color:#b91c1c;" : "color:#166534;");
}

void ReviewView::refresh() {
  const int keep = captions_->currentRow();
  db::ReviewQueueQuery query;
  query.limit = 500;
  auto pending = project_.pendingReviews(query);
  pending_ = pending ? *pending : std::vector<db::StageStatus>{};
  const QSignalBlocker block(captions_);
  captions_->clear();
  for (const auto& item : pending_) {
    captions_->addItem(QString::fromStdString(item.videoId) + "  ·  " +
                       QString::fromUtf8(annotation::stageName(item.stage).data()));
  }
  if (!pending) setStatus(QString::fromStdString(pending.error().describe()), true);
  if (!pending_.empty()) {
    captions_->setCurrentRow(std::clamp(keep, 0, int(pending_.size()) - 1));
    showCaption(captions_->currentRow());
  } else {
    captionText_->setHtml(tr("<i>No submitted captions wait for review.</i>"));
  }
}

void ReviewView::showCaption(int row) {
  if (row < 0 || size_t(row) >= pending_.size()) return;
  const auto& item = pending_[size_t(row)];
  auto head = project_.headRevision(item.videoId, item.stage);
  QString html = "<h3>" + QString::fromStdString(item.videoId).toHtmlEscaped() + " — " +
                 QString::fromUtf8(annotation::stageName(item.stage).data()) + "</h3>";
  if (head && *head) {
    html += "<p>" + QString::fromStdString((*head)->caption).toHtmlEscaped() + "</p><p><small>" +
            tr("by %1 at %2").arg(QString::fromStdString((*head)->author), QString::fromStdString((*head)->createdAt)) +
            "</small></p>";
  }
  captionText_->setHtml(html);
  loadQa(QString::fromStdString(item.videoId));
}

void ReviewView::loadQa(const QString& videoId) {
  selectedVideo_ = videoId;
  auto pairs = project_.qaPairs(videoId.toStdString());
  qa_ = pairs ? *pairs : std::vector<db::StoredQaPair>{};
  const QSignalBlocker block(qaTable_);
  qaTable_->setRowCount(int(qa_.size()));
  for (int row = 0; row < int(qa_.size()); ++row) {
    const auto& pair = qa_[size_t(row)].pair;
    const QString cells[] = {QString::fromUtf8(annotation::qaTypeName(pair.type).data()),
                             QString::fromStdString(pair.question), joined(pair),
                             QString::fromUtf8(annotation::qaStatusName(pair.status).data()),
                             QString::fromUtf8(annotation::qaOriginName(pair.origin).data())};
    for (int column = 0; column < 5; ++column) qaTable_->setItem(row, column, new QTableWidgetItem(cells[column]));
  }
  qaTable_->resizeRowsToContents();
}

void ReviewView::setFocusList(Focus focus) {
  focus_ = focus;
  if (focus == Focus::QaPairs && qaTable_->currentRow() < 0 && qaTable_->rowCount() > 0) qaTable_->selectRow(0);
}

int ReviewView::captionCount() const { return captions_->count(); }
int ReviewView::qaCount() const { return qaTable_->rowCount(); }
int ReviewView::currentCaption() const { return captions_->currentRow(); }
int ReviewView::currentQa() const { return qaTable_->currentRow(); }

void ReviewView::next() {
  if (focus_ == Focus::Captions) {
    if (captions_->currentRow() + 1 < captions_->count()) captions_->setCurrentRow(captions_->currentRow() + 1);
  } else if (qaTable_->currentRow() + 1 < qaTable_->rowCount()) {
    qaTable_->selectRow(qaTable_->currentRow() + 1);
  }
}

void ReviewView::previous() {
  if (focus_ == Focus::Captions) {
    if (captions_->currentRow() > 0) captions_->setCurrentRow(captions_->currentRow() - 1);
  } else if (qaTable_->currentRow() > 0) {
    qaTable_->selectRow(qaTable_->currentRow() - 1);
  }
}

bool ReviewView::storeQa(const Result<annotation::QaPair>& updated, int64_t version, const QString& done) {
  if (!updated) {
    setStatus(QString::fromStdString(updated.error().message), true);
    return false;
  }
  auto stored = project_.updateQaPair(*updated, version, user_.name);
  if (!stored) {
    setStatus(QString::fromStdString(stored.error().describe()), true);
    return false;
  }
  const int row = qaTable_->currentRow();
  loadQa(selectedVideo_);
  if (row >= 0 && row < qaTable_->rowCount()) qaTable_->selectRow(row);
  setStatus(done);
  emit reviewed();
  return true;
}

bool ReviewView::approveCurrent() {
  if (focus_ == Focus::QaPairs) {
    const int row = qaTable_->currentRow();
    if (row < 0) return false;
    const auto& stored = qa_[size_t(row)];
    return storeQa(annotation::approveQaPair(stored.pair, user_), stored.version, tr("QA pair approved."));
  }
  const int row = captions_->currentRow();
  if (row < 0) return false;
  StageSession session(project_, user_);
  auto snapshot = session.load(pending_[size_t(row)].videoId, pending_[size_t(row)].stage);
  auto result = snapshot ? session.act(*snapshot, annotation::WorkflowAction::Approve) : snapshot;
  if (!result) {
    setStatus(QString::fromStdString(result.error().message), true);
    return false;
  }
  setStatus(tr("Caption approved."));
  refresh();
  emit reviewed();
  return true;
}

bool ReviewView::rejectCurrent() {
  const auto reason = reasonPrompt_ ? reasonPrompt_() : std::nullopt;
  if (!reason) return false;
  if (focus_ == Focus::QaPairs) {
    const int row = qaTable_->currentRow();
    if (row < 0) return false;
    const auto& stored = qa_[size_t(row)];
    return storeQa(annotation::rejectQaPair(stored.pair, user_, reason->toStdString()), stored.version,
                   tr("QA pair rejected."));
  }
  const int row = captions_->currentRow();
  if (row < 0) return false;
  StageSession session(project_, user_);
  auto snapshot = session.load(pending_[size_t(row)].videoId, pending_[size_t(row)].stage);
  auto result = snapshot ? session.act(*snapshot, annotation::WorkflowAction::Reject, reason->toStdString()) : snapshot;
  if (!result) {
    setStatus(QString::fromStdString(result.error().message), true);
    return false;
  }
  setStatus(tr("Caption rejected; the annotator will see the reason."));
  refresh();
  emit reviewed();
  return true;
}

QStringList ReviewView::rejectReasonPresets() {
  return {tr("Misses what can be heard or seen"), tr("States something the stage cannot perceive"),
          tr("Quoted text or speech is not exact"), tr("Wrong structured answer"),
          tr("Not in the release's style (length, paragraphs)")};
}

namespace {

// Applies `decide` to every pending QA pair of `pairs`; the number changed, or the error.
Result<int> decidePending(db::Project& project, const std::vector<db::StoredQaPair>& pairs, const std::string& actor,
                          const std::function<Result<annotation::QaPair>(const annotation::QaPair&)>& decide) {
  int changed = 0;
  for (const auto& stored : pairs) {
    if (stored.pair.status != annotation::QaStatus::Pending) continue;
    auto decided = decide(stored.pair);
    if (!decided) return tl::unexpected(decided.error());
    auto written = project.updateQaPair(*decided, stored.version, actor);
    if (!written) return tl::unexpected(written.error());
    ++changed;
  }
  return changed;
}

}  // namespace

int ReviewView::approvePendingQa() {
  auto changed = decidePending(project_, qa_, user_.name,
                               [this](const annotation::QaPair& pair) { return annotation::approveQaPair(pair, user_); });
  loadQa(selectedVideo_);
  if (!changed) {
    setStatus(QString::fromStdString(changed.error().message), true);
    return -1;
  }
  setStatus(tr("%n QA pair(s) approved.", "", *changed));
  return *changed;
}

int ReviewView::rejectPendingQa() {
  const auto reason = reasonPrompt_ ? reasonPrompt_() : std::nullopt;
  if (!reason) return 0;
  auto changed = decidePending(project_, qa_, user_.name, [this, &reason](const annotation::QaPair& pair) {
    return annotation::rejectQaPair(pair, user_, reason->toStdString());
  });
  loadQa(selectedVideo_);
  if (!changed) {
    setStatus(QString::fromStdString(changed.error().message), true);
    return -1;
  }
  setStatus(tr("%n QA pair(s) rejected.", "", *changed));
  return *changed;
}

bool ReviewView::editQa(int row, const annotation::QaEdit& edit) {
  if (row < 0 || size_t(row) >= qa_.size()) return false;
  qaTable_->selectRow(row);
  const auto& stored = qa_[size_t(row)];
  return storeQa(annotation::editQaPair(stored.pair, user_, edit), stored.version, tr("QA pair edited."));
}

bool ReviewView::addQa(annotation::QaType type, const annotation::QaEdit& content) {
  if (selectedVideo_.isEmpty()) return false;
  auto pair = annotation::addQaPair(selectedVideo_.toStdString(), type, user_, content);
  if (!pair) {
    setStatus(QString::fromStdString(pair.error().message), true);
    return false;
  }
  auto stored = project_.addQaPair(*pair, user_.name);
  if (!stored) {
    setStatus(QString::fromStdString(stored.error().describe()), true);
    return false;
  }
  loadQa(selectedVideo_);
  setStatus(tr("QA pair added."));
  return true;
}

}  // namespace ugc::gui
