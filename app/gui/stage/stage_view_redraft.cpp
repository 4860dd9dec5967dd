// StageView's redraft from the fields (#15 item 4) and the facts its caption lint checks
// against. The redraft is the template drafter (annotation/template_caption.h: the fields in,
// sentences that say only what they say out): instant on the GUI thread, so correcting a field
// shows its caption at once. "Draft with model" stays the way to ask the captioner.
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>

#include "annotation/template_caption.h"
#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/caption_editor.h"
#include "gui/editor/visual_fields_editor.h"
#include "gui/stage/stage_view.h"
#include "pipeline/draft_service.h"
#include "pipeline/stage_facts.h"

namespace ugc::gui {

using annotation::Stage;

void StageView::refreshFactsSources(const StageSnapshot& snapshot) {
  const QString videoId = QString::fromStdString(snapshot.videoId);
  if (videoId != factsFor_) {
    factsFor_ = videoId;
    auto extracted = session_.cachedSignals(snapshot.videoId);
    factsSignals_.reset();
    if (extracted) factsSignals_ = std::move(*extracted);
  }
  if (stage_ != Stage::Joint) return;
  jointAudio_ = {};
  jointVisual_ = {};
  for (Stage other : {Stage::Audio, Stage::Visual}) {
    auto head = session_.currentRevision(snapshot.videoId, other);
    if (!head || !*head) continue;
    if ((*head)->audio) jointAudio_ = *(*head)->audio;
    if ((*head)->visual) jointVisual_ = *(*head)->visual;
  }
}

annotation::FaithfulnessFacts StageView::currentFacts() const {
  if (stage_ == Stage::Joint) return pipeline::stageFacts(stage_, jointAudio_, jointVisual_, factsSignals_);
  return pipeline::stageFacts(stage_, audioFields_ ? audioFields_->fields() : annotation::AudioFields{},
                              visualFields_ ? visualFields_->fields() : annotation::VisualFields{}, factsSignals_);
}

// The caption is still the draft: no person saved over it and nobody typed since it came.
bool StageView::captionUntouched() const {
  if (!snapshot_ || !snapshot_->draft) return false;
  if (snapshot_->head && !snapshot_->head->isDraft()) return false;
  return !caption_->isDirty() && caption_->text() == QString::fromStdString(snapshot_->draft->caption);
}

bool StageView::fieldsDifferFromDraft() const {
  if (!snapshot_ || !snapshot_->draft) return false;
  const auto& draft = *snapshot_->draft;
  if (audioFields_) return audioFields_->fields() != draft.audio.value_or(annotation::AudioFields{});
  if (visualFields_) return visualFields_->fields() != draft.visual.value_or(annotation::VisualFields{});
  return false;
}

void StageView::fieldsEdited() {
  if (showingSnapshot_ || !snapshot_) return;
  caption_->validate();  // the claims are checked against the fields as they stand now
  if (stage_ == Stage::Joint || !canEdit_ || !session_.mayDraft()) return;
  if (!fieldsDifferFromDraft()) {
    redraftButton_->hide();
    return;
  }
  if (captionUntouched()) {
    redraftFromFields();
  } else {
    redraftButton_->show();
  }
}

bool StageView::redraftFromFields() {
  if (!snapshot_ || stage_ == Stage::Joint || !canEdit_) return false;
  StageEdit edit = currentEdit();
  const std::string text = stage_ == Stage::Audio ? annotation::audioTemplateCaption(edit.audio)
                                                  : annotation::visualTemplateCaption(edit.visual);
  if (text.empty()) {
    setStatus(tr("The fields say nothing yet: there is nothing to redraft from."), true);
    return false;
  }
  edit.caption = text;
  auto stored = session_.saveRedraft(*snapshot_, edit, pipeline::kTemplateSource);
  if (!stored) {
    setStatus(tr("Could not store the redraft: %1").arg(QString::fromStdString(stored.error().describe())), true);
    return false;
  }
  snapshot_ = *stored;
  loadHistory();
  updateActions();
  // Through the cursor, so Ctrl+Z brings the previous text back.
  QTextCursor cursor(caption_->textEdit()->document());
  cursor.select(QTextCursor::Document);
  cursor.insertText(QString::fromStdString(text));
  caption_->setDraft(QString::fromStdString(text), draftOriginText(pipeline::kTemplateSource));
  caption_->markSaved();  // the text is the stored draft
  redraftButton_->hide();
  setStatus(tr("Redrafted from the corrected fields (stored as a draft revision; Ctrl+Z brings the previous text "
               "back)."));
  emit stateChanged(videoId_, stage_);
  return true;
}

}  // namespace ugc::gui
