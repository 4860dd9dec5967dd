#pragma once
// One connection to a project database, SQLite (the embedded default: a file) or PostgreSQL
// (team mode: a postgresql:// URL). The store's SQL is written once, in the dialect both
// accept (`?` parameters, ON CONFLICT, RETURNING, COALESCE); the PostgreSQL backend numbers
// the parameters. sqlite3.h stays in db/sqlite_backend.cpp and libpq in db/postgres_backend.cpp.
//
// The store access policy (docs/architecture.md, "Store access"):
// - One Connection per thread, checked: a Connection remembers the thread that opened it and
//   every call from another thread fails with ErrorCode::Internal (one thread-id comparison;
//   hand a connection over explicitly with moveToCurrentThread()). SQLite's WAL (and
//   PostgreSQL's MVCC) let connections on different threads read concurrently.
// - A locked database is waited out for ConnectionParams::busyTimeoutMs (SQLite's busy
//   handler; PostgreSQL's lock_timeout), then the call fails with ErrorCode::Busy. Nothing
//   retries on top of it: the GUI uses interactiveConnectionParams() (about a second) and
//   retries from its event loop; batch work (the CLI, workers) waits longer.
// - Writers are serialised on both backends: an Immediate transaction takes SQLite's write
//   lock, or on PostgreSQL a transaction-scoped advisory lock of the project, so a
//   read-then-write inside it is atomic exactly as on SQLite.
// - A statement from the cache is leased: the CachedStatement guard resets it when it goes out
//   of scope, so an early return never leaves a read transaction open on a long-lived connection.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "core/error.h"

