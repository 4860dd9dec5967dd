// The export dialog: a real export of a real project runs on a worker, its progress reaches
// the bar, the result is validated; Cancel keeps the previous export; the GUI thread stays
// responsive while the 800-video release is exported.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest/QTest>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "db/project.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "gui/export/export_controller.h"
#include "gui/export/export_dialog.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

// Two videos with approved audio captions and one QA pair, stored through the db API.
fs::path smallProject(const test::TempDir& dir) {
  const fs::path path = dir / "small.ugcproj";
  auto project = db::Project::create(path);
  EXPECT_TRUE(project) << project.error().describe();
  for (const char* id : {"clip-a", "clip-b"}) {
    db::NewVideo video;
    video.id = id;
    video.annotationOnly = true;
    video.origin = "test";
    EXPECT_TRUE(project->addVideo(video));
    db::SaveRevisionRequest save;
    save.videoId = id;
    save.stage = Stage::Audio;
    save.audio = annotation::AudioFields{};
    save.caption = std::string("A narrator describes ") + id + ".";
    save.author = "alice";
    EXPECT_TRUE(project->saveRevision(save));
  }
  annotation::QaPair pair;
  pair.videoId = "clip-a";
  pair.type = annotation::QaType::Tone;
  pair.question = "What is the tone?";
  pair.options = {"Positive", "Negative", "Neutral"};
  pair.answer = "Positive";
  EXPECT_TRUE(project->addQaPair(pair, "import"));
  return path;
}

fs::path releaseProject(const test::TempDir& dir) {
  const fs::path path = dir / "release.ugcproj";
  auto project = db::Project::create(path);
  EXPECT_TRUE(project);
  auto imported = db::importRelease(*project, test::releaseDevDir(), {}, {}, {});
  EXPECT_TRUE(imported) << imported.error().describe();
  return path;
}

// CPU time the calling thread has used: a stall the thread spent working shows here, a stall
// spent waiting for a core on a loaded machine does not.
double threadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Time the calling thread spent runnable but waiting for a core (/proc schedstat, field 2):
// on an oversubscribed machine a gap between ticks can be the scheduler's, not the app's.
double threadRunQueueMs() {
  std::ifstream in("/proc/thread-self/schedstat");
  double onCpuNs = 0;
  double waitingNs = 0;
  if (!(in >> onCpuNs >> waitingNs)) return 0;
  return waitingNs / 1e6;
}

ExportController::State waitFinished(ExportDialog& dialog) {
  if (dialog.controller()->isRunning()) {
    QSignalSpy finished(dialog.controller(), &ExportController::finished);
    finished.wait(120000);
  }
  return dialog.controller()->state();
}

TEST(ExportDialog, ExportsValidatesAndReportsFullProgress) {
  test::TempDir dir;
  const fs::path project = smallProject(dir);
  ExportDialog dialog(QString::fromStdString(project.string()));
  dialog.show();
  EXPECT_FALSE(dialog.exportButton()->isEnabled()) << "no destination yet";
  dialog.setFormat(db::ExportFormat::Jsonl);
  dialog.setIncludeUnreviewed(true);
  dialog.setDestination(QString::fromStdString((dir / "out").string()));
  ASSERT_TRUE(dialog.exportButton()->isEnabled());
  EXPECT_TRUE(dialog.params().includeUnreviewed);

  QList<int> seen;
  QObject::connect(dialog.controller(), &ExportController::progressChanged,
                   [&seen](int percent, const QString&) { seen << percent; });
  QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
  EXPECT_TRUE(dialog.controller()->isRunning());
  EXPECT_FALSE(dialog.exportButton()->isEnabled()) << "one export at a time";
  ASSERT_EQ(waitFinished(dialog), ExportController::State::Succeeded) << dialog.resultText().toStdString();

  EXPECT_EQ(dialog.progressBar()->value(), 100);
  ASSERT_FALSE(seen.isEmpty());
  EXPECT_EQ(seen.back(), 100);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end())) << "progress never goes back";
  EXPECT_TRUE(fs::exists(dir / "out" / "manifest.json"));
  auto validated = db::validateExport(dir / "out");
  ASSERT_TRUE(validated) << validated.error().describe();
  EXPECT_EQ(validated->records, 2) << "one record per video";
  const auto& outcome = dialog.controller()->outcome();
  EXPECT_EQ(outcome.validation.records, 2);
  EXPECT_EQ(outcome.validation.format, "jsonl");
  EXPECT_TRUE(dialog.resultText().contains("Export valid")) << dialog.resultText().toStdString();
  EXPECT_TRUE(dialog.exportButton()->isEnabled());
  EXPECT_EQ(dialog.cancelButton()->text(), "Close");
}

