#pragma once
// Frame-level audio measurements shared by the audio-event, voice and loudness extractors.
// Input: 16 kHz mono float samples in [-1, 1]. One frame every 10 ms.

#include <cstdint>
#include <vector>

#include "core/progress.h"

namespace ugc::model {

constexpr int kAnalysisRate = 16000;
constexpr double kFrameHopSeconds = 0.01;

struct AudioAnalysisParams {
  double silenceDbfs = -50.0;      // frames quieter than this carry no pitch or peaks
  int steadyTrackFrames = 16;      // a spectral peak held this long at one frequency is a "note"
  double peakProminenceDb = 14.0;  // above the band's median level
};

struct AudioFrameFeatures {
  int frameCount = 0;
  std::vector<float> levelDb;         // RMS level over 25 ms, dBFS
  std::vector<float> f0;              // YIN fundamental, Hz; 0 when unvoiced
  std::vector<float> aperiodicity;    // YIN's normalised difference at the chosen lag
  std::vector<uint8_t> steadyTonal;   // inside a spectral peak held at one frequency (a note)
  std::vector<uint8_t> movingPitch;   // voiced with a gliding pitch (speech intonation)
  std::vector<uint8_t> glidingPeaks;  // spectral peaks 250..2500 Hz outside held notes (voice harmonics)
  std::vector<float> glidingF0;       // pitch from the gliding peaks alone (a voice over music), Hz or 0
};

// Empty features for empty input. Checks cancel between blocks; returns partial (empty) features
// when cancelled, so callers test the token afterwards.
AudioFrameFeatures analyseAudio(const std::vector<float>& samples, const AudioAnalysisParams& params,
                                const CancelToken& cancel);

// YIN over one window of 8 kHz samples; returns {f0 Hz or 0, aperiodicity}. Exposed for tests.
struct PitchEstimate {
  double f0 = 0;
  double aperiodicity = 1;
};
PitchEstimate yinPitch(const float* window, int length, int sampleRate, double minF0, double maxF0);

// In-place radix-2 FFT on interleaved complex data (re, im); size must be a power of two.
void fftInPlace(std::vector<double>& data, int size);

}  // namespace ugc::model
