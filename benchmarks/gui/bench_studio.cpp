// The desktop app's performance goals (issue 8), measured on the demo project with the real
// main window on the offscreen platform:
//   1. switching videos in a stage view: time until the first frame (poster), the fields and
//      the draft caption are on screen (window painted), first visit and revisits (cached), and
//      what a first visit waits for on a clip of upload size (1080x1920, 30 s);
//   2. the GUI thread's event-loop latency (gui/diagnostics/event_loop_probe.h) while exporting
//      through the export page, extracting signals in the background and drafting with the model.
//
// Usage: bench_gui_studio [--demo DIR] [--passes N] [--exports N]
//                         [--only switch|firstframe|idle|export|extract|draft|rapid|import]
//                         [--pool N] [--release DIR] [--rounds N]
// import (not in the default run: it needs the dev release, --release, default
// /work/shared/ugc-videocap/release-dev) saves a caption in the audio stage view every 100 ms
// while a child `ugccap import --release` writes to the same project: once without an import,
// then N rounds (--rounds, default 8) each importing into a fresh copy of the demo project.
// rapid (not in the default run: it generates six 1080x1920 30 s clips once, a few minutes)
// switches through upload-size clips every 150 ms.
// --pool N overrides the global thread pool's size after the main window set it (--pool 2
// shows the paint stalls of Qt 6.4's pooled raster fills that the main window's budget prevents).
// DIR (default: bench-demo next to this program) holds the demo project; it is built with the
// ugccap binary, as scripts/demo-pipeline does, when missing.
#include <QApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <cstdio>
#include <cstring>
#include <map>

#include "core/subprocess.h"
#include "db/project.h"
#include "gui/diagnostics/event_loop_probe.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/editor/visual_fields_editor.h"
#include "gui/export/export_controller.h"
#include "gui/export/export_dialog.h"
#include "gui/main_window.h"
#include "gui/player/player_widget.h"
#include "gui/player/poster_loader.h"
#include "gui/player/timeline_loader.h"
#include "gui/stage/stage_view.h"
#include "pipeline/project_extraction.h"
#include "studio_bench_support.h"

