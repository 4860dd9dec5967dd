#include "pipeline/audio_models.h"

#include <system_error>

#include "model/audio/voice_activity.h"
#include "model/pretrained_models.h"
#include "pipeline/resource_paths.h"

namespace ugc::pipeline {

model::ExtractOptions withDefaultAudioModels(model::ExtractOptions options) {
  if (options.audioEventsModel.empty())
    if (auto dir = findResource(kDefaultAudioEventsName)) {
      std::error_code ec;
      if (std::filesystem::exists(*dir / "weights.pt", ec)) options.audioEventsModel = *dir;
    }
  // Silero VAD from the models cache. Not installed: no VAD (the signal says how to install it).
  // Present but its sha256 is not the pin's (damaged, replaced): the file is still given, so a
  // truncated or foreign file fails extraction with a clear error instead of silently dropping
  // the VAD (a same-shaped file runs, and voice_activity.method shows its sha256).
  if (options.voiceActivityModel.empty()) {
    auto vad = model::findPretrainedFile(model::kSileroVadModel, model::kSileroVadFile);
    if (vad)
      options.voiceActivityModel = *vad;
    else if (vad.error().code == ErrorCode::InvalidInput)
      options.voiceActivityModel = model::modelsCacheDir() / model::kSileroVadModel / model::kSileroVadFile;
  }
  return options;
}

}  // namespace ugc::pipeline
