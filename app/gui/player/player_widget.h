#pragma once
// The player: picture (or the "picture hidden" panel in the audio-only stage),
// transport controls and the explanation for media that cannot play.

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;
class QToolButton;
class QVideoWidget;

namespace ugc::gui {

class PlayerController;
enum class PlayerMode;

class PlayerWidget : public QWidget {
  Q_OBJECT

 public:
  explicit PlayerWidget(PlayerController* controller, QWidget* parent = nullptr);

  PlayerController* controller() const { return controller_; }
  bool pictureShown() const;
  QToolButton* muteButton() const { return mute_; }

 private:
  void updateMode();
  void updateTime();

  PlayerController* controller_;
  QStackedWidget* pictureStack_ = nullptr;
  QVideoWidget* video_ = nullptr;
  QLabel* hiddenPanel_ = nullptr;
  QLabel* error_ = nullptr;
  QLabel* time_ = nullptr;
  QToolButton* play_ = nullptr;
  QToolButton* mute_ = nullptr;
  QComboBox* speed_ = nullptr;
};

}  // namespace ugc::gui
