#include "gui/export/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "gui/export/export_controller.h"

namespace ugc::gui {

namespace {

struct FormatChoice {
  db::ExportFormat format;
  const char* label;
  const char* help;
};

const FormatChoice kFormats[] = {
    {db::ExportFormat::Release, QT_TRANSLATE_NOOP("ExportDialog", "UGC-VideoCap release (9 files)"),
     QT_TRANSLATE_NOOP("ExportDialog", "The nine release files: captions and QA pairs in the benchmark's own format.")},
    {db::ExportFormat::Jsonl, QT_TRANSLATE_NOOP("ExportDialog", "Per-video JSONL"),
     QT_TRANSLATE_NOOP("ExportDialog", "One record per video: fields, captions, QA pairs and provenance.")},
    {db::ExportFormat::Sft, QT_TRANSLATE_NOOP("ExportDialog", "SFT training data"),
     QT_TRANSLATE_NOOP("ExportDialog", "{videos, messages} per final caption, for supervised fine-tuning.")},
    {db::ExportFormat::Grpo, QT_TRANSLATE_NOOP("ExportDialog", "GRPO training data"),
     QT_TRANSLATE_NOOP("ExportDialog", "The SFT prompt with the final caption as \"solution\".")},
};

}  // namespace

ExportDialog::ExportDialog(const QString& projectPath, QWidget* parent)
    : QDialog(parent), projectPath_(projectPath), controller_(new ExportController(this)) {
  setWindowTitle(tr("Export project"));

  format_ = new QComboBox(this);
  for (const auto& choice : kFormats) format_->addItem(tr(choice.label), int(choice.format));
  formatHelp_ = new QLabel(this);
  formatHelp_->setWordWrap(true);
  formatHelp_->setStyleSheet("color: #6b7280;");

  destination_ = new QLineEdit(this);
  destination_->setPlaceholderText(tr("Folder to write the export into"));
  browse_ = new QPushButton(tr("Choose…"), this);
  auto* destinationRow = new QHBoxLayout();
  destinationRow->addWidget(destination_, 1);
  destinationRow->addWidget(browse_);

  includeUnreviewed_ =
      new QCheckBox(tr("Include unreviewed work (submitted and in-progress captions, pending QA)"), this);

  auto* form = new QFormLayout();
  form->addRow(tr("Format:"), format_);
  form->addRow(QString(), formatHelp_);
  form->addRow(tr("Destination:"), destinationRow);
  form->addRow(QString(), includeUnreviewed_);

  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  progress_->setValue(0);
  step_ = new QLabel(this);
  result_ = new QLabel(this);
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* buttons = new QDialogButtonBox(this);
  exportButton_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(progress_);
  layout->addWidget(step_);
  layout->addWidget(result_);
  layout->addStretch(1);
  layout->addWidget(buttons);
  setMinimumWidth(560);

  connect(format_, &QComboBox::currentIndexChanged, this,
          [this](int index) { formatHelp_->setText(index >= 0 ? tr(kFormats[index].help) : QString()); });
  formatHelp_->setText(tr(kFormats[0].help));
  connect(destination_, &QLineEdit::textChanged, this, &ExportDialog::updateControls);
  connect(browse_, &QPushButton::clicked, this, &ExportDialog::chooseDestination);
  connect(exportButton_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(cancelButton_, &QPushButton::clicked, this, &ExportDialog::reject);
  connect(controller_, &ExportController::progressChanged, this, [this](int percent, const QString& step) {
    progress_->setValue(percent);
    step_->setText(step);
  });
  connect(controller_, &ExportController::stateChanged, this, [this] {
    result_->setText(controller_->resultText());
    const bool good = controller_->state() == ExportController::State::Succeeded;
    const bool bad = controller_->state() == ExportController::State::Failed;
    result_->setStyleSheet(good ? "color: #15803d;" : bad ? "color: #b91c1c;" : QString());
    updateControls();
  });
  updateControls();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setFormat(db::ExportFormat format) {
  const int index = format_->findData(int(format));
  if (index >= 0) format_->setCurrentIndex(index);
}

db::ExportFormat ExportDialog::format() const { return db::ExportFormat(format_->currentData().toInt()); }

void ExportDialog::setDestination(const QString& folder) { destination_->setText(folder); }
QString ExportDialog::destination() const { return destination_->text().trimmed(); }
void ExportDialog::setIncludeUnreviewed(bool include) { includeUnreviewed_->setChecked(include); }
QString ExportDialog::resultText() const { return result_->text(); }

db::ExportParams ExportDialog::params() const {
  db::ExportParams params;
  params.format = format();
  params.includeUnreviewed = includeUnreviewed_->isChecked();
  return params;
}

void ExportDialog::startExport() { controller_->start(projectPath_, destination(), params()); }

void ExportDialog::reject() {
  if (embedded_ && !controller_->isRunning()) return;  // a page does not close
  if (controller_->isRunning()) {
    controller_->cancel();
    step_->setText(tr("cancelling…"));
    return;
  }
  QDialog::reject();
}

void ExportDialog::chooseDestination() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"), destination());
  if (!folder.isEmpty()) destination_->setText(folder);
}

void ExportDialog::updateControls() {
  const bool running = controller_->isRunning();
  format_->setEnabled(!running);
  destination_->setEnabled(!running);
  browse_->setEnabled(!running);
  includeUnreviewed_->setEnabled(!running);
  exportButton_->setEnabled(!running && !destination().isEmpty());
  cancelButton_->setText(running ? tr("Cancel export") : tr("Close"));
  cancelButton_->setVisible(running || !embedded_);
}

void ExportDialog::setEmbedded(bool embedded) {
  embedded_ = embedded;
  setWindowFlags(embedded ? Qt::Widget : Qt::Dialog);
  updateControls();
}

}  // namespace ugc::gui
