#include "gui/player/timeline_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace ugc::gui {
namespace {
constexpr int kFilmstripHeight = 40;
constexpr int kWaveformHeight = 50;
}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
  setObjectName("timeline");
  setMinimumHeight(120);
  setMouseTracking(false);
}

void TimelineWidget::setData(const TimelineData& data) {
  data_ = data;
  update();
}

void TimelineWidget::setPosition(qint64 ms) {
  position_ = ms;
  update();
}

void TimelineWidget::setLoop(qint64 startMs, qint64 endMs) {
  loopStart_ = std::min(startMs, endMs);
  loopEnd_ = std::max(startMs, endMs);
  update();
}

void TimelineWidget::setPictureVisible(bool visible) {
  pictureVisible_ = visible;
  update();
}

void TimelineWidget::setAudioVisible(bool visible) {
  audioVisible_ = visible;
  update();
}

QRect TimelineWidget::filmstripRect() const { return {0, 0, width(), kFilmstripHeight}; }
QRect TimelineWidget::waveformRect() const { return {0, kFilmstripHeight, width(), kWaveformHeight}; }
QRect TimelineWidget::spectrogramRect() const {
  const int top = kFilmstripHeight + kWaveformHeight;
  return {0, top, width(), std::max(0, height() - top)};
}

qint64 TimelineWidget::timeAt(int x) const {
  if (width() <= 0 || data_.durationMs <= 0) return 0;
  return std::clamp<qint64>(qint64(double(x) / width() * data_.durationMs), 0, data_.durationMs);
}

int TimelineWidget::xAt(qint64 ms) const {
  if (data_.durationMs <= 0) return 0;
  return int(double(ms) / data_.durationMs * width());
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor("#0f172a"));

  const QRect strip = filmstripRect();
  if (pictureVisible_ && !data_.filmstrip.isEmpty()) {
    const int n = int(data_.filmstrip.size());
    for (int i = 0; i < n; ++i) {
      const QRect cell(strip.left() + i * strip.width() / n, strip.top(), strip.width() / n, strip.height());
      painter.drawImage(cell, data_.filmstrip[i].scaled(cell.size(), Qt::KeepAspectRatioByExpanding));
    }
  } else {
    painter.setPen(QColor("#94a3b8"));
    painter.drawText(strip, Qt::AlignCenter, pictureVisible_ ? tr("no frames") : tr("picture hidden"));
  }

  const QRect wave = waveformRect();
  painter.setPen(QColor("#38bdf8"));
  if (!audioVisible_) {
    painter.setPen(QColor("#94a3b8"));
    painter.drawText(wave, Qt::AlignCenter, tr("sound hidden"));
  } else if (!data_.hasAudio) {
    painter.setPen(QColor("#94a3b8"));
    painter.drawText(wave, Qt::AlignCenter, tr("no audio stream"));
  } else if (!data_.peakMax.isEmpty()) {
    const int buckets = int(data_.peakMax.size());
    const double mid = wave.center().y();
    const double half = wave.height() / 2.0 - 1;
    for (int x = 0; x < wave.width(); ++x) {
      const int b = std::min(buckets - 1, x * buckets / std::max(1, wave.width()));
      painter.drawLine(QPointF(x, mid - data_.peakMax[b] * half), QPointF(x, mid - data_.peakMin[b] * half));
    }
  }

  const QRect spec = spectrogramRect();
  if (audioVisible_ && !data_.spectrogram.isNull() && spec.height() > 0) painter.drawImage(spec, data_.spectrogram);

  // Scene changes, loop range and playhead over all lanes.
  // Scene changes are visual information: the audio-only stage does not show them.
  painter.setPen(QPen(QColor("#facc15"), 1, Qt::DashLine));
  if (pictureVisible_) {
    for (qint64 t : data_.sceneChangesMs) painter.drawLine(xAt(t), 0, xAt(t), height());
  }
  if (loopEnd_ > loopStart_) {
    painter.fillRect(QRect(QPoint(xAt(loopStart_), 0), QPoint(xAt(loopEnd_), height())), QColor(250, 204, 21, 50));
  }
  painter.setPen(QPen(QColor("#f43f5e"), 2));
  painter.drawLine(xAt(position_), 0, xAt(position_), height());
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) emit seekRequested(timeAt(int(event->position().x())));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) emit seekRequested(timeAt(int(event->position().x())));
}

}  // namespace ugc::gui
