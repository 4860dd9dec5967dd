#include <QApplication>
#include <QTimer>
#include <cstdio>

#include "gui/main_window.h"
#include "gui/queue/queue_view.h"
#include "gui/studio_options.h"
#include <QTableView>

int main(int argc, char** argv) {
  // The FFmpeg media backend plays what core/ decodes; GStreamer plugins are not installed.
  if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND")) qputenv("QT_MEDIA_BACKEND", "ffmpeg");
  QApplication app(argc, argv);
  QApplication::setApplicationName("ugccap-studio");
  QApplication::setOrganizationName("UGC-VideoCap Studio");

  QString error;
  auto options = ugc::gui::parseStudioOptions(QApplication::arguments().mid(1), &error);
  if (!options) {
    std::fprintf(stderr, "ugccap-studio: %s\n", qPrintable(error));
    return 1;
  }
  ugc::gui::MainWindow window;
  if (!options->projectPath.isEmpty()) {
    if (auto opened = window.openProject(options->projectPath, options->userName); !opened) {
      std::fprintf(stderr, "ugccap-studio: %s\n", opened.error().describe().c_str());
      return 2;
    }
  }
  window.show();
  if (!options->screenshotPath.isEmpty()) {
    if (window.projectPath().isEmpty()) {
      std::fprintf(stderr, "ugccap-studio: --screenshot needs --project\n");
      return 1;
    }
    // "joint-empty": the stage page as it looks before any video is opened.
    const bool noVideo = options->view.endsWith("-empty");
    const QString viewName = noVideo ? options->view.chopped(6) : options->view;
    const auto view = ugc::gui::MainWindow::parseView(viewName).value_or(ugc::gui::MainWindow::View::Queue);
    // Stage views show the user's next task there, or else the first video of the queue.
    if (!noVideo && view >= ugc::gui::MainWindow::View::Audio && view <= ugc::gui::MainWindow::View::Joint) {
      const auto stage = ugc::annotation::Stage(int(view) - int(ugc::gui::MainWindow::View::Audio));
      QString video = window.queueView()->nextTaskFor(stage);
      if (video.isEmpty()) video = window.queueView()->table()->model()->index(0, 0).data().toString();
      if (!video.isEmpty()) window.openVideo(video, stage);
    }
    window.showView(view);
    QTimer::singleShot(300, [&] {
      window.settle(15000);
      const bool saved = window.grab().save(options->screenshotPath);
      std::printf("%s\n", qPrintable(options->screenshotPath));
      QApplication::exit(saved ? 0 : 4);
    });
  }
  return QApplication::exec();
}
