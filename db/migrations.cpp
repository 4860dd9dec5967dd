#include "db/migrations.h"

#include <unistd.h>

#include <string>

#include "db/schema_sql.h"

namespace fs = std::filesystem;

namespace ugc::db {
namespace {

constexpr Migration kProjectMigrations[] = {
    {1, "initial project schema", kSchemaV1},
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

}  // namespace

std::span<const Migration> projectMigrations() { return kProjectMigrations; }
int latestSchemaVersion() { return kProjectMigrations[std::size(kProjectMigrations) - 1].version; }

fs::path backupPathFor(const fs::path& database, int version) {
  return fs::path(database.string() + ".bak-v" + std::to_string(version));
}

Result<Connection> openProjectDatabase(const fs::path& path, OpenIntent intent, std::span<const Migration> migrations,
                                       const ConnectionParams& params) {
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
