#include "gui/player/player_controller.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QMediaDevices>
#include <QMediaMetaData>
#include <QMediaPlayer>
#include <QUrl>
#include <QVideoSink>
#include <algorithm>

namespace ugc::gui {

PlayerController::PlayerController(QObject* parent) : QObject(parent), player_(new QMediaPlayer(this)) {
  // Qt 6.4's FFmpeg backend can crash when an audio output is attached on a machine
  // without an audio device, so attach one only when a device exists.
  if (!QMediaDevices::audioOutputs().isEmpty()) {
    audioOutput_ = new QAudioOutput(this);
    player_->setAudioOutput(audioOutput_);
  }
  connect(player_, &QMediaPlayer::positionChanged, this, &PlayerController::onPosition);
  connect(player_, &QMediaPlayer::durationChanged, this, &PlayerController::durationChanged);
  connect(player_, &QMediaPlayer::playbackStateChanged, this,
          [this](QMediaPlayer::PlaybackState state) { emit playingChanged(state == QMediaPlayer::PlayingState); });
  connect(player_, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
    errorText_ = tr("This media cannot be played: %1").arg(message.isEmpty() ? tr("unknown error") : message);
    emit errorChanged(errorText_);
  });
  connect(player_, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
    if (status == QMediaPlayer::LoadedMedia) {
      const QVariant fps = player_->metaData().value(QMediaMetaData::VideoFrameRate);
      if (fps.isValid() && fps.toDouble() > 1.0) frameRate_ = fps.toDouble();
      emit mediaLoaded();
    } else if (status == QMediaPlayer::InvalidMedia && errorText_.isEmpty()) {
      errorText_ = tr("This media cannot be played: the file is missing, damaged or in an unsupported format.");
      emit errorChanged(errorText_);
    }
  });
}

PlayerController::~PlayerController() { player_->stop(); }

void PlayerController::setVideoSink(QVideoSink* sink) { player_->setVideoSink(sink); }

void PlayerController::open(const QString& path) {
  source_ = path;
  errorText_.clear();
  emit errorChanged(errorText_);
  clearLoop();
  player_->setSource(QUrl::fromLocalFile(path));
  applyMode();
  emit sourceChanged(source_);
}

void PlayerController::setMode(PlayerMode mode) {
  if (mode == mode_) return;
  mode_ = mode;
  applyMode();
  emit modeChanged(mode_);
}

void PlayerController::applyMode() {
  if (audioOutput_) audioOutput_->setMuted(!soundAllowed() || userMuted_);
  emit mutedChanged(muted());
}

bool PlayerController::muted() const { return !audioOutput_ || audioOutput_->isMuted(); }

bool PlayerController::setMuted(bool mute) {
  if (!mute && (!soundAllowed() || !audioOutput_)) return false;
  userMuted_ = mute;
  applyMode();
  return true;
}

void PlayerController::play() { player_->play(); }
void PlayerController::pause() { player_->pause(); }
void PlayerController::togglePlay() { isPlaying() ? pause() : play(); }
bool PlayerController::isPlaying() const { return player_->playbackState() == QMediaPlayer::PlayingState; }

void PlayerController::seekTo(qint64 milliseconds) {
  const qint64 end = std::max<qint64>(0, player_->duration());
  player_->setPosition(std::clamp<qint64>(milliseconds, 0, end));
}

void PlayerController::seekBy(qint64 milliseconds) { seekTo(player_->position() + milliseconds); }

void PlayerController::stepFrames(int frames) {
  pause();
  seekBy(qint64(frames * 1000.0 / frameRate_ + (frames > 0 ? 0.5 : -0.5)));
}

void PlayerController::setRate(double rate) { player_->setPlaybackRate(std::clamp(rate, 0.25, 2.0)); }
double PlayerController::rate() const { return player_->playbackRate(); }
qint64 PlayerController::position() const { return player_->position(); }
qint64 PlayerController::duration() const { return player_->duration(); }

void PlayerController::setLoop(qint64 a, qint64 b) {
  loopStart_ = std::min(a, b);
  loopEnd_ = std::max(a, b);
}

void PlayerController::clearLoop() { loopStart_ = loopEnd_ = 0; }

void PlayerController::onPosition(qint64 position) {
  if (looping() && position >= loopEnd_) {
    player_->setPosition(loopStart_);
    return;
  }
  emit positionChanged(position);
}

}  // namespace ugc::gui
