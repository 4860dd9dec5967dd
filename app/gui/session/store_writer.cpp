#include "gui/session/store_writer.h"

#include <QThread>
#include <optional>

#include "db/project.h"

namespace ugc::gui {

// Owns the writer thread's connection: opened on the first job, on that thread (the store's
// one-connection-per-thread check), closed there before the thread ends.
class StoreWriter::Worker : public QObject {
 public:
  Worker(std::filesystem::path projectPath, annotation::User user)
      : projectPath_(std::move(projectPath)), user_(std::move(user)) {}

  Result<StageSnapshot> run(const Job& job) {
    if (!project_) {
      auto opened = db::Project::open(projectPath_, db::batchConnectionParams());
      if (!opened) return tl::unexpected(opened.error());
      project_.emplace(std::move(*opened));
      session_.emplace(*project_, user_);
    }
    return job(*session_);
  }

  void close() {
    session_.reset();
    project_.reset();
  }

 private:
  std::filesystem::path projectPath_;
  annotation::User user_;
  std::optional<db::Project> project_;
  std::optional<StageSession> session_;
};

StoreWriter::StoreWriter(std::filesystem::path projectPath, annotation::User user, QObject* parent)
    : QObject(parent), projectPath_(std::move(projectPath)), user_(std::move(user)) {}

StoreWriter::~StoreWriter() {
  if (!thread_) return;
  // Queued after every job already posted, so each of them still runs (results that arrive
  // after this object is gone are dropped with its posted events).
  QMetaObject::invokeMethod(
      worker_,
      [worker = worker_, thread = thread_] {
        worker->close();
        thread->quit();
      },
      Qt::QueuedConnection);
  thread_->wait();
  delete worker_;
  delete thread_;
}

void StoreWriter::run(Job job, Done done) {
  if (!thread_) {
    thread_ = new QThread;  // not a child: the destructor stops and deletes it explicitly
    thread_->setObjectName("storeWriter");
    worker_ = new Worker(projectPath_, user_);
    worker_->moveToThread(thread_);
    thread_->start();
  }
  if (pending_++ == 0) emit pendingChanged(true);
  QMetaObject::invokeMethod(
      worker_,
      [this, worker = worker_, job = std::move(job), done = std::move(done)]() mutable {
        Result<StageSnapshot> result = worker->run(job);
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result), done = std::move(done)] {
              if (--pending_ == 0) emit pendingChanged(false);
              if (done) done(result);
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
}

}  // namespace ugc::gui
