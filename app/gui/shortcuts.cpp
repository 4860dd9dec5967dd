#include "gui/shortcuts.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextEdit>

namespace ugc::gui {

QList<ShortcutInfo> defaultShortcuts() {
  return {
      {"player.play", QKeySequence(Qt::Key_Space), "Playback", "Play / pause"},
      {"player.back1", QKeySequence(Qt::Key_Left), "Playback", "Back 1 second"},
      {"player.fwd1", QKeySequence(Qt::Key_Right), "Playback", "Forward 1 second"},
      {"player.back5", QKeySequence(Qt::SHIFT | Qt::Key_Left), "Playback", "Back 5 seconds"},
      {"player.fwd5", QKeySequence(Qt::SHIFT | Qt::Key_Right), "Playback", "Forward 5 seconds"},
      {"player.prevFrame", QKeySequence(Qt::Key_Comma), "Playback", "Previous frame"},
      {"player.nextFrame", QKeySequence(Qt::Key_Period), "Playback", "Next frame"},
      {"player.slower", QKeySequence(Qt::Key_BracketLeft), "Playback", "Slower"},
      {"player.faster", QKeySequence(Qt::Key_BracketRight), "Playback", "Faster"},
      {"player.loop", QKeySequence(Qt::Key_L), "Playback", "Set loop A, then B, then clear"},
      {"player.mute", QKeySequence(Qt::Key_M), "Playback", "Mute / unmute"},
      {"review.approve", QKeySequence(Qt::Key_A), "Review", "Approve"},
      {"review.reject", QKeySequence(Qt::Key_R), "Review", "Reject (asks for a reason)"},
      {"review.next", QKeySequence(Qt::Key_J), "Review", "Next item"},
      {"review.previous", QKeySequence(Qt::Key_K), "Review", "Previous item"},
      {"edit.save", QKeySequence(Qt::CTRL | Qt::Key_S), "Editing", "Save the caption and fields"},
      {"edit.submit", QKeySequence(Qt::CTRL | Qt::Key_Return), "Editing", "Submit for review"},
      {"edit.draft", QKeySequence(Qt::CTRL | Qt::Key_D), "Editing", "Draft with the model"},
      {"nav.nextTask", QKeySequence(Qt::CTRL | Qt::Key_N), "Navigation", "Next task for me"},
      {"nav.queue", QKeySequence(Qt::CTRL | Qt::Key_1), "Navigation", "Video queue"},
      {"nav.review", QKeySequence(Qt::CTRL | Qt::Key_2), "Navigation", "Review"},
      {"nav.dashboard", QKeySequence(Qt::CTRL | Qt::Key_3), "Navigation", "Dashboard"},
      {"help.shortcuts", QKeySequence(Qt::Key_F1), "Navigation", "Show these shortcuts"},
  };
}

bool textInputHasFocus() {
  QWidget* focus = QApplication::focusWidget();
  if (!focus) return false;
  if (auto* line = qobject_cast<QLineEdit*>(focus)) return !line->isReadOnly();
  if (auto* text = qobject_cast<QTextEdit*>(focus)) return !text->isReadOnly();
  if (auto* plain = qobject_cast<QPlainTextEdit*>(focus)) return !plain->isReadOnly();
  if (auto* combo = qobject_cast<QComboBox*>(focus)) return combo->isEditable();
  return qobject_cast<QAbstractSpinBox*>(focus) != nullptr;
}

namespace {
// A shortcut without Ctrl/Alt/Meta would type a character (or move the cursor) in a text field.
bool isTypingKey(const QKeySequence& keys) {
  if (keys.isEmpty()) return false;
  const auto combination = keys[0];
  const auto modifiers = combination.keyboardModifiers();
  return !(modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) &&
         combination.key() != Qt::Key_F1;
}
}  // namespace

ShortcutManager::ShortcutManager(QWidget* window) : QObject(window), window_(window), table_(defaultShortcuts()) {}

void ShortcutManager::bind(const QString& id, std::function<void()> action) {
  for (const auto& info : table_) {
    if (info.id != id) continue;
    auto* shortcut = new QShortcut(info.keys, window_);
    shortcut->setContext(Qt::WindowShortcut);
    const bool typing = isTypingKey(info.keys);
    connect(shortcut, &QShortcut::activated, this, [this, id, typing, action] {
      if (typing && textInputHasFocus()) return;
      ++triggered_[id];
      action();
    });
    return;
  }
  qWarning("ShortcutManager: unknown shortcut id %s", qPrintable(id));
}

int ShortcutManager::triggeredCount(const QString& id) const { return triggered_.value(id); }

}  // namespace ugc::gui
