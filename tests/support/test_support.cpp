#include "support/test_support.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include "core/subprocess.h"

namespace fs = std::filesystem;

namespace ugc::test {

TempDir::TempDir() {
  std::random_device device;
  const auto base = fs::temp_directory_path() / "ugccap-tests";
  fs::create_directories(base);
  for (;;) {
    path_ = base / ("t" + std::to_string(::getpid()) + "-" + std::to_string(device()));
    if (fs::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path sharedDataDir() {
  fs::path dir = fs::path(UGC_SHARED_DIR) / "ugc-videocap";
  return fs::exists(dir) ? fs::canonical(dir) : fs::path();
}

fs::path releaseDevDir() {
  auto shared = sharedDataDir();
  return shared.empty() ? fs::path() : shared / "release-dev";
}

void runFfmpeg(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-y"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = runProcess(argv);
  ASSERT_TRUE(result.has_value()) << result.error().describe();
  ASSERT_EQ(result->exitCode, 0) << result->standardError;
}

fs::path sharedDemoCorpus() {
  const fs::path dir = fs::path(UGC_TEST_BINARY_DIR) / "demo-corpus";
  // ctest runs tests in parallel processes: one generates, the others wait on the lock.
  const fs::path lockPath = fs::path(UGC_TEST_BINARY_DIR) / "demo-corpus.lock";
  int lock = ::open(lockPath.c_str(), O_CREAT | O_RDWR, 0644);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  // The CLI generates it (and keeps clips that already exist for the same seed).
  auto result = runProcess({UGC_CLI_PATH, "--quiet", "demo-corpus", dir.string()});
  EXPECT_TRUE(result.has_value() && result->exitCode == 0)
      << (result ? result->standardError : result.error().describe());
  if (lock >= 0) ::close(lock);
  return dir;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace ugc::test
