#pragma once
// The visual-only stage's structured fields: background, its changes, motion, the
// on-screen text lines and the objects table. Lists and the table are edited in place.

#include <QWidget>

#include "annotation/fields.h"

class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;

namespace ugc::gui {

class ChoiceGroup;

class VisualFieldsEditor : public QWidget {
  Q_OBJECT

 public:
  explicit VisualFieldsEditor(QWidget* parent = nullptr);

  void setFields(const annotation::VisualFields& fields, bool suggested = false);
  annotation::VisualFields fields() const;
  int suggestionsLeft() const;
  void confirmSuggestions();

  QListWidget* ocrList() const { return ocr_; }
  QTableWidget* objectTable() const { return objects_; }
  ChoiceGroup* changesGroup() const { return changes_; }
  void addOcrLine(const QString& line);
  void addObject(const annotation::ObjectEntry& object);

 signals:
  void changed();

 private:
  void updateEnabled();
  void markOcrSuggested(bool suggested);

  QLineEdit* background_ = nullptr;
  ChoiceGroup* changes_ = nullptr;
  QPlainTextEdit* changeText_ = nullptr;
  QLineEdit* motion_ = nullptr;
  QListWidget* ocr_ = nullptr;
  QTableWidget* objects_ = nullptr;
  bool ocrSuggested_ = false;
};

}  // namespace ugc::gui
