#pragma once
// A row of radio buttons for one multiple-choice field (tone, voice source, ...), each with
// a mnemonic key. Keeps the spelling a value was loaded with ("neutral" stays "neutral" unless
// the annotator picks another choice), so released answers survive a round trip.

#include <QStringList>
#include <QWidget>

class QButtonGroup;

namespace ugc::gui {

class ChoiceGroup : public QWidget {
  Q_OBJECT

 public:
  ChoiceGroup(const QStringList& options, QWidget* parent = nullptr);

  void setValue(const QString& value);  // case-insensitive; unknown or empty clears
  QString value() const;                // empty when nothing is chosen
  void setSuggested(bool suggested);     // amber until the annotator confirms
  bool isSuggested() const { return suggested_; }

 signals:
  void changed(const QString& value);

 private:
  QStringList options_;
  QButtonGroup* buttons_ = nullptr;
  QString loaded_;
  bool suggested_ = false;
};

}  // namespace ugc::gui
