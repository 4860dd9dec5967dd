#include "gui/dashboard/dashboard_model.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "db/project.h"

namespace ugc::gui {

using FiguresWatcher = QFutureWatcher<Result<DashboardFigures>>;

DashboardModel::DashboardModel(QObject* parent) : QObject(parent) {}

DashboardModel::~DashboardModel() {
  cancel_.cancel();
  for (auto* watcher : findChildren<FiguresWatcher*>()) {
    watcher->disconnect(this);
    watcher->waitForFinished();
  }
}

void DashboardModel::load(const QString& projectPath) {
  cancel_.cancel();  // a superseded load stops early; its result is never shown
  cancel_ = CancelToken();
  const int generation = ++generation_;
  path_ = projectPath;
  errorText_.clear();
  setState(State::Loading);
  const std::filesystem::path path = projectPath.toStdString();
  const CancelToken cancel = cancel_;
  auto* watcher = new FiguresWatcher(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    if (generation == generation_) onFinished(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run([path, cancel]() -> Result<DashboardFigures> {
    auto project = db::Project::open(path);
    if (!project) return tl::unexpected(project.error());
    return loadDashboardFigures(*project, cancel);
  }));
}

void DashboardModel::reload() {
  if (!path_.isEmpty()) load(path_);
}

void DashboardModel::onFinished(const Result<DashboardFigures>& result) {
  if (result) {
    figures_ = *result;
    setState(State::Ready);
    emit loaded();
  } else {
    errorText_ = tr("Cannot load the project statistics: %1").arg(QString::fromStdString(result.error().describe()));
    setState(State::Failed);
    emit failed(errorText_);
  }
}

void DashboardModel::setState(State state) {
  if (state_ == state) return;
  state_ = state;
  emit stateChanged(state);
}

int DashboardModel::captionBinWidth(int binCount) const {
  int longest = 0;
  for (const auto& [stage, words] : figures_.captionWords) {
    if (!words.empty()) longest = std::max(longest, *std::max_element(words.begin(), words.end()));
  }
  const int bins = std::max(binCount, 1);
  const int perBin = (longest + bins) / bins;
  return std::max(10, (perBin + 9) / 10 * 10);
}

}  // namespace ugc::gui
