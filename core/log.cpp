#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace ugc {
namespace {

LogLevel thresholdFromEnvironment() {
  const char* value = std::getenv("UGC_LOG_LEVEL");
  if (!value) return LogLevel::Error;
  if (!std::strcmp(value, "debug")) return LogLevel::Debug;
  if (!std::strcmp(value, "info")) return LogLevel::Info;
  if (!std::strcmp(value, "warning")) return LogLevel::Warning;
  return LogLevel::Error;
}

std::atomic<int>& threshold() {
  static std::atomic<int> level{int(thresholdFromEnvironment())};
  return level;
}

std::mutex& sinkMutex() {
  static std::mutex mutex;
  return mutex;
}

LogSink& currentSink() {
  static LogSink sink;
  return sink;
}

void writeToStderr(std::string_view source, std::string_view message) {
  std::string line = "ugccap: ";
  line.append(source).append(": ").append(message);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

LogSink setLogSink(LogSink sink) {
  std::lock_guard lock(sinkMutex());
  LogSink previous = std::move(currentSink());
  currentSink() = std::move(sink);
  return previous;
}

void setLogThreshold(LogLevel level) { threshold().store(int(level)); }
LogLevel logThreshold() { return LogLevel(threshold().load()); }
bool logEnabled(LogLevel level) { return int(level) >= threshold().load(std::memory_order_relaxed); }

void logMessage(LogLevel level, std::string_view source, std::string_view message) {
  if (!logEnabled(level)) return;
  std::lock_guard lock(sinkMutex());
  if (currentSink()) {
    currentSink()(level, source, message);
  } else {
    writeToStderr(source, message);
  }
}

}  // namespace ugc
