// The PostgreSQL engine behind db::Connection (team mode), on libpq directly: it is the
// server's own client library, maintained with the server and packaged by Debian
// (libpq-dev); the store needs only parameterised statements, results as text and
// LISTEN/NOTIFY, which its C API gives without a wrapper library (docs/architecture.md).
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "db/backend.h"

namespace ugc::db::backend {
namespace {

constexpr Oid kTextOid = 25;  // pg_type "text"

// "UGCP": the advisory lock that serialises a project's writers (TransactionKind::Immediate).
constexpr const char* kWriterLockSql = "SELECT pg_advisory_xact_lock(1430733648)";

std::string trimmed(const char* text) {
  std::string out = text ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

ErrorCode codeOfSqlState(std::string_view state) {
  if (state.starts_with("23") || state == "P0001") return ErrorCode::Conflict;  // constraints, our triggers
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") return ErrorCode::Busy;
  if (state.starts_with("08") || state.starts_with("57P")) return ErrorCode::Io;  // connection, shutdown
  if (state.starts_with("28") || state == "42501") return ErrorCode::PermissionDenied;
  if (state == "3D000") return ErrorCode::NotFound;
  if (state.starts_with("22")) return ErrorCode::InvalidInput;  // data exceptions: bad UTF-8, ...
  return ErrorCode::Internal;
}

struct PgState {
  PGconn* connection = nullptr;
  int changes = 0;
  int active = 0;
  int nextStatement = 0;
  // Bumped when the connection is re-established: server-side prepared statements are gone.
  int generation = 0;
  int busyTimeoutMs = 0;
  // Between begin() and commit()/rollback(): a connection lost then is never silently
  // replaced (the rest of the transaction would run outside it).
  bool inTransaction = false;
  std::string lastError;
  std::string location;
};

tl::unexpected<Error> connectionLost(PgState& state, std::string_view what) {
  state.lastError = trimmed(PQerrorMessage(state.connection));
  return makeError(ErrorCode::Io, std::string(what) + ": the PostgreSQL server at " + state.location +
                                      " cannot be reached (" + state.lastError + "); nothing was written");
}

tl::unexpected<Error> resultError(PgState& state, PGresult* result, std::string_view what) {
  if (PQstatus(state.connection) == CONNECTION_BAD) return connectionLost(state, what);
  const char* sqlState = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const ErrorCode code = sqlState ? codeOfSqlState(sqlState) : ErrorCode::Internal;
  state.lastError = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(state.connection));
  if (state.lastError.starts_with("ERROR:  ")) state.lastError.erase(0, 8);
  std::string message(what.size() > 160 ? std::string(what.substr(0, 160)) + "..." : std::string(what));
  message += ": " + state.lastError;
  if (code == ErrorCode::Busy) message += " (another program is writing to the project; try again)";
  return makeError(code, message);
}

Status setLockTimeout(PgState& state) {
  // lock_timeout 0 means "wait forever" to PostgreSQL; the studio's 0 means "do not wait".
  // plan_cache_mode: the queue's statements are prepared once and run with very different
  // values (a state with no rows, another with 100,000); a generic plan chose sequential scans
  // (next task 61 ms at p50 on 20,000 videos), a plan per execution uses the queue index.
  const std::string sql = "SET plan_cache_mode = force_custom_plan; SET lock_timeout = " +
                          std::to_string(state.busyTimeoutMs > 0 ? state.busyTimeoutMs : 1);
  PGresult* result = PQexec(state.connection, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  auto error = ok ? Status{} : Status(resultError(state, result, "SET lock_timeout"));
  PQclear(result);
  return error;
}

// A connection that dropped between transactions is re-established before the next call
// (a restarted server, a network blip); inside a transaction the loss is the caller's error.
Status ensureConnected(PgState& state) {
  if (PQstatus(state.connection) == CONNECTION_OK) return {};
  if (state.inTransaction) return connectionLost(state, "the transaction");
  PQreset(state.connection);
  if (PQstatus(state.connection) != CONNECTION_OK) return connectionLost(state, "reconnect");
  ++state.generation;
  return setLockTimeout(state);
}

bool isRowCountCommand(const char* status) {
  return std::strncmp(status, "INSERT", 6) == 0 || std::strncmp(status, "UPDATE", 6) == 0 ||
         std::strncmp(status, "DELETE", 6) == 0 || std::strncmp(status, "MERGE", 5) == 0;
}

class PgStatement final : public StatementBackend {
 public:
  PgStatement(PgState* state, std::string sql, std::string name, int parameters, const std::vector<bool>& used,
              int generation)
      : state_(state), sql_(std::move(sql)), name_(std::move(name)), generation_(generation) {
    parameters_.resize(size_t(parameters));
    // A numbered parameter the SQL skips has no type to infer: declare it text.
    types_.assign(size_t(parameters), 0);
    for (size_t i = 0; i < types_.size(); ++i) {
      if (i >= used.size() || !used[i]) types_[i] = kTextOid;
    }
  }
  ~PgStatement() override {
    finish();
    if (!name_.empty() && generation_ == state_->generation && PQstatus(state_->connection) == CONNECTION_OK &&
        PQtransactionStatus(state_->connection) == PQTRANS_IDLE) {
      const std::string sql = "DEALLOCATE " + name_;
      PQclear(PQexec(state_->connection, sql.c_str()));
    }
  }

  void bindInt(int index, int64_t value) override { slot(index) = std::to_string(value); }
  void bindDouble(int index, double value) override {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    slot(index) = buffer;
  }
  void bindText(int index, std::string_view value) override {
    if (value.find('\0') != std::string_view::npos) hasNul_ = true;
    slot(index) = std::string(value);
  }
  void bindNull(int index) override { slot(index).reset(); }

  Result<bool> step() override {
    if (!executed_) {
      if (auto ok = execute(); !ok) return tl::unexpected(ok.error());
      executed_ = true;
    }
    if (!result_) return false;
    if (++row_ < rows_) return true;
    finish();
    return false;
  }

  void reset() override {
    finish();
    executed_ = false;
    hasNul_ = false;
    for (auto& parameter : parameters_) parameter.reset();
  }

  bool isNull(int column) const override { return !result_ || PQgetisnull(result_, row_, column); }
  int64_t columnInt(int column) const override {
    if (isNull(column)) return 0;
    const char* value = PQgetvalue(result_, row_, column);
    if (value[0] == 't' && value[1] == 0) return 1;  // booleans (EXISTS, comparisons)
    if (value[0] == 'f' && value[1] == 0) return 0;
    return std::strtoll(value, nullptr, 10);
  }
  double columnDouble(int column) const override {
    if (isNull(column)) return 0.0;
    return std::strtod(PQgetvalue(result_, row_, column), nullptr);
  }
  std::string_view columnTextView(int column) const override {
    if (isNull(column)) return {};
    return std::string_view(PQgetvalue(result_, row_, column), size_t(PQgetlength(result_, row_, column)));
  }

 private:
  std::optional<std::string>& slot(int index) {
    if (index > int(parameters_.size())) {
      parameters_.resize(size_t(index));
      types_.resize(size_t(index), kTextOid);
    }
    return parameters_[size_t(index - 1)];
  }

  Status prepareOnServer() {
    PGresult* result = PQprepare(state_->connection, name_.c_str(), sql_.c_str(), int(parameters_.size()), types_.data());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    auto error = ok ? Status{} : Status(resultError(*state_, result, sql_));
    PQclear(result);
    if (ok) generation_ = state_->generation;
    return error;
  }

  Status execute() {
    if (hasNul_) {
      return makeError(ErrorCode::InvalidInput, "text with a NUL byte cannot be stored in a PostgreSQL project");
    }
    if (auto ok = ensureConnected(*state_); !ok) return ok;
    std::vector<const char*> values(parameters_.size());
    for (size_t i = 0; i < parameters_.size(); ++i) values[i] = parameters_[i] ? parameters_[i]->c_str() : nullptr;
    PGresult* result = nullptr;
    if (name_.empty()) {
      result = PQexecParams(state_->connection, sql_.c_str(), int(values.size()), types_.data(), values.data(), nullptr,
                            nullptr, 0);
    } else {
      if (generation_ != state_->generation) {
        if (auto ok = prepareOnServer(); !ok) return ok;
      }
      result = PQexecPrepared(state_->connection, name_.c_str(), int(values.size()), values.data(), nullptr, nullptr, 0);
    }
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      auto error = resultError(*state_, result, sql_);
      PQclear(result);
      return error;
    }
    const char* command = PQcmdStatus(result);
    if (isRowCountCommand(command)) state_->changes = std::atoi(PQcmdTuples(result));
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) {
      result_ = result;
      rows_ = PQntuples(result);
      row_ = -1;
      ++state_->active;
    } else {
      PQclear(result);
    }
    return {};
  }

