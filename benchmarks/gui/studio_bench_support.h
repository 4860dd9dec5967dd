#pragma once
// Helpers for the desktop app benchmark: the demo project (built like scripts/demo-pipeline),
// waiting on the event loop for a condition, and small statistics.

#include <QString>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace ugc::bench {

// <dir>/demo.ugcproj, made by the ugccap binary exactly as scripts/demo-pipeline does (demo
// corpus, init, import --demo --as-work 4, three users, extract -p) unless it already exists.
Result<std::filesystem::path> ensureDemoProject(const std::filesystem::path& dir, const std::string& cli);

// Runs the event loop until `done` holds, checking every `pollMs` (a precise timer, so a
// measured wait is at most that much too long). False on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs, int pollMs = 1);

struct Summary {
  int count = 0;
  double median = 0;
  double p95 = 0;
  double max = 0;
};
Summary summarize(std::vector<double> values);

// "load average 0.42 0.80 1.10"
std::string loadAverage();

}  // namespace ugc::bench
