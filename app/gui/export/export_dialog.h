#pragma once
// "Export project": format, destination folder, "include unreviewed", a progress bar fed from
// the exporter and the validation result when done. Cancel stops a running export (the
// previous export stays intact) and closes the dialog otherwise. A thin view over
// ExportController.

#include <QDialog>

#include "db/project_export.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ugc::gui {

class ExportController;

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ExportDialog(const QString& projectPath, QWidget* parent = nullptr);
  ~ExportDialog() override;

  ExportController* controller() const { return controller_; }

  void setFormat(db::ExportFormat format);
  db::ExportFormat format() const;
  void setDestination(const QString& folder);
  QString destination() const;
  void setIncludeUnreviewed(bool include);
  // The parameters the dialog's controls describe.
  db::ExportParams params() const;

  QPushButton* exportButton() const { return exportButton_; }
  QPushButton* cancelButton() const { return cancelButton_; }
  QProgressBar* progressBar() const { return progress_; }
  QString resultText() const;
  // As a page of the main window: nothing to close, Cancel shows only while exporting.
  void setEmbedded(bool embedded);

 public slots:
  void startExport();

 protected:
  void reject() override;  // Esc / Cancel: cancels a running export instead of closing

 private:
  bool embedded_ = false;
  void chooseDestination();
  void updateControls();

  QString projectPath_;
  ExportController* controller_;
  QComboBox* format_ = nullptr;
  QLineEdit* destination_ = nullptr;
  QPushButton* browse_ = nullptr;
  QCheckBox* includeUnreviewed_ = nullptr;
  QLabel* formatHelp_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* step_ = nullptr;
  QLabel* result_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
};

}  // namespace ugc::gui