namespace {

using ugc::annotation::Stage;
using ugc::bench::summarize;
using ugc::bench::Summary;
using ugc::gui::EventLoopProbe;
using ugc::gui::EventLoopReport;
using ugc::gui::MainWindow;

constexpr int kWaitMs = 20000;

struct Options {
  std::filesystem::path demoDir;
  int passes = 3;    // pass 1 is the first visit of each video; the others revisit (cached)
  int exports = 10;  // per format
  std::string only;
  int globalPoolThreads = 0;  // > 0: QThreadPool::globalInstance()->setMaxThreadCount (experiments)
  std::filesystem::path release = "/work/shared/ugc-videocap/release-dev";
  int importRounds = 8;
};

double msSince(const QElapsedTimer& clock) { return clock.nsecsElapsed() / 1e6; }

// ---- 1. video switches -------------------------------------------------------------------

struct SwitchSample {
  double shownMs = 0;    // openVideo returned: fields and caption set (they load synchronously)
  double visibleMs = 0;  // ... and the poster is up (visual, joint), the window painted
  double sharpMs = 0;    // the poster is the real frame at display size (visual, joint)
  bool ok = false;
};

bool captionAndFieldsShown(const ugc::gui::StageView& view, const QString& videoId) {
  if (view.videoId() != videoId || !view.snapshot()) return false;
  const auto& snapshot = *view.snapshot();
  const auto& shown = snapshot.head ? snapshot.head : snapshot.draft;
  const QString caption = shown ? QString::fromStdString(shown->caption) : QString();
  if (view.captionEditor()->text() != caption) return false;
  if (view.audioFields() && shown && shown->audio && view.audioFields()->fields() != *shown->audio) return false;
  if (view.visualFields() && shown && shown->visual && view.visualFields()->fields() != *shown->visual) return false;
  return true;
}

SwitchSample switchTo(MainWindow& window, const QString& videoId, Stage stage) {
  SwitchSample sample;
  ugc::gui::StageView* view = window.stageView(stage);
  ugc::gui::PlayerWidget* player = view->playerWidget();
  const bool picture = stage != Stage::Audio;
  QElapsedTimer clock;
  clock.start();
  window.openVideo(videoId, stage);
  sample.shownMs = msSince(clock);
  if (!captionAndFieldsShown(*view, videoId)) return sample;
  if (picture && !ugc::bench::waitUntil([&] { return player->posterShown(); }, kWaitMs)) return sample;
  window.repaint();  // what the user sees: paint the whole window now
  sample.visibleMs = msSince(clock);
  if (picture && !ugc::bench::waitUntil([&] { return player->posterIsSharp(); }, kWaitMs)) return sample;
  sample.sharpMs = picture ? msSince(clock) : 0;
  sample.ok = true;
  return sample;
}

void printSummaryRow(const char* stage, const char* visit, const Summary& shown, const Summary& visible,
                     const Summary& sharp) {
  std::printf("| %-6s | %-8s | %3d | %6.1f / %6.1f / %6.1f | %6.1f / %6.1f / %6.1f | ", stage, visit, shown.count,
              shown.median, shown.p95, shown.max, visible.median, visible.p95, visible.max);
  if (sharp.count > 0 && sharp.max > 0) {
    std::printf("%6.1f / %6.1f / %6.1f |\n", sharp.median, sharp.p95, sharp.max);
  } else {
    std::printf("%-24s |\n", "(picture hidden)");
  }
}

bool benchSwitches(MainWindow& window, const std::vector<QString>& videos, int passes) {
  std::printf("\n## Video switch (ms: median / p95 / max)\n\n");
  std::printf(
      "| stage  | visit    |   n | fields + caption         | + first frame, painted   | sharp poster             |\n");
  std::printf(
      "|--------|----------|-----|--------------------------|--------------------------|--------------------------|\n");
  bool allOk = true;
  // The timeline (waveform, filmstrip) is cached per process and shared by the stages: only the
  // first stage measured (visual) meets it cold; every stage decodes its own sharp poster.
  for (Stage stage : {Stage::Visual, Stage::Audio, Stage::Joint}) {
    std::vector<double> shown[2], visible[2], sharp[2];
    int failures = 0;
    for (int pass = 0; pass < passes; ++pass) {
      const int visit = pass == 0 ? 0 : 1;
      for (const QString& id : videos) {
        const SwitchSample sample = switchTo(window, id, stage);
        if (!sample.ok) {
          ++failures;
          continue;
        }
        shown[visit].push_back(sample.shownMs);
        visible[visit].push_back(sample.visibleMs);
        sharp[visit].push_back(sample.sharpMs);
      }
    }
    const char* name = stage == Stage::Audio ? "audio" : stage == Stage::Visual ? "visual" : "joint";
    printSummaryRow(name, "first", summarize(shown[0]), summarize(visible[0]), summarize(sharp[0]));
    printSummaryRow(name, "revisit", summarize(shown[1]), summarize(visible[1]), summarize(sharp[1]));
    if (failures > 0) {
      std::printf("  %s stage: %d switch(es) did not show fields, caption and poster\n", name, failures);
      allOk = false;
    }
  }
  return allOk;
}

// A 30 s upload-size clip (keyframe every 2 s) from a lavfi picture and a tone.
bool makeUploadClip(const std::filesystem::path& clip, const std::string& picture, int toneHz) {
  auto made = ugc::runProcess({"ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", picture, "-f",
                               "lavfi", "-i", "sine=frequency=" + std::to_string(toneHz) + ":duration=30", "-c:v",
                               "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-shortest", clip.string()});
  return made && made->exitCode == 0;
}

// First visit of a clip the size users upload: what the stage waits for before its first frame.
// The timeline (waveform, spectrogram, scene changes, 72 px filmstrip) decodes the whole clip;
// the sharp poster decodes one frame. Both run on workers; this times them directly.
bool benchFirstFrameSources(const std::filesystem::path& dir, int runs) {
  const auto clip = dir / "ugc-1080x1920-30s.mp4";
  if (!std::filesystem::exists(clip)) {
    if (!makeUploadClip(clip, "testsrc2=s=1080x1920:r=30:d=30", 330)) return false;
  }
  const QString path = QString::fromStdString(clip.string());
  std::vector<double> poster, timeline;
  for (int run = 0; run < runs; ++run) {
    QElapsedTimer clock;
    clock.start();
    ugc::gui::PosterParams params;
    params.box = {560, 700};  // the picture area of a 1440x900 window
    if (!ugc::gui::loadPosterFrame(path, params)) return false;
    poster.push_back(msSince(clock));
    clock.restart();
    if (!ugc::gui::loadTimeline(path)) return false;  // uncached, as on a first visit
    timeline.push_back(msSince(clock));
  }
  const Summary p = summarize(poster);
  const Summary t = summarize(timeline);
  std::printf("\n## First visit of a 1080x1920 30 s clip (ms: median / max of %d, off the GUI thread)\n\n", runs);
  std::printf("| source | median | max |\n|---|---|---|\n");
  std::printf("| sharp poster (one frame at 560x700) | %.0f | %.0f |\n", p.median, p.max);
  std::printf("| timeline (its 72 px thumbnail is the placeholder) | %.0f | %.0f |\n", t.median, t.max);
  return true;
}

// A user pressing "next" every 150 ms through clips of upload size (first visits): how long the
// last clip takes to show its first frame, and the GUI thread's stalls meanwhile. Each switch
// starts a timeline load and a poster decode; stale ones are what this measures.
bool benchRapidSwitching(const std::filesystem::path& dir, int clips, int poolThreads) {
  const auto folder = dir / "upload";
  const auto project = folder / "upload.ugcproj";
  if (!std::filesystem::exists(project)) {
    std::filesystem::create_directories(folder / "clips");
    for (int i = 0; i < clips; ++i) {
      const auto clip = folder / "clips" / ("upload-" + std::to_string(i + 1) + ".mp4");
      if (!makeUploadClip(clip, "testsrc2=s=1080x1920:r=30:d=30,hue=h=" + std::to_string(i * 50), 220 + 40 * i))
        return false;
    }
    for (const auto& step : std::vector<std::vector<std::string>>{
             {UGC_CLI_PATH, "--quiet", "init", "-p", project.string()},
             {UGC_CLI_PATH, "--quiet", "import", "-p", project.string(), "--videos", (folder / "clips").string()},
             {UGC_CLI_PATH, "--quiet", "users", "add", "-p", project.string(), "admin", "--role", "admin"}}) {
      auto ran = ugc::runProcess(step);
      if (!ran || ran->exitCode != 0) {
        std::filesystem::remove(project);
        return false;
      }
    }
  }
  std::vector<QString> ids;
  {
    auto opened = ugc::db::Project::open(project);
    auto page = opened ? opened->videos(0, 100) : ugc::Result<std::vector<ugc::db::VideoRecord>>{};
    if (!page) return false;
    for (const auto& video : *page) ids.push_back(QString::fromStdString(video.id));
  }
  MainWindow window;
  window.resize(1440, 900);
  window.show();
  if (!window.openProject(QString::fromStdString(project.string()), "admin")) return false;
  if (poolThreads > 0) QThreadPool::globalInstance()->setMaxThreadCount(poolThreads);
  ugc::gui::PlayerWidget* player = window.stageView(Stage::Visual)->playerWidget();
  EventLoopProbe probe;
  probe.start();
  QElapsedTimer clock;
  for (const QString& id : ids) {
    window.openVideo(id, Stage::Visual);
    clock.restart();
    ugc::bench::waitUntil([] { return false; }, 150, 10);
  }
  const bool shown = ugc::bench::waitUntil([&] { return player->posterShown(); }, 60000);
  const double firstFrameMs = msSince(clock) + 150;  // the last switch happened 150 ms before the clock restarted
  probe.stop();
  QElapsedTimer drain;
  drain.start();
  QThreadPool::globalInstance()->waitForDone();  // the stale timeline loads
  const double drainMs = msSince(drain);
  const EventLoopReport report = probe.report();
  std::printf("\n## Rapid switching: %zu upload-size clips (1080x1920, 30 s), a switch every 150 ms, visual stage\n\n",
              ids.size());
  std::printf("last clip's first frame %s %.0f ms after its switch; GUI thread: %s; the pool was busy %.0f ms more\n",
              shown ? "up" : "NOT up", firstFrameMs, qPrintable(EventLoopProbe::describe(report)), drainMs);
  return shown;
}

// ---- 2. GUI-thread stalls ----------------------------------------------------------------

void printStallRow(const char* job, const char* how, const EventLoopReport& report, const std::string& extra) {
  char causes[48] = "-";
  if (report.causesKnown) {
    std::snprintf(causes, sizeof causes, "%d / %d / %d", report.stallsBusy, report.stallsStarved, report.stallsBlocked);
  }
  std::printf("| %-8s | %-30s | %6.1f | %6.1f | %5.2f | %3d | %-12s | %6.1f | %s |\n", job, how, report.maxMs,
              report.p99Ms, report.meanMs, report.stalls, causes, report.durationMs / 1000.0, extra.c_str());
}

void printStallHeader() {
  std::printf("\n## GUI-thread stalls (event-loop latency of a 5 ms timer, ms)\n\n");
  std::printf(
      "Stalls > 50 ms by cause: the GUI thread was busy / starved (waiting for a core) / blocked (asleep).\n\n");
  std::printf(
      "| job      | how                            | max    | p99    | mean  | >50 | b / s / bl   | run s  | notes "
      "|\n");
  std::printf(
      "|----------|--------------------------------|--------|--------|-------|-----|--------------|--------|-------|"
      "\n");
}

bool benchExport(MainWindow& window, const std::filesystem::path& outRoot, int runsPerFormat) {
  window.showView(MainWindow::View::Export);
  auto* page = window.findChild<ugc::gui::ExportDialog*>();
  if (!page) {
    std::printf("| export | no export page (the user is not an admin) |\n");
    return false;
  }
  std::vector<double> wall;
  int failed = 0;
  EventLoopProbe probe;
  probe.start();
  for (auto format : {ugc::db::ExportFormat::Release, ugc::db::ExportFormat::Jsonl, ugc::db::ExportFormat::Sft}) {
    for (int run = 0; run < runsPerFormat; ++run) {
      page->setFormat(format);
      page->setDestination(QString::fromStdString((outRoot / ugc::db::exportFormatName(format)).string()));
      page->setIncludeUnreviewed(true);
      QElapsedTimer clock;
      clock.start();
      page->exportButton()->click();
      auto* controller = page->controller();
      if (!ugc::bench::waitUntil([&] { return !controller->isRunning(); }, kWaitMs * 3)) return false;
      wall.push_back(msSince(clock));
      if (controller->state() != ugc::gui::ExportController::State::Succeeded) ++failed;
    }
  }
  probe.stop();
  const Summary exports = summarize(wall);
  char notes[160];
  std::snprintf(notes, sizeof notes, "%d exports (release, jsonl, sft), median %.0f ms each, %d failed", exports.count,
                exports.median, failed);
  printStallRow("export", "export page, Export button", probe.report(), notes);
  return failed == 0;
}

// The probe with no job at all: what the machine's load alone costs the GUI thread.
void benchIdle(int ms) {
  EventLoopProbe probe;
  probe.start();
  ugc::bench::waitUntil([] { return false; }, ms, 50);
  probe.stop();
  printStallRow("idle", "no job (machine load only)", probe.report(), "baseline");
}

// "Draft with model" (Ctrl+D) in each stage view on the videos left as work: the stage view runs
// the captioner on a worker and polls its progress.
bool benchDrafting(MainWindow& window, const std::vector<QString>& workVideos) {
  std::vector<double> wall;
  int refused = 0;
  int failed = 0;
  EventLoopProbe probe;
  probe.start();
  for (Stage stage : {Stage::Audio, Stage::Visual, Stage::Joint}) {
    ugc::gui::StageView* view = window.stageView(stage);
    for (const QString& id : workVideos) {
      probe.pause();  // switching videos is measured above, not here
      window.openVideo(id, stage);
      ugc::bench::waitUntil([] { return false; }, 100, 10);  // let the switch settle (poster, timeline)
      probe.resume();
      EventLoopProbe one;  // this draft alone, for the details on stderr
      one.start();
      QElapsedTimer clock;
      clock.start();
      if (!view->draftWithModel()) {
        ++refused;
        continue;
      }
      if (!view->waitForDraft(10 * 60 * 1000)) return false;
      wall.push_back(msSince(clock));
      // The caption editor validates 300 ms after the draft lands: that belongs to drafting too.
      ugc::bench::waitUntil([] { return false; }, 400, 10);
      one.stop();
      if (!view->statusMessage().startsWith("Drafted")) ++failed;
      std::fprintf(stderr, "draft %s %s: %.0f ms; %s; worst at %.0f ms\n", qPrintable(id),
                   stage == Stage::Audio    ? "audio"
                   : stage == Stage::Visual ? "visual"
                                            : "joint",
                   wall.back(), qPrintable(EventLoopProbe::describe(one.report())), one.report().worstAtMs);
    }
  }
  probe.stop();
  const Summary drafts = summarize(wall);
  char notes[200];
  std::snprintf(notes, sizeof notes,
                "%d drafts (3 stages x %zu work videos, model load included), median %.2f s, max %.2f s, %d failed, "
                "%d refused",
                drafts.count, workVideos.size(), drafts.median / 1000, drafts.max / 1000, failed, refused);
  printStallRow("draft", "stage view, Draft with model", probe.report(), notes);
  return drafts.count > 0 && failed == 0;
}

// Signals for every video of the project, recomputed, on a worker with its own connection and
// progress posted to the GUI thread: the pattern of the studio's background jobs
// (ExportController), run here because the stage view has no extraction action yet.
bool benchExtraction(MainWindow& window, const std::filesystem::path& project) {
  window.openVideo(window.stageView(Stage::Visual)->videoId(), Stage::Visual);
  auto* bar = new QProgressBar(&window);
  window.statusBar()->addWidget(bar);
  ugc::CancelToken cancel;
  ugc::ProgressSink sink = [bar](const ugc::Progress& progress) {
    const int percent = progress.total > 0 ? int(progress.done * 100 / progress.total) : 0;
    QMetaObject::invokeMethod(
        bar, [bar, percent] { bar->setValue(percent); }, Qt::QueuedConnection);
  };
  QFutureWatcher<ugc::Result<ugc::pipeline::ProjectExtractReport>> watcher;
  EventLoopProbe probe;
  probe.start();
  watcher.setFuture(QtConcurrent::run([project, sink, cancel]() -> ugc::Result<ugc::pipeline::ProjectExtractReport> {
    auto opened = ugc::db::Project::open(project);
    if (!opened) return tl::unexpected(opened.error());
    ugc::pipeline::ProjectExtractParams params;
    params.force = true;     // really extract: the demo project has them cached already
    params.suggest = false;  // leave the stages' drafts as they are
    return ugc::pipeline::extractProject(*opened, params, sink, cancel);
  }));
  const bool finished = ugc::bench::waitUntil([&] { return watcher.isFinished(); }, 30 * 60 * 1000, 20);
  probe.stop();
  delete bar;
  if (!finished) return false;
  const auto report = watcher.result();
  if (!report) {
    std::printf("| extract | failed: %s |\n", report.error().describe().c_str());
    return false;
  }
  char notes[160];
  std::snprintf(notes, sizeof notes, "%d videos extracted, %zu failures", report->extracted, report->failures.size());
  printStallRow("extract", "QtConcurrent + queued progress", probe.report(), notes);
  return true;
}

// ---- 3. saving while another program writes ------------------------------------------------

struct SaveRun {
  EventLoopReport stalls;
  int saves = 0;
  int handedOver = 0;  // saves that met the busy project and went to the background writer
  double importMs = 0;
  bool importOk = true;
  bool lastTextStored = false;
};

// Saves a new caption every 100 ms for `ms` (or until the child exits, with `importer`) and
// checks, once all writes have landed, that the stored head is the last text typed.
SaveRun saveRepeatedly(MainWindow& window, const QString& videoId, ugc::db::Project& check,
                       const std::vector<std::string>& importer, int ms) {
  SaveRun run;
  ugc::gui::StageView* view = window.stageView(Stage::Audio);
  window.openVideo(videoId, Stage::Audio);
  ugc::bench::waitUntil([] { return false; }, 300, 10);  // let the switch settle
  const QString base = view->captionEditor()->text().isEmpty()
                           ? QString("A woman speaks over soft music while the crowd chatters.")
                           : view->captionEditor()->text();
  QProcess child;
  if (!importer.empty()) {
    QStringList args;
    for (size_t i = 1; i < importer.size(); ++i) args << QString::fromStdString(importer[i]);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QString::fromStdString(importer[0]), args);
    if (!child.waitForStarted(10000)) {
      std::fprintf(stderr, "import: %s\n", qPrintable(child.errorString()));
      run.importOk = false;
      return run;
    }
  }
  EventLoopProbe probe;
  probe.start();
  QElapsedTimer clock;
  clock.start();
  QString last;
  while (importer.empty() ? clock.elapsed() < ms : child.state() != QProcess::NotRunning) {
    last = base + QString(" Saved %1.").arg(run.saves + 1);
    view->captionEditor()->textEdit()->setPlainText(last);
    view->save();
    ++run.saves;
    if (view->statusMessage().contains("background") || view->statusMessage().contains("follows")) ++run.handedOver;
    ugc::bench::waitUntil([] { return false; }, 100, 5);
  }
  if (!importer.empty()) {
    run.importMs = clock.elapsed();
    child.waitForFinished(-1);
    run.importOk = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
  }
  // The last save may still be with the writer: wait for it, then save once more if the last
  // request was a follow-up that found nothing newer to add.
  ugc::bench::waitUntil([&] { return view->statusMessage() == "Saved."; }, 30000, 10);
  probe.stop();
  run.stalls = probe.report();
  auto head = check.headRevision(videoId.toStdString(), Stage::Audio);
  run.lastTextStored = head && *head && (*head)->caption == last.toStdString();
  return run;
}