  void finish() {
    if (!result_) return;
    PQclear(result_);
    result_ = nullptr;
    rows_ = 0;
    row_ = -1;
    --state_->active;
  }

  friend class PgConnection;
  PgState* state_;
  std::string sql_;
  std::string name_;  // empty: an unnamed statement, parsed at each run
  int generation_;
  std::vector<std::optional<std::string>> parameters_;
  std::vector<Oid> types_;  // 0: inferred by the server
  bool hasNul_ = false;
  bool executed_ = false;
  PGresult* result_ = nullptr;
  int rows_ = 0;
  int row_ = -1;
};

void quietNotices(void*, const char*) {}

// The channel the project's triggers notify on every committed change (migration 2).
constexpr const char* kChangesChannel = "ugc_project_changes";

class PgConnection final : public ConnectionBackend {
 public:
  explicit PgConnection(PGconn* connection, std::string location) {
    state_.connection = connection;
    state_.location = std::move(location);
  }
  ~PgConnection() override { PQfinish(state_.connection); }

  PgState& state() { return state_; }
  Dialect dialect() const override { return Dialect::Postgres; }

  Status execute(std::string_view sql) override {
    if (auto ok = ensureConnected(state_); !ok) return ok;
    const std::string text(sql);
    PGresult* result = PQexec(state_.connection, text.c_str());
    const ExecStatusType status = PQresultStatus(result);
    auto outcome = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? Status{}
                                                                           : Status(resultError(state_, result, text));
    PQclear(result);
    return outcome;
  }

  Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql, bool persistent) override {
    int parameters = 0;
    std::vector<bool> used;
    std::string numbered = numberPlaceholders(sql, &parameters, &used);
    std::string name;
    if (persistent) name = "ugc_s" + std::to_string(++state_.nextStatement);
    // Statements are prepared on the server lazily, at their first run (generation -1).
    auto statement =
        std::make_unique<PgStatement>(&state_, std::move(numbered), std::move(name), parameters, used, -1);
    return std::unique_ptr<StatementBackend>(std::move(statement));
  }

