#include "gui/player/player_widget.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVideoWidget>
#include <QtConcurrent/QtConcurrentRun>

#include "gui/player/player_controller.h"
#include "gui/player/poster_loader.h"

namespace ugc::gui {
namespace {

QString clock(qint64 ms) {
  return QString("%1:%2.%3").arg(ms / 60000).arg((ms / 1000) % 60, 2, 10, QChar('0')).arg((ms % 1000) / 100);
}

QToolButton* toolButton(QWidget* parent, const QString& name, const QString& text, const QString& tip) {
  auto* button = new QToolButton(parent);
  button->setObjectName(name);
  button->setText(text);
  button->setToolTip(tip);
  button->setFocusPolicy(Qt::NoFocus);  // keyboard focus stays in the editors
  return button;
}

// A decoded still serves a box as long as showing it there scales it up by at most this much.
constexpr double kMaxPosterUpscale = 1.25;

bool sharpEnough(const QImage& image, QSize box) {
  if (image.isNull()) return false;
  const double scale = std::min(double(box.width()) / image.width(), double(box.height()) / image.height());
  return scale <= kMaxPosterUpscale;
}

}  // namespace

PlayerWidget::PlayerWidget(PlayerController* controller, QWidget* parent) : QWidget(parent), controller_(controller) {
  pictureStack_ = new QStackedWidget(this);
  video_ = new QVideoWidget(pictureStack_);
  video_->setObjectName("playerVideo");
  hiddenPanel_ = new QLabel(tr("Audio-only stage: the picture is hidden.\nListen, and describe only what you hear."),
                            pictureStack_);
  hiddenPanel_->setObjectName("pictureHiddenPanel");
  hiddenPanel_->setAlignment(Qt::AlignCenter);
  hiddenPanel_->setWordWrap(true);
  hiddenPanel_->setStyleSheet("background:#111827;color:#e5e7eb;font-size:14px;padding:12px;");
  poster_ = new QLabel(pictureStack_);
  poster_->setObjectName("playerPoster");
  poster_->setAlignment(Qt::AlignCenter);
  poster_->setStyleSheet("background:#000;");
  pictureStack_->addWidget(video_);
  pictureStack_->addWidget(hiddenPanel_);
  pictureStack_->addWidget(poster_);
  controller_->setVideoSink(video_->videoSink());

  error_ = new QLabel(this);
  error_->setObjectName("playerError");
  error_->setWordWrap(true);
  error_->setStyleSheet("color:#b91c1c;");
  error_->hide();

  play_ = toolButton(this, "playButton", tr("Play"), tr("Play / pause (Space)"));
  auto* back5 = toolButton(this, "back5Button", "-5s", tr("Back 5 s (Shift+Left)"));
  auto* back1 = toolButton(this, "back1Button", "-1s", tr("Back 1 s (Left)"));
  auto* prevFrame = toolButton(this, "prevFrameButton", "<|", tr("Previous frame (,)"));
  auto* nextFrame = toolButton(this, "nextFrameButton", "|>", tr("Next frame (.)"));
  auto* fwd1 = toolButton(this, "fwd1Button", "+1s", tr("Forward 1 s (Right)"));
  auto* fwd5 = toolButton(this, "fwd5Button", "+5s", tr("Forward 5 s (Shift+Right)"));
  mute_ = toolButton(this, "muteButton", tr("Mute"), tr("Mute / unmute (M)"));
  mute_->setCheckable(true);
  speed_ = new QComboBox(this);
  speed_->setObjectName("speedBox");
  speed_->setFocusPolicy(Qt::NoFocus);
  for (double rate : {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0}) speed_->addItem(QString("%1x").arg(rate), rate);
  speed_->setCurrentIndex(3);
  time_ = new QLabel(this);
  time_->setObjectName("playerTime");

  auto* controls = new QHBoxLayout;
  for (QWidget* w :
       std::initializer_list<QWidget*>{play_, back5, back1, prevFrame, nextFrame, fwd1, fwd5, mute_, speed_}) {
    controls->addWidget(w);
  }
  controls->addStretch();
  controls->addWidget(time_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pictureStack_, 1);
  layout->addWidget(error_);
  layout->addLayout(controls);

  connect(play_, &QToolButton::clicked, controller_, &PlayerController::togglePlay);
  connect(back5, &QToolButton::clicked, controller_, [c = controller_] { c->seekBy(-5000); });
  connect(back1, &QToolButton::clicked, controller_, [c = controller_] { c->seekBy(-1000); });
  connect(fwd1, &QToolButton::clicked, controller_, [c = controller_] { c->seekBy(1000); });
  connect(fwd5, &QToolButton::clicked, controller_, [c = controller_] { c->seekBy(5000); });
  connect(prevFrame, &QToolButton::clicked, controller_, [c = controller_] { c->stepFrames(-1); });
  connect(nextFrame, &QToolButton::clicked, controller_, [c = controller_] { c->stepFrames(1); });
  connect(mute_, &QToolButton::toggled, this, [this](bool on) {
    if (!controller_->setMuted(on)) mute_->setChecked(true);
  });
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int index) { controller_->setRate(speed_->itemData(index).toDouble()); });
  connect(controller_, &PlayerController::playingChanged, this, [this](bool playing) {
    play_->setText(playing ? tr("Pause") : tr("Play"));
    if (playing && !played_) {
      played_ = true;
      updateMode();
    }
  });
  connect(controller_, &PlayerController::modeChanged, this, &PlayerWidget::updateMode);
  connect(controller_, &PlayerController::mutedChanged, this, &PlayerWidget::updateMode);
  connect(controller_, &PlayerController::positionChanged, this, &PlayerWidget::updateTime);
  connect(controller_, &PlayerController::durationChanged, this, &PlayerWidget::updateTime);
  connect(controller_, &PlayerController::errorChanged, this, [this](const QString& text) {
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
  });
  posterWatcher_ = new QFutureWatcher<Result<QImage>>(this);
  connect(posterWatcher_, &QFutureWatcherBase::finished, this, &PlayerWidget::onSharpPosterDecoded);
  connect(controller_, &PlayerController::sourceChanged, this, &PlayerWidget::onSourceChanged);
  connect(controller_, &PlayerController::modeChanged, this, &PlayerWidget::requestSharpPoster);
  updateMode();
  updateTime();
}

