#include "gui/stage/stage_view.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

#include "core/probe.h"
#include "db/project.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/editor/visual_fields_editor.h"
#include "gui/player/player_controller.h"
#include "gui/player/player_widget.h"
#include "gui/player/timeline_loader.h"
#include "gui/session/store_writer.h"
#include "gui/queue/video_queue_model.h"
#include "gui/stage/captioner_host.h"
#include "model/extractors/signals.h"
#include "pipeline/project_extraction.h"

namespace ugc::gui {
namespace {

using annotation::Stage;
using annotation::WorkflowAction;

PlayerMode modeFor(Stage stage) {
  switch (stage) {
    case Stage::Audio:
      return PlayerMode::Audio;
    case Stage::Visual:
      return PlayerMode::Visual;
    case Stage::Joint:
      return PlayerMode::Joint;
  }
  return PlayerMode::Joint;
}

QString stageTitle(Stage stage) {
  switch (stage) {
    case Stage::Audio:
      return QObject::tr("Audio-only stage: listen, do not look");
    case Stage::Visual:
      return QObject::tr("Visual-only stage: look, do not listen");
    case Stage::Joint:
      return QObject::tr("Joint stage: fuse what is heard and seen");
  }
  return {};
}

bool allows(const StageSnapshot& snapshot, WorkflowAction action) {
  return std::find(snapshot.actions.begin(), snapshot.actions.end(), action) != snapshot.actions.end();
}

StagePrompts defaultPrompts(QWidget* parent) {
  StagePrompts prompts;
  prompts.rejectReason = [parent]() -> std::optional<QString> {
    bool ok = false;
    const QString reason = QInputDialog::getMultiLineText(parent, QObject::tr("Reject"),
                                                          QObject::tr("Why? The annotator will see this."), {}, &ok);
    if (!ok) return std::nullopt;
    return reason;
  };
  prompts.restoreUnsaved = [parent](const RecoveredText& entry) {
    return QMessageBox::question(parent, QObject::tr("Restore unsaved text?"),
                                 QObject::tr("Text you had not saved for %1 (%2) was kept from %3. Restore it?")
                                     .arg(entry.videoId, entry.stage, entry.savedAt.toLocalTime().toString())) ==
           QMessageBox::Yes;
  };
  prompts.conflict = [parent](const QString& theirs, const QString&) {
    QMessageBox box(QMessageBox::Warning, QObject::tr("Someone else saved this stage"),
                    QObject::tr("Another save arrived first. Their text:\n\n%1\n\nKeep your text (saved on top of "
                                "theirs, both stay in the history) or take theirs (yours stays in the recovery "
                                "folder)?")
                        .arg(theirs.left(600)),
                    QMessageBox::NoButton, parent);
    auto* mine = box.addButton(QObject::tr("Keep mine"), QMessageBox::AcceptRole);
    box.addButton(QObject::tr("Take theirs"), QMessageBox::RejectRole);
    box.exec();
    return box.clickedButton() == mine ? ConflictChoice::KeepMine : ConflictChoice::TakeTheirs;
  };
  return prompts;
}

}  // namespace

StageView::StageView(db::Project& project, const annotation::User& user, const QString& projectPath, Stage stage,
                     QWidget* parent)
    : QWidget(parent),
      session_(project, user),
      recovery_(projectPath),
      project_(project),
      stage_(stage),
      prompts_(defaultPrompts(this)) {
  setObjectName(QString("stageView_") + QString::fromUtf8(annotation::stageName(stage).data()));
  header_ = new QLabel(stageTitle(stage), this);
  header_->setObjectName("stageHeader");
  header_->setStyleSheet("font-weight:bold;font-size:15px;");
  status_ = new QLabel(this);
  status_->setObjectName("stageStatus");
  status_->setWordWrap(true);
  writer_ = new StoreWriter(project.path(), user, this);

  player_ = new PlayerController(this);
  player_->setMode(modeFor(stage));
  playerWidget_ = new PlayerWidget(player_, this);
  timeline_ = new TimelineWidget(this);
  timeline_->setPictureVisible(stage != Stage::Audio);
  timeline_->setAudioVisible(stage != Stage::Visual);
  connect(timeline_, &TimelineWidget::seekRequested, player_, &PlayerController::seekTo);
  connect(player_, &PlayerController::positionChanged, timeline_, &TimelineWidget::setPosition);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(playerWidget_, 1);
  leftLayout->addWidget(timeline_);

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  if (stage == Stage::Audio) {
    audioFacts_ = new QLabel(right);
    audioFacts_->setObjectName("audioFacts");
    audioFacts_->setStyleSheet("color:#334155;");
    rightLayout->addWidget(audioFacts_);
    audioFields_ = new AudioFieldsEditor(right);
    rightLayout->addWidget(audioFields_);
  } else if (stage == Stage::Visual) {
    visualFields_ = new VisualFieldsEditor(right);
    rightLayout->addWidget(visualFields_);
  } else {
    jointContext_ = new QLabel(right);
    jointContext_->setObjectName("jointContext");
    jointContext_->setWordWrap(true);
    jointContext_->setTextFormat(Qt::RichText);
    rightLayout->addWidget(jointContext_);
  }
  caption_ = new CaptionEditor(right);
  caption_->setStage(stage);
  caption_->setFieldsProvider([this] {
    annotation::Submission submission;
    if (audioFields_) submission.audio = audioFields_->fields();
    if (visualFields_) submission.visual = visualFields_->fields();
    return submission;
  });
  caption_->setFactsProvider([this] { return currentFacts(); });
  if (audioFields_) connect(audioFields_, &AudioFieldsEditor::changed, this, &StageView::fieldsEdited);
  if (visualFields_) connect(visualFields_, &VisualFieldsEditor::changed, this, &StageView::fieldsEdited);
  rightLayout->addWidget(caption_, 1);

  saveButton_ = new QPushButton(tr("Save"), this);
  submitButton_ = new QPushButton(tr("Submit for review"), this);
  approveButton_ = new QPushButton(tr("Approve"), this);
  rejectButton_ = new QPushButton(tr("Reject..."), this);
  draftButton_ = new QPushButton(tr("Draft with model"), this);
  saveButton_->setObjectName("saveButton");
  submitButton_->setObjectName("submitButton");
  approveButton_->setObjectName("approveButton");
  rejectButton_->setObjectName("rejectButton");
  draftButton_->setObjectName("draftButton");
  draftButton_->setEnabled(false);
  draftButton_->setToolTip(tr("No captioner is configured for this project."));
  redraftButton_ = new QPushButton(tr("Redraft"), this);
  redraftButton_->setObjectName("redraftButton");
  redraftButton_->setToolTip(
      tr("The fields changed since the draft: write the draft again from them (replaces the text; Ctrl+Z undoes)."));
  redraftButton_->hide();
  cancelDraftButton_ = new QPushButton(tr("Cancel draft"), this);
  cancelDraftButton_->setObjectName("cancelDraftButton");
  cancelDraftButton_->hide();
  draftProgress_ = new QProgressBar(this);
  draftProgress_->setObjectName("draftProgress");
  draftProgress_->setMaximumWidth(220);
  draftProgress_->setTextVisible(true);
  draftProgress_->hide();
  auto* actions = new QHBoxLayout;
  for (auto* button : {saveButton_, submitButton_, approveButton_, rejectButton_, draftButton_, redraftButton_})
    actions->addWidget(button);
  actions->addWidget(draftProgress_);
  actions->addWidget(cancelDraftButton_);
  actions->addStretch();
  rightLayout->addLayout(actions);

  history_ = new QListWidget(this);
  history_->setObjectName("historyList");
  history_->setMaximumHeight(110);
  auto* restore = new QPushButton(tr("Restore selected revision"), this);
  restore->setObjectName("restoreButton");
  rightLayout->addWidget(new QLabel(tr("History"), this));
  rightLayout->addWidget(history_);
  rightLayout->addWidget(restore);

  auto* splitter = new QSplitter(this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  // Until a video is open the page says how to open one, instead of an empty editor whose
  // validation reports "Write the caption."
  emptyState_ = new QLabel(tr("No video is open in this stage.\n\nPick one in the video queue (Ctrl+1, then "
                              "double-click a row), or press Ctrl+N for the next task for you."),
                           this);
  emptyState_->setObjectName("stageEmptyState");
  emptyState_->setAlignment(Qt::AlignCenter);
  emptyState_->setWordWrap(true);
  emptyState_->setStyleSheet("color:#475569;font-size:14px;");
  pages_ = new QStackedWidget(this);
  pages_->addWidget(emptyState_);
  pages_->addWidget(splitter);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(status_);
  layout->addWidget(pages_, 1);

  connect(saveButton_, &QPushButton::clicked, this, [this] { save(); });
  connect(submitButton_, &QPushButton::clicked, this, [this] { submit(); });
  connect(approveButton_, &QPushButton::clicked, this, [this] { approve(); });
  connect(rejectButton_, &QPushButton::clicked, this, [this] { reject(); });
  connect(restore, &QPushButton::clicked, this, [this] { restoreRevision(history_->currentRow()); });
  connect(caption_, &CaptionEditor::autosaveRequested, this, &StageView::autosave);
  connect(draftButton_, &QPushButton::clicked, this, [this] { draftWithModel(); });
  connect(cancelDraftButton_, &QPushButton::clicked, this, &StageView::cancelDraft);
  connect(redraftButton_, &QPushButton::clicked, this, [this] { redraftFromFields(); });
  draftWatcher_ = new QFutureWatcher<void>(this);
  connect(draftWatcher_, &QFutureWatcher<void>::finished, this, &StageView::draftFinished);
  draftPoll_ = new QTimer(this);
  draftPoll_->setInterval(150);
  connect(draftPoll_, &QTimer::timeout, this, &StageView::showDraftPhase);

  timelineWatcher_ = new QFutureWatcher<Result<TimelineData>>(this);
  connect(timelineWatcher_, &QFutureWatcher<Result<TimelineData>>::finished, this, [this] {
    const auto result = timelineWatcher_->result();
    if (result && timelineFor_ == QString::fromStdString(snapshot_ ? snapshot_->videoId : std::string())) {
      timeline_->setData(*result);
      playerWidget_->setPoster(result->filmstrip.isEmpty() ? QImage() : result->filmstrip.front());
    }
  });
  updateActions();
}

StageView::~StageView() {
  if (caption_->isDirty()) autosave();
  cancelDraft();
  timelineCancel_.cancel();
  draftWatcher_->waitForFinished();
  timelineWatcher_->waitForFinished();
}

QString StageView::statusMessage() const { return status_->text(); }

void StageView::setStatus(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? "color:#b91c1c;" : "color:#166534;");
  emit message(text);
}

bool StageView::openVideo(const QString& videoId) {
  if (caption_->isDirty()) autosave();
  auto snapshot = session_.load(videoId.toStdString(), stage_);
  if (!snapshot) {
    setStatus(QString::fromStdString(snapshot.error().describe()), true);
    return false;
  }
  videoId_ = videoId;
  showSnapshot(*snapshot, false);
  workTimer_.start();

  // Unsaved text from a crash or an interrupted session: offer it back.
  if (auto unsaved = recovery_.load(videoId, QString::fromUtf8(annotation::stageName(stage_).data()))) {
    const QString stored = snapshot->head ? QString::fromStdString(snapshot->head->caption) : QString();
    if (unsaved->text != stored && prompts_.restoreUnsaved && prompts_.restoreUnsaved(*unsaved)) {
      caption_->textEdit()->setPlainText(unsaved->text);
      setStatus(tr("Restored unsaved text from %1.").arg(unsaved->savedAt.toLocalTime().toString()));
    }
  }

  if (audioFacts_) showAudioFacts();
  auto media = session_.mediaPath(videoId.toStdString());
  if (media && !media->empty()) {
    const QString path = QString::fromStdString(media->string());
    player_->open(path);
    loadTimelineFor(path);
  } else {
    timeline_->setData({});
    setStatus(tr("This video has annotations only: its media are not in the project."));
  }
  return true;
}

QString StageView::audioFacts() const { return audioFacts_ ? audioFacts_->text() : QString(); }

void StageView::showAudioFacts() {
  audioFacts_->clear();
  auto media = session_.mediaPath(videoId_.toStdString());
  if (!media || media->empty()) return;
  auto cached = session_.cachedSignals(videoId_.toStdString());
  if (!cached || !*cached) {
    audioFacts_->setText(tr("Audio facts: not measured yet (ugccap extract -p PROJECT)."));
    return;
  }
  const auto& measured = *cached;
  if (!measured->loudness.ran) {
    audioFacts_->setText(measured && !measured->hasAudio ? tr("Audio facts: the file has no audio stream.")
                                                         : QString());
    return;
  }
  const auto& loudness = measured->loudness;
  const QString level = loudness.integratedLufs ? tr("%1 LUFS").arg(*loudness.integratedLufs, 0, 'f', 1)
                                                : tr("silent (below the -70 LUFS gate)");
  audioFacts_->setText(tr("Audio facts: loudness %1 · peak %2 dBFS · clipping %3 %")
                           .arg(level)
                           .arg(loudness.samplePeakDbfs, 0, 'f', 1)
                           .arg(100 * loudness.clippingRatio, 0, 'f', 2));
}

void StageView::loadTimelineFor(const QString& mediaPath) {
  // A switch abandons the previous clip's load: stale decodes must not pile up behind it
  // (cancelled loads are not cached).
  timelineCancel_.cancel();
  timelineCancel_ = CancelToken();
  timelineFor_ = videoId_;
  const CancelToken cancel = timelineCancel_;
  timelineWatcher_->setFuture(QtConcurrent::run([mediaPath, cancel] { return cachedTimeline(mediaPath, {}, cancel); }));
}

bool StageView::waitForTimeline(int timeoutMs) {
  QElapsedTimer timer;
  timer.start();
  while (timelineWatcher_->isRunning() && timer.elapsed() < timeoutMs) {
    QEventLoop loop;
    QTimer::singleShot(10, &loop, &QEventLoop::quit);
    loop.exec();
  }
  QCoreApplication::processEvents();
  return !timelineWatcher_->isRunning() && !timeline_->data().filmstrip.isEmpty();
}

void StageView::showSnapshot(const StageSnapshot& snapshot, bool keepEditorText) {
  snapshot_ = snapshot;
  const auto& draft = snapshot.draft;
  // Until someone saves, the stage starts from its draft (model or extractor suggestions).
  const auto& head = snapshot.head ? snapshot.head : snapshot.draft;
  const bool suggested = head && head->isDraft();
  showingSnapshot_ = true;
  if (audioFields_) audioFields_->setFields(head && head->audio ? *head->audio : annotation::AudioFields{}, suggested);
  if (visualFields_) {
    visualFields_->setFields(head && head->visual ? *head->visual : annotation::VisualFields{}, suggested);
  }
  showingSnapshot_ = false;
  refreshFactsSources(snapshot);
  if (jointContext_) {
    QString context;
    for (Stage other : {Stage::Audio, Stage::Visual}) {
      auto otherHead = session_.currentRevision(snapshot.videoId, other);
      const QString text = otherHead && *otherHead ? QString::fromStdString((*otherHead)->caption) : tr("(none yet)");
      context += "<p><b>" + QString::fromUtf8(annotation::stageName(other).data()) + " caption:</b> " +
                 text.toHtmlEscaped() + "</p>";
    }
    jointContext_->setText(context);
  }
  if (!keepEditorText) {
    const QString text = head ? QString::fromStdString(head->caption) : QString();
    const QString draftText = draft ? QString::fromStdString(draft->caption) : QString();
    caption_->load(text, draftText, draft ? draftOriginText(draft->source) : QString());
  }
  header_->setText(stageTitle(stage_) + "  —  " + QString::fromStdString(snapshot.videoId) + "  [" +
                   taskStateLabel(int(snapshot.state)) + "]");
  if (snapshot.jointLocked) setStatus(tr("The joint stage opens once the audio and visual stages are approved."), true);
  loadHistory();
  updateActions();
}

QString StageView::draftOriginText(const std::string& sourceId) const {
  const auto origin = pipeline::describeDraftSourceId(sourceId);
  QString text = QString::fromStdString(origin.words);
  if (!captioner_ || !origin.source) return text;
  // Say whether this is the source the evaluation recommends for the stage, and why.
  bool captionsAreDrafts = false;  // the joint stage's source was chosen for the captions it fused
  if (stage_ == Stage::Joint && snapshot_) {
    auto drafts = session_.jointInputsAreDrafts(snapshot_->videoId);
    captionsAreDrafts = !drafts || *drafts;
  }
  const auto& choice = pipeline::choiceFor(stage_, captioner_->options(), captionsAreDrafts);
  if (!captioner_->options().choice.evaluated) return text;
  return text + (*origin.source == choice.best ? tr(" — the best source for this stage: %1")
                                               : tr(" — not the best source for this stage: %1"))
                    .arg(QString::fromStdString(choice.reason));
}

void StageView::loadHistory() {
  history_->clear();
  if (!snapshot_) return;
  auto revisions = session_.history(snapshot_->videoId, stage_);
  if (!revisions) return;
  for (const auto& revision : *revisions) {
    history_->addItem(QString("#%1  %2  %3  (%4)")
                          .arg(revision.id)
                          .arg(QString::fromStdString(revision.createdAt), QString::fromStdString(revision.author),
                               QString::fromUtf8(annotation::revisionOriginName(revision.origin).data())));
    history_->item(history_->count() - 1)->setData(Qt::UserRole, QString::fromStdString(revision.caption));
  }
}

void StageView::updateActions() {
  const bool open = snapshot_.has_value();
  pages_->setCurrentIndex(open ? 1 : 0);
  const bool canEdit =
      open && (allows(*snapshot_, WorkflowAction::Start) || snapshot_->state == annotation::TaskState::InProgress) &&
      !snapshot_->jointLocked;
  canEdit_ = canEdit;
  if (!canEdit) redraftButton_->hide();
  saveButton_->setEnabled(canEdit);
  submitButton_->setEnabled(open && (allows(*snapshot_, WorkflowAction::Submit) || canEdit));
  approveButton_->setEnabled(open && allows(*snapshot_, WorkflowAction::Approve));
  rejectButton_->setEnabled(open && allows(*snapshot_, WorkflowAction::Reject));
  if (caption_->textEdit()->isReadOnly() == canEdit) {
    caption_->textEdit()->setReadOnly(!canEdit);
    caption_->validate();  // what may be asked of the text depends on whether it can be edited
  }
  const bool mayDraft = session_.mayDraft();
  // A draft only helps while the text can still change: not once it is submitted or approved.
  draftButton_->setEnabled(open && canEdit && captioner_ && captioner_->available() && mayDraft && !isDrafting());
  if (captioner_ && captioner_->available()) {
    draftButton_->setToolTip(
        open && !canEdit
            ? tr("Drafting is for stages still being written: this one is %1.")
                  .arg(snapshot_->jointLocked ? tr("waiting for its audio and visual stages")
                                              : QString::fromUtf8(annotation::taskStateName(snapshot_->state).data()))
            : tr("Draft this stage with %1 in the background (it becomes a draft revision).")
                  .arg(captioner_->modelDir()));
  }
}

StageEdit StageView::currentEdit() const {
  StageEdit edit;
  if (audioFields_) edit.audio = audioFields_->fields();
  if (visualFields_) edit.visual = visualFields_->fields();
  edit.caption = caption_->text().toStdString();
  edit.secondsSpent = workTimer_.isValid() ? workTimer_.elapsed() / 1000.0 : 0;
  return edit;
}

bool StageView::write(const WriteJob& job, const StageEdit& written, const QString& done,
                      std::function<bool()> again) {
  if (writer_->isPending()) {
    // The earlier write's result is this one's base: run the request again once it lands.
    followUp_ = std::move(again);
    autosave();
    setStatus(tr("Project busy: saving the earlier version in the background; this one follows."));
    return false;
  }
  Result<StageSnapshot> result = [&] {
    // Never wait for another program's lock on the GUI thread: try once, else hand it over.
    db::Connection& connection = project_.connection();
    const int previous = connection.setBusyTimeoutMs(0);
    Result<StageSnapshot> attempt = job(session_);
    connection.setBusyTimeoutMs(previous);
    return attempt;
  }();
  if (!result && result.error().code == ErrorCode::Busy) {
    // Another program (an import, a worker) holds the write lock: keep the text safe and let
    // the writer thread wait for it.
    autosave();
    setStatus(tr("Project busy (another program is writing): saving in the background…"));
    writer_->run(job, [this, videoId = videoId_, written, done](const Result<StageSnapshot>& landed) {
      backgroundWriteLanded(videoId, written, landed, done);
    });
    return false;
  }
  return handleResult(result, done);
}

void StageView::backgroundWriteLanded(const QString& videoId, const StageEdit& written,
                                      const Result<StageSnapshot>& result, const QString& done) {
  auto again = std::exchange(followUp_, {});
  if (videoId != videoId_ || !snapshot_) {
    // The user moved to another video meanwhile: only the queue and the recovery folder care.
    if (result) {
      recovery_.discard(videoId, QString::fromUtf8(annotation::stageName(stage_).data()));
      emit stateChanged(videoId, stage_);
    } else {
      emit message(tr("Saving %1 failed: %2").arg(videoId, QString::fromStdString(result.error().message)));
    }
    return;
  }
  const StageEdit now = currentEdit();
  const bool editedSince = now.caption != written.caption || now.audio != written.audio || now.visual != written.visual;
  if (result && editedSince) {
    // Keep what the user typed since: the landed revision becomes the base of the next save.
    snapshot_ = *result;
    loadHistory();
    updateActions();
    emit stateChanged(videoId_, stage_);
    if (again) {
      again();
    } else {
      setStatus(tr("Saved the version from before your latest edits; save again to keep them."));
    }
    return;
  }
  if (handleResult(result, done) && again) again();
}

bool StageView::handleResult(const Result<StageSnapshot>& result, const QString& done) {
  if (result) {
    recovery_.discard(videoId_, QString::fromUtf8(annotation::stageName(stage_).data()));
    caption_->markSaved();
    showSnapshot(*result, false);
    workTimer_.restart();
    setStatus(done);
    emit stateChanged(videoId_, stage_);
    return true;
  }
  if (result.error().code == ErrorCode::Conflict && snapshot_) {
    // Someone saved first. Keep this text safe, then let the user choose; never overwrite silently.
    autosave();
    auto latest = session_.load(snapshot_->videoId, stage_);
    if (!latest) {
      setStatus(QString::fromStdString(latest.error().describe()), true);
      return false;
    }
    const QString theirs = latest->head ? QString::fromStdString(latest->head->caption) : QString();
    const ConflictChoice choice =
        prompts_.conflict ? prompts_.conflict(theirs, caption_->text()) : ConflictChoice::TakeTheirs;
    if (choice == ConflictChoice::KeepMine) {
      snapshot_ = *latest;  // save on top of theirs: both stay in the history
      setStatus(tr("Their version is in the history; yours is ready to save on top of it."));
      loadHistory();
      updateActions();
    } else {
      showSnapshot(*latest, false);
      setStatus(tr("Loaded their version; your text is kept in the recovery folder."));
    }
    return false;
  }
  if (result.error().code == ErrorCode::Busy) autosave();  // the writer thread waited 15 s in vain
  setStatus(QString::fromStdString(result.error().message), true);
  return false;
}

bool StageView::save() {
  if (!snapshot_) return false;
  const StageEdit edit = currentEdit();
  return write([snapshot = *snapshot_, edit](StageSession& session) { return session.save(snapshot, edit); }, edit,
               tr("Saved."), [this] { return save(); });
}

bool StageView::submit() {
  if (!snapshot_) return false;
  caption_->validate();
  if (caption_->blockingIssues() > 0) {
    setStatus(tr("Fix the %1 error(s) listed under the caption before submitting.").arg(caption_->blockingIssues()),
              true);
    return false;
  }
  const StageEdit edit = currentEdit();
  return write([snapshot = *snapshot_, edit](StageSession& session) { return session.submit(snapshot, edit); },
               edit, tr("Submitted for review."), [this] { return submit(); });
}

bool StageView::approve() {
  if (!snapshot_) return false;
  return write(
      [snapshot = *snapshot_](StageSession& session) { return session.act(snapshot, WorkflowAction::Approve); },
      currentEdit(), tr("Approved."), [this] { return approve(); });
}

bool StageView::reject() {
  if (!snapshot_ || !prompts_.rejectReason) return false;
  auto reason = prompts_.rejectReason();
  if (!reason) return false;
  return write(
      [snapshot = *snapshot_, reason = reason->toStdString()](StageSession& session) {
        return session.act(snapshot, WorkflowAction::Reject, reason);
      },
      currentEdit(), tr("Rejected; the annotator will see your reason."));
}

bool StageView::restoreRevision(int historyRow) {
  if (historyRow < 0 || historyRow >= history_->count()) return false;
  caption_->textEdit()->setPlainText(history_->item(historyRow)->data(Qt::UserRole).toString());
  setStatus(tr("Restored revision text into the editor; save to keep it."));
  return true;
}

void StageView::autosave() {
  if (!snapshot_ || !caption_->isDirty()) return;
  RecoveredText entry;
  entry.videoId = videoId_;
  entry.stage = QString::fromUtf8(annotation::stageName(stage_).data());
  entry.text = caption_->text();
  entry.baseRevision = snapshot_->head ? int(snapshot_->head->id) : 0;
  recovery_.save(entry);
}

}  // namespace ugc::gui
