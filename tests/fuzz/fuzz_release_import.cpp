// The whole release import (validation, SQLite writes) on arbitrary bytes as one release file
// (the first byte picks which), into a fresh project each time.
#include <filesystem>
#include <iterator>
#include <string>

#include "annotation/release_fields.h"
#include "db/project.h"
#include "db/project_import.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ugc;
  namespace fs = std::filesystem;
  if (size < 1) return 0;
  const auto type = annotation::kAllQaTypes[data[0] % std::size(annotation::kAllQaTypes)];
  const fs::path dir = fuzz::scratchDir() / "release";
  fs::remove_all(dir);
  fs::create_directories(dir / "release-dev");
  fuzz::writeInput(dir / "release-dev" / std::string(annotation::releaseFileName(type)), data + 1, size - 1);
  auto project = db::Project::create(dir / "p.ugcproj");
  if (!project) __builtin_trap();  // a fresh project must always open
  (void)db::importRelease(*project, dir / "release-dev", {}, {}, {});
  return 0;
}
