#pragma once
// Progress reporting and cooperative cancellation for long synchronous calls
// (decode, draft, export, train). The GUI runs such calls on a worker thread,
// passes a sink that posts to the GUI thread and a token its Cancel button fires.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace ugc {

struct Progress {
  std::string_view step;  // short label of the current phase, e.g. "decoding audio"
  int64_t done = 0;
  int64_t total = 0;      // 0 when unknown

  double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
};

// May be called from the worker thread; must be cheap and must not throw.
using ProgressSink = std::function<void(const Progress&)>;

inline void report(const ProgressSink& sink, std::string_view step, int64_t done, int64_t total) {
  if (sink) sink(Progress{step, done, total});
}

// Copies share one flag: hand a copy to the worker, keep one to cancel with.
class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}

  void cancel() const { flag_->store(true, std::memory_order_relaxed); }
  bool isCancelled() const { return flag_->load(std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace ugc
