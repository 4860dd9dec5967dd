#include "gui/editor/audio_fields_editor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>

#include "gui/editor/choice_group.h"

namespace ugc::gui {
namespace {

QStringList toList(const auto& options) {
  QStringList list;
  for (const char* option : options) list << option;
  return list;
}

}  // namespace

AudioFieldsEditor::AudioFieldsEditor(QWidget* parent) : QWidget(parent) {
  speakers_ = new QSpinBox(this);
  speakers_->setObjectName("speakerCount");
  speakers_->setRange(-1, 50);
  speakers_->setSpecialValueText(tr("not answered"));
  tone_ = new ChoiceGroup(toList(annotation::kToneOptions), this);
  music_ = new ChoiceGroup(toList(annotation::kYesNoOptions), this);
  language_ = new QLineEdit(this);
  language_->setObjectName("language");
  language_->setPlaceholderText(tr("e.g. English"));
  musicStyle_ = new ChoiceGroup(toList(annotation::kMusicStyleOptions), this);
  voiceSource_ = new ChoiceGroup(toList(annotation::kVoiceSourceOptions), this);
  male_ = new QCheckBox(tr("male"), this);
  female_ = new QCheckBox(tr("female"), this);
  auto* genders = new QWidget(this);
  auto* genderRow = new QHBoxLayout(genders);
  genderRow->setContentsMargins(0, 0, 0, 0);
  genderRow->addWidget(male_);
  genderRow->addWidget(female_);
  genderRow->addStretch();

  auto* form = new QFormLayout(this);
  form->addRow(tr("Speakers"), speakers_);
  form->addRow(tr("Tone and mood"), tone_);
  form->addRow(tr("Background music"), music_);
  form->addRow(tr("Music style"), musicStyle_);
  form->addRow(tr("Language of the voice"), language_);
  form->addRow(tr("Source of the voice"), voiceSource_);
  form->addRow(tr("Speaker gender(s)"), genders);

  auto edited = [this] {
    updateEnabled();
    emit changed();
  };
  for (ChoiceGroup* group : {tone_, music_, musicStyle_, voiceSource_}) connect(group, &ChoiceGroup::changed, this, edited);
  connect(speakers_, &QSpinBox::valueChanged, this, [this, edited] {
    speakersSuggested_ = false;
    speakers_->setStyleSheet({});
    edited();
  });
  connect(language_, &QLineEdit::textEdited, this, edited);
  connect(male_, &QCheckBox::toggled, this, [this, edited] {
    markGendersSuggested(false);
    edited();
  });
  connect(female_, &QCheckBox::toggled, this, [this, edited] {
    markGendersSuggested(false);
    edited();
  });
  updateEnabled();
}

void AudioFieldsEditor::setFields(const annotation::AudioFields& fields, bool suggested) {
  const QSignalBlocker block(speakers_);
  speakers_->setValue(fields.speakerCount.value_or(-1));
  tone_->setValue(QString::fromStdString(fields.tone));
  music_->setValue(QString::fromStdString(fields.backgroundMusic));
  language_->setText(QString::fromStdString(fields.language));
  musicStyle_->setValue(QString::fromStdString(fields.musicStyle));
  voiceSource_->setValue(QString::fromStdString(fields.voiceSource));
  otherGenders_.clear();
  const QSignalBlocker blockMale(male_), blockFemale(female_);
  male_->setChecked(false);
  female_->setChecked(false);
  for (const auto& gender : fields.speakerGenders) {
    const QString g = QString::fromStdString(gender);
    if (g.compare("male", Qt::CaseInsensitive) == 0) male_->setChecked(true);
    else if (g.compare("female", Qt::CaseInsensitive) == 0) female_->setChecked(true);
    else otherGenders_ << g;
  }
  for (ChoiceGroup* group : {tone_, music_, musicStyle_, voiceSource_}) {
    group->setSuggested(suggested && !group->value().isEmpty());
  }
  markGendersSuggested(suggested && !fields.speakerGenders.empty());
  speakersSuggested_ = suggested && fields.speakerCount.has_value();
  speakers_->setStyleSheet(speakersSuggested_ ? "background:#fef3c7;" : "");
  updateEnabled();
}

annotation::AudioFields AudioFieldsEditor::fields() const {
  annotation::AudioFields fields;
  if (speakers_->value() >= 0) fields.speakerCount = speakers_->value();
  fields.tone = tone_->value().toStdString();
  fields.backgroundMusic = music_->value().toStdString();
  fields.language = language_->text().trimmed().toStdString();
  // Conditional fields are only answered where the template asks for them.
  if (musicStyle_->isEnabled()) fields.musicStyle = musicStyle_->value().toStdString();
  if (voiceSource_->isEnabled()) fields.voiceSource = voiceSource_->value().toStdString();
  if (male_->isChecked()) fields.speakerGenders.push_back("male");
  if (female_->isChecked()) fields.speakerGenders.push_back("female");
  for (const auto& other : otherGenders_) fields.speakerGenders.push_back(other.toStdString());
  return fields;
}

int AudioFieldsEditor::suggestionsLeft() const {
  int left = int(speakersSuggested_) + int(gendersSuggested_);
  for (ChoiceGroup* group : {tone_, music_, musicStyle_, voiceSource_}) left += group->isSuggested();
  return left;
}

void AudioFieldsEditor::confirmSuggestions() {
  for (ChoiceGroup* group : {tone_, music_, musicStyle_, voiceSource_}) group->setSuggested(false);
  speakersSuggested_ = false;
  speakers_->setStyleSheet({});
  markGendersSuggested(false);
  emit changed();
}

void AudioFieldsEditor::markGendersSuggested(bool suggested) {
  gendersSuggested_ = suggested;
  for (QCheckBox* box : {male_, female_}) box->setStyleSheet(suggested ? "QCheckBox{background:#fef3c7;}" : "");
}

void AudioFieldsEditor::updateEnabled() {
  musicStyle_->setEnabled(music_->value().compare("Yes", Qt::CaseInsensitive) == 0);
  voiceSource_->setEnabled(speakers_->value() != 0);
}

}  // namespace ugc::gui
