#include "gui/diagnostics/event_loop_probe.h"

#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <numeric>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace ugc::gui {

EventLoopProbe::EventLoopProbe(const EventLoopProbeParams& params, QObject* parent)
    : QObject(parent), params_(params), timer_(new QTimer(this)) {
  params_.intervalMs = std::max(1, params_.intervalMs);
  // A coarse timer may be shifted by up to 5 % to batch wake-ups; that would read as latency.
  timer_->setTimerType(Qt::PreciseTimer);
  timer_->setInterval(params_.intervalMs);
  connect(timer_, &QTimer::timeout, this, &EventLoopProbe::onTick);
}

EventLoopProbe::~EventLoopProbe() {
#ifdef __linux__
  if (schedstatFd_ >= 0) ::close(schedstatFd_);
#endif
}

bool EventLoopProbe::readSchedulerTimes(SchedulerTimes& times) const {
#ifdef __linux__
  if (schedstatFd_ < 0) return false;
  char text[128];
  const ssize_t size = ::pread(schedstatFd_, text, sizeof text - 1, 0);
  if (size <= 0) return false;
  text[size] = '\0';
  long long ran = 0;
  long long waited = 0;
  if (std::sscanf(text, "%lld %lld", &ran, &waited) != 2) return false;
  times.ran = ran;
  times.waited = waited;
  return true;
#else
  (void)times;
  return false;
#endif
}

void EventLoopProbe::start() {
#ifdef __linux__
  // Opened on the thread the probe watches: thread-self resolves to the opening thread.
  if (schedstatFd_ < 0) schedstatFd_ = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
  samples_.clear();
  samples_.reserve(4096);
  worstMs_ = 0;
  worstAtMs_ = 0;
  stoppedAtMs_ = 0;
  pausedMs_ = 0;
  pausedAtNs_ = -1;
  timesKnown_ = readSchedulerTimes(lastTimes_);
  clock_.start();
  lastTickNs_ = 0;
  timer_->start();
}

void EventLoopProbe::stop() {
  if (pausedAtNs_ >= 0) {  // stopped while paused: the run ended at the pause
    stoppedAtMs_ = pausedAtNs_ / 1e6;
    pausedAtNs_ = -1;
    return;
  }
  if (!timer_->isActive()) return;
  // The time since the last tick is a sample too: a block that lasts until stop() is a stall.
  onTick();
  timer_->stop();
  stoppedAtMs_ = clock_.nsecsElapsed() / 1e6;
}

void EventLoopProbe::pause() {
  if (!timer_->isActive()) return;
  onTick();
  timer_->stop();
  pausedAtNs_ = clock_.nsecsElapsed();
}

void EventLoopProbe::resume() {
  if (timer_->isActive() || pausedAtNs_ < 0) return;
  const qint64 now = clock_.nsecsElapsed();
  pausedMs_ += (now - pausedAtNs_) / 1e6;
  pausedAtNs_ = -1;
  lastTickNs_ = now;
  timesKnown_ = readSchedulerTimes(lastTimes_);
  timer_->start();
}

bool EventLoopProbe::isRunning() const { return timer_->isActive(); }

void EventLoopProbe::onTick() {
  const qint64 now = clock_.nsecsElapsed();
  Sample sample;
  const double intervalMs = (now - lastTickNs_) / 1e6;
  sample.latenessMs = float(std::max(0.0, intervalMs - params_.intervalMs));
  lastTickNs_ = now;
  SchedulerTimes times;
  if (timesKnown_ && readSchedulerTimes(times)) {
    sample.busyMs = float((times.ran - lastTimes_.ran) / 1e6);
    sample.starvedMs = float((times.waited - lastTimes_.waited) / 1e6);
    sample.sleptMs = float(std::max(0.0, intervalMs - sample.busyMs - sample.starvedMs));
    lastTimes_ = times;
  } else {
    timesKnown_ = false;
  }
  samples_.push_back(sample);
  if (sample.latenessMs > worstMs_) {
    worstMs_ = sample.latenessMs;
    worstAtMs_ = now / 1e6;
  }
}

EventLoopReport EventLoopProbe::report() const {
  EventLoopReport report;
  report.stallThresholdMs = params_.stallThresholdMs;
  report.samples = int(samples_.size());
  const double endMs = isRunning() ? clock_.nsecsElapsed() / 1e6 : pausedAtNs_ >= 0 ? pausedAtNs_ / 1e6 : stoppedAtMs_;
  report.durationMs = endMs - pausedMs_;
  report.causesKnown = timesKnown_;
  if (samples_.empty()) return report;
  std::vector<float> sorted;
  sorted.reserve(samples_.size());
  const Sample* worst = &samples_.front();
  for (const Sample& sample : samples_) {
    sorted.push_back(sample.latenessMs);
    if (sample.latenessMs > worst->latenessMs) worst = &sample;
    if (sample.latenessMs <= params_.stallThresholdMs) continue;
    ++report.stalls;
    if (!timesKnown_) continue;
    if (sample.sleptMs >= sample.latenessMs / 2) {
      ++report.stallsBlocked;
    } else if (sample.busyMs >= sample.starvedMs) {
      ++report.stallsBusy;
    } else {
      ++report.stallsStarved;
    }
  }
  std::sort(sorted.begin(), sorted.end());
  report.maxMs = sorted.back();
  report.p99Ms = sorted[std::min(sorted.size() - 1, size_t(0.99 * double(sorted.size())))];
  report.meanMs = std::accumulate(sorted.begin(), sorted.end(), 0.0) / double(sorted.size());
  report.worstAtMs = worstAtMs_;
  report.worstBusyMs = worst->busyMs;
  report.worstStarvedMs = worst->starvedMs;
  return report;
}

QString EventLoopProbe::describe(const EventLoopReport& report) {
  QString text = QString("max %1 ms, p99 %2 ms, mean %3 ms, %4 stalls > %5 ms (%6 samples over %7 s)")
                     .arg(report.maxMs, 0, 'f', 1)
                     .arg(report.p99Ms, 0, 'f', 1)
                     .arg(report.meanMs, 0, 'f', 1)
                     .arg(report.stalls)
                     .arg(report.stallThresholdMs, 0, 'f', 0)
                     .arg(report.samples)
                     .arg(report.durationMs / 1000.0, 0, 'f', 1);
  if (report.stalls > 0 && report.causesKnown) {
    text += QString("; busy %1, starved %2, blocked %3; worst: ran %4 ms, waited for a core %5 ms")
                .arg(report.stallsBusy)
                .arg(report.stallsStarved)
                .arg(report.stallsBlocked)
                .arg(report.worstBusyMs, 0, 'f', 1)
                .arg(report.worstStarvedMs, 0, 'f', 1);
  }
  return text;
}

}  // namespace ugc::gui