  int changes() const override { return state_.changes; }
  std::string lastErrorMessage() const override { return state_.lastError; }
  void setBusyTimeoutMs(int milliseconds) override {
    state_.busyTimeoutMs = milliseconds;
    (void)setLockTimeout(state_);
  }
  int activeStatementCount() const override { return state_.active; }

  Status backupTo(const std::filesystem::path&) override {
    return makeError(ErrorCode::Unsupported, "a PostgreSQL project is backed up with pg_dump, not by ugccap");
  }

  Status begin(TransactionKind kind) override {
    if (auto ok = execute(kind == TransactionKind::Deferred ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN"); !ok) {
      return ok;
    }
    state_.inTransaction = true;
    if (kind != TransactionKind::Immediate) return {};
    if (auto locked = execute(kWriterLockSql); !locked) {
      rollback();
      return locked;
    }
    return {};
  }

  Status commit() override {
    if (PQstatus(state_.connection) != CONNECTION_OK) return connectionLost(state_, "COMMIT");
    PGresult* result = PQexec(state_.connection, "COMMIT");
    const ExecStatusType status = PQresultStatus(result);
    Status outcome;
    if (status != PGRES_COMMAND_OK) {
      outcome = resultError(state_, result, "COMMIT");
    } else if (std::strcmp(PQcmdStatus(result), "ROLLBACK") == 0) {
      // COMMIT of a transaction that an earlier statement aborted: PostgreSQL rolls back.
      outcome = makeError(ErrorCode::Internal, "COMMIT: the transaction was rolled back after an earlier error");
    }
    PQclear(result);
    // Committed, or (server gone, error) over: a failed COMMIT is followed by rollback().
    if (outcome) state_.inTransaction = false;
    return outcome;
  }

  Result<std::string> passwordVerifier(const std::string& user, const std::string& password) override {
    char* verifier = PQencryptPasswordConn(state_.connection, password.c_str(), user.c_str(), nullptr);
    if (!verifier) return makeError(ErrorCode::Internal, "cannot encrypt the password: " + trimmed(PQerrorMessage(state_.connection)));
    std::string out = verifier;
    PQfreemem(verifier);
    return out;
  }

  Result<bool> pollChanges() override {
    if (!listening_) {
      if (auto ok = execute(std::string("LISTEN ") + kChangesChannel); !ok) return tl::unexpected(ok.error());
      listening_ = true;
      listenGeneration_ = state_.generation;
      return false;
    }
    if (PQstatus(state_.connection) != CONNECTION_OK || listenGeneration_ != state_.generation) {
      // A new session listens anew; what happened meanwhile is unknown: report a change.
      if (auto ok = execute(std::string("LISTEN ") + kChangesChannel); !ok) return tl::unexpected(ok.error());
      listenGeneration_ = state_.generation;
      return true;
    }
    if (PQconsumeInput(state_.connection) == 0) return connectionLost(state_, "watching for changes");
    bool changed = false;
    while (PGnotify* notice = PQnotifies(state_.connection)) {
      changed = true;
      PQfreemem(notice);
    }
    return changed;
  }

  void rollback() override {
    state_.inTransaction = false;
    if (PQstatus(state_.connection) != CONNECTION_OK) return;
    if (PQtransactionStatus(state_.connection) == PQTRANS_IDLE) return;
    PQclear(PQexec(state_.connection, "ROLLBACK"));
  }

 private:
  PgState state_;
  bool listening_ = false;
  int listenGeneration_ = 0;
};

}  // namespace

