#include "studio_bench_support.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/subprocess.h"

namespace ugc::bench {

Result<std::filesystem::path> ensureDemoProject(const std::filesystem::path& dir, const std::string& cli) {
  const auto project = dir / "demo.ugcproj";
  if (std::filesystem::exists(project)) return project;
  std::filesystem::create_directories(dir);
  const std::string clips = (dir / "clips").string();
  const std::string path = project.string();
  const std::vector<std::vector<std::string>> steps = {
      {cli, "demo-corpus", clips},
      {cli, "init", "-p", path},
      {cli, "import", "-p", path, "--demo", clips, "--as-work", "4"},
      {cli, "users", "add", "-p", path, "annotator", "--role", "annotator"},
      {cli, "users", "add", "-p", path, "reviewer", "--role", "reviewer"},
      {cli, "users", "add", "-p", path, "admin", "--role", "admin"},
      {cli, "extract", "-p", path},
  };
  for (const auto& step : steps) {
    std::fprintf(stderr, "  %s %s\n", step[1].c_str(), step.size() > 2 ? step[2].c_str() : "");
    auto ran = runProcess(step);
    if (!ran) return tl::unexpected(ran.error());
    if (ran->exitCode != 0) {
      std::filesystem::remove(project);  // half made: start over next time
      return makeError(ErrorCode::Internal, "ugccap " + step[1] + " failed: " + ran->standardError);
    }
  }
  return project;
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs, int pollMs) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() >= timeoutMs) return false;
    QEventLoop loop;
    QTimer::singleShot(pollMs, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
  }
  return true;
}

Summary summarize(std::vector<double> values) {
  Summary summary;
  summary.count = int(values.size());
  if (values.empty()) return summary;
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[std::min(values.size() - 1, size_t(std::ceil(q * values.size())) - 1)];
  };
  summary.median =
      values.size() % 2 ? values[values.size() / 2] : (values[values.size() / 2 - 1] + values[values.size() / 2]) / 2;
  summary.p95 = at(0.95);
  summary.max = values.back();
  return summary;
}

std::string loadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "load average unknown";
  char text[64];
  std::snprintf(text, sizeof text, "load average %.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

}  // namespace ugc::bench
