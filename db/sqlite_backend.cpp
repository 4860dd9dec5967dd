// The SQLite engine behind db::Connection: the embedded default, one project file.
#include <sqlite3.h>

#include "db/backend.h"

namespace ugc::db::backend {
namespace {

// Busy: another connection holds the lock and SQLite's busy handler (busy_timeout) gave up.
// Writers take the lock with BEGIN IMMEDIATE or in autocommit, where SQLite hands every wait
// to the busy handler, so there is nothing left for a retry loop of our own to cover.
bool isBusy(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

tl::unexpected<Error> sqliteError(sqlite3* db, int code, std::string_view what) {
  const ErrorCode kind = isBusy(code) ? ErrorCode::Busy
                         : (code & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::Conflict
                         : (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB ? ErrorCode::InvalidInput
                         : (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_IOERR ? ErrorCode::Io
                                                                                              : ErrorCode::Internal;
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (isBusy(code)) message += " (another program is writing to the project; try again)";
  return makeError(kind, message);
}

struct Closer {
  void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
struct Finalizer {
  void operator()(sqlite3_stmt* handle) const { sqlite3_finalize(handle); }
};

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3_stmt* handle, sqlite3* connection) : handle_(handle), connection_(connection) {}

  void bindInt(int index, int64_t value) override { sqlite3_bind_int64(handle_.get(), index, value); }
  void bindDouble(int index, double value) override { sqlite3_bind_double(handle_.get(), index, value); }
  void bindText(int index, std::string_view value) override {
    sqlite3_bind_text64(handle_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  void bindNull(int index) override { sqlite3_bind_null(handle_.get(), index); }

  Result<bool> step() override {
    const int code = sqlite3_step(handle_.get());
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    auto error = sqliteError(connection_, code, sqlite3_sql(handle_.get()));
    sqlite3_reset(handle_.get());
    return error;
  }
  void reset() override {
    sqlite3_reset(handle_.get());
    sqlite3_clear_bindings(handle_.get());
  }

  bool isNull(int column) const override { return sqlite3_column_type(handle_.get(), column) == SQLITE_NULL; }
  int64_t columnInt(int column) const override { return sqlite3_column_int64(handle_.get(), column); }
  double columnDouble(int column) const override { return sqlite3_column_double(handle_.get(), column); }
  std::string_view columnTextView(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle_.get(), column));
    if (!text) return {};
    return std::string_view(text, size_t(sqlite3_column_bytes(handle_.get(), column)));
  }

 private:
  std::unique_ptr<sqlite3_stmt, Finalizer> handle_;
  sqlite3* connection_;
};

class SqliteConnection final : public ConnectionBackend {
 public:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}

  Dialect dialect() const override { return Dialect::Sqlite; }

  Status execute(std::string_view sql) override {
    const std::string text(sql);
    char* message = nullptr;
    const int code = sqlite3_exec(handle_.get(), text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (code == SQLITE_OK) return {};
    return sqliteError(handle_.get(), code, text.size() > 80 ? text.substr(0, 80) + "..." : text);
  }

  Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql, bool /*persistent*/) override {
    sqlite3_stmt* raw = nullptr;
    const int code = sqlite3_prepare_v2(handle_.get(), sql.data(), int(sql.size()), &raw, nullptr);
    if (code != SQLITE_OK) {
      sqlite3_finalize(raw);
      return sqliteError(handle_.get(), code, sql);
    }
    return std::unique_ptr<StatementBackend>(std::make_unique<SqliteStatement>(raw, handle_.get()));
  }

  int changes() const override { return sqlite3_changes(handle_.get()); }
  std::string lastErrorMessage() const override { return sqlite3_errmsg(handle_.get()); }
  void setBusyTimeoutMs(int milliseconds) override { sqlite3_busy_timeout(handle_.get(), milliseconds); }

  int activeStatementCount() const override {
    int count = 0;
    for (sqlite3_stmt* statement = sqlite3_next_stmt(handle_.get(), nullptr); statement;
         statement = sqlite3_next_stmt(handle_.get(), statement)) {
      if (sqlite3_stmt_busy(statement)) ++count;
    }
    return count;
  }

  Status backupTo(const std::filesystem::path& target) override {
    sqlite3* raw = nullptr;
    int code = sqlite3_open_v2(target.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, Closer> destination(raw);
    if (code != SQLITE_OK) return sqliteError(raw, code, "cannot create backup " + target.string());
    // The copy reads the source in one step (a WAL read never waits for writers); the busy
    // handler covers the destination's lock.
    sqlite3_busy_timeout(raw, 1000);
    sqlite3_backup* backup = sqlite3_backup_init(raw, "main", handle_.get(), "main");
    if (!backup) return sqliteError(raw, sqlite3_errcode(raw), "cannot start backup");
    code = sqlite3_backup_step(backup, -1);
    if (code != SQLITE_DONE) {
      sqlite3_backup_finish(backup);
      return sqliteError(nullptr, code, "backup to " + target.string() + " failed");
    }
    code = sqlite3_backup_finish(backup);
    if (code != SQLITE_OK) return sqliteError(raw, code, "backup to " + target.string() + " failed");
    return {};
  }

  Status begin(TransactionKind kind) override {
    return execute(kind == TransactionKind::Deferred ? "BEGIN" : "BEGIN IMMEDIATE");
  }
  Status commit() override {
    const int code = sqlite3_exec(handle_.get(), "COMMIT", nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) return sqliteError(handle_.get(), code, "COMMIT");
    return {};
  }
  void rollback() override { (void)execute("ROLLBACK"); }

  Result<bool> pollChanges() override {
    // data_version changes when another connection commits to the file.
    auto statement = prepare("PRAGMA data_version", false);
    if (!statement) return tl::unexpected(statement.error());
    auto row = (*statement)->step();
    if (!row) return tl::unexpected(row.error());
    const int64_t version = *row ? (*statement)->columnInt(0) : 0;
    (*statement)->reset();
    const bool changed = dataVersion_ >= 0 && version != dataVersion_;
    dataVersion_ = version;
    return changed;
  }

  sqlite3* handle() const { return handle_.get(); }

 private:
  std::unique_ptr<sqlite3, Closer> handle_;
  int64_t dataVersion_ = -1;
};

}  // namespace

Result<std::unique_ptr<ConnectionBackend>> openSqlite(const std::filesystem::path& path, OpenMode mode,
                                                      const ConnectionParams& params) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::ReadWriteCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  auto connection = std::make_unique<SqliteConnection>(raw);
  if (code != SQLITE_OK) return sqliteError(raw, code, "cannot open " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, params.busyTimeoutMs);
  // FULL: a save acknowledged to the annotator survives a crash of the process and of the machine.
  if (auto ok = connection->execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"); !ok) {
    return tl::unexpected(ok.error());
  }
  if (!params.autoCheckpoint) sqlite3_wal_autocheckpoint(raw, 0);
  if (params.walMode) {
    auto current = connection->prepare("PRAGMA journal_mode", false);
    if (!current) return tl::unexpected(current.error());
    auto row = (*current)->step();
    if (!row) return tl::unexpected(row.error());
    const bool isWal = *row && (*current)->columnTextView(0) == "wal";
    (*current)->reset();
    if (!isWal) {
      auto set = connection->prepare("PRAGMA journal_mode = WAL", false);
      if (!set) return tl::unexpected(set.error());
      auto changed = (*set)->step();
      if (!changed) return tl::unexpected(changed.error());
      if (!*changed || (*set)->columnTextView(0) != "wal") {
        return makeError(ErrorCode::Io, "cannot switch " + path.string() + " to WAL mode");
      }
    }
  }
  return std::unique_ptr<ConnectionBackend>(std::move(connection));
}

}  // namespace ugc::db::backend
