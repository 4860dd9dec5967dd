#pragma once
// Thin RAII wrappers over the SQLite C API (sqlite3.h stays in db/sqlite.cpp).
// One Connection per thread: a Connection and its Statements must not be shared
// between threads; open another Connection instead (WAL lets them read concurrently).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ugc::db {

struct ConnectionCloser {
  void operator()(sqlite3* handle) const;
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* handle) const;
};

enum class OpenMode {
  ReadWrite,        // the file must exist
  ReadWriteCreate,  // create it when missing
};

struct ConnectionParams {
  int busyTimeoutMs = 15000;  // how long a writer waits for another one before giving up
  bool walMode = true;
};

class Statement {
 public:
  Statement() = default;
  Statement(std::unique_ptr<sqlite3_stmt, StatementFinalizer> handle, sqlite3* connection);

  // Parameters are 1-based like SQLite's; a nullopt binds NULL.
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

  // True when a row is ready, false when the statement is done.
  Result<bool> step();
  // Steps to completion (INSERT/UPDATE/DDL) and resets for reuse.
  Status run();
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
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> handle_;
  sqlite3* connection_ = nullptr;
};

class Connection {
 public:
  static Result<Connection> open(const std::filesystem::path& path, OpenMode mode,
                                 const ConnectionParams& params = {});

  // Runs one or more statements without results (DDL, PRAGMA).
  Status execute(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // A prepared statement kept for the connection's lifetime, reset and unbound: for the
  // statements run thousands of times (imports, saves). Not re-entrant for the same SQL.
  Result<Statement*> cached(const std::string& sql);
  // The first column of the first row as an integer (PRAGMA user_version, COUNT(*)).
  Result<int64_t> queryInt(std::string_view sql);

  int64_t lastInsertRowId() const;
  int changes() const;
  std::string lastErrorMessage() const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return handle_.get(); }

  // Copies the whole database into `target` (consistent snapshot, online backup API).
  Status backupTo(const std::filesystem::path& target);

 private:
  std::unique_ptr<sqlite3, ConnectionCloser> handle_;
  std::filesystem::path path_;
  // Declared after handle_: finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

enum class TransactionKind {
  Deferred,   // readers: takes the lock on first access
  Immediate,  // writers: takes the write lock now, so the read-then-write is atomic
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
