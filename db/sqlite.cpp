#include "db/sqlite.h"

#include <sqlite3.h>

#include <thread>

namespace ugc::db {
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

tl::unexpected<Error> wrongThreadError(const std::filesystem::path& path) {
  return makeError(ErrorCode::Internal, "the SQLite connection to " + path.filename().string() +
                                            " was used on a thread that did not open it (one connection per thread)");
}

}  // namespace

void ConnectionCloser::operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
void StatementFinalizer::operator()(sqlite3_stmt* handle) const { sqlite3_finalize(handle); }

Statement::Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer> handle, sqlite3* connection,
                     std::thread::id owner)
    : handle_(std::move(handle)), connection_(connection), owner_(owner) {}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(handle_.get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(handle_.get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text64(handle_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind(int index, std::nullopt_t) {
  sqlite3_bind_null(handle_.get(), index);
  return *this;
}

Result<bool> Statement::step() {
  if (std::this_thread::get_id() != owner_) {
    const char* file = sqlite3_db_filename(connection_, "main");
    return wrongThreadError(file ? file : "");
  }
  const int code = sqlite3_step(handle_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  auto error = sqliteError(connection_, code, sqlite3_sql(handle_.get()));
  sqlite3_reset(handle_.get());
  return error;
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(handle_.get());
  sqlite3_clear_bindings(handle_.get());
}

bool Statement::isNull(int column) const { return sqlite3_column_type(handle_.get(), column) == SQLITE_NULL; }
int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(handle_.get(), column); }
double Statement::columnDouble(int column) const { return sqlite3_column_double(handle_.get(), column); }
std::string_view Statement::columnTextView(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle_.get(), column));
  if (!text) return {};
  return std::string_view(text, size_t(sqlite3_column_bytes(handle_.get(), column)));
}
std::string Statement::columnText(int column) const { return std::string(columnTextView(column)); }
std::optional<int64_t> Statement::columnOptionalInt(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnInt(column);
}
std::optional<double> Statement::columnOptionalDouble(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnDouble(column);
}
std::optional<std::string> Statement::columnOptionalText(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnText(column);
}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : own_(std::move(other.own_)), statement_(other.statement_), leased_(other.leased_) {
  other.statement_ = nullptr;
  other.leased_ = nullptr;
}

CachedStatement::~CachedStatement() {
  if (statement_) statement_->reset();
  if (leased_) *leased_ = false;
}

Result<Connection> Connection::open(const std::filesystem::path& path, OpenMode mode, const ConnectionParams& params) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::ReadWriteCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection connection;
  connection.handle_.reset(raw);
  connection.path_ = path;
  connection.owner_ = std::this_thread::get_id();
  if (code != SQLITE_OK) return sqliteError(raw, code, "cannot open " + path.string());
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, params.busyTimeoutMs);
  connection.busyTimeoutMs_ = params.busyTimeoutMs;
  // FULL: a save acknowledged to the annotator survives a crash of the process and of the machine.
  if (auto ok = connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"); !ok) {
    return tl::unexpected(ok.error());
  }
  if (!params.autoCheckpoint) sqlite3_wal_autocheckpoint(raw, 0);
  if (params.walMode) {
    auto current = connection.prepare("PRAGMA journal_mode");
    if (!current) return tl::unexpected(current.error());
    auto row = current->step();
    if (!row) return tl::unexpected(row.error());
    const bool isWal = *row && current->columnText(0) == "wal";
    current->reset();
    if (!isWal) {
      auto set = connection.prepare("PRAGMA journal_mode = WAL");
      if (!set) return tl::unexpected(set.error());
      auto changed = set->step();
      if (!changed) return tl::unexpected(changed.error());
      if (!*changed || set->columnText(0) != "wal") {
        return makeError(ErrorCode::Io, "cannot switch " + path.string() + " to WAL mode");
      }
    }
  }
  return connection;
}

Status Connection::checkThread() const {
  if (std::this_thread::get_id() != owner_) return wrongThreadError(path_);
  return {};
}

