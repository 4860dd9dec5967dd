#include <gtest/gtest.h>

#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>
#include <QtTest/QTest>

#include "gui/shortcut_help.h"
#include "gui/shortcuts.h"

namespace ugc::gui {

class ShortcutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto* central = new QWidget(&window_);
    auto* layout = new QVBoxLayout(central);
    caption_ = new QPlainTextEdit(central);
    search_ = new QLineEdit(central);
    button_ = new QPushButton("focus sink", central);
    layout->addWidget(caption_);
    layout->addWidget(search_);
    layout->addWidget(button_);
    window_.setCentralWidget(central);
    manager_ = new ShortcutManager(&window_);
    manager_->bind("player.play", [this] { ++plays_; });
    manager_->bind("review.approve", [this] { ++approvals_; });
    manager_->bind("edit.save", [this] { ++saves_; });
    window_.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window_));
    window_.activateWindow();
  }

  QMainWindow window_;
  QPlainTextEdit* caption_ = nullptr;
  QLineEdit* search_ = nullptr;
  QPushButton* button_ = nullptr;
  ShortcutManager* manager_ = nullptr;
  int plays_ = 0, approvals_ = 0, saves_ = 0;
};

TEST_F(ShortcutTest, SingleKeysFireOutsideTextFields) {
  button_->setFocus();
  QTest::keyClick(button_, Qt::Key_A);
  QTest::keyClick(&window_, Qt::Key_Space);
  EXPECT_EQ(approvals_, 1);
  EXPECT_EQ(manager_->triggeredCount("review.approve"), 1);
}

TEST_F(ShortcutTest, PlaybackAndReviewKeysDoNotFireWhileTyping) {
  caption_->setFocus();
  QTest::keyClicks(caption_, "a space bar");
  QTest::keyClick(caption_, Qt::Key_Space);
  EXPECT_EQ(caption_->toPlainText(), "a space bar ");
  EXPECT_EQ(plays_, 0);
  EXPECT_EQ(approvals_, 0);
  search_->setFocus();
  QTest::keyClicks(search_, "a a");
  EXPECT_EQ(search_->text(), "a a");
  EXPECT_EQ(approvals_, 0);
  EXPECT_EQ(plays_, 0);
}

TEST_F(ShortcutTest, ModifierShortcutsFireWhileTyping) {
  caption_->setFocus();
  QTest::keyClick(caption_, Qt::Key_S, Qt::ControlModifier);
  EXPECT_EQ(saves_, 1);
}

TEST(ShortcutTable, IdsAndKeysAreUnique) {
  QSet<QString> ids, keys;
  for (const auto& info : defaultShortcuts()) {
    EXPECT_FALSE(ids.contains(info.id)) << info.id.toStdString();
    EXPECT_FALSE(keys.contains(info.keys.toString())) << info.keys.toString().toStdString();
    ids.insert(info.id);
    keys.insert(info.keys.toString());
  }
}

TEST(ShortcutHelp, ListsEveryShortcutAndToggles) {
  QMainWindow window;
  window.resize(800, 600);
  window.show();
  ShortcutHelpOverlay overlay(&window);
  const QString text = overlay.text();
  for (const auto& info : defaultShortcuts()) EXPECT_TRUE(text.contains(info.description)) << info.id.toStdString();
  EXPECT_FALSE(overlay.isVisible());
  overlay.toggle();
  EXPECT_TRUE(overlay.isVisible());
  EXPECT_EQ(overlay.geometry(), window.rect());
  QTest::keyClick(&overlay, Qt::Key_Escape);
  EXPECT_FALSE(overlay.isVisible());
}

}  // namespace ugc::gui
