#pragma once
// Shared helpers for the test executables: temporary folders, the shared data, media synthesis.

#include <filesystem>
#include <string>
#include <vector>

namespace ugc::test {

// A fresh folder removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// ../shared/ugc-videocap (read-only); empty path when absent.
std::filesystem::path sharedDataDir();
std::filesystem::path releaseDevDir();

// Runs ffmpeg with the given arguments (after -y -loglevel error); fails the test on error.
void runFfmpeg(const std::vector<std::string>& args);

// The demo corpus generated once per build tree (build/tests/demo-corpus) and reused.
std::filesystem::path sharedDemoCorpus();

std::string readFile(const std::filesystem::path& path);

}  // namespace ugc::test