void Connection::moveToCurrentThread() {
  owner_ = std::this_thread::get_id();
  for (auto& [sql, entry] : cache_) entry->statement.owner_ = owner_;
}

int Connection::activeStatementCount() const {
  int count = 0;
  for (sqlite3_stmt* statement = sqlite3_next_stmt(handle_.get(), nullptr); statement;
       statement = sqlite3_next_stmt(handle_.get(), statement)) {
    if (sqlite3_stmt_busy(statement)) ++count;
  }
  return count;
}

Status Connection::execute(std::string_view sql) {
  if (auto ok = checkThread(); !ok) return ok;
  const std::string text(sql);
  char* message = nullptr;
  const int code = sqlite3_exec(handle_.get(), text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (code == SQLITE_OK) return {};
  return sqliteError(handle_.get(), code, text.size() > 80 ? text.substr(0, 80) + "..." : text);
}

Result<Statement> Connection::prepare(std::string_view sql) {
  if (auto ok = checkThread(); !ok) return tl::unexpected(ok.error());
  sqlite3_stmt* raw = nullptr;
  const int code = sqlite3_prepare_v2(handle_.get(), sql.data(), int(sql.size()), &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> handle(raw);
  if (code != SQLITE_OK) return sqliteError(handle_.get(), code, sql);
  return Statement(std::move(handle), handle_.get(), owner_);
}

Result<CachedStatement> Connection::cached(const std::string& sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    auto statement = prepare(sql);
    if (!statement) return tl::unexpected(statement.error());
    found = cache_.emplace(sql, std::make_unique<CacheEntry>(CacheEntry{std::move(*statement), false})).first;
  } else if (auto ok = checkThread(); !ok) {
    return tl::unexpected(ok.error());
  }
  CacheEntry& entry = *found->second;
  if (entry.leased) {
    auto fresh = prepare(sql);
    if (!fresh) return tl::unexpected(fresh.error());
    return CachedStatement(std::make_unique<Statement>(std::move(*fresh)));
  }
  entry.statement.reset();
  entry.leased = true;
  return CachedStatement(&entry.statement, &entry.leased);
}

Result<int64_t> Connection::queryInt(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return tl::unexpected(statement.error());
  auto row = statement->step();
  if (!row) return tl::unexpected(row.error());
  return *row ? statement->columnInt(0) : 0;
}

int64_t Connection::lastInsertRowId() const { return sqlite3_last_insert_rowid(handle_.get()); }
int Connection::setBusyTimeoutMs(int milliseconds) {
  const int previous = busyTimeoutMs_;
  sqlite3_busy_timeout(handle_.get(), milliseconds);
  busyTimeoutMs_ = milliseconds;
  return previous;
}

int Connection::changes() const { return sqlite3_changes(handle_.get()); }
std::string Connection::lastErrorMessage() const { return sqlite3_errmsg(handle_.get()); }

Status Connection::backupTo(const std::filesystem::path& target) {
  if (auto ok = checkThread(); !ok) return ok;
  sqlite3* raw = nullptr;
  int code = sqlite3_open_v2(target.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, ConnectionCloser> destination(raw);
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

Result<Transaction> Transaction::begin(Connection& connection, TransactionKind kind) {
  Transaction transaction(connection);
  auto begun = connection.execute(kind == TransactionKind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!begun) return tl::unexpected(begun.error());
  transaction.open_ = true;
  return transaction;
}

Transaction::Transaction(Transaction&& other) noexcept : connection_(other.connection_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (open_) (void)connection_->execute("ROLLBACK");
}

Status Transaction::commit() {
  if (!open_) return makeError(ErrorCode::Internal, "transaction already finished");
  if (auto ok = connection_->checkThread(); !ok) return ok;
  const int code = sqlite3_exec(connection_->handle(), "COMMIT", nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return sqliteError(connection_->handle(), code, "COMMIT");
  open_ = false;
  return {};
}

}  // namespace ugc::db
