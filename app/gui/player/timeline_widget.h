#pragma once
// The timeline under the player: waveform, spectrogram, scene-change marks and a
// filmstrip, a playhead and the A-B loop range. Click or drag to seek.
// It draws plain data (from core/ via the studio's media cache); it decodes nothing.

#include <QImage>
#include <QList>
#include <QVector>
#include <QWidget>

namespace ugc::gui {

struct TimelineData {
  qint64 durationMs = 0;
  QVector<float> peakMin;  // waveform: min/max per bucket over the whole clip, -1..1
  QVector<float> peakMax;
  QImage spectrogram;      // time left to right, low frequencies at the bottom
  QList<qint64> sceneChangesMs;
  QList<QImage> filmstrip;  // thumbnails spread evenly over the clip
  bool hasAudio = true;
};

class TimelineWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineWidget(QWidget* parent = nullptr);

  void setData(const TimelineData& data);
  const TimelineData& data() const { return data_; }
  void setPosition(qint64 ms);
  void setLoop(qint64 startMs, qint64 endMs);  // equal values clear it
  void setPictureVisible(bool visible);         // the filmstrip hides in the audio-only stage
  bool pictureVisible() const { return pictureVisible_; }
  void setAudioVisible(bool visible);           // waveform and spectrogram hide in the visual-only stage
  bool audioVisible() const { return audioVisible_; }

  qint64 timeAt(int x) const;
  int xAt(qint64 ms) const;

  QSize sizeHint() const override { return {640, 150}; }

 signals:
  void seekRequested(qint64 ms);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QRect filmstripRect() const;
  QRect waveformRect() const;
  QRect spectrogramRect() const;

  TimelineData data_;
  qint64 position_ = 0;
  qint64 loopStart_ = 0;
  qint64 loopEnd_ = 0;
  bool pictureVisible_ = true;
  bool audioVisible_ = true;
};

}  // namespace ugc::gui
