#pragma once
#include <string>

namespace ugc::db {
// The SQLite library version in use, e.g. "3.40.1".
std::string sqliteVersion();
}  // namespace ugc::db
