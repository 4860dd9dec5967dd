#pragma once
// The player: picture (or the "picture hidden" panel in the audio-only stage),
// transport controls and the explanation for media that cannot play.

#include <QWidget>

class QComboBox;
class QImage;
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
  // A still shown in place of the video until playback starts (the first filmstrip frame).
  void setPoster(const QImage& poster);
  bool posterShown() const;
  QToolButton* muteButton() const { return mute_; }

 private:
  void updateMode();
  void updateTime();

  PlayerController* controller_;
  QStackedWidget* pictureStack_ = nullptr;
  QVideoWidget* video_ = nullptr;
  QLabel* hiddenPanel_ = nullptr;
  QLabel* poster_ = nullptr;
  bool played_ = false;
  QLabel* error_ = nullptr;
  QLabel* time_ = nullptr;
  QToolButton* play_ = nullptr;
  QToolButton* mute_ = nullptr;
  QComboBox* speed_ = nullptr;
};

}  // namespace ugc::gui
