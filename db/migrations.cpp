#include "db/migrations.h"

#include <unistd.h>

#include <regex>
#include <string>

#include "db/schema_sql.h"

namespace fs = std::filesystem;

namespace ugc::db {
namespace {

constexpr Migration kProjectMigrations[] = {
    {1, "initial project schema", kSchemaV1, kSchemaV1PostgresTriggers},
    {2, "leased tasks and change notifications (team mode)", kSchemaV2, kSchemaV2PostgresTriggers},
};

Result<int> userVersion(Connection& connection) {
  auto version = connection.queryInt("PRAGMA user_version");
  if (!version) return tl::unexpected(version.error());
  return int(*version);
}

Status checkIsProject(Connection& connection, int version) {
  auto application = connection.queryInt("PRAGMA application_id");
  if (!application) return tl::unexpected(application.error());
  if (version == 0) {
    // A version-0 file is acceptable only when empty (freshly created, or a crash before migration 1).
    auto tables = connection.queryInt("SELECT COUNT(*) FROM sqlite_master");
    if (!tables) return tl::unexpected(tables.error());
    if (*tables == 0) return {};
  }
  if (*application != kProjectApplicationId) {
    return makeError(ErrorCode::InvalidInput, connection.path().string() + " is not a ugccap project database");
  }
  return {};
}

Status runMigration(Connection& connection, const Migration& migration) {
  auto transaction = Transaction::begin(connection, TransactionKind::Immediate);
  if (!transaction) return tl::unexpected(transaction.error());
  // Another process may have migrated while we waited for the write lock.
  auto current = userVersion(connection);
  if (!current) return tl::unexpected(current.error());
  if (*current >= migration.version) return {};
  if (auto ok = connection.execute(migration.sql); !ok) {
    return makeError(ok.error().code, "migration " + std::to_string(migration.version) + " (" +
                                          migration.description + ") failed: " + ok.error().message);
  }
  const std::string stamp = "PRAGMA user_version = " + std::to_string(migration.version) +
                            "; PRAGMA application_id = " + std::to_string(kProjectApplicationId) + ";";
  if (auto ok = connection.execute(stamp); !ok) return ok;
  return transaction->commit();
}

// --- PostgreSQL ------------------------------------------------------------------------

constexpr const char* kPgTablesSql =
    "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()";

Result<int> pgSchemaVersion(Connection& connection) {
  auto present = connection.queryInt(
      "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'ugccap_schema'");
  if (!present) return tl::unexpected(present.error());
  if (*present == 0) return 0;
  auto version = connection.queryInt("SELECT COALESCE(MAX(version), 0) FROM ugccap_schema");
  if (!version) return tl::unexpected(version.error());
  return int(*version);
}

Status runPgMigration(Connection& connection, const Migration& migration) {
  auto transaction = Transaction::begin(connection, TransactionKind::Immediate);
  if (!transaction) return tl::unexpected(transaction.error());
  if (auto ok = connection.execute(
          "CREATE TABLE IF NOT EXISTS ugccap_schema (application_id BIGINT NOT NULL, version BIGINT NOT NULL)");
      !ok) {
    return ok;
  }
  // Another process may have migrated while we waited for the write lock.
  auto current = pgSchemaVersion(connection);
  if (!current) return tl::unexpected(current.error());
  if (*current >= migration.version) return {};
  const std::string sql = postgresSchemaSql(migration.sql) + "\n" + migration.postgresTriggers;
  if (auto ok = connection.execute(sql); !ok) {
    return makeError(ok.error().code, "migration " + std::to_string(migration.version) + " (" +
                                          migration.description + ") failed: " + ok.error().message);
  }
  const std::string stamp = "DELETE FROM ugccap_schema; INSERT INTO ugccap_schema (application_id, version) VALUES (" +
                            std::to_string(kProjectApplicationId) + ", " + std::to_string(migration.version) + ")";
  if (auto ok = connection.execute(stamp); !ok) return ok;
  return transaction->commit();
}

Result<Connection> openPostgresProject(const std::string& url, OpenIntent intent, std::span<const Migration> migrations,
                                       const ConnectionParams& params) {
  auto connection = Connection::openPostgres(url, params);
  if (!connection && connection.error().code == ErrorCode::NotFound && intent == OpenIntent::CreateNew) {
    if (auto created = createPostgresDatabase(url); !created) return tl::unexpected(created.error());
    connection = Connection::openPostgres(url, params);
  }
  if (!connection) return tl::unexpected(connection.error());
  const std::string where = redactedUrl(url);
  auto tables = connection->queryInt(kPgTablesSql);
  if (!tables) return tl::unexpected(tables.error());
  auto version = pgSchemaVersion(*connection);
  if (!version) return tl::unexpected(version.error());
  if (intent == OpenIntent::CreateNew && *tables > 0 && *version == 0) {
    return makeError(ErrorCode::InvalidArgument,
                     where + " already holds tables that are not a ugccap project: create the project in an empty "
                             "database");
  }
  if (intent == OpenIntent::CreateNew && *version > 0) {
    return makeError(ErrorCode::InvalidArgument, where + " already holds a project; open it instead of creating it");
  }
  if (intent == OpenIntent::OpenExisting && *version == 0) {
    if (*tables == 0) {
      return makeError(ErrorCode::NotFound, "no project in " + where + " (an empty database): create it with "
                                                                       "`ugccap init " + where + "`");
    }
    return makeError(ErrorCode::InvalidInput, where + " is not a ugccap project database");
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (*version > latest) {
    return makeError(ErrorCode::Unsupported,
                     where + " was written by a newer ugccap (schema version " + std::to_string(*version) +
                         "; this build understands up to " + std::to_string(latest) + "): upgrade ugccap to open it");
  }
  // A server database is backed up by its administrator (pg_dump) before an upgrade.
  for (const auto& migration : migrations) {
    if (migration.version <= *version) continue;
    if (auto ok = runPgMigration(*connection, migration); !ok) return tl::unexpected(ok.error());
  }
  return connection;
}

}  // namespace

std::string postgresSchemaSql(std::string_view sqliteSql) {
  std::string sql(sqliteSql);
  static const std::regex trigger(R"(CREATE TRIGGER[\s\S]*?\nEND;)");
  sql = std::regex_replace(sql, trigger, "");
  static const std::regex identity(R"(\bINTEGER PRIMARY KEY\b)");
  sql = std::regex_replace(sql, identity, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  static const std::regex integer(R"(\bINTEGER\b)");
  sql = std::regex_replace(sql, integer, "BIGINT");
  static const std::regex real(R"(\bREAL\b)");
  sql = std::regex_replace(sql, real, "DOUBLE PRECISION");
  static const std::regex text(R"(\b(TEXT|BLOB)\b)");
  sql = std::regex_replace(sql, text, "TEXT COLLATE \"C\"");
  return sql;
}

std::span<const Migration> projectMigrations() { return kProjectMigrations; }
int latestSchemaVersion() { return kProjectMigrations[std::size(kProjectMigrations) - 1].version; }

fs::path backupPathFor(const fs::path& database, int version) {
  return fs::path(database.string() + ".bak-v" + std::to_string(version));
}

Result<Connection> openProjectDatabase(const fs::path& path, OpenIntent intent, std::span<const Migration> migrations,
                                       const ConnectionParams& params) {
  if (isPostgresUrl(path.string())) return openPostgresProject(path.string(), intent, migrations, params);
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (intent == OpenIntent::OpenExisting && !exists) {
    return makeError(ErrorCode::NotFound, "no project at " + path.string());
  }
  if (intent == OpenIntent::CreateNew && exists) {
    return makeError(ErrorCode::InvalidArgument, path.string() + " already exists; open it instead of creating it");
  }
  if (exists && !fs::is_regular_file(path, ec)) {
    return makeError(ErrorCode::InvalidArgument, path.string() + " is not a file");
  }
  auto connection =
      Connection::open(path, intent == OpenIntent::CreateNew ? OpenMode::ReadWriteCreate : OpenMode::ReadWrite, params);
  if (!connection) return tl::unexpected(connection.error());
  auto version = userVersion(*connection);
  if (!version) {
    return makeError(ErrorCode::InvalidInput, path.string() + " is not a ugccap project database (" +
                                                  version.error().message + ")");
  }
  if (auto ok = checkIsProject(*connection, *version); !ok) return tl::unexpected(ok.error());
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (*version > latest) {
    return makeError(ErrorCode::Unsupported,
                     path.string() + " was written by a newer ugccap (schema version " + std::to_string(*version) +
                         "; this build understands up to " + std::to_string(latest) + "): upgrade ugccap to open it");
  }
  if (*version == latest) return connection;

  if (*version > 0) {
    // Keep the pre-migration project; write the copy under a temporary name so a crash
    // never leaves a half-written file behind the backup's name.
    const fs::path backup = backupPathFor(path, *version);
    if (!fs::exists(backup, ec)) {
      const fs::path partial = backup.string() + ".partial-" + std::to_string(::getpid());
      fs::remove(partial, ec);
      if (auto ok = connection->backupTo(partial); !ok) return tl::unexpected(ok.error());
      fs::rename(partial, backup, ec);
      if (ec) return makeError(ErrorCode::Io, "cannot write backup " + backup.string() + ": " + ec.message());
    }
  }
  for (const auto& migration : migrations) {
    if (migration.version <= *version) continue;
    if (auto ok = runMigration(*connection, migration); !ok) return tl::unexpected(ok.error());
  }
  return connection;
}

}  // namespace ugc::db
