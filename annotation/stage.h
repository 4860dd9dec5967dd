#pragma once
// The three captioning stages of the UGC-VideoCap pipeline.

#include <optional>
#include <string_view>

namespace ugc::annotation {

enum class Stage {
  Audio,   // the annotator hears, does not see
  Visual,  // the annotator sees, does not hear
  Joint,   // sees and hears; fuses both captions
};

inline constexpr Stage kAllStages[] = {Stage::Audio, Stage::Visual, Stage::Joint};

// "audio", "visual", "joint": the names used in files and on the command line.
std::string_view stageName(Stage stage);
std::optional<Stage> parseStage(std::string_view name);

}  // namespace ugc::annotation
