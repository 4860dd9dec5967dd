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
  // Visual-only stage: no waveform and no spectrogram.
  widget.setPictureVisible(true);
  widget.setAudioVisible(false);
  EXPECT_NE(colorAt(widget, 20, 65), QColor("#38bdf8"));
  EXPECT_NE(colorAt(widget, 20, 130), QColor("#22c55e"));
  EXPECT_EQ(colorAt(widget, 20, 20), QColor("#ef4444"));
}

TEST(TimelineWidget, MarksSceneChangesAndPlayhead) {
  TimelineWidget widget;
  widget.resize(500, 150);
  widget.setData(sampleData());
  widget.setPosition(1000);
  EXPECT_EQ(colorAt(widget, 50, 70), QColor("#f43f5e"));   // playhead at 1 s -> x = 50
  EXPECT_EQ(colorAt(widget, 200, 2), QColor("#facc15"));   // scene change at 4 s -> x = 200
  widget.setPictureVisible(false);  // audio-only stage: no visual hints
  EXPECT_NE(colorAt(widget, 200, 2), QColor("#facc15"));
}

}  // namespace ugc::gui

#include "gui/player/timeline_loader.h"
#include "support/test_support.h"

namespace ugc::gui {

TEST(TimelineLoader, BuildsEveryLaneFromARealClip) {
  test::TempDir dir;
  const auto clip = dir / "cut.mp4";
  // Two scenes with a hard cut at 2 s, and a tone only in the first half.
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=red:s=160x284:r=25:d=2", "-f", "lavfi", "-i",
                   "color=c=blue:s=160x284:r=25:d=2", "-f", "lavfi", "-i", "sine=frequency=600:duration=2",
                   "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-filter_complex",
                   "[0:v][1:v]concat=n=2:v=1:a=0[v];[2:a][3:a]concat=n=2:v=0:a=1,atrim=0:4[a]", "-map", "[v]",
                   "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", clip.string()});
  auto data = loadTimeline(QString::fromStdString(clip.string()));
  ASSERT_TRUE(data) << data.error().describe();
  EXPECT_NEAR(double(data->durationMs), 4000.0, 150.0);
  EXPECT_TRUE(data->hasAudio);
  ASSERT_FALSE(data->peakMax.isEmpty());
  EXPECT_GT(data->peakMax[data->peakMax.size() / 4], 0.1f);      // the tone (lavfi sine: amplitude 1/8)
  EXPECT_LT(data->peakMax[3 * data->peakMax.size() / 4], 0.01f);  // silence
  EXPECT_FALSE(data->spectrogram.isNull());
  EXPECT_EQ(data->filmstrip.size(), 10);
  ASSERT_EQ(data->sceneChangesMs.size(), 1);
  EXPECT_NEAR(double(data->sceneChangesMs[0]), 2000.0, 100.0);
  // The cache hands back the same lanes.
  auto cached = cachedTimeline(QString::fromStdString(clip.string()));
  ASSERT_TRUE(cached);
  auto again = cachedTimeline(QString::fromStdString(clip.string()));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->peakMax, data->peakMax);
}

TEST(TimelineLoader, ClipWithoutAudioHasNoAudioLane) {
  test::TempDir dir;
  const auto clip = dir / "silent.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=160x284:r=25:d=2", "-c:v", "libx264", "-preset", "ultrafast",
                   clip.string()});
  auto data = loadTimeline(QString::fromStdString(clip.string()));
  ASSERT_TRUE(data) << data.error().describe();
  EXPECT_FALSE(data->hasAudio);
  EXPECT_TRUE(data->peakMax.isEmpty());
  EXPECT_NEAR(double(data->durationMs), 2000.0, 150.0);
}

}  // namespace ugc::gui
