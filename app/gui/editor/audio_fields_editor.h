#pragma once
// The audio-only stage's structured fields. Values proposed by the extractors are marked as
// suggestions until the annotator confirms or changes them.

#include <QWidget>

#include "annotation/fields.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace ugc::gui {

class ChoiceGroup;

class AudioFieldsEditor : public QWidget {
  Q_OBJECT

 public:
  explicit AudioFieldsEditor(QWidget* parent = nullptr);

  // suggested: the values came from the extractors, not from a person.
  void setFields(const annotation::AudioFields& fields, bool suggested = false);
  annotation::AudioFields fields() const;
  int suggestionsLeft() const;
  void confirmSuggestions();

  ChoiceGroup* toneGroup() const { return tone_; }
  ChoiceGroup* musicGroup() const { return music_; }
  ChoiceGroup* musicStyleGroup() const { return musicStyle_; }
  ChoiceGroup* voiceSourceGroup() const { return voiceSource_; }
  QSpinBox* speakerCountBox() const { return speakers_; }

 signals:
  void changed();

 private:
  void updateEnabled();

  QSpinBox* speakers_ = nullptr;
  ChoiceGroup* tone_ = nullptr;
  ChoiceGroup* music_ = nullptr;
  QLineEdit* language_ = nullptr;
  ChoiceGroup* musicStyle_ = nullptr;
  ChoiceGroup* voiceSource_ = nullptr;
  QCheckBox* male_ = nullptr;
  QCheckBox* female_ = nullptr;
  QStringList otherGenders_;
  bool speakersSuggested_ = false;
  bool gendersSuggested_ = false;
  void markGendersSuggested(bool suggested);
};

}  // namespace ugc::gui
