#include "gui/editor/visual_fields_editor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/editor/choice_group.h"

namespace ugc::gui {
namespace {

enum ObjectColumn { kCategory, kCount, kColor, kPosition, kExtra, kColumns };

QWidget* withButtons(QWidget* list, QPushButton* add, QPushButton* remove, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(list);
  auto* row = new QHBoxLayout;
  row->addWidget(add);
  row->addWidget(remove);
  row->addStretch();
  layout->addLayout(row);
  return box;
}

QString cell(const QTableWidget* table, int row, int column) {
  const auto* item = table->item(row, column);
  return item ? item->text().trimmed() : QString();
}

}  // namespace

VisualFieldsEditor::VisualFieldsEditor(QWidget* parent) : QWidget(parent) {
  background_ = new QLineEdit(this);
  background_->setObjectName("background");
  changes_ = new ChoiceGroup({"Yes", "No"}, this);
  changeText_ = new QPlainTextEdit(this);
  changeText_->setObjectName("backgroundChange");
  changeText_->setPlaceholderText(tr("How does the background change?"));
  changeText_->setMaximumHeight(60);
  motion_ = new QLineEdit(this);
  motion_->setObjectName("motion");
  ocr_ = new QListWidget(this);
  ocr_->setObjectName("ocrList");
  ocr_->setMaximumHeight(90);
  objects_ = new QTableWidget(0, kColumns, this);
  objects_->setObjectName("objectTable");
  objects_->setHorizontalHeaderLabels({tr("Object"), tr("Count"), tr("Colour"), tr("Position"), tr("More")});
  objects_->horizontalHeader()->setStretchLastSection(true);
  objects_->setMaximumHeight(130);

  auto* addLine = new QPushButton(tr("Add line"), this);
  auto* removeLine = new QPushButton(tr("Remove line"), this);
  auto* addObjectButton = new QPushButton(tr("Add object"), this);
  auto* removeObject = new QPushButton(tr("Remove object"), this);

  auto* form = new QFormLayout(this);
  form->addRow(tr("Main background"), background_);
  form->addRow(tr("Background changes"), changes_);
  form->addRow(tr("How it changes"), changeText_);
  form->addRow(tr("Main motion"), motion_);
  form->addRow(tr("On-screen text"), withButtons(ocr_, addLine, removeLine, this));
  form->addRow(tr("Objects"), withButtons(objects_, addObjectButton, removeObject, this));

  auto edited = [this] {
    updateEnabled();
    emit changed();
  };
  connect(background_, &QLineEdit::textEdited, this, edited);
  connect(motion_, &QLineEdit::textEdited, this, edited);
  connect(changes_, &ChoiceGroup::changed, this, edited);
  connect(changeText_, &QPlainTextEdit::textChanged, this, edited);
  connect(ocr_, &QListWidget::itemChanged, this, [this, edited] {
    markOcrSuggested(false);
    edited();
  });
  connect(objects_, &QTableWidget::itemChanged, this, edited);
  connect(addLine, &QPushButton::clicked, this, [this] {
    addOcrLine(QString());
    ocr_->editItem(ocr_->item(ocr_->count() - 1));
  });
  connect(removeLine, &QPushButton::clicked, this, [this, edited] {
    delete ocr_->currentItem();
    edited();
  });
  connect(addObjectButton, &QPushButton::clicked, this, [this] { addObject({}); });
  connect(removeObject, &QPushButton::clicked, this, [this, edited] {
    if (objects_->currentRow() >= 0) objects_->removeRow(objects_->currentRow());
    edited();
  });
  updateEnabled();
}

void VisualFieldsEditor::addOcrLine(const QString& line) {
  auto* item = new QListWidgetItem(line, ocr_);
  item->setFlags(item->flags() | Qt::ItemIsEditable);
}

void VisualFieldsEditor::addObject(const annotation::ObjectEntry& object) {
  const int row = objects_->rowCount();
  objects_->insertRow(row);
  // An entry outside the template shows its verbatim text in the first column.
  const bool raw = !object.raw.empty();
  const std::string values[kColumns] = {raw ? object.raw : object.category, object.count, object.color,
                                        object.position, object.extra};
  for (int column = 0; column < kColumns; ++column) {
    auto* item = new QTableWidgetItem(QString::fromStdString(values[column]));
    if (column == kCategory && raw) item->setData(Qt::UserRole, true);
    objects_->setItem(row, column, item);
  }
}

void VisualFieldsEditor::setFields(const annotation::VisualFields& fields, bool suggested) {
  const QSignalBlocker blockList(ocr_), blockTable(objects_), blockText(changeText_);
  background_->setText(QString::fromStdString(fields.background));
  changes_->setValue(fields.backgroundChanges ? (*fields.backgroundChanges ? "Yes" : "No") : "");
  changes_->setSuggested(suggested && fields.backgroundChanges.has_value());
  changeText_->setPlainText(QString::fromStdString(fields.backgroundChange));
  motion_->setText(QString::fromStdString(fields.motion));
  ocr_->clear();
  for (const auto& line : fields.ocrLines) addOcrLine(QString::fromStdString(line));
  markOcrSuggested(suggested && !fields.ocrLines.empty());
  objects_->setRowCount(0);
  for (const auto& object : fields.objects) addObject(object);
  updateEnabled();
}

annotation::VisualFields VisualFieldsEditor::fields() const {
  annotation::VisualFields fields;
  fields.background = background_->text().trimmed().toStdString();
  const QString changes = changes_->value();
  if (!changes.isEmpty()) fields.backgroundChanges = changes == "Yes";
  if (changeText_->isEnabled()) fields.backgroundChange = changeText_->toPlainText().trimmed().toStdString();
  fields.motion = motion_->text().trimmed().toStdString();
  for (int i = 0; i < ocr_->count(); ++i) {
    const QString line = ocr_->item(i)->text().trimmed();
    if (!line.isEmpty()) fields.ocrLines.push_back(line.toStdString());
  }
  for (int row = 0; row < objects_->rowCount(); ++row) {
    annotation::ObjectEntry object;
    const auto* first = objects_->item(row, kCategory);
    if (first && first->data(Qt::UserRole).toBool()) {
      object.raw = first->text().toStdString();
      fields.objects.push_back(object);
      continue;
    }
    object.category = cell(objects_, row, kCategory).toStdString();
    object.count = cell(objects_, row, kCount).toStdString();
    object.color = cell(objects_, row, kColor).toStdString();
    object.position = cell(objects_, row, kPosition).toStdString();
    object.extra = cell(objects_, row, kExtra).toStdString();
    if (!object.category.empty()) fields.objects.push_back(object);
  }
  return fields;
}

int VisualFieldsEditor::suggestionsLeft() const { return int(changes_->isSuggested()) + int(ocrSuggested_); }

void VisualFieldsEditor::confirmSuggestions() {
  changes_->setSuggested(false);
  markOcrSuggested(false);
  emit changed();
}

void VisualFieldsEditor::markOcrSuggested(bool suggested) {
  ocrSuggested_ = suggested;
  ocr_->setStyleSheet(suggested ? "QListWidget{background:#fef3c7;}" : "");
  ocr_->setToolTip(suggested ? tr("Read by OCR: check each line against the video.") : QString());
}

void VisualFieldsEditor::updateEnabled() {
  changeText_->setEnabled(changes_->value() == "Yes");
}

}  // namespace ugc::gui
