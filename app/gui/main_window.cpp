#include "gui/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QStatusBar>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include "annotation/workflow_rules.h"
#include "db/connection.h"
#include "db/project.h"
#include "gui/dashboard/dashboard_model.h"
#include "gui/dashboard/dashboard_widget.h"
#include "gui/export/export_dialog.h"
#include "gui/player/player_controller.h"
#include "gui/queue/queue_view.h"
#include "gui/review/review_view.h"
#include "gui/shortcut_help.h"
#include "gui/shortcuts.h"
#include "gui/stage/captioner_host.h"
#include "gui/player/player_widget.h"
#include "gui/stage/stage_view.h"

namespace ugc::gui {
namespace {

const char* kViewNames[] = {"queue", "audio", "visual", "joint", "review", "dashboard", "export"};
const char* kViewTitles[] = {"Video queue", "Audio-only stage", "Visual-only stage", "Joint stage",
                             "Review", "Dashboard", "Export"};
constexpr int kRecentLimit = 8;

QWidget* placeholder(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setAlignment(Qt::AlignCenter);
  label->setWordWrap(true);
  return label;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  // Qt 6.4's raster paint engine splits large fills over QThreadPool::globalInstance() and waits
  // for them on the GUI thread; the studio's long jobs (timelines, posters, export, drafts) run in
  // that pool too. With one thread per core, two long jobs leave no thread for the fills and a
  // paint blocks until a job ends (130-300 ms while drafting: docs/performance.md, "Desktop app").
  // Idle spare threads cost nothing.
  QThreadPool* pool = QThreadPool::globalInstance();
  pool->setMaxThreadCount(std::max(pool->maxThreadCount(), std::max(4, QThread::idealThreadCount()) + 8));
  setWindowTitle("UGC-VideoCap Studio");
  // A tab bar over the page, not a list beside it: the list took a column of its own (190 px
  // of a 1440 px window) for seven words.
  nav_ = new QTabBar(this);
  nav_->setObjectName("navigation");
  nav_->setDocumentMode(true);
  nav_->setExpanding(false);
  nav_->setDrawBase(true);
  for (const char* title : kViewTitles) nav_->addTab(tr(title));
  nav_->setTabToolTip(int(View::Queue), tr("Video queue (Ctrl+1)"));
  nav_->setTabToolTip(int(View::Review), tr("Review (Ctrl+2)"));
  nav_->setTabToolTip(int(View::Dashboard), tr("Dashboard (Ctrl+3)"));
  stack_ = new QStackedWidget(this);
  stack_->addWidget(placeholder(tr("No project open. Use File > Open project, or start with:\n"
                                   "ugccap-studio --project FILE --user NAME"),
                                stack_));
  auto* central = new QWidget(this);
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->setSpacing(0);
  centralLayout->addWidget(nav_);
  centralLayout->addWidget(stack_, 1);
  setCentralWidget(central);
  userLabel_ = new QLabel(this);
  userLabel_->setObjectName("userLabel");
  statusBar()->addPermanentWidget(userLabel_);

  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open project..."), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), {}, tr("Projects (*.ugcproj)"));
    if (!path.isEmpty()) {
      if (auto opened = openProject(path, user_.name.empty() ? QString() : QString::fromStdString(user_.name)); !opened) {
        statusBar()->showMessage(QString::fromStdString(opened.error().describe()));
      }
    }
  });
  file->addAction(tr("Open &server project..."), this, [this] {
    // Team mode: a postgresql:// URL; the password comes from PGPASSWORD or ~/.pgpass.
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Open server project"),
                                              tr("PostgreSQL URL (postgresql://user@host:port/database); the "
                                                 "password comes from PGPASSWORD or ~/.pgpass:"),
                                              QLineEdit::Normal, QStringLiteral("postgresql://"), &ok);
    if (!ok || url.trimmed().isEmpty()) return;
    if (auto opened = openProject(url.trimmed(), user_.name.empty() ? QString() : QString::fromStdString(user_.name));
        !opened) {
      statusBar()->showMessage(QString::fromStdString(opened.error().describe()));
    }
  });
  recentMenu_ = file->addMenu(tr("Open &recent"));
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
  auto* help = menuBar()->addMenu(tr("&Help"));
  help_ = new ShortcutHelpOverlay(this);
  help->addAction(tr("&Keyboard shortcuts"), this, [this] { help_->toggle(); });
  rebuildRecentMenu();

  connect(nav_, &QTabBar::currentChanged, this, [this](int row) {
    if (project_ && row >= 0) stack_->setCurrentIndex(row + 1);
  });
  shortcuts_ = new ShortcutManager(this);
  bindShortcuts();
  resize(1440, 900);
}

MainWindow::~MainWindow() {
  // Views hold references to the project: destroy them first.
  delete stack_;
  stack_ = nullptr;
}

