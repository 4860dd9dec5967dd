#include "gui/main_window.h"

#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace ugc::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("UGC-VideoCap Studio");
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  status_ = new QLabel("No project open. Start with: ugccap-studio --project FILE", central);
  status_->setObjectName("projectStatus");
  status_->setAlignment(Qt::AlignCenter);
  layout->addWidget(status_);
  setCentralWidget(central);
  resize(1280, 800);
}

void MainWindow::showProject(const QString& projectPath) {
  projectPath_ = projectPath;
  setWindowTitle(QFileInfo(projectPath).fileName() + " - UGC-VideoCap Studio");
  status_->setText("Project: " + projectPath);
}

}  // namespace ugc::gui
