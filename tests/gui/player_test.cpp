#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QToolButton>
#include <QtTest/QTest>
#include <fstream>

#include "gui/player/player_controller.h"
#include "gui/player/player_widget.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

class PlayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clip_ = (dir_ / "clip.mp4").string();
    test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=3", "-f", "lavfi", "-i",
                     "sine=frequency=440:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                     "-shortest", clip_});
  }

  bool openAndWait(PlayerController& controller, const std::string& path) {
    QSignalSpy loaded(&controller, &PlayerController::mediaLoaded);
    controller.open(QString::fromStdString(path));
    return loaded.count() > 0 || loaded.wait(5000);
  }

  test::TempDir dir_;
  std::string clip_;
};

}  // namespace

TEST_F(PlayerTest, LoadsMediaAndReportsDuration) {
  PlayerController controller;
  ASSERT_TRUE(openAndWait(controller, clip_));
  EXPECT_NEAR(double(controller.duration()), 3000.0, 100.0);
  EXPECT_TRUE(controller.errorText().isEmpty());
  EXPECT_NEAR(controller.frameRate(), 30.0, 0.5);
}

TEST_F(PlayerTest, AudioStageHidesThePicture) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.show();
  ASSERT_TRUE(openAndWait(controller, clip_));
  EXPECT_TRUE(widget.pictureShown());
  controller.setMode(PlayerMode::Audio);
  EXPECT_FALSE(widget.pictureShown());
  EXPECT_FALSE(controller.pictureVisible());
  controller.setMode(PlayerMode::Joint);
  EXPECT_TRUE(widget.pictureShown());
}

TEST_F(PlayerTest, PosterStandsInUntilPlaybackStarts) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.resize(320, 480);
  widget.show();
  ASSERT_TRUE(openAndWait(controller, clip_));
  QImage poster(90, 160, QImage::Format_RGB32);
  poster.fill(Qt::red);
  widget.setPoster(poster);
  EXPECT_TRUE(widget.posterShown());
  EXPECT_TRUE(widget.pictureShown());
  controller.setMode(PlayerMode::Audio);
  EXPECT_FALSE(widget.pictureShown()) << "no poster in the audio-only stage either";
  controller.setMode(PlayerMode::Joint);
  controller.play();
  for (int i = 0; i < 50 && !controller.isPlaying(); ++i) QTest::qWait(20);
  EXPECT_FALSE(widget.posterShown());
  EXPECT_TRUE(widget.pictureShown());
  controller.pause();
}

TEST_F(PlayerTest, VisualStageMutesAndRefusesToUnmute) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  controller.setMode(PlayerMode::Visual);
  EXPECT_TRUE(controller.muted());
  EXPECT_FALSE(controller.setMuted(false));
  EXPECT_TRUE(controller.muted());
  EXPECT_FALSE(widget.muteButton()->isEnabled());
  EXPECT_TRUE(widget.muteButton()->isChecked());
  EXPECT_TRUE(widget.pictureShown());
}

TEST_F(PlayerTest, WorksWithoutAnAudioDevice) {
  // The offscreen test machine has no audio device: no output is attached, nothing crashes,
  // and unmuting is refused with an explanation instead.
  PlayerController controller;
  PlayerWidget widget(&controller);
  ASSERT_TRUE(openAndWait(controller, clip_));
  if (controller.hasAudioDevice()) GTEST_SKIP() << "this machine has an audio device";
  EXPECT_FALSE(controller.setMuted(false));
  EXPECT_FALSE(widget.muteButton()->isEnabled());
  EXPECT_TRUE(widget.muteButton()->toolTip().contains("No audio output device"));
  controller.play();
  QTest::qWait(300);
  controller.pause();
}

TEST_F(PlayerTest, SeekStepRateAndLoopStayInRange) {
  PlayerController controller;
  ASSERT_TRUE(openAndWait(controller, clip_));
  controller.seekTo(1000);
  controller.stepFrames(1);
  EXPECT_NEAR(double(controller.position()), 1033.0, 2.0);
  controller.stepFrames(-2);
  EXPECT_NEAR(double(controller.position()), 967.0, 2.0);
  controller.seekBy(-5000);
  EXPECT_EQ(controller.position(), 0);
  controller.seekBy(60000);
  EXPECT_EQ(controller.position(), controller.duration());
  controller.setRate(4.0);
  EXPECT_DOUBLE_EQ(controller.rate(), 2.0);
  controller.setRate(0.1);
  EXPECT_DOUBLE_EQ(controller.rate(), 0.25);
  controller.setLoop(2000, 1000);
  EXPECT_TRUE(controller.looping());
  controller.clearLoop();
  EXPECT_FALSE(controller.looping());
}

TEST_F(PlayerTest, UnplayableMediaIsExplained) {
  const auto bogus = dir_ / "notes.mp4";
  std::ofstream(bogus) << "these are notes, not a video";
  PlayerController controller;
  PlayerWidget widget(&controller);
  QSignalSpy errors(&controller, &PlayerController::errorChanged);
  controller.open(QString::fromStdString(bogus.string()));
  for (int i = 0; i < 50 && controller.errorText().isEmpty(); ++i) QTest::qWait(100);
  EXPECT_TRUE(controller.errorText().startsWith("This media cannot be played")) << controller.errorText().toStdString();
}

}  // namespace ugc::gui
