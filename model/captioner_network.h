#pragma once
// Internal to model/: the captioner's neural network behind a plain-typed interface, so only
// captioner_network.cpp compiles LibTorch. Captioner (inference) and the trainer drive it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/captioner.h"

namespace ugc::model {

// Text-input segments (one learned embedding each).
enum class Segment : int {
  AudioField = 0,
  VisualField = 1,
  Ocr = 2,
  AudioEvent = 3,
  SceneChange = 4,
  AudioCaption = 5,
  VisualCaption = 6,
};
inline constexpr int kSegmentCount = 7;

// The masking rule in one place: which text segments a stage may read. Media follow the same rule
// (audio features: audio and joint stages; frames: visual and joint stages).
constexpr bool segmentAllowed(annotation::Stage stage, Segment segment) {
  switch (stage) {
    case annotation::Stage::Audio:
      return segment == Segment::AudioField || segment == Segment::AudioEvent;
    case annotation::Stage::Visual:
      return segment == Segment::VisualField || segment == Segment::Ocr || segment == Segment::SceneChange;
    case annotation::Stage::Joint:
      return true;
  }
  return false;
}
constexpr bool stageHears(annotation::Stage stage) { return stage != annotation::Stage::Visual; }
constexpr bool stageSees(annotation::Stage stage) { return stage != annotation::Stage::Audio; }

// One input after tokenisation and stage masking (see Captioner's buildStageView()).
struct EncodedSource {
  annotation::Stage stage = annotation::Stage::Joint;
  std::vector<int> tokens;    // text input; the copy mechanism points into these
  std::vector<int> segments;  // Segment per token
  std::optional<LogMelInput> logMel;
  std::optional<FrameInput> frames;
};

struct EncodedExample {
  EncodedSource source;
  std::vector<int> target;  // caption ids without BOS, EOS-terminated unless truncated
};

struct DecodeStep {
  std::vector<std::vector<float>> logProbs;  // per hypothesis, over the vocabulary
  std::vector<float> generationWeight;       // p_gen per hypothesis
};

// Incremental decoding of one source with N hypotheses sharing it (key/value caches per layer).
class DecoderSession {
 public:
  DecoderSession(DecoderSession&&) noexcept;
  DecoderSession& operator=(DecoderSession&&) noexcept;
  ~DecoderSession();
  // Feeds each hypothesis' latest token; parents[i] says which previous hypothesis row i extends
  // (the caches are reordered accordingly). The first call feeds the stage's BOS token.
  Result<DecodeStep> step(const std::vector<int>& tokens, const std::vector<int>& parents);

 private:
  friend class CaptionerNetwork;
  struct Impl;
  explicit DecoderSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct OptimizerParams {
  double learningRate = 1e-3;  // peak; the trainer passes the scheduled rate to trainStep()
  double beta1 = 0.9;
  double beta2 = 0.98;
  double weightDecay = 0.0;
};

struct BatchLoss {
  double loss = 0.0;        // mean NLL per target token
  int64_t tokens = 0;
  double gradientNorm = 0;  // before clipping (train steps only)
};

class CaptionerNetwork {
 public:
  static Result<CaptionerNetwork> create(const CaptionerConfig& config, int vocabSize, uint64_t seed);
  CaptionerNetwork(CaptionerNetwork&&) noexcept;
  CaptionerNetwork& operator=(CaptionerNetwork&&) noexcept;
  ~CaptionerNetwork();

  // Teacher-forced step: forward, backward, clip, Adam update. `seed` makes dropout reproducible.
  Result<BatchLoss> trainStep(const std::vector<const EncodedExample*>& batch, double learningRate,
                              double clipNorm, uint64_t seed);
  Result<BatchLoss> evaluate(const std::vector<const EncodedExample*>& batch) const;
  Status configureOptimizer(const OptimizerParams& params);

  Result<DecoderSession> beginDecoding(const EncodedSource& source, int hypotheses) const;

  Status saveWeights(const std::string& path) const;
  Status loadWeights(const std::string& path);
  Status saveOptimizer(const std::string& path) const;
  Status loadOptimizer(const std::string& path);

  int64_t parameterCount() const;
  int vocabSize() const;

 private:
  struct Impl;
  explicit CaptionerNetwork(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model
