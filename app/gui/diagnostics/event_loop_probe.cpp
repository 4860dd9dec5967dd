#include "gui/diagnostics/event_loop_probe.h"

#include <QTimer>
#include <algorithm>
#include <numeric>

namespace ugc::gui {

EventLoopProbe::EventLoopProbe(const EventLoopProbeParams& params, QObject* parent)
    : QObject(parent), params_(params), timer_(new QTimer(this)) {
  params_.intervalMs = std::max(1, params_.intervalMs);
  // A coarse timer may be shifted by up to 5 % to batch wake-ups; that would read as latency.
  timer_->setTimerType(Qt::PreciseTimer);
  timer_->setInterval(params_.intervalMs);
  connect(timer_, &QTimer::timeout, this, &EventLoopProbe::onTick);
}

EventLoopProbe::~EventLoopProbe() = default;

void EventLoopProbe::start() {
  latenessMs_.clear();
  latenessMs_.reserve(4096);
  worstMs_ = 0;
  worstAtMs_ = 0;
  stoppedAtMs_ = 0;
  clock_.start();
  lastTickNs_ = 0;
  timer_->start();
}

void EventLoopProbe::stop() {
  if (!timer_->isActive()) return;
  // The time since the last tick is a sample too: a block that lasts until stop() is a stall.
  onTick();
  timer_->stop();
  stoppedAtMs_ = clock_.nsecsElapsed() / 1e6;
}

bool EventLoopProbe::isRunning() const { return timer_->isActive(); }

void EventLoopProbe::onTick() {
  const qint64 now = clock_.nsecsElapsed();
  const double lateness = std::max(0.0, (now - lastTickNs_) / 1e6 - params_.intervalMs);
  lastTickNs_ = now;
  latenessMs_.push_back(float(lateness));
  if (lateness > worstMs_) {
    worstMs_ = lateness;
    worstAtMs_ = now / 1e6;
  }
}

EventLoopReport EventLoopProbe::report() const {
  EventLoopReport report;
  report.stallThresholdMs = params_.stallThresholdMs;
  report.samples = int(latenessMs_.size());
  report.durationMs = isRunning() ? clock_.nsecsElapsed() / 1e6 : stoppedAtMs_;
  if (latenessMs_.empty()) return report;
  std::vector<float> sorted = latenessMs_;
  std::sort(sorted.begin(), sorted.end());
  report.maxMs = sorted.back();
  report.p99Ms = sorted[std::min(sorted.size() - 1, size_t(0.99 * double(sorted.size())))];
  report.meanMs = std::accumulate(sorted.begin(), sorted.end(), 0.0) / double(sorted.size());
  report.stalls = int(std::count_if(sorted.begin(), sorted.end(),
                                    [&](float ms) { return ms > params_.stallThresholdMs; }));
  report.worstAtMs = worstAtMs_;
  return report;
}

QString EventLoopProbe::describe(const EventLoopReport& report) {
  return QString("max %1 ms, p99 %2 ms, mean %3 ms, %4 stalls > %5 ms (%6 samples over %7 s)")
      .arg(report.maxMs, 0, 'f', 1)
      .arg(report.p99Ms, 0, 'f', 1)
      .arg(report.meanMs, 0, 'f', 1)
      .arg(report.stalls)
      .arg(report.stallThresholdMs, 0, 'f', 0)
      .arg(report.samples)
      .arg(report.durationMs / 1000.0, 0, 'f', 1);
}

}  // namespace ugc::gui
