// A helper process for the concurrency and crash tests: saves revisions to a shared project
// (or exports it in a loop) and acknowledges each committed save on an append-only file.
//   ugc_db_stress_writer save <project> <worker> <seconds> <ack-file>
//   ugc_db_stress_writer export <project> <out-dir> <seconds>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "db/project.h"
#include "db/project_export.h"

using namespace ugc;

int main(int argc, char** argv) {
  if (argc < 5) return 64;
  const std::string mode = argv[1];
  auto project = db::Project::open(argv[2]);
  if (!project) {
    std::fprintf(stderr, "open: %s\n", project.error().describe().c_str());
    return 3;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(int(std::stod(argv[4]) * 1000));
  if (mode == "export") {
    db::ExportParams params;
    params.format = db::ExportFormat::Jsonl;
    while (std::chrono::steady_clock::now() < deadline) {
      auto result = db::exportProject(*project, argv[3], params, {}, {});
      if (!result) {
        std::fprintf(stderr, "export: %s\n", result.error().describe().c_str());
        return 3;
      }
    }
    return 0;
  }
  if (argc < 6) return 64;
  const std::string worker = argv[3];
  const int ack = ::open(argv[5], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (ack < 0) return 4;
  for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
    const std::string video = "v" + std::to_string(i % 4);
    auto head = project->stageStatus(video, annotation::Stage::Audio);
    if (!head) {
      std::fprintf(stderr, "status: %s\n", head.error().describe().c_str());
      return 3;
    }
    db::SaveRevisionRequest request;
    request.videoId = video;
    request.stage = annotation::Stage::Audio;
    request.baseRevisionId = head->headRevisionId;
    request.caption = "worker " + worker + " save " + std::to_string(i);
    request.author = "w" + worker;
    auto saved = project->saveRevision(request);
    if (!saved) {
      if (saved.error().code == ErrorCode::Conflict &&
          saved.error().message.find("someone else") != std::string::npos) {
        continue;  // the optimistic check did its job; reload and try again
      }
      std::fprintf(stderr, "save: %s\n", saved.error().describe().c_str());
      return 3;
    }
    const std::string line = std::to_string(saved->id) + "\t" + saved->caption + "\n";
    if (::write(ack, line.data(), line.size()) != ssize_t(line.size())) return 4;
  }
  ::close(ack);
  return 0;
}
