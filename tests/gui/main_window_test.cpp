#include <gtest/gtest.h>

#include <QLabel>
#include <QTabBar>
#include <QTableView>
#include <QtTest/QTest>

#include "db/project.h"
#include "gui/export/export_dialog.h"
#include "gui/main_window.h"
#include <QPushButton>
#include "gui/player/player_widget.h"
#include "gui/queue/queue_view.h"
#include "gui/queue/video_queue_model.h"
#include "gui/stage/stage_view.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

class MainWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_ / "p.ugcproj";
    auto created = db::Project::create(path_);
    ASSERT_TRUE(created) << created.error().describe();
    ASSERT_TRUE(created->addUser({"ann", annotation::Role::Annotator}));
    for (const char* id : {"a-1", "a-2", "a-3"}) {
      db::NewVideo video;
      video.id = id;
      video.annotationOnly = true;
      video.origin = "test";
      ASSERT_TRUE(created->addVideo(video));
    }
  }

  test::TempDir dir_;
  std::filesystem::path path_;
};

}  // namespace

TEST_F(MainWindowTest, OpensAProjectAsAUserAndShowsTheQueue) {
  MainWindow window;
  window.show();
  ASSERT_TRUE(window.openProject(QString::fromStdString(path_.string()), "ann"));
  EXPECT_TRUE(window.windowTitle().startsWith("p.ugcproj"));
  EXPECT_EQ(window.user().role, annotation::Role::Annotator);
  EXPECT_TRUE(window.findChild<QLabel*>("userLabel")->text().contains("ann (annotator)"));
  EXPECT_EQ(window.currentView(), MainWindow::View::Queue);
  EXPECT_EQ(window.queueView()->model()->totalCount(), 3);
}

TEST_F(MainWindowTest, NavigationIsACompactTabBarAboveThePage) {
  MainWindow window;
  window.resize(1440, 900);
  window.show();
  ASSERT_TRUE(window.openProject(QString::fromStdString(path_.string()), "ann"));
  auto* nav = window.findChild<QTabBar*>("navigation");
  ASSERT_TRUE(nav);
  EXPECT_EQ(nav->count(), 7);
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  // The pages get the window's whole width: the tab bar sits above them, a few lines tall.
  EXPECT_LT(nav->height(), 60);
  EXPECT_GT(window.queueView()->width(), 1400);
  nav->setCurrentIndex(int(MainWindow::View::Joint));
  EXPECT_EQ(window.currentView(), MainWindow::View::Joint);
  window.showView(MainWindow::View::Review);
  EXPECT_EQ(nav->currentIndex(), int(MainWindow::View::Review)) << "the tab follows the shortcuts too";
}

TEST_F(MainWindowTest, UnknownUserIsRefusedAndFirstUserOfAFreshProjectIsAdmin) {
  MainWindow window;
  auto refused = window.openProject(QString::fromStdString(path_.string()), "mallory");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(window.projectPath().isEmpty());

  const auto fresh = dir_ / "fresh.ugcproj";
  ASSERT_TRUE(db::Project::create(fresh));
  ASSERT_TRUE(window.openProject(QString::fromStdString(fresh.string()), "lead"));
  EXPECT_EQ(window.user().name, "lead");
  EXPECT_EQ(window.user().role, annotation::Role::Admin);
}

TEST_F(MainWindowTest, OpeningAVideoSwitchesToItsStageInThatStagesMode) {
  MainWindow window;
  window.show();
  ASSERT_TRUE(window.openProject(QString::fromStdString(path_.string()), "ann"));
  window.openVideo("a-2", annotation::Stage::Audio);
  EXPECT_EQ(window.currentView(), MainWindow::View::Audio);
  EXPECT_EQ(window.stageView(annotation::Stage::Audio)->videoId(), "a-2");
  EXPECT_FALSE(window.stageView(annotation::Stage::Audio)->playerWidget()->pictureShown());
  window.showView(MainWindow::View::Review);
  EXPECT_EQ(window.currentView(), MainWindow::View::Review);
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  window.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
  // Ctrl+1 goes back to the queue.
  QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
  EXPECT_EQ(window.currentView(), MainWindow::View::Queue);
}

TEST_F(MainWindowTest, ExportPageIsForAdminsAndDoesNotClose) {
  {
    auto project = db::Project::open(path_);
    ASSERT_TRUE(project);
    ASSERT_TRUE(project->addUser({"boss", annotation::Role::Admin}));
  }
  MainWindow annotatorWindow;
  ASSERT_TRUE(annotatorWindow.openProject(QString::fromStdString(path_.string()), "ann"));
  annotatorWindow.showView(MainWindow::View::Export);
  EXPECT_EQ(annotatorWindow.findChild<ExportDialog*>(), nullptr);

  MainWindow adminWindow;
  adminWindow.show();
  ASSERT_TRUE(adminWindow.openProject(QString::fromStdString(path_.string()), "boss"));
  adminWindow.showView(MainWindow::View::Export);
  auto* page = adminWindow.findChild<ExportDialog*>();
  ASSERT_NE(page, nullptr);
  EXPECT_TRUE(page->isVisible());
  QTest::keyClick(page, Qt::Key_Escape);
  EXPECT_TRUE(page->isVisible());
  EXPECT_FALSE(page->cancelButton()->isVisible());
}

TEST(MainWindowViews, NamesParse) {
  EXPECT_EQ(MainWindow::parseView("dashboard"), MainWindow::View::Dashboard);
  EXPECT_FALSE(MainWindow::parseView("settings"));
}

}  // namespace ugc::gui
