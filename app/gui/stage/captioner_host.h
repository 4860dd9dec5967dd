#pragma once
// The project's captioner for the studio: which model folder it is (the project's
// captioner.model setting, else the built-in model), loaded once on first use from a worker
// thread (loading takes about a second), and which source the evaluation recommends per stage.
// Drafts run one at a time: the model is shared by the three stage views.

#include <QObject>
#include <QString>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "pipeline/draft_service.h"

namespace ugc::gui {

class CaptionerHost : public QObject {
  Q_OBJECT

 public:
  // Resolves the model folder now (cheap); loads nothing yet.
  CaptionerHost(const QString& projectPath, QObject* parent = nullptr);

  bool available() const { return !modelDir_.isEmpty(); }
  QString unavailableReason() const { return reason_; }
  QString modelDir() const { return modelDir_; }
  QString projectPath() const { return projectPath_; }
  const pipeline::DraftOptions& options() const { return options_; }

  // Thread-safe; call from a worker thread. Loads the model on the first call.
  Result<std::shared_ptr<const model::Captioner>> captioner();
  // Held while a draft runs, so drafts of different stages do not compete for the cores.
  std::mutex& draftMutex() { return draftMutex_; }

 private:
  QString projectPath_;
  QString modelDir_;
  QString reason_;
  pipeline::DraftOptions options_;
  std::mutex loadMutex_;
  std::mutex draftMutex_;
  std::shared_ptr<const model::Captioner> captioner_;
};

}  // namespace ugc::gui
