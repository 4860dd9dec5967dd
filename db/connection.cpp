#include "db/connection.h"

#include "db/backend.h"

#include <algorithm>

namespace ugc::db {
namespace {

tl::unexpected<Error> wrongThreadError(const std::string& location) {
  return makeError(ErrorCode::Internal, "the connection to " + location +
                                            " was used on a thread that did not open it (one connection per thread)");
}

}  // namespace

bool isPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redactedUrl(std::string_view url) {
  // scheme://user:password@host/... -> scheme://user@host/...
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t authorityStart = scheme + 3;
  const size_t authorityEnd = url.find_first_of("/?", authorityStart);
  const std::string_view authority =
      url.substr(authorityStart, authorityEnd == std::string_view::npos ? std::string_view::npos
                                                                        : authorityEnd - authorityStart);
  const size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const size_t colon = authority.find(':');
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  std::string out(url.substr(0, authorityStart));
  out += authority.substr(0, colon);
  out += authority.substr(at);
  if (authorityEnd != std::string_view::npos) out += url.substr(authorityEnd);
  return out;
}

std::string quotedSqlIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

namespace backend {

std::string numberPlaceholders(std::string_view sql, int* count, std::vector<bool>* used) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  int highest = 0;
  std::vector<bool> seen;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      int number = 0;
      size_t digits = i + 1;
      while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') number = number * 10 + (sql[digits++] - '0');
      if (digits == i + 1) number = ++next;  // plain "?": the next number
      i = digits - 1;
      highest = std::max(highest, number);
      if (int(seen.size()) < number) seen.resize(size_t(number), false);
      seen[size_t(number - 1)] = true;
      out += '$';
      out += std::to_string(number);
    } else {
      out += c;
    }
  }
  if (count) *count = highest;
  if (used) *used = std::move(seen);
  return out;
}

}  // namespace backend

// --- Statement ---------------------------------------------------------------------------

Statement::Statement() = default;
Statement::Statement(std::unique_ptr<backend::StatementBackend> impl, std::thread::id owner, std::string location)
    : impl_(std::move(impl)), owner_(owner), location_(std::move(location)) {}
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::bind(int index, int64_t value) {
  impl_->bindInt(index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  impl_->bindDouble(index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  impl_->bindText(index, value);
  return *this;
}
Statement& Statement::bind(int index, std::nullopt_t) {
  impl_->bindNull(index);
  return *this;
}

Result<bool> Statement::step() {
  if (std::this_thread::get_id() != owner_) return wrongThreadError(location_);
  return impl_->step();
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

Result<int64_t> Statement::runReturningInt() {
  auto row = step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) {
    reset();
    return makeError(ErrorCode::Internal, "the statement returned no row");
  }
  const int64_t value = columnInt(0);
  if (auto done = run(); !done) return tl::unexpected(done.error());
  return value;
}

void Statement::reset() { impl_->reset(); }

bool Statement::isNull(int column) const { return impl_->isNull(column); }
int64_t Statement::columnInt(int column) const { return impl_->columnInt(column); }
double Statement::columnDouble(int column) const { return impl_->columnDouble(column); }
std::string_view Statement::columnTextView(int column) const { return impl_->columnTextView(column); }
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

// --- Connection --------------------------------------------------------------------------

Connection::Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() {
  cache_.clear();  // statements first, then the connection they belong to
}

Result<Connection> Connection::open(const std::filesystem::path& path, OpenMode mode, const ConnectionParams& params) {
  auto impl = backend::openSqlite(path, mode, params);
  if (!impl) return tl::unexpected(impl.error());
  Connection connection;
  connection.impl_ = std::move(*impl);
  connection.path_ = path;
  connection.owner_ = std::this_thread::get_id();
  connection.busyTimeoutMs_ = params.busyTimeoutMs;
  return connection;
}

Result<Connection> Connection::openPostgres(const std::string& url, const ConnectionParams& params) {
  auto impl = backend::openPostgres(url, params);
  if (!impl) return tl::unexpected(impl.error());
  Connection connection;
  connection.impl_ = std::move(*impl);
  connection.path_ = redactedUrl(url);
  connection.owner_ = std::this_thread::get_id();
  connection.busyTimeoutMs_ = params.busyTimeoutMs;
  return connection;
}

Dialect Connection::dialect() const { return impl_->dialect(); }

Status Connection::checkThread() const {
  if (std::this_thread::get_id() != owner_) return wrongThreadError(path_.string());
  return {};
}

void Connection::moveToCurrentThread() {
  owner_ = std::this_thread::get_id();
  for (auto& [sql, entry] : cache_) entry->statement.owner_ = owner_;
}

int Connection::activeStatementCount() const { return impl_->activeStatementCount(); }

Status Connection::execute(std::string_view sql) {
  if (auto ok = checkThread(); !ok) return ok;
  return impl_->execute(sql);
}

Result<Statement> Connection::prepare(std::string_view sql) {
  if (auto ok = checkThread(); !ok) return tl::unexpected(ok.error());
  auto statement = impl_->prepare(sql, false);
  if (!statement) return tl::unexpected(statement.error());
  return Statement(std::move(*statement), owner_, path_.string());
}

Result<CachedStatement> Connection::cached(const std::string& sql) {
  if (auto ok = checkThread(); !ok) return tl::unexpected(ok.error());
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    auto statement = impl_->prepare(sql, true);
    if (!statement) return tl::unexpected(statement.error());
    auto entry = std::make_unique<CacheEntry>();
    entry->statement = Statement(std::move(*statement), owner_, path_.string());
    found = cache_.emplace(sql, std::move(entry)).first;
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
  const int64_t value = *row ? statement->columnInt(0) : 0;
  statement->reset();
  return value;
}

int Connection::setBusyTimeoutMs(int milliseconds) {
  const int previous = busyTimeoutMs_;
  impl_->setBusyTimeoutMs(milliseconds);
  busyTimeoutMs_ = milliseconds;
  return previous;
}

int Connection::changes() const { return impl_->changes(); }
std::string Connection::lastErrorMessage() const { return impl_->lastErrorMessage(); }

Status Connection::backupTo(const std::filesystem::path& target) {
  if (auto ok = checkThread(); !ok) return ok;
  return impl_->backupTo(target);
}

Result<std::string> Connection::passwordVerifier(const std::string& user, const std::string& password) {
  if (auto ok = checkThread(); !ok) return tl::unexpected(ok.error());
  return impl_->passwordVerifier(user, password);
}

Result<bool> Connection::pollChanges() {
  if (auto ok = checkThread(); !ok) return tl::unexpected(ok.error());
  return impl_->pollChanges();
}

Status Connection::beginTransaction(TransactionKind kind) {
  if (auto ok = checkThread(); !ok) return ok;
  return impl_->begin(kind);
}
Status Connection::commitTransaction() {
  if (auto ok = checkThread(); !ok) return ok;
  return impl_->commit();
}
void Connection::rollbackTransaction() {
  if (checkThread()) impl_->rollback();
}

// --- Transaction -------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Connection& connection, TransactionKind kind) {
  Transaction transaction(connection);
  if (auto begun = connection.beginTransaction(kind); !begun) return tl::unexpected(begun.error());
  transaction.open_ = true;
  return transaction;
}

Transaction::Transaction(Transaction&& other) noexcept : connection_(other.connection_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (open_) connection_->rollbackTransaction();
}

Status Transaction::commit() {
  if (!open_) return makeError(ErrorCode::Internal, "transaction already finished");
  if (auto ok = connection_->commitTransaction(); !ok) return ok;
  open_ = false;
  return {};
}

}  // namespace ugc::db
