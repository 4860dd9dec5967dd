// Instrumented run of the studio on the demo project (issue 8's performance goals, with
// generous bounds so a shared machine does not fail them; bench_gui_studio measures the
// figures): a video switch shows the fields, the caption and the first frame, and exporting
// through the export page keeps the GUI thread serving its events.
#include <algorithm>
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QPainter>
#include <QPushButton>
#include <QThread>
#include <QThreadPool>
#include <QtTest/QTest>
#include <atomic>

#include "core/subprocess.h"
#include "db/project.h"
#include "gui/diagnostics/event_loop_probe.h"
#include "gui/editor/caption_editor.h"
#include "gui/editor/visual_fields_editor.h"
#include "gui/export/export_controller.h"
#include "gui/export/export_dialog.h"
#include "gui/main_window.h"
#include "gui/player/player_widget.h"
#include "gui/stage/stage_view.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

using annotation::Stage;

// Generous: the goal is 50 ms (docs/performance.md has the measured figures); this catches
// work moved onto the GUI thread, which blocks it for whole seconds.
constexpr double kExportStallBoundMs = 250;
constexpr int kSwitchBoundMs = 2000;

void run(const std::vector<std::string>& argv) {
  auto result = runProcess(argv);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->exitCode, 0) << result->standardError;
}

class StudioPerformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The demo project as scripts/demo-pipeline makes it, minus the slow signal extraction.
    const std::string clips = test::sharedDemoCorpus().string();
    project_ = (dir_ / "demo.ugcproj").string();
    run({UGC_CLI_PATH, "--quiet", "init", "-p", project_});
    run({UGC_CLI_PATH, "--quiet", "import", "-p", project_, "--demo", clips, "--as-work", "4"});
    run({UGC_CLI_PATH, "--quiet", "users", "add", "-p", project_, "admin", "--role", "admin"});
    auto opened = db::Project::open(project_);
    ASSERT_TRUE(opened);
    auto videos = opened->videos(0, 100);
    ASSERT_TRUE(videos);
    for (const auto& video : *videos) {
      if (!video.mediaPath.empty()) videos_.push_back(QString::fromStdString(video.id));
    }
    ASSERT_GE(videos_.size(), 4u);
  }

  test::TempDir dir_;
  std::string project_;
  std::vector<QString> videos_;
};

}  // namespace

TEST_F(StudioPerformanceTest, ASwitchShowsFieldsCaptionAndFirstFrame) {
  MainWindow window;
  window.resize(1280, 800);
  window.show();
  ASSERT_TRUE(window.openProject(QString::fromStdString(project_), "admin"));
  StageView* stage = window.stageView(Stage::Visual);
  PlayerWidget* player = stage->playerWidget();
  int captions = 0;
  for (const QString& id : videos_) {
    window.openVideo(id, Stage::Visual);
    ASSERT_EQ(stage->videoId(), id);
    ASSERT_TRUE(stage->snapshot());
    const auto& shown = stage->snapshot()->head ? stage->snapshot()->head : stage->snapshot()->draft;
    // Fields and caption are there when openVideo returns: they load on the GUI thread.
    if (shown) {
      EXPECT_EQ(stage->captionEditor()->text().toStdString(), shown->caption) << id.toStdString();
      if (shown->visual) {
        EXPECT_EQ(stage->visualFields()->fields(), *shown->visual) << id.toStdString();
      }
      captions += shown->caption.empty() ? 0 : 1;
    }
    for (int waited = 0; waited < 20000 && !player->posterIsSharp(); waited += 5) QTest::qWait(5);
    EXPECT_TRUE(player->posterShown()) << id.toStdString() << ": no first frame";
    EXPECT_TRUE(player->posterIsSharp()) << id.toStdString() << ": the real frame did not replace the thumbnail";
  }
  EXPECT_GE(captions, 10) << "the ten finished demo clips have captions";

  // A revisit: everything is cached, the frame is the sharp one and is up at once.
  QElapsedTimer clock;
  clock.start();
  window.openVideo(videos_.front(), Stage::Visual);
  for (int waited = 0; waited < 20000 && !player->posterShown(); waited += 1) QTest::qWait(1);
  window.repaint();
  EXPECT_TRUE(player->posterIsSharp());
  UGC_EXPECT_TIMELY(clock.elapsed(), kSwitchBoundMs);
}