TEST(ExportDialog, ReportsAFailureAsAnErrorNotACrash) {
  test::TempDir dir;
  ExportDialog dialog(QString::fromStdString((dir / "missing.ugcproj").string()));
  dialog.setDestination(QString::fromStdString((dir / "out").string()));
  dialog.startExport();
  EXPECT_EQ(waitFinished(dialog), ExportController::State::Failed);
  EXPECT_TRUE(dialog.resultText().contains("Export failed")) << dialog.resultText().toStdString();
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(ExportDialog, CancelKeepsThePreviousExport) {
  if (test::releaseDevDir().empty()) GTEST_SKIP() << "shared release-dev data absent";
  test::TempDir dir;
  const fs::path project = releaseProject(dir);
  const fs::path out = dir / "out";
  ExportDialog dialog(QString::fromStdString(project.string()));
  dialog.setDestination(QString::fromStdString(out.string()));
  dialog.setFormat(db::ExportFormat::Release);
  dialog.show();
  dialog.startExport();
  ASSERT_EQ(waitFinished(dialog), ExportController::State::Succeeded) << dialog.resultText().toStdString();
  const std::string manifest = test::readFile(out / "manifest.json");
  const std::string tone = test::readFile(out / "tone.json");

  // A JSONL export into the same folder, cancelled right away with the dialog's Cancel button.
  dialog.setFormat(db::ExportFormat::Jsonl);
  dialog.startExport();
  ASSERT_TRUE(dialog.controller()->isRunning());
  EXPECT_EQ(dialog.cancelButton()->text(), "Cancel export");
  QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
  EXPECT_TRUE(dialog.isVisible()) << "Cancel stops the export, it does not close";
  ASSERT_EQ(waitFinished(dialog), ExportController::State::Cancelled) << dialog.resultText().toStdString();
  EXPECT_TRUE(dialog.resultText().contains("cancelled")) << dialog.resultText().toStdString();

  EXPECT_EQ(test::readFile(out / "manifest.json"), manifest) << "the release export is still there";
  EXPECT_EQ(test::readFile(out / "tone.json"), tone);
  EXPECT_FALSE(fs::exists(out / "videos.jsonl"));
  auto validated = db::validateExport(out);
  ASSERT_TRUE(validated) << validated.error().describe();
  EXPECT_EQ(validated->format, "release");
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_TRUE(entry.path().filename().string().rfind(".", 0) != 0 || !entry.is_directory())
        << "staging folder left behind: " << entry.path();
  }
}

