// The player's sharp poster: a real frame decoded at display size off the GUI thread
// replaces the filmstrip thumbnail placeholder, is cached per clip, and never shows the
// previous clip's picture.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QtTest/QTest>
#include <cmath>

#include "core/thumbnails.h"
#include "gui/diagnostics/event_loop_probe.h"
#include "gui/player/player_controller.h"
#include "gui/player/player_widget.h"
#include "gui/player/poster_loader.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

constexpr int kThumbnailHeight = 72;  // the timeline's filmstrip height

// Mean absolute difference between horizontal neighbours: blur (an upscaled thumbnail) lowers it.
double edgeEnergy(const QImage& image) {
  const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
  double sum = 0;
  for (int y = 0; y < gray.height(); ++y) {
    const uchar* row = gray.constScanLine(y);
    for (int x = 1; x < gray.width(); ++x) sum += std::abs(int(row[x]) - int(row[x - 1]));
  }
  return sum / (double(gray.width() - 1) * gray.height());
}

double meanAbsDifference(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB888);
  const QImage y = b.scaled(a.size()).convertToFormat(QImage::Format_RGB888);
  double sum = 0;
  for (int row = 0; row < x.height(); ++row) {
    const uchar* p = x.constScanLine(row);
    const uchar* q = y.constScanLine(row);
    for (int i = 0; i < x.width() * 3; ++i) sum += std::abs(int(p[i]) - int(q[i]));
  }
  return sum / (double(x.width()) * x.height() * 3);
}

QImage toImage(const media::RgbImage& rgb) {
  return QImage(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888).copy();
}

class PlayerPosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clip_ = makeClip("clip.mp4", "testsrc2=s=360x640:r=30:d=3");
    other_ = makeClip("other.mp4", "smptebars=s=360x640:r=30:d=2");
  }

  std::string makeClip(const std::string& name, const std::string& source) {
    const std::string path = (dir_ / name).string();
    test::runFfmpeg({"-f", "lavfi", "-i", source, "-c:v", "libx264", "-preset", "ultrafast", path});
    return path;
  }

  // The timeline's placeholder for this clip: the first of 10 filmstrip thumbnails, 72 px high.
  static QImage thumbnail(const std::string& path) {
    media::FilmstripParams strip;
    strip.count = 10;
    strip.height = kThumbnailHeight;
    auto filmstrip = media::makeFilmstrip(path, strip);
    EXPECT_TRUE(filmstrip) << filmstrip.error().describe();
    return filmstrip ? toImage(filmstrip->thumbnails.front().image) : QImage();
  }

  static bool waitForSharp(const PlayerWidget& widget, int timeoutMs = 15000) {
    for (int waited = 0; waited < timeoutMs && !widget.posterIsSharp(); waited += 10) QTest::qWait(10);
    return widget.posterIsSharp();
  }

  test::TempDir dir_;
  std::string clip_;
  std::string other_;
};

}  // namespace

TEST_F(PlayerPosterTest, ARealFrameAtDisplaySizeReplacesTheThumbnailWithoutBlockingTheGuiThread) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.resize(420, 760);
  widget.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));

  EventLoopProbe probe;
  probe.start();
  controller.open(QString::fromStdString(clip_));
  const QImage placeholder = thumbnail(clip_);
  ASSERT_EQ(placeholder.height(), kThumbnailHeight);
  widget.setPoster(placeholder);
  EXPECT_TRUE(widget.posterShown()) << "the thumbnail stands in at once";
  EXPECT_FALSE(widget.posterIsSharp());

  ASSERT_TRUE(waitForSharp(widget));
  probe.stop();
  const QImage sharp = widget.posterImage();
  EXPECT_TRUE(widget.posterShown());
  EXPECT_GT(sharp.height(), 4 * kThumbnailHeight) << "decoded at display size, not 72 px";
  EXPECT_LE(sharp.height(), 760);
  EXPECT_NEAR(double(sharp.width()) / sharp.height(), 360.0 / 640.0, 0.02);
  // The same moment as the thumbnail, only sharper.
  EXPECT_LT(meanAbsDifference(sharp, placeholder), 25.0);
  const QImage upscaled = placeholder.scaled(sharp.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  EXPECT_GT(edgeEnergy(sharp), 1.3 * edgeEnergy(upscaled));
  // The decode ran on a worker: the GUI thread kept serving its events.
  UGC_EXPECT_TIMELY(probe.report().maxMs, 200) << EventLoopProbe::describe(probe.report()).toStdString();

  widget.setPoster(placeholder);
  EXPECT_TRUE(widget.posterIsSharp()) << "a late placeholder never replaces the real frame";
}