Result<std::unique_ptr<ConnectionBackend>> openPostgres(const std::string& url, const ConnectionParams& params) {
  const std::string timeout = std::to_string(params.connectTimeoutSeconds);
  const char* keywords[] = {"dbname", "connect_timeout", "fallback_application_name", "client_encoding", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), "ugccap", "UTF8", nullptr};
  // expand_dbname: the URL's own settings (including its connect_timeout) win over ours.
  PGconn* raw = PQconnectdbParams(keywords, values, 1);
  const std::string location = redactedUrl(url);
  if (!raw) return makeError(ErrorCode::Internal, "out of memory connecting to " + location);
  auto connection = std::make_unique<PgConnection>(raw, location);
  if (PQstatus(raw) != CONNECTION_OK) {
    const std::string detail = trimmed(PQerrorMessage(raw));
    if (detail.find("password authentication failed") != std::string::npos ||
        detail.find("no password supplied") != std::string::npos ||
        detail.find("authentication failed") != std::string::npos) {
      return makeError(ErrorCode::PermissionDenied,
                       "cannot log in to " + location + ": " + detail +
                           " (the password comes from PGPASSWORD or ~/.pgpass; ugccap never stores it)");
    }
    if (detail.find("does not exist") != std::string::npos && detail.find("database") != std::string::npos) {
      return makeError(ErrorCode::NotFound, "no project database at " + location + ": " + detail);
    }
    return makeError(ErrorCode::Io, "cannot reach the PostgreSQL server at " + location + ": " + detail);
  }
  PQsetNoticeProcessor(raw, quietNotices, nullptr);
  connection->state().busyTimeoutMs = params.busyTimeoutMs;
  if (auto ok = setLockTimeout(connection->state()); !ok) return tl::unexpected(ok.error());
  return std::unique_ptr<ConnectionBackend>(std::move(connection));
}

}  // namespace ugc::db::backend

namespace ugc::db {
namespace {

Result<std::string> databaseNameOf(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    std::string detail = error ? error : "cannot parse";
    PQfreemem(error);
    return makeError(ErrorCode::InvalidArgument, "not a PostgreSQL URL: " + redactedUrl(url) + ": " + detail);
  }
  std::string name;
  for (PQconninfoOption* option = options; option->keyword; ++option) {
    if (std::strcmp(option->keyword, "dbname") == 0 && option->val) name = option->val;
  }
  PQconninfoFree(options);
  if (name.empty()) return makeError(ErrorCode::InvalidArgument, redactedUrl(url) + " names no database");
  return name;
}

// Runs one statement on the server's maintenance database with the URL's login.
Status onMaintenanceDatabase(const std::string& url, const std::string& sql) {
  const char* keywords[] = {"dbname", "dbname", "connect_timeout", "fallback_application_name", nullptr};
  const char* values[] = {url.c_str(), "postgres", "10", "ugccap", nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, 1);
  const std::string where = redactedUrl(url);
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string detail = connection ? PQerrorMessage(connection) : "out of memory";
    PQfinish(connection);
    return makeError(ErrorCode::Io, "cannot reach the PostgreSQL server of " + where + ": " + detail);
  }
  PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
  PGresult* result = PQexec(connection, sql.c_str());
  Status outcome;
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string detail = PQresultErrorMessage(result);
    outcome = makeError(state && std::strcmp(state, "42501") == 0 ? ErrorCode::PermissionDenied : ErrorCode::Internal,
                        sql + " on " + where + ": " + detail);
  }
  PQclear(result);
  PQfinish(connection);
  return outcome;
}


}  // namespace

Status createPostgresDatabase(const std::string& url) {
  auto name = databaseNameOf(url);
  if (!name) return tl::unexpected(name.error());
  // UTF-8 and byte-order collation whatever the server's defaults: exports sort like SQLite's.
  return onMaintenanceDatabase(url, "CREATE DATABASE " + quotedSqlIdentifier(*name) +
                                        " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
}

Status dropPostgresDatabase(const std::string& url) {
  auto name = databaseNameOf(url);
  if (!name) return tl::unexpected(name.error());
  return onMaintenanceDatabase(url, "DROP DATABASE IF EXISTS " + quotedSqlIdentifier(*name) + " WITH (FORCE)");
}

}  // namespace ugc::db
