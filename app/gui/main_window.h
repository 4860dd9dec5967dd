#pragma once
// The studio's main window. For now a shell that names the open project; the queue,
// stage editors, review and dashboard views plug into its central stack.

#include <QMainWindow>

class QLabel;

namespace ugc::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  void showProject(const QString& projectPath);
  QString projectPath() const { return projectPath_; }

 private:
  QLabel* status_ = nullptr;
  QString projectPath_;
};

}  // namespace ugc::gui
