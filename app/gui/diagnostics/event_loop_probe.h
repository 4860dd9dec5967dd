#pragma once
// Measures how late the GUI thread serves a high-frequency timer: the event-loop latency a
// user feels as a frozen window. Start it on the thread to watch (the GUI thread), run the
// job, stop it, read the report. A blocked thread fires the timer once, late by the length
// of the block, so each sample's lateness is the stall the event loop had just before it.
//
// On Linux each late sample also says why, from the thread's scheduler statistics
// (/proc/thread-self/schedstat): time the GUI thread ran (busy: the app's own work on the GUI
// thread), time it waited for a core (starved: the machine is loaded), or neither (blocked: it
// slept on a lock, I/O or a wait). Elsewhere stalls are counted but not classified.
//
// For benchmarks and instrumented tests; cheap enough (one timer) to leave on while measuring.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <vector>

class QTimer;

namespace ugc::gui {

struct EventLoopProbeParams {
  int intervalMs = 5;            // how often the timer asks to be served
  double stallThresholdMs = 50;  // a sample later than this counts as a stall
};

inline EventLoopProbeParams defaultEventLoopProbeParams() { return {}; }

struct EventLoopReport {
  int samples = 0;
  double durationMs = 0;  // time the probe ran (pauses left out)
  double maxMs = 0;       // worst lateness
  double p99Ms = 0;       // 99th percentile of lateness
  double meanMs = 0;
  int stalls = 0;  // samples later than the threshold
  double stallThresholdMs = 0;
  double worstAtMs = 0;  // when the worst sample arrived, since start (pauses included)
  // Stalls by cause (Linux; all zero elsewhere): the GUI thread slept for at least half the
  // lateness (blocked), else it mostly ran (busy) or mostly waited for a core (starved).
  int stallsBusy = 0;
  int stallsStarved = 0;
  int stallsBlocked = 0;
  double worstBusyMs = 0;     // of the worst sample: time the GUI thread ran
  double worstStarvedMs = 0;  // ... and time it waited for a core
  bool causesKnown = false;   // the scheduler statistics were readable
};

class EventLoopProbe : public QObject {
  Q_OBJECT

 public:
  explicit EventLoopProbe(const EventLoopProbeParams& params = {}, QObject* parent = nullptr);
  ~EventLoopProbe() override;

  void start();  // clears earlier samples
  void stop();
  // Stops sampling without forgetting, and goes on later: the time in between (e.g. work the
  // measurement should leave out) is neither a stall nor part of durationMs.
  void pause();
  void resume();
  bool isRunning() const;
  EventLoopReport report() const;  // also valid while running: the samples so far

  // "max 12.3 ms, p99 8.1 ms, mean 5.2 ms, 0 stalls > 50 ms (812 samples over 4.1 s)", and the
  // causes when there are stalls: "; busy 1, starved 2, blocked 0; worst: ran 3.0 ms, waited 80.2 ms"
  static QString describe(const EventLoopReport& report);

 private:
  struct Sample {
    float latenessMs = 0;
    float busyMs = 0;
    float starvedMs = 0;
    float sleptMs = 0;  // neither running nor waiting for a core
  };
  struct SchedulerTimes {  // cumulative, ns
    qint64 ran = 0;
    qint64 waited = 0;
  };
  void onTick();
  bool readSchedulerTimes(SchedulerTimes& times) const;

  EventLoopProbeParams params_;
  QTimer* timer_ = nullptr;
  QElapsedTimer clock_;
  qint64 lastTickNs_ = 0;
  std::vector<Sample> samples_;
  int schedstatFd_ = -1;  // this thread's /proc/thread-self/schedstat, when readable
  SchedulerTimes lastTimes_;
  bool timesKnown_ = false;
  double worstMs_ = 0;
  double worstAtMs_ = 0;
  double stoppedAtMs_ = 0;
  double pausedMs_ = 0;  // total time spent paused
  qint64 pausedAtNs_ = -1;
};

}  // namespace ugc::gui
