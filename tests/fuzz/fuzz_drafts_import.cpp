// The drafts JSONL import on arbitrary bytes, into a project holding the videos "v1" and "v2".
#include <filesystem>

#include "db/project.h"
#include "db/project_import.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ugc;
  namespace fs = std::filesystem;
  const fs::path dir = fuzz::scratchDir() / "drafts";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto project = db::Project::create(dir / "p.ugcproj");
  if (!project) __builtin_trap();
  for (const char* id : {"v1", "v2"}) {
    db::NewVideo video;
    video.id = id;
    video.annotationOnly = true;
    video.origin = "fuzz";
    if (!project->addVideo(video)) __builtin_trap();
  }
  const fs::path file = fuzz::writeInput(dir / "drafts.jsonl", data, size);
  (void)db::importDrafts(*project, file, {}, {}, {});
  return 0;
}