std::optional<MainWindow::View> MainWindow::parseView(const QString& name) {
  for (int i = 0; i < 7; ++i) {
    if (name == kViewNames[i]) return View(i);
  }
  return std::nullopt;
}

Status MainWindow::openProject(const QString& path, const QString& userName) {
  // The GUI thread's connection: waits about a second for another writer, then says busy.
  auto opened = db::Project::open(path.toStdString(), db::interactiveConnectionParams());
  if (!opened) return tl::unexpected(opened.error());
  auto project = std::make_unique<db::Project>(std::move(*opened));
  auto users = project->users();
  if (!users) return tl::unexpected(users.error());
  annotation::User user;
  if (users->empty()) {
    // A fresh project: its first user administers it.
    user = {userName.isEmpty() ? "admin" : userName.toStdString(), annotation::Role::Admin};
    if (auto added = project->addUser(user); !added) return tl::unexpected(added.error());
  } else if (userName.isEmpty()) {
    user = users->front();
  } else {
    auto found = project->findUser(userName.toStdString());
    if (!found) return tl::unexpected(found.error());
    if (!*found) return makeError(ErrorCode::NotFound, "no user '" + userName.toStdString() + "' in this project");
    user = **found;
  }

  // Replace the views of the previous project before the project they reference.
  while (stack_->count() > 1) {
    QWidget* old = stack_->widget(1);
    stack_->removeWidget(old);
    delete old;
  }
  project_ = std::move(project);
  const bool server = db::isPostgresUrl(path.toStdString());
  // A URL is kept as given (the store's worker threads reopen it); a file made absolute.
  projectPath_ = server ? path : QFileInfo(path).absoluteFilePath();
  // A child created after the view stack: Qt deletes children in creation order, so the stage
  // views (which wait for their drafts) go before the captioner they draft with.
  delete captioner_;
  captioner_ = new CaptionerHost(projectPath_, this);
  user_ = user;
  buildViews();
  setWindowTitle((server ? QString::fromStdString(db::redactedUrl(path.toStdString())) : QFileInfo(path).fileName()) +
                 " - UGC-VideoCap Studio");
  userLabel_->setText(tr("%1 (%2)").arg(QString::fromStdString(user_.name),
                                        QString::fromUtf8(annotation::roleName(user_.role).data())));
  rememberRecent(projectPath_);
  showView(View::Queue);
  return {};
}

