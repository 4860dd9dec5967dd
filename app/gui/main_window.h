#pragma once
// The studio's main window: a navigation list on the left (queue, the three stages,
// review, dashboard, export) over one stacked view at a time, a File menu with recent
// projects, and the shortcuts of shortcuts.h.

#include <QMainWindow>
#include <memory>
#include <optional>

#include "annotation/workflow.h"
#include "core/error.h"

class QLabel;
class QListWidget;
class QTabBar;
class QStackedWidget;

namespace ugc::db {
class Project;
}

namespace ugc::gui {

class DashboardModel;
class QueueView;
class ReviewView;
class ShortcutHelpOverlay;
class ShortcutManager;
class CaptionerHost;
class StageView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class View { Queue, Audio, Visual, Joint, Review, Dashboard, Export };

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens the project as the named user (an empty name picks the first user; a project
  // without users makes the named user its admin). Errors leave the previous project open.
  Status openProject(const QString& path, const QString& userName);
  QString projectPath() const { return projectPath_; }
  const annotation::User& user() const { return user_; }

  void showView(View view);
  View currentView() const;
  void openVideo(const QString& videoId, annotation::Stage stage);
  StageView* stageView(annotation::Stage stage) const;
  QueueView* queueView() const { return queue_; }
  ReviewView* reviewView() const { return review_; }
  // Waits (bounded) until the current view has loaded what it shows; for screenshots.
  void settle(int timeoutMs);

  static std::optional<View> parseView(const QString& name);

 private:
  void buildViews();
  void bindShortcuts();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();

  std::unique_ptr<db::Project> project_;
  QString projectPath_;
  CaptionerHost* captioner_ = nullptr;  // outlives the stage views that draft with it
  annotation::User user_;
  QTabBar* nav_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  QLabel* userLabel_ = nullptr;
  QueueView* queue_ = nullptr;
  StageView* stages_[3] = {nullptr, nullptr, nullptr};
  ReviewView* review_ = nullptr;
  DashboardModel* dashboardModel_ = nullptr;
  QWidget* dashboard_ = nullptr;
  QWidget* export_ = nullptr;
  ShortcutManager* shortcuts_ = nullptr;
  ShortcutHelpOverlay* help_ = nullptr;
  QMenu* recentMenu_ = nullptr;
};

}  // namespace ugc::gui
