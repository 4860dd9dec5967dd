// StageView's "Draft with model": the draft runs in a worker thread with its own store
// connection; the GUI thread only polls its progress and shows the result.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextCursor>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <mutex>

#include "annotation/workflow_rules.h"
#include "db/project.h"
#include "gui/editor/caption_editor.h"
#include "gui/stage/captioner_host.h"
#include "gui/stage/stage_view.h"

namespace ugc::gui {

struct StageView::DraftJob {
  QString videoId;
  CancelToken cancel;
  std::mutex mutex;
  QString phase;
  Result<pipeline::StageDraft> result = makeError(ErrorCode::Internal, "not run");
  QElapsedTimer clock;

  void setPhase(const QString& text) {
    std::lock_guard lock(mutex);
    phase = text;
  }
  QString currentPhase() {
    std::lock_guard lock(mutex);
    return phase;
  }
};

void StageView::setCaptioner(CaptionerHost* host) {
  captioner_ = host;
  if (!host || !host->available()) {
    draftButton_->setToolTip(host ? host->unavailableReason() : tr("No captioner is configured for this project."));
  } else {
    draftButton_->setToolTip(
        tr("Draft this stage with %1 in the background (it becomes a draft revision).").arg(host->modelDir()));
  }
  updateActions();
}

Result<pipeline::StageDraft> StageView::runDraft(CaptionerHost* host, DraftJob& job, annotation::Stage stage) {
  job.setPhase(QObject::tr("loading the captioner"));
  auto captioner = host->captioner();
  if (!captioner) return tl::unexpected(captioner.error());
  std::lock_guard running(host->draftMutex());
  if (job.cancel.isCancelled()) return cancelledError();
  // SQLite connections belong to one thread: the worker opens its own.
  auto project = db::Project::open(host->projectPath().toStdString());
  if (!project) return tl::unexpected(project.error());
  auto options = host->options();
  options.source = pipeline::DraftSource::Model;  // the button asks the model, whatever scores best
  ProgressSink progress = [&job](const Progress& p) {
    job.setPhase(p.step == "reading media" ? QObject::tr("reading the media (cached after the first time)")
                                           : QObject::tr("drafting"));
  };
  return pipeline::draftVideoStage(*project, **captioner, job.videoId.toStdString(), stage, options, progress,
                                   job.cancel);
}

bool StageView::isDrafting() const { return draftJob_ != nullptr; }

bool StageView::draftWithModel() {
  if (!captioner_ || !captioner_->available() || !snapshot_ || isDrafting()) return false;
  if (!session_.mayDraft()) return false;
  if (!draftButton_->isEnabled()) {  // one rule for the button and Ctrl+D: updateActions'
    setStatus(draftButton_->toolTip(), true);
    return false;
  }
  draftJob_ = std::make_shared<DraftJob>();
  draftJob_->videoId = videoId_;
  draftJob_->clock.start();
  draftProgress_->setRange(0, 0);
  draftProgress_->setFormat(tr("starting"));
  draftProgress_->show();
  cancelDraftButton_->show();
  draftPoll_->start();
  updateActions();
  auto job = draftJob_;
  auto* host = captioner_;
  const auto stage = stage_;
  draftWatcher_->setFuture(QtConcurrent::run([job, host, stage] { job->result = runDraft(host, *job, stage); }));
  return true;
}

void StageView::showDraftPhase() {
  if (draftJob_) draftProgress_->setFormat(draftJob_->currentPhase());
}

void StageView::cancelDraft() {
  if (draftJob_) draftJob_->cancel.cancel();
}

bool StageView::waitForDraft(int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (isDrafting() && timer.elapsed() < timeoutMs) {
    QEventLoop loop;
    QTimer::singleShot(10, &loop, &QEventLoop::quit);
    loop.exec();
  }
  QCoreApplication::processEvents();
  return !isDrafting();
}

void StageView::draftFinished() {
  auto job = std::move(draftJob_);
  draftJob_.reset();
  draftProgress_->hide();
  cancelDraftButton_->hide();
  draftPoll_->stop();
  updateActions();
  if (!job) return;
  const auto& result = job->result;
  if (!result) {
    setStatus(result.error().isCancelled()
                  ? tr("Drafting cancelled; nothing was stored.")
                  : tr("Drafting failed: %1").arg(QString::fromStdString(result.error().message)),
              !result.error().isCancelled());
    return;
  }
  const QString done = tr("Drafted by %1 in %2 s.")
                           .arg(QString::fromStdString(result->sourceId))
                           .arg(job->clock.elapsed() / 1000.0, 0, 'f', 1);
  if (job->videoId != videoId_) {  // the user moved on: the draft waits in that video's history
    setStatus(done + " " + tr("(for %1)").arg(job->videoId));
    return;
  }
  auto snapshot = session_.load(videoId_.toStdString(), stage_);
  if (!snapshot) {
    setStatus(QString::fromStdString(snapshot.error().describe()), true);
    return;
  }
  const bool personStarted = snapshot->head && !snapshot->head->isDraft();
  showSnapshot(*snapshot, personStarted);
  if (personStarted || caption_->text() != QString::fromStdString(result->text)) {
    // Replace through the cursor so Ctrl+Z brings the previous text back.
    QTextCursor cursor(caption_->textEdit()->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromStdString(result->text));
  }
  setStatus(done);
  emit stateChanged(videoId_, stage_);
}

}  // namespace ugc::gui