namespace ugc::db {

enum class Dialect { Sqlite, Postgres };

enum class OpenMode {
  ReadWrite,        // the file must exist
  ReadWriteCreate,  // create it when missing
};

struct ConnectionParams {
  // How long a call waits for another connection's lock before failing with ErrorCode::Busy.
  int busyTimeoutMs = 15000;
  bool walMode = true;
  // Whether this connection's commits run SQLite's automatic WAL checkpoint (copying the log
  // into the database, with an fsync). Off for the GUI's connection: a tiny save would otherwise
  // pay for checkpointing a concurrent import's log on the GUI thread; batch writers do it.
  bool autoCheckpoint = true;
  // PostgreSQL: how long to wait for the server to answer a connection attempt.
  int connectTimeoutSeconds = 10;
};

// Batch work (the CLI, background workers): waits out another writer for up to 15 s.
inline ConnectionParams batchConnectionParams() { return {}; }
// A connection used on the GUI thread: waits at most about a second, then reports Busy so the
// app can say "project busy, retrying" instead of freezing.
inline ConnectionParams interactiveConnectionParams() {
  ConnectionParams params;
  params.busyTimeoutMs = 1000;
  params.autoCheckpoint = false;
  return params;
}

// True for "postgresql://..." and "postgres://..." (libpq's connection URIs).
bool isPostgresUrl(std::string_view location);
// The URL with any password removed, for messages and logs.
std::string redactedUrl(std::string_view url);

// An SQL identifier in double quotes ("a""b"), for the statements that take no parameters
// (CREATE DATABASE, CREATE ROLE, GRANT).
std::string quotedSqlIdentifier(std::string_view name);

// Creates / drops the database a postgresql:// URL names, connecting to the server's
// "postgres" database with the URL's login (which needs CREATEDB, or to own the database).
Status createPostgresDatabase(const std::string& url);
Status dropPostgresDatabase(const std::string& url);

namespace backend {
class StatementBackend;
class ConnectionBackend;
}  // namespace backend

class Statement {
 public:
  Statement();
  Statement(std::unique_ptr<backend::StatementBackend> impl, std::thread::id owner, std::string location);
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  // Parameters are 1-based; a nullopt binds NULL.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, int64_t(value)); }
  Statement& bind(int index, size_t value) { return bind(index, int64_t(value)); }
  Statement& bind(int index, bool value) { return bind(index, int64_t(value ? 1 : 0)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  // Binds the arguments to parameters 1..N.
  template <typename... Args>
  Statement& bindAll(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // True when a row is ready, false when the statement is done. Busy when another connection
  // held the lock longer than the busy timeout; Internal when called off the owning thread.
  Result<bool> step();
  // Steps to completion (INSERT/UPDATE/DDL) and resets for reuse.
  Status run();
  // For "INSERT ... RETURNING id": runs the statement and returns the first column of its row.
  Result<int64_t> runReturningInt();
  // Makes the statement reusable; bindings are cleared.
  void reset();

  bool isNull(int column) const;
  int64_t columnInt(int column) const;
  double columnDouble(int column) const;
  std::string columnText(int column) const;
  std::string_view columnTextView(int column) const;  // valid until the next step
  std::optional<int64_t> columnOptionalInt(int column) const;
  std::optional<double> columnOptionalDouble(int column) const;
  std::optional<std::string> columnOptionalText(int column) const;

 private:
  friend class Connection;
  std::unique_ptr<backend::StatementBackend> impl_;
  std::thread::id owner_;
  std::string location_;  // for the wrong-thread message
};

// A statement leased from a connection's cache; resets it (ending any read it holds) and
// clears its bindings when it goes out of scope. Must not outlive its Connection.
class CachedStatement {
 public:
  CachedStatement(Statement* statement, bool* leased) : statement_(statement), leased_(leased) {}
  explicit CachedStatement(std::unique_ptr<Statement> own) : own_(std::move(own)), statement_(own_.get()) {}
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  ~CachedStatement();

  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  std::unique_ptr<Statement> own_;  // set when the cached one was already leased (re-entrant use)
  Statement* statement_ = nullptr;
  bool* leased_ = nullptr;
};

enum class TransactionKind {
  Deferred,   // readers: one consistent snapshot (SQLite: lock on first access)
  Immediate,  // writers: takes the project's write lock now, so the read-then-write is atomic
  // Writers that lock only the rows they touch (SELECT ... FOR UPDATE SKIP LOCKED) and so need
  // not wait for the project's writer lock: PostgreSQL READ COMMITTED without it; on SQLite,
  // which has no row locks, the same as Immediate.
  RowLocking,
};

class Connection {
 public:
  // An SQLite file.
  static Result<Connection> open(const std::filesystem::path& path, OpenMode mode,
                                 const ConnectionParams& params = {});
  // A PostgreSQL database (libpq URI; the password comes from PGPASSWORD or ~/.pgpass, never
  // from us). Errors: Io (server unreachable or gone), PermissionDenied (authentication),
  // NotFound (no such database).
  static Result<Connection> openPostgres(const std::string& url, const ConnectionParams& params = {});

  Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  Dialect dialect() const;

  // Runs one or more statements without results or parameters (DDL, PRAGMA, SET).
  Status execute(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // A prepared statement kept for the connection's lifetime, leased reset and unbound: for the
  // statements run thousands of times (imports, saves). Re-entrant: while one lease of the SQL
  // is alive, another gets a freshly prepared statement.
  Result<CachedStatement> cached(const std::string& sql);
  // The first column of the first row as an integer (PRAGMA user_version, COUNT(*)).
  Result<int64_t> queryInt(std::string_view sql);

  // Rows changed by the last INSERT/UPDATE/DELETE run on this connection.
  int changes() const;
  std::string lastErrorMessage() const;
  // The file, or the URL without its password.
  const std::filesystem::path& path() const { return path_; }
  // How long the next calls wait for another connection's lock (ConnectionParams::busyTimeoutMs);
  // returns the previous value. The studio's saves first try without waiting (0) and hand the
  // write to a worker thread when the project is busy.
  int setBusyTimeoutMs(int milliseconds);
  int busyTimeoutMs() const { return busyTimeoutMs_; }

  // Statements of this connection that were stepped and not yet reset or finished: each holds
  // a read (or write) transaction open. Zero between calls of a well-behaved caller.
  int activeStatementCount() const;
  // Ok on the thread that opened (or last adopted) the connection; Internal elsewhere.
  Status checkThread() const;
  // Hands the connection (and its cached statements) to the calling thread.
  void moveToCurrentThread();

  // SQLite: copies the whole database into `target` (consistent snapshot, online backup API).
  // PostgreSQL: Unsupported (use pg_dump).
  Status backupTo(const std::filesystem::path& target);

  // PostgreSQL: the SCRAM verifier of a password for `user` (CREATE ROLE ... PASSWORD takes it),
  // computed on the client. Unsupported on SQLite.
  Result<std::string> passwordVerifier(const std::string& user, const std::string& password);

  // True when some connection committed a change to the project since the last call; the
  // first call starts watching and returns false. Cheap (no query on PostgreSQL: the server's
  // notifications are read off the socket), for the studio's queue to refresh live.
  Result<bool> pollChanges();

  // For Transaction.
  Status beginTransaction(TransactionKind kind);
  Status commitTransaction();
  void rollbackTransaction();

 private:
  struct CacheEntry {
    Statement statement;
    bool leased = false;
  };
  std::unique_ptr<backend::ConnectionBackend> impl_;
  std::filesystem::path path_;
  std::thread::id owner_;
  int busyTimeoutMs_ = 0;
  // Declared after impl_: finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<CacheEntry>> cache_;
};

// Rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Connection& connection, TransactionKind kind = TransactionKind::Immediate);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status commit();

 private:
  explicit Transaction(Connection& connection) : connection_(&connection) {}
  Connection* connection_ = nullptr;
  bool open_ = false;
};

}  // namespace ugc::db
