#pragma once
// The export dialog's view-model: runs db::exportProject on a worker thread (QtConcurrent,
// with its own db::Project connection opened from the path), posts the library's progress to
// the GUI thread (queued calls; the worker never touches a QObject of the GUI thread), fires
// the CancelToken on cancel(), and validates the export when it is done.
//
// A cancelled export leaves the previous export in the folder intact (exportProject writes a
// staging folder and swaps it in only at the end).

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "core/progress.h"
#include "db/project_export.h"

namespace ugc::gui {

struct ExportOutcome {
  enum class Kind { Succeeded, Cancelled, Failed, Invalid };
  Kind kind = Kind::Failed;
  QString outDir;
  db::ExportSummary summary;        // Succeeded / Invalid
  db::ValidationReport validation;  // Succeeded
  QString message;                  // what went wrong (Failed / Invalid), empty otherwise
};

class ExportController : public QObject {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Succeeded, Cancelled, Failed };
  Q_ENUM(State)

  explicit ExportController(QObject* parent = nullptr);
  // Cancels a running export and waits for the worker (it never outlives the controller).
  ~ExportController() override;

  // Starts exporting `projectPath` into `outDir`; returns at once. False (nothing started)
  // while an export runs or when a path is empty.
  bool start(const QString& projectPath, const QString& outDir, const db::ExportParams& params);
  void cancel();

  State state() const { return state_; }
  bool isRunning() const { return state_ == State::Running; }
  int percent() const { return percent_; }
  QString step() const { return step_; }
  // Valid once finished() was emitted.
  const ExportOutcome& outcome() const { return outcome_; }
  // One or two lines for the dialog: the validation result or why it stopped.
  QString resultText() const;

 signals:
  void stateChanged(ugc::gui::ExportController::State state);
  void progressChanged(int percent, const QString& step);
  void finished(const ugc::gui::ExportOutcome& outcome);

 private:
  void onProgress(int percent, const QString& step);
  void onFinished();
  void setState(State state);

  State state_ = State::Idle;
  int percent_ = 0;
  QString step_;
  ExportOutcome outcome_;
  CancelToken cancel_;
  QFutureWatcher<ExportOutcome> watcher_;
};

}  // namespace ugc::gui
