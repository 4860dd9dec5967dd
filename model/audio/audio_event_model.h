#pragma once
// The learned audio-event classifier: per 0.5 s block of a clip, the probabilities that it
// holds speech, music, other sounds (effects, noise events) and that it is silent. Multi-label
// (speech over music is both), trained by the project on mixtures of real recordings that
// Debian packages ship (see audio_event_mixtures.h and docs/extractors.md).
//
// Input: 16 kHz mono samples. The clip is cut into 10 s pieces (the length of the training
// mixtures) and each piece goes through core's Whisper log-mel, so the features' per-clip
// normalisation matches training whatever the clip's length. Each block is judged on a 1 s
// window centred on it.
//
// A model folder holds weights.pt (torch archive), config.json and card.json. Torch stays in
// audio_event_network.cpp; this header is plain C++.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::model {

enum class AudioEventClass { Speech = 0, Music = 1, Other = 2, Silence = 3 };
inline constexpr int kAudioEventClasses = 4;
const char* audioEventClassName(AudioEventClass c);  // "speech", "music", "other", "silence"

inline constexpr double kAudioEventHopSeconds = 0.5;    // one prediction per block
inline constexpr double kAudioEventPieceSeconds = 10.0;  // log-mel normalisation unit
inline constexpr int kAudioEventWindowFrames = 100;      // 1 s of log-mel frames per block

struct AudioEventNetConfig {
  std::array<int, 3> channels{16, 32, 48};  // a 2x2 average pool, then three conv + pool stages
  int hidden = 64;
  static AudioEventNetConfig defaultConfig() { return {}; }
  static AudioEventNetConfig tinyConfig() { return {{4, 8, 8}, 8}; }
};

struct AudioEventFrames {
  double hopSeconds = kAudioEventHopSeconds;
  // One row per block: probability of each AudioEventClass (independent sigmoids).
  std::vector<std::array<float, kAudioEventClasses>> probabilities;
  double seconds = 0;  // audio length
};

struct AudioEventExample;
struct AudioEventTrainParams;
struct AudioEventTrainReport;

class AudioEventClassifier {
 public:
  // A fresh, randomly initialised network (for training and tests).
  static Result<AudioEventClassifier> create(const AudioEventNetConfig& config, uint64_t seed);
  // Loads a model folder. NotFound: folder or weights missing (the message says which file and
  // how to get it); InvalidInput: a corrupt or mismatched weights file or config.
  static Result<AudioEventClassifier> load(const std::filesystem::path& folder);

  AudioEventClassifier(AudioEventClassifier&&) noexcept;
  AudioEventClassifier& operator=(AudioEventClassifier&&) noexcept;
  ~AudioEventClassifier();

  // Probabilities per 0.5 s block of 16 kHz mono samples. Empty input gives no blocks; a clip
  // shorter than a block gives one. Cancelled between pieces.
  Result<AudioEventFrames> classify(const std::vector<float>& samples, const CancelToken& cancel = {}) const;

  Status save(const std::filesystem::path& folder, const std::string& cardJson) const;
  const AudioEventNetConfig& config() const;
  int64_t parameterCount() const;
  std::string weightsSha256() const;  // of the loaded weights file; empty for a fresh network

  struct Impl;

 private:
  friend Result<AudioEventTrainReport> trainAudioEventClassifier(AudioEventClassifier&,
                                                                 const std::vector<AudioEventExample>&,
                                                                 const std::vector<AudioEventExample>&,
                                                                 const AudioEventTrainParams&, const ProgressSink&,
                                                                 const CancelToken&);
  explicit AudioEventClassifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- Training -----------------------------------------------------------------------------

// One training example: the log-mel window of one block and its multi-hot labels.
struct AudioEventExample {
  std::vector<float> window;  // 80 x kAudioEventWindowFrames, bin-major
  std::array<uint8_t, kAudioEventClasses> labels{};
};

// Cuts a clip's log-mel (one 10 s piece; values as core::computeLogMel gives) into block windows.
std::vector<std::vector<float>> audioEventWindows(const std::vector<float>& logMelBinMajor, int frames);

struct AudioEventTrainParams {
  AudioEventNetConfig config = AudioEventNetConfig::defaultConfig();
  int steps = 3000;
  int batchSize = 64;
  double learningRate = 2e-3;  // Adam, cosine decay to 10 % at `steps`
  uint64_t seed = 1;
  // One: two OpenMP threads on a loaded 2-core machine spin at every barrier (20x slower measured).
  int threads = 1;
  int evalEvery = 250;
  double maxMinutes = 0;  // 0: no limit
  static AudioEventTrainParams defaultParams() { return {}; }
};

struct AudioEventLossPoint {
  int step = 0;
  double trainLoss = 0;    // mean binary cross-entropy since the previous point
  double heldOutLoss = -1;  // negative without held-out examples
  double seconds = 0;
};

struct AudioEventTrainReport {
  int steps = 0;
  double seconds = 0;
  int64_t parameters = 0;
  bool stoppedByTime = false;
  std::vector<AudioEventLossPoint> curve;
};

// Trains `classifier` in place. Cancelled: ErrorCode::Cancelled (the network keeps what it learnt).
Result<AudioEventTrainReport> trainAudioEventClassifier(AudioEventClassifier& classifier,
                                                        const std::vector<AudioEventExample>& train,
                                                        const std::vector<AudioEventExample>& heldOut,
                                                        const AudioEventTrainParams& params,
                                                        const ProgressSink& progress, const CancelToken& cancel);

}  // namespace ugc::model