bool benchImport(const std::filesystem::path& demoProject, const std::filesystem::path& release, int rounds) {
  if (!std::filesystem::exists(release / "final_caption_qa.json")) {
    std::printf("| import | no release at %s (--release DIR) |\n", release.c_str());
    return false;
  }
  bool ok = true;
  EventLoopReport worst;
  int saves = 0, handedOver = 0, stored = 0, imports = 0;
  double importMs = 0;
  // Round 0 saves without an import (the saves' own cost); rounds 1..N each import the release
  // into a fresh copy of the demo project (the import adds 800 videos, which the other
  // benchmarks must not see, and a second import of the same release would write nothing).
  for (int round = 0; round <= rounds; ++round) {
    const auto copy = demoProject.parent_path() / "import-bench.ugcproj";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(copy.string() + suffix);
    std::filesystem::remove_all(copy.string() + ".recovery");
    std::filesystem::copy_file(demoProject, copy);
    auto window = std::make_unique<MainWindow>();
    window->resize(1440, 900);
    window->show();
    if (auto opened = window->openProject(QString::fromStdString(copy.string()), "annotator"); !opened) {
      std::printf("| import | open: %s |\n", opened.error().describe().c_str());
      return false;
    }
    auto check = ugc::db::Project::open(copy);
    auto page = check ? check->videos(0, 1000) : ugc::Result<std::vector<ugc::db::VideoRecord>>{};
    if (!page || page->empty()) return false;
    QString videoId = QString::fromStdString(page->front().id);
    for (const auto& video : *page) {
      auto status = check->stageStatus(video.id, Stage::Audio);
      if (status && (status->state == ugc::annotation::TaskState::Drafted ||
                     status->state == ugc::annotation::TaskState::InProgress))
        videoId = QString::fromStdString(video.id);
    }
    std::vector<std::string> importer;
    if (round > 0) importer = {UGC_CLI_PATH, "-q", "import", "--project", copy.string(), "--release", release.string()};
    const SaveRun run = saveRepeatedly(*window, videoId, *check, importer, 6000);
    ok &= run.lastTextStored && run.importOk;
    std::fprintf(stderr, "round %d: %d saves, %d handed over, import %.0f ms, worst stall %.1f ms\n", round, run.saves,
                 run.handedOver, run.importMs, run.stalls.maxMs);
    if (round == 0) {
      char notes[160];
      std::snprintf(notes, sizeof notes, "%d saves, last text stored: %s", run.saves, run.lastTextStored ? "yes" : "NO");
      printStallRow("saves", "save every 100 ms, no import", run.stalls, notes);
      continue;
    }
    saves += run.saves;
    handedOver += run.handedOver;
    stored += run.lastTextStored;
    imports += run.importOk;
    importMs += run.importMs;
    worst.maxMs = std::max(worst.maxMs, run.stalls.maxMs);
    worst.p99Ms = std::max(worst.p99Ms, run.stalls.p99Ms);
    worst.meanMs += run.stalls.meanMs / rounds;
    worst.stalls += run.stalls.stalls;
    worst.stallsBusy += run.stalls.stallsBusy;
    worst.stallsStarved += run.stalls.stallsStarved;
    worst.stallsBlocked += run.stalls.stallsBlocked;
    worst.causesKnown = run.stalls.causesKnown;
    worst.durationMs += run.stalls.durationMs;
  }
  char notes[240];
  std::snprintf(notes, sizeof notes,
                "%d imports (%d ok, %.0f ms mean), %d saves, %d handed to the writer, last text stored "
                "%d/%d; p99 = worst round's",
                rounds, imports, importMs / std::max(1, rounds), saves, handedOver, stored, rounds);
  printStallRow("import", "save every 100 ms + ugccap import", worst, notes);
  return ok;
}

