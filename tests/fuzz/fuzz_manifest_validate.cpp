// `ugccap validate`'s reader on arbitrary bytes as an export's manifest.json (the rest of the
// export folder absent or as the manifest names it).
#include <filesystem>

#include "db/project_export.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  const fs::path dir = ugc::fuzz::scratchDir() / "export";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ugc::fuzz::writeInput(dir / "manifest.json", data, size);
  (void)ugc::db::validateExport(dir);
  return 0;
}
