#pragma once
// Command-line options of ugccap-studio.

#include <QString>
#include <QStringList>
#include <optional>

namespace ugc::gui {

struct StudioOptions {
  QString projectPath;     // --project FILE
  QString userName;        // --user NAME
  QString screenshotPath;  // --screenshot PNG: render one view and exit
  QString view = "queue";  // --view queue|audio|visual|joint|review|dashboard|export
};

// Parses the arguments (without argv[0]); an error message on bad usage.
std::optional<StudioOptions> parseStudioOptions(const QStringList& arguments, QString* error);

}  // namespace ugc::gui
