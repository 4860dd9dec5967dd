#include <gtest/gtest.h>

#include <QFile>

#include "gui/recovery_store.h"
#include "support/test_support.h"

namespace ugc::gui {

TEST(RecoveryStore, SavesLoadsAndDiscardsUnsavedText) {
  test::TempDir dir;
  const QString project = QString::fromStdString((dir / "p.ugcproj").string());
  RecoveryStore store(project);
  RecoveredText entry{"PI-1/../x", "audio", "A calm voice says \"hi\" — unsaved", "{\"tone\":\"Neutral\"}", 3, {}};
  ASSERT_TRUE(store.save(entry));
  auto loaded = store.load("PI-1/../x", "audio");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->text, entry.text);
  EXPECT_EQ(loaded->fieldsJson, entry.fieldsJson);
  EXPECT_EQ(loaded->baseRevision, 3);
  EXPECT_TRUE(loaded->savedAt.isValid());
  EXPECT_EQ(store.all().size(), 1);
  // The file stays inside the recovery folder whatever the id contains.
  EXPECT_TRUE(QFile::exists(store.directory() + "/PI-1____x.audio.json"));
  store.discard("PI-1/../x", "audio");
  EXPECT_FALSE(store.load("PI-1/../x", "audio"));
  EXPECT_TRUE(store.all().isEmpty());
}

TEST(RecoveryStore, NewerSaveReplacesOlderAndCorruptFilesAreIgnored) {
  test::TempDir dir;
  RecoveryStore store(QString::fromStdString((dir / "p.ugcproj").string()));
  ASSERT_TRUE(store.save({"v", "joint", "first", "", 1, {}}));
  ASSERT_TRUE(store.save({"v", "joint", "second", "", 1, {}}));
  EXPECT_EQ(store.load("v", "joint")->text, "second");
  QFile broken(store.directory() + "/w.audio.json");
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("{not json");
  broken.close();
  EXPECT_FALSE(store.load("w", "audio"));
  EXPECT_EQ(store.all().size(), 1);
}

}  // namespace ugc::gui
