#pragma once
// A log-mel spectrogram drawn as an RGB picture for the GUI: time left to right, low
// frequencies at the bottom, a perceptually ordered dark-to-bright colour map.

#include "core/log_mel.h"
#include "core/media_types.h"

namespace ugc::media {

struct SpectrogramImageParams {
  int width = 0;   // 0: one column per frame
  int height = 0;  // 0: one row per mel bin
  // Values span `range` below the spectrogram's maximum (Whisper's clamp makes it 2.0 after scaling).
  float range = 2.0f;
};

// Columns that cover several frames show their loudest frame, so short events stay visible.
RgbImage renderSpectrogram(const LogMel& mel, const SpectrogramImageParams& params = {});

// The colour map alone: t in [0, 1] (clamped) to RGB.
void spectrogramColour(float t, uint8_t rgb[3]);

}  // namespace ugc::media
