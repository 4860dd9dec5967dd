#include "gui/studio_options.h"

namespace ugc::gui {

std::optional<StudioOptions> parseStudioOptions(const QStringList& arguments, QString* error) {
  StudioOptions options;
  static const QStringList kViews = {"queue", "audio", "visual", "joint", "review", "dashboard", "export"};
  for (int i = 0; i < arguments.size(); ++i) {
    const QString& arg = arguments[i];
    auto value = [&](QString* out) {
      if (i + 1 >= arguments.size()) {
        *error = arg + " needs a value";
        return false;
      }
      *out = arguments[++i];
      return true;
    };
    bool ok = true;
    if (arg == "--project" || arg == "-p") {
      ok = value(&options.projectPath);
    } else if (arg == "--user") {
      ok = value(&options.userName);
    } else if (arg == "--screenshot") {
      ok = value(&options.screenshotPath);
    } else if (arg == "--view") {
      ok = value(&options.view);
      const bool stageEmpty = options.view == "audio-empty" || options.view == "visual-empty" || options.view == "joint-empty";
      if (ok && !kViews.contains(options.view) && !stageEmpty) {
        *error = "unknown view '" + options.view + "' (" + kViews.join(", ") + "; a stage with -empty: before any video is open)";
        ok = false;
      }
    } else {
      *error = "unknown option " + arg;
      ok = false;
    }
    if (!ok) return std::nullopt;
  }
  return options;
}

}  // namespace ugc::gui
