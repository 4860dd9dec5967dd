#pragma once
// The studio's writes that met a busy project, run on a thread of their own so the GUI thread
// never waits for another program's lock (a concurrent `ugccap import`, a worker).
//
// A stage view first tries its write on the GUI's connection without waiting (busy timeout 0:
// an idle project costs one commit, as before). When the project is busy it hands the write to
// its StoreWriter, which runs it on its own thread and connection, opened there with the batch
// policy (waits out the other writer for up to 15 s), and delivers the result back on the GUI
// thread. One writer runs its jobs in order, one at a time.

#include <QObject>
#include <QString>
#include <filesystem>
#include <functional>
#include <memory>

#include "annotation/workflow.h"
#include "core/error.h"
#include "gui/session/stage_session.h"

class QThread;

namespace ugc::gui {

class StoreWriter : public QObject {
  Q_OBJECT

 public:
  using Job = std::function<Result<StageSnapshot>(StageSession& session)>;
  using Done = std::function<void(const Result<StageSnapshot>& result)>;

  StoreWriter(std::filesystem::path projectPath, annotation::User user, QObject* parent = nullptr);
  // Waits for the job in flight (a write the user asked for), then stops the thread.
  ~StoreWriter() override;

  // Runs `job` on the writer's thread with a StageSession on the writer's own connection;
  // `done` is called on the thread that owns this object (the GUI thread) with its result.
  void run(Job job, Done done);
  // A job is queued or running.
  bool isPending() const { return pending_ > 0; }

 signals:
  void pendingChanged(bool pending);

 private:
  class Worker;
  std::filesystem::path projectPath_;
  annotation::User user_;
  QThread* thread_ = nullptr;
  Worker* worker_ = nullptr;  // lives on thread_
  int pending_ = 0;
};

}  // namespace ugc::gui
