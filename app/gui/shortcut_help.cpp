#include "gui/shortcut_help.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>

#include "gui/shortcuts.h"

namespace ugc::gui {

ShortcutHelpOverlay::ShortcutHelpOverlay(QWidget* window) : QFrame(window) {
  setObjectName("shortcutHelp");
  setStyleSheet("#shortcutHelp{background:rgba(15,23,42,225);} QLabel{color:#f1f5f9;font-size:13px;}");
  QString html = "<h2>Keyboard shortcuts</h2><p>Single keys do nothing while you type in a text field.</p><table>";
  QString group;
  for (const auto& info : defaultShortcuts()) {
    if (info.group != group) {
      group = info.group;
      html += "<tr><td colspan=2><b><br>" + group.toHtmlEscaped() + "</b></td></tr>";
    }
    html += "<tr><td style='padding-right:24px'><tt>" + info.keys.toString(QKeySequence::NativeText).toHtmlEscaped() +
            "</tt></td><td>" + info.description.toHtmlEscaped() + "</td></tr>";
  }
  html += "</table><p>Press F1 or Esc to close.</p>";
  auto* label = new QLabel(html, this);
  label->setObjectName("shortcutHelpText");
  label->setTextFormat(Qt::RichText);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(label, 0, Qt::AlignCenter);
  window->installEventFilter(this);
  setFocusPolicy(Qt::StrongFocus);
  hide();
}

void ShortcutHelpOverlay::toggle() {
  if (isVisible()) {
    hide();
    return;
  }
  setGeometry(parentWidget()->rect());
  raise();
  show();
  setFocus();
}

QString ShortcutHelpOverlay::text() const {
  QString listing;
  for (const auto& info : defaultShortcuts()) {
    listing += info.keys.toString(QKeySequence::PortableText) + "\t" + info.description + "\n";
  }
  return listing;
}

bool ShortcutHelpOverlay::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) setGeometry(parentWidget()->rect());
  return QFrame::eventFilter(watched, event);
}

void ShortcutHelpOverlay::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F1) {
    hide();
    return;
  }
  QFrame::keyPressEvent(event);
}

void ShortcutHelpOverlay::mousePressEvent(QMouseEvent*) { hide(); }

}  // namespace ugc::gui