Options parseOptions(int argc, char** argv) {
  Options options;
  options.demoDir = std::filesystem::path(argv[0]).parent_path() / "bench-demo";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (arg == "--demo" && hasValue)
      options.demoDir = argv[++i];
    else if (arg == "--passes" && hasValue)
      options.passes = std::max(2, std::atoi(argv[++i]));
    else if (arg == "--exports" && hasValue)
      options.exports = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--only" && hasValue)
      options.only = argv[++i];
    else if (arg == "--rounds" && hasValue)
      options.importRounds = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--release" && hasValue)
      options.release = argv[++i];
    else if (arg == "--pool" && hasValue)
      options.globalPoolThreads = std::atoi(argv[++i]);
    else
      std::fprintf(stderr, "ignored argument: %s\n", arg.c_str());
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("QT_MEDIA_BACKEND", "ffmpeg");
  qputenv("QT_LOGGING_RULES", "qt.multimedia.*=false");
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);  // keep the recent-projects list of the real user alone
  const Options options = parseOptions(argc, argv);

  std::printf("# bench_gui_studio (%s at start)\n", ugc::bench::loadAverage().c_str());

  auto project = ugc::bench::ensureDemoProject(options.demoDir, UGC_CLI_PATH);
  if (!project) {
    std::fprintf(stderr, "demo project: %s\n", project.error().describe().c_str());
    return 1;
  }
  std::vector<QString> videos;
  std::vector<QString> workVideos;  // stages nobody has finished: the ones a draft is for
  {
    auto opened = ugc::db::Project::open(*project);
    auto page = opened ? opened->videos(0, 1000) : ugc::Result<std::vector<ugc::db::VideoRecord>>{};
    if (!page) return 1;
    for (const auto& video : *page) {
      if (video.mediaPath.empty()) continue;
      videos.push_back(QString::fromStdString(video.id));
      auto status = opened->stageStatus(video.id, Stage::Visual);
      if (status && status->state != ugc::annotation::TaskState::Approved) workVideos.push_back(videos.back());
    }
  }
  std::printf("demo project: %s (%zu videos with media)\n", project->string().c_str(), videos.size());

  MainWindow window;
  window.resize(1440, 900);
  window.show();
  if (auto opened = window.openProject(QString::fromStdString(project->string()), "admin"); !opened) {
    std::fprintf(stderr, "open: %s\n", opened.error().describe().c_str());
    return 1;
  }
  std::printf("global thread pool: %d threads (the main window's budget%s)\n",
              QThreadPool::globalInstance()->maxThreadCount(), options.globalPoolThreads > 0 ? ", then --pool" : "");
  if (options.globalPoolThreads > 0) QThreadPool::globalInstance()->setMaxThreadCount(options.globalPoolThreads);
  bool ok = true;
  if (options.only.empty() || options.only == "switch") ok &= benchSwitches(window, videos, options.passes);
  if (options.only.empty() || options.only == "firstframe") ok &= benchFirstFrameSources(options.demoDir, 3);
  if (options.only == "rapid") ok &= benchRapidSwitching(options.demoDir, 6, options.globalPoolThreads);
  if (options.only.empty() || options.only == "idle" || options.only == "export" || options.only == "extract" ||
      options.only == "draft" || options.only == "import") {
    printStallHeader();
  }
  if (options.only.empty() || options.only == "idle") benchIdle(3000);
  if (options.only.empty() || options.only == "export")
    ok &= benchExport(window, options.demoDir / "export", options.exports);
  if (options.only.empty() || options.only == "extract") ok &= benchExtraction(window, *project);
  if (options.only.empty() || options.only == "draft") ok &= benchDrafting(window, workVideos);
  if (options.only == "import") ok &= benchImport(*project, options.release, options.importRounds);
  std::printf("\n(%s at end)\n", ugc::bench::loadAverage().c_str());
  return ok ? 0 : 1;
}
