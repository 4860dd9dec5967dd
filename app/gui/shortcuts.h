#pragma once
// Keyboard shortcuts of the studio, in one table so the help overlay and the docs list
// exactly what is bound. Single-key shortcuts (Space, A, R, J, K, ...) never fire while a
// text field has focus: typing "a" in a caption must not approve anything.

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

class QShortcut;
class QWidget;

namespace ugc::gui {

struct ShortcutInfo {
  QString id;          // "player.play"
  QKeySequence keys;
  QString group;       // "Playback", "Review", "Editing", "Navigation"
  QString description;
};

// The bindings shown in the help overlay and docs/user-guide.md.
QList<ShortcutInfo> defaultShortcuts();

// True when the focused widget takes text input (line edits, text edits, spin boxes...).
bool textInputHasFocus();

class ShortcutManager : public QObject {
  Q_OBJECT

 public:
  explicit ShortcutManager(QWidget* window);

  // Binds an action to the shortcut with this id (from defaultShortcuts()).
  void bind(const QString& id, std::function<void()> action);
  int triggeredCount(const QString& id) const;  // for tests and the status bar

 private:
  QWidget* window_;
  QList<ShortcutInfo> table_;
  QHash<QString, int> triggered_;
};

}  // namespace ugc::gui
