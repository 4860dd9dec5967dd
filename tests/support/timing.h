#pragma once
// Wall-clock bounds in the test suite. On a shared 2-core CI machine a busy neighbour can
// double any timing, so a bound never fails the default run: it prints a "timing:" line
// (and records it as a test property) when exceeded. With UGC_STRICT_TIMING=1 the bounds are
// assertions, for a developer on an idle machine. Figures that matter live in benchmarks/
// (docs/performance.md); these bounds only catch gross regressions by eye.
//
//   UGC_EXPECT_TIMELY(measuredMs, boundMs) << "what was measured";

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

namespace ugc::test {

inline bool strictTiming() {
  const char* value = std::getenv("UGC_STRICT_TIMING");
  return value && std::strcmp(value, "0") != 0 && *value;
}

// Collects the streamed explanation, then reports or asserts when destroyed.
class TimingCheck {
 public:
  TimingCheck(double measured, double bound, const char* expression, const char* file, int line)
      : measured_(measured), bound_(bound), expression_(expression), file_(file), line_(line) {}
  ~TimingCheck() {
    if (measured_ < bound_) return;
    std::ostringstream text;
    text << expression_ << " = " << measured_ << ", bound " << bound_;
    if (!note_.str().empty()) text << " (" << note_.str() << ")";
    if (strictTiming()) {
      ADD_FAILURE_AT(file_, line_) << "timing: " << text.str();
    } else {
      std::printf("timing: over its bound (not a failure; UGC_STRICT_TIMING=1 makes it one): %s at %s:%d\n",
                  text.str().c_str(), file_, line_);
      ::testing::Test::RecordProperty("timing_over_bound", text.str());
    }
  }
  template <typename T>
  TimingCheck& operator<<(const T& value) {
    note_ << value;
    return *this;
  }

 private:
  double measured_, bound_;
  const char* expression_;
  const char* file_;
  int line_;
  std::ostringstream note_;
};

}  // namespace ugc::test

#define UGC_EXPECT_TIMELY(measured, bound) \
  ::ugc::test::TimingCheck(double(measured), double(bound), #measured, __FILE__, __LINE__)
