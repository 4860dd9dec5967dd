#pragma once
// "Project busy, retrying": the GUI's side of the store access policy (db/sqlite.h). The GUI's
// connection waits about a second for another writer (a concurrent `ugccap import`), then the
// call fails with ErrorCode::Busy. Instead of spinning on the GUI thread, the view hands the
// write to a BusyRetry, which runs it again later from the event loop (a single-shot timer,
// growing pauses) until it goes through or the attempts run out, and says so meanwhile.

#include <QObject>
#include <QString>
#include <functional>

class QTimer;

namespace ugc::gui {

struct BusyRetryParams {
  int firstPauseMs = 250;  // before the first retry; doubles up to maxPauseMs
  int maxPauseMs = 2000;
  int maxAttempts = 20;  // about half a minute of retries with the defaults
};

class BusyRetry : public QObject {
  Q_OBJECT

 public:
  explicit BusyRetry(const BusyRetryParams& params = {}, QObject* parent = nullptr);

  // Runs `attempt` again later. `attempt` returns true when it went through (or failed for a
  // reason other than Busy) and false when it met a busy project again. A newer schedule()
  // replaces a pending one (the latest edit is the one to save).
  void schedule(std::function<bool()> attempt);
  // The write went through (or the user moved on): stop retrying.
  void clear();

  bool isPending() const;
  int attempts() const { return attempts_; }
  // The line the view shows while retrying.
  static QString busyText(int attempt, int maxAttempts);

 signals:
  void busyChanged(bool busy, const QString& text);
  void gaveUp(const QString& text);

 private:
  void onTimeout();

  BusyRetryParams params_;
  QTimer* timer_ = nullptr;
  std::function<bool()> attempt_;
  int attempts_ = 0;
};

}  // namespace ugc::gui
