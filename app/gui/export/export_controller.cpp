#include "gui/export/export_controller.h"

#include <QLocale>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <memory>

namespace ugc::gui {

namespace {

ExportOutcome runExport(const std::filesystem::path& projectPath, const std::filesystem::path& outDir,
                        const db::ExportParams& params, const ProgressSink& progress, const CancelToken& cancel) {
  ExportOutcome outcome;
  outcome.outDir = QString::fromStdString(outDir.string());
  auto project = db::Project::open(projectPath);
  if (!project) {
    outcome.message = QString::fromStdString(project.error().describe());
    return outcome;
  }
  auto summary = db::exportProject(*project, outDir, params, progress, cancel);
  if (!summary) {
    outcome.kind = summary.error().isCancelled() ? ExportOutcome::Kind::Cancelled : ExportOutcome::Kind::Failed;
    outcome.message = QString::fromStdString(summary.error().describe());
    return outcome;
  }
  outcome.summary = *summary;
  auto validation = db::validateExport(summary->dir);
  if (!validation) {
    outcome.kind = ExportOutcome::Kind::Invalid;
    outcome.message = QString::fromStdString(validation.error().describe());
    return outcome;
  }
  outcome.kind = ExportOutcome::Kind::Succeeded;
  outcome.validation = *validation;
  return outcome;
}

}  // namespace

ExportController::ExportController(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcherBase::finished, this, &ExportController::onFinished);
}

ExportController::~ExportController() {
  cancel_.cancel();
  watcher_.disconnect(this);
  watcher_.waitForFinished();
}

bool ExportController::start(const QString& projectPath, const QString& outDir, const db::ExportParams& params) {
  if (isRunning() || projectPath.isEmpty() || outDir.isEmpty()) return false;
  cancel_ = CancelToken();
  percent_ = 0;
  step_ = tr("opening the project");
  outcome_ = {};
  setState(State::Running);
  emit progressChanged(percent_, step_);

  // The sink runs on the worker. It posts only when the whole percent or the step changes, so
  // a chatty exporter cannot flood the GUI thread's event queue. The controller waits for the
  // worker in its destructor, so `this` outlives every posted call's sender.
  struct Posted {
    std::atomic<int> percent{-1};
    std::string step;
  };
  auto posted = std::make_shared<Posted>();
  ProgressSink sink = [this, posted](const Progress& progress) {
    const int percent = progress.total > 0 ? int(progress.done * 100 / progress.total) : 0;
    if (percent == posted->percent.load() && progress.step == posted->step) return;
    posted->percent = percent;
    posted->step = std::string(progress.step);
    const QString step = QString::fromUtf8(progress.step.data(), qsizetype(progress.step.size()));
    QMetaObject::invokeMethod(
        this, [this, percent, step] { onProgress(percent, step); }, Qt::QueuedConnection);
  };
  const std::filesystem::path project = projectPath.toStdString();
  const std::filesystem::path out = outDir.toStdString();
  watcher_.setFuture(QtConcurrent::run(
      [project, out, params, sink, cancel = cancel_] { return runExport(project, out, params, sink, cancel); }));
  return true;
}

void ExportController::cancel() {
  if (isRunning()) cancel_.cancel();
}

void ExportController::onProgress(int percent, const QString& step) {
  if (!isRunning()) return;  // a late report after the result arrived
  percent_ = percent;
  step_ = step;
  emit progressChanged(percent_, step_);
}

void ExportController::onFinished() {
  outcome_ = watcher_.result();
  switch (outcome_.kind) {
    case ExportOutcome::Kind::Succeeded:
      percent_ = 100;
      step_ = tr("done");
      emit progressChanged(percent_, step_);
      setState(State::Succeeded);
      break;
    case ExportOutcome::Kind::Cancelled:
      setState(State::Cancelled);
      break;
    case ExportOutcome::Kind::Failed:
    case ExportOutcome::Kind::Invalid:
      setState(State::Failed);
      break;
  }
  emit finished(outcome_);
}

void ExportController::setState(State state) {
  if (state_ == state) return;
  state_ = state;
  emit stateChanged(state);
}

QString ExportController::resultText() const {
  const QLocale locale;
  switch (state_) {
    case State::Idle:
      return {};
    case State::Running:
      return tr("Exporting… %1").arg(step_);
    case State::Succeeded:
      return tr("Export valid: %1 files, %2 records (%3) in %4")
          .arg(locale.toString(qlonglong(outcome_.validation.files)))
          .arg(locale.toString(qlonglong(outcome_.validation.records)))
          .arg(QString::fromStdString(outcome_.validation.format))
          .arg(outcome_.outDir);
    case State::Cancelled:
      return tr("Export cancelled. The previous export in %1, if any, is unchanged.").arg(outcome_.outDir);
    case State::Failed:
      return outcome_.kind == ExportOutcome::Kind::Invalid
                 ? tr("The export was written but does not validate: %1").arg(outcome_.message)
                 : tr("Export failed: %1").arg(outcome_.message);
  }
  return {};
}

}  // namespace ugc::gui
