#include "cli/console_progress.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace ugc::cli {

ConsoleProgress::ConsoleProgress(std::FILE* stream) : stream_(stream), terminal_(::isatty(::fileno(stream)) != 0) {}

ConsoleProgress::~ConsoleProgress() { finish(); }

ProgressSink ConsoleProgress::sink() {
  return [this](const Progress& progress) { update(progress); };
}

void ConsoleProgress::update(const Progress& progress) {
  const int percent = progress.total > 0 ? int(100.0 * progress.fraction()) : -1;
  const bool newStep = progress.step != lastStep_;
  if (terminal_) {
    auto now = std::chrono::steady_clock::now();
    if (!newStep && percent == lastPercent_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    constexpr int kWidth = 30;
    const int filled = percent < 0 ? 0 : percent * kWidth / 100;
    std::string bar(size_t(filled), '#');
    bar.resize(kWidth, '.');
    if (progress.total > 0) {
      std::fprintf(stream_, "\r%-24.24s [%s] %3d%% (%lld/%lld)", std::string(progress.step).c_str(), bar.c_str(),
                   percent, static_cast<long long>(progress.done), static_cast<long long>(progress.total));
    } else {
      std::fprintf(stream_, "\r%-24.24s %lld", std::string(progress.step).c_str(),
                   static_cast<long long>(progress.done));
    }
    std::fflush(stream_);
    barOpen_ = true;
  } else {
    // Plain lines: one per step and per 10 % so logs stay short.
    if (!newStep && (percent < 0 || percent / 10 == lastPercent_ / 10)) return;
    if (progress.total > 0) {
      std::fprintf(stream_, "%s: %lld/%lld (%d%%)\n", std::string(progress.step).c_str(),
                   static_cast<long long>(progress.done), static_cast<long long>(progress.total), percent);
    } else {
      std::fprintf(stream_, "%s...\n", std::string(progress.step).c_str());
    }
  }
  lastStep_ = std::string(progress.step);
  lastPercent_ = percent;
}

void ConsoleProgress::finish() {
  if (barOpen_) {
    std::fputc('\n', stream_);
    barOpen_ = false;
  }
}

namespace {
// The signal handler only sets this flag (async-signal-safe); a watcher thread turns it into a
// cancel of the token of the CLI call running now. Each call gets its own token, so a second
// in-process call does not start out cancelled.
std::atomic<bool> gInterrupted{false};
std::mutex gCurrentMutex;
CancelToken* gCurrent = nullptr;

extern "C" void onInterrupt(int) { gInterrupted.store(true); }

void installInterruptHandler() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    std::thread([] {
      for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!gInterrupted.exchange(false)) continue;
        std::lock_guard lock(gCurrentMutex);
        if (gCurrent) gCurrent->cancel();
      }
    }).detach();
  });
}
}  // namespace

InterruptScope::InterruptScope() {
  installInterruptHandler();
  std::lock_guard lock(gCurrentMutex);
  previous_ = gCurrent;
  gCurrent = &token_;
}

InterruptScope::~InterruptScope() {
  std::lock_guard lock(gCurrentMutex);
  gCurrent = previous_;
}

CancelToken interruptToken() {
  std::lock_guard lock(gCurrentMutex);
  return gCurrent ? *gCurrent : CancelToken();
}

}  // namespace ugc::cli
