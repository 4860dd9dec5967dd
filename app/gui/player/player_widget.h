#pragma once
// The player: picture (or the "picture hidden" panel in the audio-only stage),
// transport controls and the explanation for media that cannot play.
//
// Before playback starts it shows a poster: the filmstrip thumbnail the stage hands over as
// an instant placeholder, then one real frame decoded at display size on a worker thread
// (poster_loader.h), cached per clip. Only a visible player with a picture decodes.

#include <QCache>
#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include "core/error.h"
#include "core/progress.h"

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
  ~PlayerWidget() override;  // cancels and waits for a poster decode

  PlayerController* controller() const { return controller_; }
  bool pictureShown() const;
  // A still shown in place of the video until playback starts (the first filmstrip frame).
  // A placeholder: it never replaces the sharp frame of the same clip.
  void setPoster(const QImage& poster);
  bool posterShown() const;
  bool posterIsSharp() const { return posterSharp_; }
  QImage posterImage() const { return posterImage_; }  // the still behind the poster, unscaled
  bool posterDecoding() const { return posterWatcher_->isRunning(); }
  QToolButton* muteButton() const { return mute_; }

 signals:
  void posterChanged(bool sharp);  // a new still is on screen (or none, after a new clip)

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void updateMode();
  void updateTime();
  void onSourceChanged();
  void requestSharpPoster();
  void onSharpPosterDecoded();
  void showPosterImage(const QImage& image, bool sharp);
  void renderPoster();      // the still, fitted to the picture area
  QSize posterBox() const;  // the picture area in device pixels

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

  QImage posterImage_;
  bool posterSharp_ = false;
  bool sharpPending_ = false;  // the current clip still needs its sharp poster
  QString posterKey_;          // clip (path + modification time) the poster belongs to
  QString decodingKey_;        // clip the running decode is for
  QSize decodingBox_;          // ... and the size it decodes for
  CancelToken decodeCancel_;
  QFutureWatcher<Result<QImage>>* posterWatcher_ = nullptr;
  QCache<QString, QImage> sharpCache_{64 * 1024};  // by clip; cost in KiB (a 720x1280 frame: 2.7 MiB)
};

}  // namespace ugc::gui