// Measures the longest gap between ticks of a 10 ms timer on the GUI thread while the dialog
// exports the 800-video release (each format in turn). Also renders the dialog when done
// (into $UGC_SCREENSHOT_DIR when set).
TEST(ExportDialog, GuiThreadStaysResponsiveDuringARealExport) {
  if (test::releaseDevDir().empty()) GTEST_SKIP() << "shared release-dev data absent";
  test::TempDir dir;
  const fs::path project = releaseProject(dir);
  ExportDialog dialog(QString::fromStdString(project.string()));
  dialog.resize(640, 320);
  dialog.show();
  // The first paint (fonts, style) is the dialog's cost, not the export's: let it happen first.
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
  QTest::qWait(100);

  QElapsedTimer clock;
  qint64 last = 0;
  qint64 longest = 0;        // wall-clock gap between two ticks
  double longestBusy = 0;    // GUI-thread CPU time within one gap
  double longestOwn = 0;     // a gap minus the time the thread waited for a core
  double waitInLongest = 0;  // run-queue wait within the longest wall-clock gap
  double lastCpu = 0;
  double lastQueue = 0;
  int ticks = 0;
  QTimer ticker;
  ticker.setInterval(10);
  ticker.setTimerType(Qt::PreciseTimer);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    const qint64 now = clock.elapsed();
    const double cpu = threadCpuMs();
    const double queue = threadRunQueueMs();
    const qint64 gap = now - last;
    if (gap > longest) {
      longest = gap;
      waitInLongest = queue - lastQueue;
    }
    longestBusy = std::max(longestBusy, cpu - lastCpu);
    longestOwn = std::max(longestOwn, double(gap) - (queue - lastQueue));
    last = now;
    lastCpu = cpu;
    lastQueue = queue;
    ++ticks;
  });

  for (const auto format :
       {db::ExportFormat::Release, db::ExportFormat::Jsonl, db::ExportFormat::Sft, db::ExportFormat::Grpo}) {
    dialog.setFormat(format);
    dialog.setDestination(QString::fromStdString((dir / db::exportFormatName(format)).string()));
    QEventLoop loop;
    QObject::connect(dialog.controller(), &ExportController::finished, &loop, &QEventLoop::quit);
    clock.restart();
    last = 0;
    lastCpu = threadCpuMs();
    lastQueue = threadRunQueueMs();
    ticker.start();
    dialog.startExport();
    loop.exec();
    ticker.stop();
    const qint64 took = clock.elapsed();
    ASSERT_EQ(dialog.controller()->state(), ExportController::State::Succeeded) << dialog.resultText().toStdString();
    EXPECT_EQ(dialog.progressBar()->value(), 100);
    std::printf(
        "[ figures ] %s export of the release: %lld ms, %d ticks; so far: longest GUI stall %lld ms "
        "(%.1f ms of it waiting for a core), longest stall not spent waiting for a core %.1f ms, "
        "GUI thread busy at most %.1f ms of a gap\n",
        db::exportFormatName(format), took, ticks, longest, waitInLongest, longestOwn, longestBusy);
    ASSERT_TRUE(db::validateExport(dir / db::exportFormatName(format)));
  }
  EXPECT_GT(ticks, 0);
  UGC_EXPECT_TIMELY(longestBusy, 50) << "the GUI thread worked " << longestBusy << " ms without returning to its event loop";
  // The app's share of the longest stall: this machine runs several builds on 2 cores, where the
  // scheduler alone can hold a runnable thread off the CPU for tens of milliseconds.
  UGC_EXPECT_TIMELY(longestOwn, 50) << "the GUI thread stalled for " << longestOwn
                            << " ms while not waiting for a core (longest wall-clock gap " << longest << " ms)";
  ::testing::Test::RecordProperty("longest_gui_stall_ms", int(longest));
  ::testing::Test::RecordProperty("longest_gui_stall_not_waiting_for_cpu_ms", int(longestOwn));

  dialog.setFormat(db::ExportFormat::Release);
  dialog.setDestination(QString::fromStdString((dir / "release").string()));
  dialog.startExport();
  ASSERT_EQ(waitFinished(dialog), ExportController::State::Succeeded);
  const QImage image = dialog.grab().toImage();
  ASSERT_FALSE(image.isNull());
  if (const QByteArray out = qgetenv("UGC_SCREENSHOT_DIR"); !out.isEmpty()) {
    EXPECT_TRUE(image.save(QString::fromLocal8Bit(out) + "/export.png"));
  }
}

}  // namespace
}  // namespace ugc::gui