TEST_F(StudioPerformanceTest, ExportingThroughTheExportPageKeepsTheGuiThreadResponsive) {
  MainWindow window;
  window.show();
  ASSERT_TRUE(window.openProject(QString::fromStdString(project_), "admin"));
  window.showView(MainWindow::View::Export);
  auto* page = window.findChild<ExportDialog*>();
  ASSERT_NE(page, nullptr);
  EventLoopProbe probe;
  probe.start();
  for (auto format : {db::ExportFormat::Release, db::ExportFormat::Jsonl, db::ExportFormat::Sft,
                      db::ExportFormat::Release, db::ExportFormat::Jsonl, db::ExportFormat::Sft}) {
    page->setFormat(format);
    page->setDestination(QString::fromStdString((dir_ / db::exportFormatName(format)).string()));
    page->setIncludeUnreviewed(true);
    page->exportButton()->click();
    for (int waited = 0; waited < 60000 && page->controller()->isRunning(); waited += 5) QTest::qWait(5);
    ASSERT_EQ(page->controller()->state(), ExportController::State::Succeeded) << page->resultText().toStdString();
  }
  probe.stop();
  const EventLoopReport report = probe.report();
  // The probe was served all along (a 5 ms timer: about one sample per 5 ms of exporting). That
  // it was served at all is behaviour; how often is a timing a loaded machine can halve.
  EXPECT_GE(report.samples, 2) << EventLoopProbe::describe(report).toStdString();
  UGC_EXPECT_TIMELY(report.durationMs / std::max(1, int(report.samples)), 25.0)
      << "mean ms between probe samples; " << EventLoopProbe::describe(report).toStdString();
  UGC_EXPECT_TIMELY(report.maxMs, kExportStallBoundMs) << EventLoopProbe::describe(report).toStdString();
}

}  // namespace ugc::gui

namespace ugc::gui {
namespace {

// Paints what makes Qt 6.4's raster engine split a fill over the global thread pool: a large
// gradient (the busy progress bar of a draft did it in the studio).
class GradientCanvas : public QWidget {
 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter painter(this);
    QLinearGradient gradient(0, 0, width(), height());
    gradient.setColorAt(0, Qt::darkBlue);
    gradient.setColorAt(1, Qt::yellow);
    painter.fillRect(rect(), gradient);
  }
};

}  // namespace

TEST(StudioThreadPoolTest, LongJobsInTheGlobalPoolLeaveThreadsForPainting) {
  MainWindow window;  // sets the studio's thread budget
  GradientCanvas canvas;
  canvas.resize(900, 900);
  canvas.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&canvas));
  // As many long jobs as cores (a draft and a timeline load on 2 cores), run as the studio runs
  // them: QtConcurrent, i.e. the global pool. They end on their own after 1.5 s.
  std::atomic<bool> release{false};
  const int longJobs = std::max(2, QThread::idealThreadCount());
  for (int i = 0; i < longJobs; ++i) {
    QThreadPool::globalInstance()->start([&release] {
      QElapsedTimer alive;
      alive.start();
      while (!release && alive.elapsed() < 1500) QThread::msleep(5);
    });
  }
  QTest::qWait(50);
  QElapsedTimer clock;
  clock.start();
  canvas.repaint();
  const qint64 paintMs = clock.elapsed();
  release = true;
  QThreadPool::globalInstance()->waitForDone();
  UGC_EXPECT_TIMELY(paintMs, 300) << "the paint waited for the long jobs to free a pool thread";
}

}  // namespace ugc::gui
