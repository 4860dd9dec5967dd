#pragma once
// The help overlay (F1): every shortcut, grouped, drawn over the window.

#include <QFrame>

namespace ugc::gui {

class ShortcutHelpOverlay : public QFrame {
  Q_OBJECT

 public:
  explicit ShortcutHelpOverlay(QWidget* window);
  void toggle();
  QString text() const;  // the listing as plain text (tests, docs)

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
};

}  // namespace ugc::gui