void MainWindow::buildViews() {
  queue_ = new QueueView(*project_, QString::fromStdString(user_.name), stack_);
  stack_->addWidget(queue_);
  for (auto stage : annotation::kAllStages) {
    auto* view = new StageView(*project_, user_, projectPath_, stage, stack_);
    view->setCaptioner(captioner_);
    stages_[int(stage)] = view;
    stack_->addWidget(view);
    connect(view, &StageView::message, this, [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(view, &StageView::stateChanged, this, [this] { queue_->refresh(); });
  }
  review_ = new ReviewView(*project_, user_, stack_);
  stack_->addWidget(review_);
  dashboardModel_ = new DashboardModel(stack_);
  dashboard_ = new DashboardWidget(dashboardModel_, stack_);
  stack_->addWidget(dashboard_);
  if (annotation::hasPermission(user_.role, annotation::Permission::Export)) {
    auto* dialog = new ExportDialog(projectPath_, stack_);
    dialog->setEmbedded(true);  // a page of the window, not a separate dialog
    export_ = dialog;
  } else {
    export_ = placeholder(tr("Exporting the dataset is for admins. Your role: %1.")
                              .arg(QString::fromUtf8(annotation::roleName(user_.role).data())),
                          stack_);
  }
  stack_->addWidget(export_);
  connect(queue_, &QueueView::openRequested, this, &MainWindow::openVideo);
  connect(review_, &ReviewView::openStageRequested, this, &MainWindow::openVideo);
  connect(review_, &ReviewView::reviewed, this, [this] { queue_->refresh(); });
  // One watcher per connection: the queue's live updates refresh the review desk too.
  connect(queue_, &QueueView::projectChanged, review_, &ReviewView::refresh);
}

void MainWindow::showView(View view) {
  if (!project_) return;
  nav_->setCurrentIndex(int(view));
  stack_->setCurrentIndex(int(view) + 1);
  if (view == View::Review) review_->refresh();
  if (view == View::Dashboard) dashboardModel_->load(projectPath_);
}

MainWindow::View MainWindow::currentView() const { return View(std::max(0, stack_->currentIndex() - 1)); }

StageView* MainWindow::stageView(annotation::Stage stage) const { return stages_[int(stage)]; }

void MainWindow::openVideo(const QString& videoId, annotation::Stage stage) {
  if (!project_) return;
  stages_[int(stage)]->openVideo(videoId);
  showView(View(int(View::Audio) + int(stage)));
}

void MainWindow::settle(int timeoutMs) {
  const View view = currentView();
  if (view == View::Audio || view == View::Visual || view == View::Joint) {
    auto* stage = stages_[int(view) - int(View::Audio)];
    stage->waitForTimeline(timeoutMs);
    // Screenshots show the sharp poster, not the thumbnail standing in for it.
    QElapsedTimer timer;
    timer.start();
    while (stage->playerWidget()->posterDecoding() && timer.elapsed() < timeoutMs) {
      QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
  }
  if (view == View::Dashboard) {
    QElapsedTimer timer;
    timer.start();
    while (dashboardModel_->state() == DashboardModel::State::Loading && timer.elapsed() < timeoutMs) {
      QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
  }
  QApplication::processEvents();
}

void MainWindow::bindShortcuts() {
  auto currentStage = [this]() -> StageView* {
    const View view = currentView();
    if (!project_ || view < View::Audio || view > View::Joint) return nullptr;
    return stages_[int(view) - int(View::Audio)];
  };
  auto onPlayer = [currentStage](auto action) {
    return [currentStage, action] {
      if (auto* stage = currentStage()) action(*stage->player());
    };
  };
  shortcuts_->bind("player.play", onPlayer([](PlayerController& p) { p.togglePlay(); }));
  shortcuts_->bind("player.back1", onPlayer([](PlayerController& p) { p.seekBy(-1000); }));
  shortcuts_->bind("player.fwd1", onPlayer([](PlayerController& p) { p.seekBy(1000); }));
  shortcuts_->bind("player.back5", onPlayer([](PlayerController& p) { p.seekBy(-5000); }));
  shortcuts_->bind("player.fwd5", onPlayer([](PlayerController& p) { p.seekBy(5000); }));
  shortcuts_->bind("player.prevFrame", onPlayer([](PlayerController& p) { p.stepFrames(-1); }));
  shortcuts_->bind("player.nextFrame", onPlayer([](PlayerController& p) { p.stepFrames(1); }));
  shortcuts_->bind("player.slower", onPlayer([](PlayerController& p) { p.setRate(p.rate() / 1.25); }));
  shortcuts_->bind("player.faster", onPlayer([](PlayerController& p) { p.setRate(p.rate() * 1.25); }));
  shortcuts_->bind("player.mute", onPlayer([](PlayerController& p) { p.setMuted(!p.muted()); }));
  shortcuts_->bind("player.loop", onPlayer([loopStart = std::make_shared<qint64>(-1)](PlayerController& p) {
    if (p.looping()) {
      p.clearLoop();
      *loopStart = -1;
    } else if (*loopStart < 0) {
      *loopStart = p.position();
    } else {
      p.setLoop(*loopStart, p.position());
      *loopStart = -1;
    }
  }));
  shortcuts_->bind("edit.save", [currentStage] {
    if (auto* stage = currentStage()) stage->save();
  });
  shortcuts_->bind("edit.submit", [currentStage] {
    if (auto* stage = currentStage()) stage->submit();
  });
  shortcuts_->bind("edit.draft", [currentStage] {
    if (auto* stage = currentStage()) stage->draftWithModel();
  });
  shortcuts_->bind("nav.queue", [this] { showView(View::Queue); });
  shortcuts_->bind("nav.review", [this] { showView(View::Review); });
  shortcuts_->bind("nav.dashboard", [this] { showView(View::Dashboard); });
  shortcuts_->bind("nav.nextTask", [this] {
    if (!project_) return;
    const View view = currentView();
    const auto stage = view >= View::Audio && view <= View::Joint ? annotation::Stage(int(view) - int(View::Audio))
                                                                 : annotation::Stage::Audio;
    const QString next = queue_->nextTaskFor(stage);
    if (!next.isEmpty()) openVideo(next, stage);
  });
  shortcuts_->bind("help.shortcuts", [this] { help_->toggle(); });
}

void MainWindow::rememberRecent(const QString& location) {
  // Never a password in the settings file: a URL is remembered without it.
  const QString path = QString::fromStdString(db::redactedUrl(location.toStdString()));
  QSettings settings;
  QStringList recent = settings.value("recentProjects").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kRecentLimit) recent.removeLast();
  settings.setValue("recentProjects", recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentProjects").toStringList();
  for (const QString& path : recent) {
    recentMenu_->addAction(path, this, [this, path] {
      if (auto opened = openProject(path, QString::fromStdString(user_.name)); !opened) {
        statusBar()->showMessage(QString::fromStdString(opened.error().describe()));
      }
    });
  }
  recentMenu_->setEnabled(!recent.isEmpty());
}

}  // namespace ugc::gui
