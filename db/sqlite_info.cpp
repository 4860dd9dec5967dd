#include "db/sqlite_info.h"

#include <sqlite3.h>

namespace ugc::db {
std::string sqliteVersion() { return sqlite3_libversion(); }
}  // namespace ugc::db
