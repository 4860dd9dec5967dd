#pragma once
// The player's view-model: playback, stage modes and the no-audio-device guard.
// Widgets bind to it; tests drive it directly.
//
// Modes follow the annotation stage: the audio-only stage hides the picture, the
// visual-only stage mutes the sound and refuses to unmute, the joint stage shows both.

#include <QObject>
#include <QString>
#include <QUrl>

class QAudioOutput;
class QMediaPlayer;
class QVideoSink;

namespace ugc::gui {

enum class PlayerMode { Audio, Visual, Joint };

class PlayerController : public QObject {
  Q_OBJECT

 public:
  explicit PlayerController(QObject* parent = nullptr);
  ~PlayerController() override;

  QMediaPlayer* mediaPlayer() const { return player_; }

  void setVideoSink(QVideoSink* sink);
  void open(const QString& path);
  QString source() const { return source_; }

  void setMode(PlayerMode mode);
  PlayerMode mode() const { return mode_; }
  bool pictureVisible() const { return mode_ != PlayerMode::Audio; }
  bool soundAllowed() const { return mode_ != PlayerMode::Visual; }
  bool hasAudioDevice() const { return audioOutput_ != nullptr; }
  bool muted() const;
  // Refused (returns false) in the visual-only stage and without an audio device.
  bool setMuted(bool muted);

  void play();
  void pause();
  void togglePlay();
  bool isPlaying() const;
  void seekBy(qint64 milliseconds);
  void seekTo(qint64 milliseconds);
  void stepFrames(int frames);  // +1 / -1: one frame at the clip's frame rate
  void setRate(double rate);    // clamped to 0.25 .. 2
  double rate() const;
  qint64 position() const;
  qint64 duration() const;
  double frameRate() const { return frameRate_; }

  // Loop between A and B (milliseconds); clearLoop() stops looping.
  void setLoop(qint64 a, qint64 b);
  void clearLoop();
  bool looping() const { return loopEnd_ > loopStart_; }

  // Why the media cannot play (empty when it can).
  QString errorText() const { return errorText_; }

 signals:
  void modeChanged(ugc::gui::PlayerMode mode);
  void positionChanged(qint64 milliseconds);
  void durationChanged(qint64 milliseconds);
  void playingChanged(bool playing);
  void mutedChanged(bool muted);
  void errorChanged(const QString& text);
  void mediaLoaded();
  void sourceChanged(const QString& path);  // open() was called: a new clip

 private:
  void applyMode();
  void onPosition(qint64 position);

  QMediaPlayer* player_ = nullptr;
  QAudioOutput* audioOutput_ = nullptr;  // only when the machine has an audio device
  PlayerMode mode_ = PlayerMode::Joint;
  QString source_;
  QString errorText_;
  double frameRate_ = 30.0;
  qint64 loopStart_ = 0;
  qint64 loopEnd_ = 0;
  bool userMuted_ = false;
};

}  // namespace ugc::gui
