#pragma once
// The in-process captioner that drafts the three UGC-VideoCap captions (audio, visual, joint).
// Plain types only: LibTorch stays inside model/*.cpp (PImpl).
//
// Modality masking is a rule of this API, not a convention: the audio stage never receives frames,
// on-screen text or visual fields, the visual stage never receives log-mel features, audio events or
// audio fields. buildStageView() applies it before anything reaches the network, and the network
// itself only encodes the media its stage may see (tests/model/captioner_masking_test.cpp).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annotation/stage.h"
#include "core/error.h"
#include "core/progress.h"

namespace ugc::model {

class Tokenizer;

// Which modality a structured field or signal belongs to.
enum class Modality { Audio, Visual };

// Field keys the captioner understands (values are the annotation's text). Unknown keys are refused
// so that a new field cannot reach a stage by accident.
// Audio: speaker_count, tone, background_music, language, music_style, voice_source, speaker_genders
// Visual: background, background_change, motion, objects
std::optional<Modality> fieldModality(const std::string& key);

struct CaptionerConfig {
  int modelDim = 192;
  int heads = 4;
  int textLayers = 2;   // text encoder (fields, signals, captions)
  int audioLayers = 2;  // transformer layers after the x4 convolutional subsampling
  int decoderLayers = 3;
  int feedForwardDim = 768;
  float dropout = 0.1f;
  int melBins = 80;
  int maxAudioTokens = 256;  // after x4 subsampling; longer clips are average-pooled to this
  int frameSize = 96;        // frames are resized to frameSize x frameSize
  int maxFrames = 8;
  int tokensPerFrame = 4;     // 2x2 pooled CNN grid
  int maxSourceTokens = 384;  // text input, truncated per segment
  int maxTargetTokens = 256;  // caption length cap in training and drafting
  static CaptionerConfig defaultConfig() { return {}; }
  // Small enough to train for a few dozen steps in a unit test.
  static CaptionerConfig tinyConfig();
};

struct LogMelInput {
  int frames = 0;             // T, 10 ms hop at 16 kHz
  std::vector<float> values;  // T x melBins, row-major (the core/ log-mel layout)
};

struct FrameInput {
  int width = 0;
  int height = 0;
  std::vector<std::vector<uint8_t>> rgb;  // each width*height*3 bytes, RGB24, in time order
};

struct CaptionerInput {
  annotation::Stage stage = annotation::Stage::Joint;
  std::map<std::string, std::string> fields;  // keys: see fieldModality()
  std::vector<std::string> ocrLines;          // visual signal
  std::vector<std::string> audioEvents;       // audio signal, e.g. "music 0.0-12.5 s"
  std::vector<std::string> sceneChanges;      // visual signal, e.g. "cut at 4.2 s"
  // Audio signal: transcript spans confident enough to quote. Not encoded (the network has no
  // transcript segment); constrained decoding lets quotes copy them (docs/model.md, "Grounded decoding").
  std::vector<std::string> quotableSpeech;
  std::string audioCaption;                   // joint stage only
  std::string visualCaption;                  // joint stage only
  std::optional<LogMelInput> logMel;
  std::optional<FrameInput> frames;
};

// What a stage may see of an input: everything else is cleared. Errors on unknown field keys.
Result<CaptionerInput> buildStageView(const CaptionerInput& input);

struct DraftParams {
  int beamSize = 4;   // 1: greedy
  int maxTokens = 0;  // 0: the config's maxTargetTokens
  int minTokens = 8;
  float repetitionPenalty = 1.2f;  // CTRL-style, on tokens already generated
  int noRepeatNgram = 3;           // 0: off
  float lengthPenalty = 1.0f;      // beam score = logprob / length^lengthPenalty
  // Inside "..." only a verbatim span of the stage's sources may be written (OCR lines whole,
  // quotable speech from word to word, quotes of the captions the joint stage fuses); with no
  // source no quote can be opened. Built-in model only. docs/model.md, "Grounded decoding".
  bool constrainQuotes = true;
  static DraftParams defaultParams() { return {}; }
};

struct DraftCandidate {
  std::string text;
  std::vector<int> tokens;
  double logProb = 0.0;
};

struct DraftResult {
  std::string text;
  std::vector<int> tokens;
  double logProb = 0.0;  // an external model's optional score; 0 when it gives none
  // Every hypothesis the beam kept, best first; beams[0] is this draft (an external model gives one).
  // With constrained quotes a text is tidied (tidyQuotes: no space after an opening quote, no
  // unfinished quote), so it may differ from decode(tokens) by those bytes.
  std::vector<DraftCandidate> beams;
};

// What drafts: the project's own network, or an external TorchScript module that follows the
// contract of docs/model.md ("External TorchScript models").
enum class CaptionerKind { BuiltIn, TorchScript };

class Captioner {
 public:
  // A fresh, randomly initialised model (seeded) over the given tokenizer.
  static Result<Captioner> create(const CaptionerConfig& config, const Tokenizer& tokenizer, uint64_t seed = 1);
  // A model folder, by config.json "format": 1 is the built-in network (config.json,
  // tokenizer.model, weights.pt, as save() writes them); "torchscript" is an external module
  // (config.json, tokenizer.model, model.pt). Missing files: NotFound; a damaged file or a module
  // whose draft() breaks the contract: InvalidInput naming what is wrong; another format or
  // contract version: Unsupported.
  static Result<Captioner> load(const std::string& dir);
  // Writes the folder load() reads (an external model: its config.json, tokenizer and model.pt).
  Status save(const std::string& dir) const;

  Captioner(Captioner&&) noexcept;
  Captioner& operator=(Captioner&&) noexcept;
  ~Captioner();

  // An external model gets the masked, tokenised input and params.maxTokens; the search (beam,
  // penalties) is its own business, and cancellation is checked before and after its call.
  Result<DraftResult> draft(const CaptionerInput& input, const DraftParams& params = DraftParams::defaultParams(),
                            const CancelToken& cancel = {}) const;

  // The next-token distribution after `prefix` (token ids, without BOS): probabilities over the
  // vocabulary, copy mechanism included. For tests and diagnostics; Unsupported for TorchScript.
  struct NextToken {
    std::vector<float> probabilities;
    float generationWeight = 1.0f;  // p_gen: the share of mass from the vocabulary head
  };
  Result<NextToken> nextToken(const CaptionerInput& input, const std::vector<int>& prefix) const;

  CaptionerKind kind() const;
  // An external model's config holds the defaults, overridden by the limits its config.json gives
  // (max_source_tokens, max_target_tokens, max_frames, frame_size); the layer sizes mean nothing.
  const CaptionerConfig& config() const;
  const Tokenizer& tokenizer() const;
  // Identity for the revisions a draft becomes: the model folder's name (config.json "name" when
  // given) and the first 12 hex digits of its weights file's SHA-256 (model.pt for an external
  // model). "untrained"/"unsaved" for a model made by create() and not loaded.
  const std::string& name() const;
  const std::string& weightsHash() const;
  int64_t parameterCount() const;

 private:
  friend class CaptionerTrainingAccess;  // trainer.cpp drives the network directly
  struct Impl;
  explicit Captioner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model
