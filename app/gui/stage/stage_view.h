#pragma once
// The workspace of one stage (audio-only, visual-only or joint) for one video: the player in
// the stage's mode, the timeline, the structured fields, the caption editor with its draft,
// the workflow actions the user may take, and the revision history.
//
// Questions to the user (reject reason, restore after a crash, save conflict) go through
// replaceable prompts so tests answer them without dialogs.

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "annotation/faithfulness.h"
#include "annotation/workflow.h"
#include "core/error.h"
#include "core/progress.h"
#include "gui/player/timeline_widget.h"
#include "gui/recovery_store.h"
#include "gui/session/stage_session.h"
#include "pipeline/draft_service.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace ugc::db {
class Project;
}

namespace ugc::gui {

class StoreWriter;

class AudioFieldsEditor;
class CaptionerHost;
class CaptionEditor;
class PlayerController;
class PlayerWidget;
class TimelineWidget;
class VisualFieldsEditor;

enum class ConflictChoice { KeepMine, TakeTheirs };

struct StagePrompts {
  std::function<std::optional<QString>()> rejectReason;      // nullopt: cancelled
  std::function<bool(const RecoveredText&)> restoreUnsaved;  // true: restore it
  std::function<ConflictChoice(const QString& theirs, const QString& mine)> conflict;
};

class StageView : public QWidget {
  Q_OBJECT

 public:
  StageView(db::Project& project, const annotation::User& user, const QString& projectPath, annotation::Stage stage,
            QWidget* parent = nullptr);
  ~StageView() override;

  void setPrompts(const StagePrompts& prompts) { prompts_ = prompts; }
  bool openVideo(const QString& videoId);
  QString videoId() const { return videoId_; }
  annotation::Stage stage() const { return stage_; }

  bool save();
  bool submit();
  bool approve();
  bool reject();
  bool restoreRevision(int historyRow);  // loads an older revision's text into the editor
  void autosave();

  // "Draft with model": drafts this stage in a worker thread (progress, cancel), stores the
  // draft as a revision and puts its text in the editor (undoable). Without a captioner the
  // button stays disabled and says why.
  void setCaptioner(CaptionerHost* host);
  bool draftWithModel();
  void cancelDraft();
  bool isDrafting() const;
  bool waitForDraft(int timeoutMs);  // tests: true once no draft runs

  // Redraft from the fields (stage_view_redraft.cpp). When the annotator corrects a field the
  // stage's draft was made from and has not edited the caption, the caption is redrafted from
  // the corrected fields at once: through the editor's undo stack (Ctrl+Z brings the previous
  // text back) and stored as a draft revision (history). After a human edit the text is left
  // alone and the Redraft button offers the same.
  bool redraftFromFields();
  QPushButton* redraftButton() const { return redraftButton_; }
  // What the caption's claims are checked against: the stage's fields as they stand and the
  // video's cached signals (pipeline/stage_facts.h); the joint stage takes the other stages'
  // current fields.
  annotation::FaithfulnessFacts currentFacts() const;

  const std::optional<StageSnapshot>& snapshot() const { return snapshot_; }
  QString statusMessage() const;
  CaptionEditor* captionEditor() const { return caption_; }
  AudioFieldsEditor* audioFields() const { return audioFields_; }
  VisualFieldsEditor* visualFields() const { return visualFields_; }
  PlayerController* player() const { return player_; }
  PlayerWidget* playerWidget() const { return playerWidget_; }
  TimelineWidget* timeline() const { return timeline_; }
  QListWidget* historyList() const { return history_; }
  QString audioFacts() const;           // loudness and clipping from the cached signals, audio stage only
  bool waitForTimeline(int timeoutMs);  // tests: true once the lanes are loaded

 signals:
  void stateChanged(const QString& videoId, annotation::Stage stage);
  void message(const QString& text);

 private:
  StageEdit currentEdit() const;
  void showSnapshot(const StageSnapshot& snapshot, bool keepEditorText);
  void fieldsEdited();
  bool captionUntouched() const;
  bool fieldsDifferFromDraft() const;
  void refreshFactsSources(const StageSnapshot& snapshot);
  void updateActions();
  void loadHistory();
  void loadTimelineFor(const QString& mediaPath);
  // Runs a write: at once on the GUI's connection when the project is free (no waiting), else
  // on the store writer's thread (see StoreWriter); `again` repeats the user's request with the
  // editor's latest content, for a request made while a background write is still pending.
  using WriteJob = std::function<Result<StageSnapshot>(StageSession& session)>;
  bool write(const WriteJob& job, const StageEdit& written, const QString& done, std::function<bool()> again = {});
  void backgroundWriteLanded(const QString& videoId, const StageEdit& written, const Result<StageSnapshot>& result,
                             const QString& done);
  bool handleResult(const Result<StageSnapshot>& result, const QString& done);
  void setStatus(const QString& text, bool error = false);
  void showAudioFacts();
  void draftFinished();
  void showDraftPhase();
  QString draftOriginText(const std::string& sourceId) const;
  struct DraftJob;
  static Result<pipeline::StageDraft> runDraft(CaptionerHost* host, DraftJob& job, annotation::Stage stage);

  StageSession session_;
  RecoveryStore recovery_;
  db::Project& project_;  // the GUI thread's connection
  StoreWriter* writer_ = nullptr;  // a busy project's writes, off the GUI thread
  std::function<bool()> followUp_;  // a request made while a background write was pending
  annotation::Stage stage_;
  StagePrompts prompts_;
  QString videoId_;
  std::optional<StageSnapshot> snapshot_;
  QElapsedTimer workTimer_;

  QLabel* header_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* emptyState_ = nullptr;  // shown until a video is open
  QStackedWidget* pages_ = nullptr;
  PlayerController* player_ = nullptr;
  PlayerWidget* playerWidget_ = nullptr;
  TimelineWidget* timeline_ = nullptr;
  AudioFieldsEditor* audioFields_ = nullptr;
  VisualFieldsEditor* visualFields_ = nullptr;
  QLabel* jointContext_ = nullptr;
  QLabel* audioFacts_ = nullptr;
  CaptionEditor* caption_ = nullptr;
  QListWidget* history_ = nullptr;
  QPushButton* saveButton_ = nullptr;
  QPushButton* submitButton_ = nullptr;
  QPushButton* approveButton_ = nullptr;
  QPushButton* rejectButton_ = nullptr;
  QPushButton* draftButton_ = nullptr;
  QPushButton* redraftButton_ = nullptr;
  bool canEdit_ = false;
  bool showingSnapshot_ = false;  // fields set by the view, not corrected by the user
  // The facts' sources, read when a video is opened (not at each validation).
  QString factsFor_;
  std::optional<model::Signals> factsSignals_;
  annotation::AudioFields jointAudio_;
  annotation::VisualFields jointVisual_;
  QPushButton* cancelDraftButton_ = nullptr;
  QProgressBar* draftProgress_ = nullptr;
  CaptionerHost* captioner_ = nullptr;
  QTimer* draftPoll_ = nullptr;
  std::shared_ptr<DraftJob> draftJob_;
  QFutureWatcher<void>* draftWatcher_ = nullptr;
  QFutureWatcher<Result<TimelineData>>* timelineWatcher_ = nullptr;
  QString timelineFor_;
  CancelToken timelineCancel_;
};

}  // namespace ugc::gui
