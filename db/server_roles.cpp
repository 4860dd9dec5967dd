// Team mode: PostgreSQL logins and the project's group roles (schema version 3 enforces them).
#include "db/project.h"
#include "db/store_internal.h"

namespace ugc::db {
namespace {

std::string identifier(const std::string& name) { return quotedSqlIdentifier(name); }

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + '\'';
}

const char* groupKind(annotation::Role role) {
  switch (role) {
    case annotation::Role::Annotator: return "annotator";
    case annotation::Role::Reviewer: return "reviewer";
    case annotation::Role::Admin: return "admin";
  }
  return "annotator";
}

}  // namespace

Status Project::addServerLogin(const annotation::User& user, const std::string& password) {
  if (!isServerProject()) {
    return makeError(ErrorCode::Unsupported, "logins are for a server project; a project file has users only");
  }
  if (user.name.empty()) return makeError(ErrorCode::InvalidArgument, "a login needs a name");
  UGC_DB_ASSIGN(query, connection_.prepare("SELECT current_database()"));
  UGC_DB_ASSIGN(row, query.step());
  if (!row) return makeError(ErrorCode::Internal, "no current database");
  const std::string database = query.columnText(0);
  query.reset();
  // The three group roles of this project, with what the store needs; the schema's triggers
  // decide what each may change.
  std::string groups;
  for (const char* kind : {"annotator", "reviewer", "admin"}) {
    const std::string group = "ugc_" + database + "_" + kind;
    groups += "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + literal(group) + ") THEN CREATE ROLE " +
              identifier(group) + " NOLOGIN; END IF; ";
  }
  UGC_DB_TRY(connection_.execute("DO $ugc$ BEGIN " + groups + "END $ugc$"));
  for (const char* kind : {"annotator", "reviewer", "admin"}) {
    const std::string group = identifier("ugc_" + database + "_" + kind);
    UGC_DB_TRY(connection_.execute("GRANT CONNECT ON DATABASE " + identifier(database) + " TO " + group +
                                   "; GRANT USAGE ON SCHEMA public TO " + group +
                                   "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + group +
                                   "; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + group));
  }
  UGC_DB_ASSIGN(exists, connection_.queryInt("SELECT COUNT(*) FROM pg_roles WHERE rolname = " + literal(user.name)));
  if (exists == 0) {
    if (password.empty()) {
      return makeError(ErrorCode::InvalidArgument, "the login " + user.name + " does not exist yet: it needs a password");
    }
    UGC_DB_ASSIGN(verifier, connection_.passwordVerifier(user.name, password));
    UGC_DB_TRY(connection_.execute("CREATE ROLE " + identifier(user.name) + " LOGIN PASSWORD " + literal(verifier)));
  }
  UGC_DB_TRY(connection_.execute("GRANT " + identifier("ugc_" + database + "_" + groupKind(user.role)) + " TO " +
                                 identifier(user.name)));
  UGC_DB_ASSIGN(known, findUser(user.name));
  if (!known) return addUser(user);
  return {};
}

}  // namespace ugc::db
