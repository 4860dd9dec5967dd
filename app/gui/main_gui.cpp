#include <QApplication>
#include <QTimer>
#include <cstdio>

#include "gui/main_window.h"
#include "gui/studio_options.h"

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
  if (!options->projectPath.isEmpty()) window.showProject(options->projectPath);
  window.show();
  if (!options->screenshotPath.isEmpty()) {
    QTimer::singleShot(200, [&] {
      const bool saved = window.grab().save(options->screenshotPath);
      QApplication::exit(saved ? 0 : 4);
    });
  }
  return QApplication::exec();
}
