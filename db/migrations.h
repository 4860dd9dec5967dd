#pragma once
// Numbered schema migrations. Each runs in its own transaction and sets PRAGMA user_version,
// so a crash mid-migration leaves the previous version intact. Before an existing project is
// migrated, a copy is kept as "<file>.bak-v<old version>". A project written by a newer
// build (user_version above the latest migration here) is refused, never "downgraded".

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "db/connection.h"

namespace ugc::db {

// One schema description for both engines: `sql` is written for SQLite; PostgreSQL runs the
// same tables and indexes with their types mapped (postgresSchemaSql) and, instead of the
// SQLite triggers, the migration's PL/pgSQL `postgresTriggers`.
struct Migration {
  int version;              // 1, 2, 3, ... in order
  const char* description;  // one line, for logs
  const char* sql;          // statements run inside the migration's transaction
  const char* postgresTriggers = "";
};

// The PostgreSQL form of a migration's SQLite `sql`: its CREATE TRIGGER blocks removed,
// INTEGER -> BIGINT (INTEGER PRIMARY KEY -> an identity column), REAL -> DOUBLE PRECISION,
// BLOB -> TEXT, and TEXT in byte order (COLLATE "C", as SQLite compares), so both engines sort
// and export alike.
std::string postgresSchemaSql(std::string_view sqliteSql);

// "UGCP" in PRAGMA application_id: tells a project apart from any other SQLite file.
inline constexpr int kProjectApplicationId = 0x55474350;

// The project schema, in order. docs/formats.md ("Project database") documents it.
std::span<const Migration> projectMigrations();
int latestSchemaVersion();

enum class OpenIntent { CreateNew, OpenExisting };

// Opens (or creates) a project database and brings it to the latest of `migrations`: an SQLite
// file, or a PostgreSQL database named by a postgresql:// URL in `path` (created when missing
// and the login may create databases; the version lives in its table ugccap_schema).
// Errors: NotFound (no such file or database), InvalidArgument (create over an existing file or
// a database that holds tables), InvalidInput (not a project), Unsupported (newer schema than
// this build).
Result<Connection> openProjectDatabase(const std::filesystem::path& path, OpenIntent intent,
                                       std::span<const Migration> migrations = projectMigrations(),
                                       const ConnectionParams& params = batchConnectionParams());

std::filesystem::path backupPathFor(const std::filesystem::path& database, int version);

}  // namespace ugc::db
