#pragma once
// Log-mel spectrogram with Whisper's front end, so features match what Whisper-style
// models were trained on. Exactly (openai/whisper audio.py, log_mel_spectrogram):
//   - input: mono float32 at 16 kHz;
//   - STFT: n_fft 400 (25 ms), hop 160 (10 ms), periodic Hann window of 400, centred frames
//     (the signal is reflect-padded by 200 samples at both ends), power |X|^2 of bins 0..200;
//     the last STFT frame is dropped, so a signal of L samples gives L / 160 frames (floor);
//   - 80 mel filters: librosa.filters.mel(sr=16000, n_fft=400, n_mels=80), i.e. the Slaney
//     mel scale (linear below 1 kHz, logarithmic above) with Slaney area normalisation
//     (each triangle scaled by 2 / (f_high - f_low)), 0 Hz to 8 kHz;
//   - log10(max(mel, 1e-10)), then clamped from below at (global maximum - 8),
//     then (x + 4) / 4.
// The global maximum makes the last two steps depend on the whole clip, so the values
// are final only after finish().

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace ugc::media {

inline constexpr int kMelSampleRate = 16000;
inline constexpr int kMelFftSize = 400;
inline constexpr int kMelHop = 160;
inline constexpr int kMelBins = 80;

struct LogMel {
  int bins = kMelBins;
  int frames = 0;
  std::vector<float> values;  // bins x frames, row-major (bin b, frame t at b * frames + t), like Whisper's (80, T)
  float at(int bin, int frame) const { return values[size_t(bin) * size_t(frames) + size_t(frame)]; }
};

// The Slaney-normalised triangular filters, bins x (nFft / 2 + 1), row-major.
std::vector<float> slaneyMelFilters(int sampleRate, int nFft, int bins);

// Feeds audio in pieces of any size; memory holds the spectrogram plus one window.
class LogMelStream {
 public:
  LogMelStream();
  ~LogMelStream();
  LogMelStream(const LogMelStream&) = delete;
  LogMelStream& operator=(const LogMelStream&) = delete;

  void push(const float* samples, size_t count);
  // Pads the end, computes the last frames and applies Whisper's normalisation.
  LogMel finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole signal at once.
LogMel computeLogMel(const std::vector<float>& samples);

}  // namespace ugc::media
