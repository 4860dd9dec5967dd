#include "pipeline/audio_models.h"

#include <system_error>

#include "pipeline/resource_paths.h"

namespace ugc::pipeline {

model::ExtractOptions withDefaultAudioModels(model::ExtractOptions options) {
  if (options.audioEventsModel.empty())
    if (auto dir = findResource(kDefaultAudioEventsName)) {
      std::error_code ec;
      if (std::filesystem::exists(*dir / "weights.pt", ec)) options.audioEventsModel = *dir;
    }
  return options;
}

}  // namespace ugc::pipeline
