#pragma once
// Measures how late the GUI thread serves a high-frequency timer: the event-loop latency a
// user feels as a frozen window. Start it on the thread to watch (the GUI thread), run the
// job, stop it, read the report. A blocked thread fires the timer once, late by the length
// of the block, so each sample's lateness is the stall the event loop had just before it.
//
// For benchmarks and instrumented tests; cheap enough (one timer) to leave on while measuring.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <vector>

class QTimer;

namespace ugc::gui {

struct EventLoopProbeParams {
  int intervalMs = 5;             // how often the timer asks to be served
  double stallThresholdMs = 50;   // a sample later than this counts as a stall
};

inline EventLoopProbeParams defaultEventLoopProbeParams() { return {}; }

struct EventLoopReport {
  int samples = 0;
  double durationMs = 0;       // time the probe ran
  double maxMs = 0;            // worst lateness
  double p99Ms = 0;            // 99th percentile of lateness
  double meanMs = 0;
  int stalls = 0;              // samples later than the threshold
  double stallThresholdMs = 0;
  double worstAtMs = 0;        // when the worst sample arrived, since start
};

class EventLoopProbe : public QObject {
  Q_OBJECT

 public:
  explicit EventLoopProbe(const EventLoopProbeParams& params = {}, QObject* parent = nullptr);
  ~EventLoopProbe() override;

  void start();  // clears earlier samples
  void stop();
  bool isRunning() const;
  EventLoopReport report() const;  // also valid while running: the samples so far

  // "max 12.3 ms, p99 8.1 ms, mean 5.2 ms, 0 stalls > 50 ms (812 samples over 4.1 s)"
  static QString describe(const EventLoopReport& report);

 private:
  void onTick();

  EventLoopProbeParams params_;
  QTimer* timer_ = nullptr;
  QElapsedTimer clock_;
  qint64 lastTickNs_ = 0;
  std::vector<float> latenessMs_;
  double worstMs_ = 0;
  double worstAtMs_ = 0;
  double stoppedAtMs_ = 0;
};

}  // namespace ugc::gui