TEST_F(PlayerPosterTest, CachedPerClipAndNeverShowsThePreviousClip) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.resize(420, 760);
  widget.show();
  controller.open(QString::fromStdString(clip_));
  ASSERT_TRUE(waitForSharp(widget));
  const QImage first = widget.posterImage();

  controller.open(QString::fromStdString(other_));
  EXPECT_FALSE(widget.posterShown()) << "the previous clip's still is gone at once";
  EXPECT_TRUE(widget.posterImage().isNull());
  ASSERT_TRUE(waitForSharp(widget));
  EXPECT_GT(meanAbsDifference(widget.posterImage(), first), 20.0) << "bars, not the test pattern";

  controller.open(QString::fromStdString(clip_));
  EXPECT_TRUE(widget.posterIsSharp()) << "back to a clip seen before: its frame comes from the cache";
  EXPECT_FALSE(widget.posterDecoding());
  EXPECT_EQ(widget.posterImage(), first);
}

TEST_F(PlayerPosterTest, AGrownPlayerDecodesAgainAtItsNewSize) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.resize(200, 300);
  widget.show();
  controller.open(QString::fromStdString(clip_));
  ASSERT_TRUE(waitForSharp(widget));
  const int small = widget.posterImage().height();
  EXPECT_LE(small, 300);

  widget.resize(500, 900);
  QTest::qWait(1);
  EXPECT_FALSE(widget.posterIsSharp()) << "the small frame only stands in now";
  EXPECT_TRUE(widget.posterShown());
  ASSERT_TRUE(waitForSharp(widget));
  EXPECT_GT(widget.posterImage().height(), small * 2);
}

TEST_F(PlayerPosterTest, NothingIsDecodedWhileThePictureIsHidden) {
  PlayerController controller;
  controller.setMode(PlayerMode::Audio);
  PlayerWidget widget(&controller);
  widget.resize(420, 760);
  widget.show();
  controller.open(QString::fromStdString(clip_));
  QTest::qWait(50);
  EXPECT_FALSE(widget.posterDecoding());
  EXPECT_FALSE(widget.posterIsSharp());
  controller.setMode(PlayerMode::Joint);  // e.g. the same player reused for the joint stage
  ASSERT_TRUE(waitForSharp(widget));
}

TEST_F(PlayerPosterTest, AHiddenPlayerDecodesWhenShown) {
  PlayerController controller;
  PlayerWidget widget(&controller);
  widget.resize(420, 760);
  controller.open(QString::fromStdString(clip_));
  QTest::qWait(50);
  EXPECT_FALSE(widget.posterDecoding()) << "a stage view that is not on screen decodes nothing";
  widget.show();
  ASSERT_TRUE(waitForSharp(widget));
}

TEST_F(PlayerPosterTest, LoaderErrorsAreValues) {
  PosterParams params;
  params.box = {300, 300};
  auto missing = loadPosterFrame(QString::fromStdString((dir_ / "missing.mp4").string()), params);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);

  const std::string audioOnly = (dir_ / "tone.m4a").string();
  test::runFfmpeg({"-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", audioOnly});
  auto noVideo = loadPosterFrame(QString::fromStdString(audioOnly), params);
  ASSERT_FALSE(noVideo);
  EXPECT_EQ(noVideo.error().code, ErrorCode::NotFound);

  CancelToken cancel;
  cancel.cancel();
  auto cancelled = loadPosterFrame(QString::fromStdString(clip_), params, cancel);
  ASSERT_FALSE(cancelled);
  EXPECT_TRUE(cancelled.error().isCancelled());

  auto frame = loadPosterFrame(QString::fromStdString(clip_), params);
  ASSERT_TRUE(frame) << frame.error().describe();
  EXPECT_EQ(frame->height(), 300);
  EXPECT_NEAR(frame->width(), 169, 1);
}

}  // namespace ugc::gui
