#include "gui/session/busy_retry.h"

#include <QTimer>
#include <algorithm>

namespace ugc::gui {

BusyRetry::BusyRetry(const BusyRetryParams& params, QObject* parent)
    : QObject(parent), params_(params), timer_(new QTimer(this)) {
  timer_->setSingleShot(true);
  connect(timer_, &QTimer::timeout, this, &BusyRetry::onTimeout);
}

QString BusyRetry::busyText(int attempt, int maxAttempts) {
  return tr("Project busy (another program is writing to it): retrying %1/%2...").arg(attempt).arg(maxAttempts);
}

void BusyRetry::schedule(std::function<bool()> attempt) {
  attempt_ = std::move(attempt);
  if (attempts_ >= params_.maxAttempts) {
    const QString text = tr("Project still busy after %1 retries: not saved yet (your text is kept). Try again.")
                             .arg(params_.maxAttempts);
    attempts_ = 0;
    attempt_ = nullptr;
    emit busyChanged(false, text);
    emit gaveUp(text);
    return;
  }
  int pause = params_.firstPauseMs;
  for (int i = 0; i < attempts_ && pause < params_.maxPauseMs; ++i) pause *= 2;
  ++attempts_;
  emit busyChanged(true, busyText(attempts_, params_.maxAttempts));
  timer_->start(std::min(pause, params_.maxPauseMs));
}

void BusyRetry::clear() {
  const bool was = isPending() || attempts_ > 0;
  timer_->stop();
  attempt_ = nullptr;
  attempts_ = 0;
  if (was) emit busyChanged(false, QString());
}

bool BusyRetry::isPending() const { return timer_->isActive(); }

void BusyRetry::onTimeout() {
  auto attempt = attempt_;
  if (!attempt) return;
  // A busy outcome calls schedule() again from inside attempt(); success calls clear().
  (void)attempt();
}

}  // namespace ugc::gui
