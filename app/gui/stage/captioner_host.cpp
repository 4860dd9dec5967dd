#include "gui/stage/captioner_host.h"

#include <QFileInfo>

#include "db/project.h"
#include "model/torch_runtime.h"
#include "pipeline/resource_paths.h"

namespace ugc::gui {
namespace fs = std::filesystem;

namespace {

Result<fs::path> projectModelDir(const QString& projectPath) {
  auto project = db::Project::open(projectPath.toStdString());
  if (!project) return tl::unexpected(project.error());
  return pipeline::projectCaptionerDir(*project);
}

}  // namespace

CaptionerHost::CaptionerHost(const QString& projectPath, QObject* parent) : QObject(parent), projectPath_(projectPath) {
  auto dir = projectModelDir(projectPath);
  if (!dir) {
    reason_ = QString::fromStdString(dir.error().message);
    return;
  }
  if (!fs::exists(*dir / "config.json")) {
    reason_ = tr("No captioner in %1.").arg(QString::fromStdString(dir->string()));
    return;
  }
  modelDir_ = QString::fromStdString(dir->string());
  options_.decoding.beamSize = 4;
  if (auto choice = pipeline::readDraftSourceChoice(*dir)) options_.choice = *choice;
}

Result<std::shared_ptr<const model::Captioner>> CaptionerHost::captioner() {
  std::lock_guard lock(loadMutex_);
  if (captioner_) return captioner_;
  if (!available()) return makeError(ErrorCode::NotFound, reason_.toStdString());
  // One thread: decoding is a chain of small steps that a second thread barely speeds up, and
  // the other core stays with the GUI and the player (bench_draft_file in docs/performance.md).
  model::configureTorchRuntime(1);
  auto loaded = model::Captioner::load(modelDir_.toStdString());
  if (!loaded) return tl::unexpected(loaded.error());
  captioner_ = std::make_shared<const model::Captioner>(std::move(*loaded));
  return captioner_;
}

}  // namespace ugc::gui
