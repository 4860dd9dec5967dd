#pragma once
// Pages of the project's videos with the state of each stage, for the studio's queue
// (100,000 videos open in under a second: it asks for one page at a time).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "annotation/stage.h"
#include "annotation/workflow.h"
#include "core/error.h"
#include "db/project.h"

namespace ugc::db {

struct VideoListFilter {
  std::string idContains;                    // substring of the video id; empty: any
  std::optional<annotation::Stage> stage;    // the stage the two filters below look at
  std::optional<annotation::TaskState> state;
  std::optional<std::string> assignee;       // "" = unassigned
};

struct StageCell {
  annotation::TaskState state = annotation::TaskState::NotStarted;
  std::string assignee;
};

struct VideoListRow {
  std::string videoId;
  int64_t position = 0;
  std::string mediaPath;
  bool annotationOnly = false;
  std::string probeJson;
  std::array<StageCell, 3> stages;  // audio, visual, joint
};

Result<int64_t> countVideos(Project& project, const VideoListFilter& filter);
// Rows in arrival order, `limit` of them starting at `offset`.
Result<std::vector<VideoListRow>> listVideos(Project& project, const VideoListFilter& filter, int64_t offset,
                                             int64_t limit);

}  // namespace ugc::db
