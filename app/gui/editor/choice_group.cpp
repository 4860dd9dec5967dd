#include "gui/editor/choice_group.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QRadioButton>

namespace ugc::gui {

ChoiceGroup::ChoiceGroup(const QStringList& options, QWidget* parent)
    : QWidget(parent), options_(options), buttons_(new QButtonGroup(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  for (int i = 0; i < options.size(); ++i) {
    auto* radio = new QRadioButton("&" + options[i], this);
    radio->setObjectName("choice_" + QString(options[i]).remove(' ').remove('-'));
    buttons_->addButton(radio, i);
    layout->addWidget(radio);
  }
  layout->addStretch();
  connect(buttons_, &QButtonGroup::idClicked, this, [this](int) {
    setSuggested(false);
    emit changed(value());
  });
}

void ChoiceGroup::setValue(const QString& value) {
  loaded_ = value;
  buttons_->setExclusive(false);
  for (auto* button : buttons_->buttons()) button->setChecked(false);
  buttons_->setExclusive(true);
  for (int i = 0; i < options_.size(); ++i) {
    if (options_[i].compare(value.trimmed(), Qt::CaseInsensitive) == 0) buttons_->button(i)->setChecked(true);
  }
}

QString ChoiceGroup::value() const {
  const int id = buttons_->checkedId();
  if (id < 0) return {};
  if (options_[id].compare(loaded_.trimmed(), Qt::CaseInsensitive) == 0) return loaded_;
  return options_[id];
}

void ChoiceGroup::setSuggested(bool suggested) {
  suggested_ = suggested;
  setStyleSheet(suggested ? "QRadioButton{background:#fef3c7;}" : "");
  setToolTip(suggested ? tr("Suggested by the extractors: confirm or change it.") : QString());
}

}  // namespace ugc::gui
