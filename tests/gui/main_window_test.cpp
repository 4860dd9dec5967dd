#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QtTest/QTest>

#include "gui/main_window.h"

namespace ugc::gui {

TEST(MainWindow, ShowsTheOpenProject) {
  MainWindow window;
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  window.showProject("/tmp/demo/demo.ugcproj");
  EXPECT_TRUE(window.windowTitle().startsWith("demo.ugcproj"));
  auto* status = window.findChild<QLabel*>("projectStatus");
  ASSERT_NE(status, nullptr);
  EXPECT_TRUE(status->text().contains("/tmp/demo/demo.ugcproj"));
}

}  // namespace ugc::gui
