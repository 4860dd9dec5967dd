#include <gtest/gtest.h>

#include "db/sqlite_info.h"

namespace ugc::db {

TEST(SqliteInfo, IsDebian12Sqlite) {
  // Debian 12 ships 3.40; the schema relies on features from 3.35 on (RETURNING, DROP COLUMN).
  const std::string version = sqliteVersion();
  ASSERT_GE(version.size(), 4u);
  EXPECT_EQ(version.rfind("3.", 0), 0u);
  EXPECT_GE(std::stoi(version.substr(2)), 35) << version;
}

}  // namespace ugc::db
