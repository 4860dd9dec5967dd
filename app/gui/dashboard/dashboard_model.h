#pragma once
// The dashboard's view-model: loads DashboardFigures off the GUI thread (QtConcurrent, with
// its own db::Project connection opened from the path: a Project is one connection per
// thread) and hands them over on the GUI thread. Widgets bind to it; tests drive it directly.

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "core/progress.h"
#include "gui/dashboard/dashboard_figures.h"

namespace ugc::gui {

class DashboardModel : public QObject {
  Q_OBJECT

 public:
  enum class State { Empty, Loading, Ready, Failed };
  Q_ENUM(State)

  explicit DashboardModel(QObject* parent = nullptr);
  // Cancels a load in flight and waits for the worker (it never outlives the model).
  ~DashboardModel() override;

  // Starts loading the project file; returns at once. A load in flight is cancelled and its
  // result dropped (without waiting for it).
  void load(const QString& projectPath);
  // Loads again from the last path (e.g. after an import or a review).
  void reload();

  State state() const { return state_; }
  bool isLoading() const { return state_ == State::Loading; }
  QString projectPath() const { return path_; }
  // Valid when state() == Ready.
  const DashboardFigures& figures() const { return figures_; }
  QString errorText() const { return errorText_; }

  // Bin width (words) for the caption-length histogram: the smallest multiple of 10 that
  // fits the longest caption into `binCount` bins.
  int captionBinWidth(int binCount) const;

 signals:
  void stateChanged(ugc::gui::DashboardModel::State state);
  void loaded();
  void failed(const QString& message);

 private:
  void onFinished(const Result<DashboardFigures>& result);
  void setState(State state);

  QString path_;
  State state_ = State::Empty;
  DashboardFigures figures_;
  QString errorText_;
  CancelToken cancel_;  // of the current load; superseded loads were cancelled
  int generation_ = 0;  // results of older loads are dropped
};

}  // namespace ugc::gui