PlayerWidget::~PlayerWidget() {
  decodeCancel_.cancel();
  posterWatcher_->disconnect(this);
  posterWatcher_->waitForFinished();
}

bool PlayerWidget::pictureShown() const {
  return pictureStack_->currentWidget() == video_ || pictureStack_->currentWidget() == poster_;
}

bool PlayerWidget::posterShown() const { return pictureStack_->currentWidget() == poster_; }

void PlayerWidget::setPoster(const QImage& poster) {
  // This clip's real frame (or a larger decode of it) is already up: keep it.
  if (posterSharp_ || (!poster.isNull() && posterImage_.height() > poster.height())) return;
  showPosterImage(poster, false);
}

void PlayerWidget::showPosterImage(const QImage& image, bool sharp) {
  posterImage_ = image;
  posterSharp_ = sharp && !image.isNull();
  renderPoster();
  updateMode();
  emit posterChanged(posterSharp_);
}

void PlayerWidget::renderPoster() {
  if (posterImage_.isNull()) {
    poster_->clear();
    return;
  }
  const QSize box = posterBox();
  const QSize fitted = posterImage_.size().scaled(box, Qt::KeepAspectRatio);
  // A sharp frame is decoded at this size already: no scaling on the GUI thread then.
  QPixmap pixmap = QPixmap::fromImage(
      fitted == posterImage_.size() ? posterImage_
                                    : posterImage_.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
  pixmap.setDevicePixelRatio(devicePixelRatioF());
  poster_->setPixmap(pixmap);
}

QSize PlayerWidget::posterBox() const {
  // A player not laid out yet is 100x30 or so; decode for a reasonable box instead.
  const QSize area = pictureStack_->size().expandedTo(QSize(160, 160));
  return area * devicePixelRatioF();
}

void PlayerWidget::onSourceChanged() {
  played_ = false;
  const QString path = controller_->source();
  posterKey_ = path + "|" + QFileInfo(path).lastModified().toString(Qt::ISODateWithMs);
  decodeCancel_.cancel();  // a decode for the previous clip is of no use now
  const QImage* cached = sharpCache_.object(posterKey_);
  if (cached && sharpEnough(*cached, posterBox())) {
    sharpPending_ = false;
    showPosterImage(*cached, true);
    return;
  }
  sharpPending_ = !path.isEmpty();
  // Never the previous clip's still; a frame of this clip decoded for a smaller player stands in.
  showPosterImage(cached ? *cached : QImage(), false);
  // Decode once the stage that opened the clip has been shown and laid out: its size is the box.
  QTimer::singleShot(0, this, &PlayerWidget::requestSharpPoster);
}

void PlayerWidget::requestSharpPoster() {
  if (!sharpPending_ || !isVisible() || !controller_->pictureVisible()) return;  // showEvent / modeChanged retry
  if (posterWatcher_->isRunning() && decodingKey_ == posterKey_) return;
  decodeCancel_.cancel();
  decodeCancel_ = CancelToken();
  decodingKey_ = posterKey_;
  PosterParams params;
  params.box = posterBox();
  decodingBox_ = params.box;
  posterWatcher_->setFuture(QtConcurrent::run([path = controller_->source(), params, cancel = decodeCancel_] {
    return loadPosterFrame(path, params, cancel);
  }));
}

void PlayerWidget::onSharpPosterDecoded() {
  if (decodingKey_ != posterKey_) return;  // cancelled for a clip opened since; its own decode follows
  const Result<QImage> decoded = posterWatcher_->result();
  sharpPending_ = false;  // failed or not, do not decode this clip again: the placeholder stays
  if (!decoded) return;
  sharpCache_.insert(decodingKey_, new QImage(*decoded), int(std::max<qsizetype>(1, decoded->sizeInBytes() / 1024)));
  // The player may have grown while this decoded: then it stands in while the new size decodes.
  const bool fits = sharpEnough(*decoded, posterBox()) || decodingBox_ == posterBox();
  showPosterImage(*decoded, fits);
  if (!fits) {
    sharpPending_ = true;
    QTimer::singleShot(0, this, &PlayerWidget::requestSharpPoster);
  }
}

void PlayerWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (posterImage_.isNull()) return;
  renderPoster();
  if (posterSharp_ && !sharpEnough(posterImage_, posterBox())) {
    // Grown well past the decoded size: the frame is a placeholder now; decode again.
    posterSharp_ = false;
    sharpPending_ = true;
    QTimer::singleShot(0, this, &PlayerWidget::requestSharpPoster);
  }
}

void PlayerWidget::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (sharpPending_) QTimer::singleShot(0, this, &PlayerWidget::requestSharpPoster);
}

void PlayerWidget::updateMode() {
  QWidget* picture = video_;
  if (!played_ && !posterImage_.isNull()) picture = poster_;
  pictureStack_->setCurrentWidget(controller_->pictureVisible() ? picture : static_cast<QWidget*>(hiddenPanel_));
  const bool canUnmute = controller_->soundAllowed() && controller_->hasAudioDevice();
  mute_->blockSignals(true);
  mute_->setChecked(controller_->muted());
  mute_->blockSignals(false);
  mute_->setEnabled(canUnmute);
  if (!controller_->soundAllowed()) {
    mute_->setToolTip(tr("Visual-only stage: the sound stays off."));
  } else if (!controller_->hasAudioDevice()) {
    mute_->setToolTip(tr("No audio output device on this machine."));
  } else {
    mute_->setToolTip(tr("Mute / unmute (M)"));
  }
}

void PlayerWidget::updateTime() {
  time_->setText(clock(controller_->position()) + " / " + clock(controller_->duration()));
}

}  // namespace ugc::gui
