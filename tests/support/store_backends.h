#pragma once
// The store suite runs once per backend: an SQLite file and a database on the throw-away
// PostgreSQL server that the ctest fixture `postgres` starts (tests/support/postgres-cluster).
// Header-only: only test executables that link ugc_db include it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "db/connection.h"
#include "support/test_support.h"

namespace ugc::test {

enum class StoreBackend { Sqlite, Postgres };

inline std::string storeBackendName(const testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::Sqlite ? "Sqlite" : "Postgres";
}

// The test server's admin URL without a database ("postgresql://user:pw@127.0.0.1:port"), or
// nullopt with the reason. UGC_TEST_POSTGRES_URL overrides the fixture's file.
inline std::optional<std::string> postgresServerUrl(std::string* whyNot = nullptr) {
  if (const char* url = std::getenv("UGC_TEST_POSTGRES_URL"); url && *url) return std::string(url);
  const std::filesystem::path file = std::filesystem::path(UGC_TEST_BINARY_DIR) / "postgres" / "url";
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    if (whyNot) *whyNot = "the ctest fixture did not start a server (" + file.string() + " is missing): run the "
                          "test through ctest, or set UGC_TEST_POSTGRES_URL";
    return std::nullopt;
  }
  if (line.starts_with("absent:")) {
    if (whyNot) *whyNot = line;
    return std::nullopt;
  }
  return line;
}

// Skips the running test, loudly, when it needs PostgreSQL and the server binaries are absent.
// A missing fixture file (the server failed to start) is a failure, not a skip.
#define UGC_REQUIRE_STORE_BACKEND(backend)                                                          \
  do {                                                                                              \
    if ((backend) == ::ugc::test::StoreBackend::Postgres) {                                        \
      std::string whyNot_;                                                                          \
      if (!::ugc::test::postgresServerUrl(&whyNot_)) {                                             \
        if (whyNot_.starts_with("absent:")) GTEST_SKIP() << "SKIPPING the PostgreSQL run: " << whyNot_; \
        FAIL() << "no PostgreSQL test server: " << whyNot_;                                         \
      }                                                                                             \
    }                                                                                               \
  } while (0)

// The store suite's fixture: a test of a subclass runs once per backend (UGC_STORE_SUITE below).
class OnEachStoreBackend : public testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override { UGC_REQUIRE_STORE_BACKEND(GetParam()); }
};

// Declares the fixture `name` and runs its TEST_P cases on an SQLite file and on PostgreSQL.
#define UGC_STORE_SUITE(name)                                                                    \
  class name : public ::ugc::test::OnEachStoreBackend {};                                       \
  INSTANTIATE_TEST_SUITE_P(Store, name,                                                          \
                           testing::Values(::ugc::test::StoreBackend::Sqlite,                    \
                                           ::ugc::test::StoreBackend::Postgres),                 \
                           ::ugc::test::storeBackendName)

// Where a test's project lives: a file in `dir`, or a fresh database on the test server (dropped
// at destruction). For a server project the media root is `dir` (UGC_MEDIA_ROOT), like a file
// project's folder.
class ProjectLocation {
 public:
  ProjectLocation(StoreBackend backend, const TempDir& dir, const std::string& name = "p")
      : backend_(backend) {
    if (backend == StoreBackend::Sqlite) {
      location_ = dir / (name + ".ugcproj");
      return;
    }
    static std::atomic<int> counter{0};
    auto server = postgresServerUrl();
    if (!server) return;
    url_ = *server + "/ugc_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" + name;
    location_ = url_;
    ::setenv("UGC_MEDIA_ROOT", dir.path().c_str(), 1);
  }
  ~ProjectLocation() {
    if (!url_.empty()) (void)db::dropPostgresDatabase(url_);
  }
  ProjectLocation(const ProjectLocation&) = delete;
  ProjectLocation& operator=(const ProjectLocation&) = delete;

  const std::filesystem::path& path() const { return location_; }
  operator const std::filesystem::path&() const { return location_; }
  bool isServer() const { return backend_ == StoreBackend::Postgres; }

 private:
  StoreBackend backend_;
  std::filesystem::path location_;
  std::string url_;
};

}  // namespace ugc::test
