#pragma once
// Numbered schema migrations. Each runs in its own transaction and sets PRAGMA user_version,
// so a crash mid-migration leaves the previous version intact. Before an existing project is
// migrated, a copy is kept as "<file>.bak-v<old version>". A project written by a newer
// build (user_version above the latest migration here) is refused, never "downgraded".

#include <filesystem>
#include <span>

#include "db/sqlite.h"

namespace ugc::db {

struct Migration {
  int version;              // 1, 2, 3, ... in order
  const char* description;  // one line, for logs
  const char* sql;          // statements run inside the migration's transaction
};

// "UGCP" in PRAGMA application_id: tells a project apart from any other SQLite file.
inline constexpr int kProjectApplicationId = 0x55474350;

// The project schema, in order. docs/formats.md ("Project database") documents it.
std::span<const Migration> projectMigrations();
int latestSchemaVersion();

enum class OpenIntent { CreateNew, OpenExisting };

// Opens (or creates) a project database and brings it to the latest of `migrations`.
// Errors: NotFound (no such file), InvalidArgument (create over an existing file),
// InvalidInput (not a project), Unsupported (newer schema than this build).
Result<Connection> openProjectDatabase(const std::filesystem::path& path, OpenIntent intent,
                                       std::span<const Migration> migrations = projectMigrations(),
                                       const ConnectionParams& params = batchConnectionParams());

std::filesystem::path backupPathFor(const std::filesystem::path& database, int version);

}  // namespace ugc::db
