#include <gtest/gtest.h>

#include <QImage>
#include <QSignalSpy>
#include <QtTest/QTest>

#include "gui/player/timeline_widget.h"

namespace ugc::gui {
namespace {

TimelineData sampleData() {
  TimelineData data;
  data.durationMs = 10000;
  for (int i = 0; i < 100; ++i) {
    data.peakMin.push_back(-0.5f);
    data.peakMax.push_back(0.5f);
  }
  data.spectrogram = QImage(100, 40, QImage::Format_RGB32);
  data.spectrogram.fill(QColor("#22c55e"));
  data.sceneChangesMs = {4000};
  QImage frame(16, 28, QImage::Format_RGB32);
  frame.fill(QColor("#ef4444"));
  data.filmstrip = {frame, frame, frame};
  return data;
}

QColor colorAt(TimelineWidget& widget, int x, int y) { return widget.grab().toImage().pixelColor(x, y); }

}  // namespace

TEST(TimelineWidget, MapsClicksToTimeAndEmitsSeek) {
  TimelineWidget widget;
  widget.resize(500, 150);
  widget.setData(sampleData());
  widget.show();
  QSignalSpy seeks(&widget, &TimelineWidget::seekRequested);
  QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(250, 60));
  ASSERT_EQ(seeks.count(), 1);
  EXPECT_EQ(seeks.at(0).at(0).toLongLong(), 5000);
  EXPECT_EQ(widget.timeAt(-10), 0);
  EXPECT_EQ(widget.timeAt(10000), 10000);
  EXPECT_EQ(widget.xAt(2500), 125);
}

TEST(TimelineWidget, DrawsEachLaneAndHidesFramesInTheAudioStage) {
  TimelineWidget widget;
  widget.resize(500, 150);
  widget.setData(sampleData());
  // Filmstrip lane shows the (red) frames, the spectrogram lane the (green) image.
  EXPECT_EQ(colorAt(widget, 20, 20), QColor("#ef4444"));
  EXPECT_EQ(colorAt(widget, 20, 130), QColor("#22c55e"));
  // Waveform lane: the bars cover the middle row.
  EXPECT_EQ(colorAt(widget, 20, 65), QColor("#38bdf8"));
  widget.setPictureVisible(false);
  EXPECT_NE(colorAt(widget, 20, 20), QColor("#ef4444"));
}

TEST(TimelineWidget, MarksSceneChangesAndPlayhead) {
  TimelineWidget widget;
  widget.resize(500, 150);
  widget.setData(sampleData());
  widget.setPosition(1000);
  EXPECT_EQ(colorAt(widget, 50, 70), QColor("#f43f5e"));   // playhead at 1 s -> x = 50
  EXPECT_EQ(colorAt(widget, 200, 2), QColor("#facc15"));   // scene change at 4 s -> x = 200
}

}  // namespace ugc::gui
