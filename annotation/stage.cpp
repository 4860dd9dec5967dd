#include "annotation/stage.h"

namespace ugc::annotation {

std::string_view stageName(Stage stage) {
  switch (stage) {
    case Stage::Audio:
      return "audio";
    case Stage::Visual:
      return "visual";
    case Stage::Joint:
      return "joint";
  }
  return "unknown";
}

std::optional<Stage> parseStage(std::string_view name) {
  for (Stage stage : kAllStages) {
    if (stageName(stage) == name) return stage;
  }
  return std::nullopt;
}

}  // namespace ugc::annotation
