#pragma once
// The two database engines behind db::Connection (db/ internal). Each engine's library stays
// in its one .cpp file: sqlite3.h in sqlite_backend.cpp, libpq-fe.h in postgres_backend.cpp.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"

namespace ugc::db::backend {

class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bindInt(int index, int64_t value) = 0;
  virtual void bindDouble(int index, double value) = 0;
  virtual void bindText(int index, std::string_view value) = 0;
  virtual void bindNull(int index) = 0;
  virtual Result<bool> step() = 0;
  // Ends the statement's read and clears its bindings.
  virtual void reset() = 0;
  virtual bool isNull(int column) const = 0;
  virtual int64_t columnInt(int column) const = 0;
  virtual double columnDouble(int column) const = 0;
  virtual std::string_view columnTextView(int column) const = 0;
};

class ConnectionBackend {
 public:
  virtual ~ConnectionBackend() = default;
  virtual Dialect dialect() const = 0;
  virtual Status execute(std::string_view sql) = 0;
  // `persistent`: kept for many runs (the connection's statement cache), worth a server-side
  // prepare; otherwise run once or twice.
  virtual Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql, bool persistent) = 0;
  virtual int changes() const = 0;
  virtual std::string lastErrorMessage() const = 0;
  virtual void setBusyTimeoutMs(int milliseconds) = 0;
  virtual int activeStatementCount() const = 0;
  virtual Status backupTo(const std::filesystem::path& target) = 0;
  virtual Status begin(TransactionKind kind) = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;
  // True when another connection committed a change since the last call (the first call only
  // starts watching). SQLite: PRAGMA data_version; PostgreSQL: LISTEN/NOTIFY.
  virtual Result<bool> pollChanges() = 0;
};

Result<std::unique_ptr<ConnectionBackend>> openSqlite(const std::filesystem::path& path, OpenMode mode,
                                                      const ConnectionParams& params);
Result<std::unique_ptr<ConnectionBackend>> openPostgres(const std::string& url, const ConnectionParams& params);

// "?" placeholders -> "$1", "$2", ... and "?N" -> "$N", outside quoted strings and identifiers
// (PostgreSQL's form). `count` receives the highest parameter number; `used[i]` whether
// parameter i + 1 appears (a numbered one may be skipped).
std::string numberPlaceholders(std::string_view sql, int* count = nullptr, std::vector<bool>* used = nullptr);

}  // namespace ugc::db::backend
