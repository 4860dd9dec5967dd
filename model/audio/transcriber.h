#pragma once
// English transcription with CMU PocketSphinx (Debian libpocketsphinx-dev + pocketsphinx-en-us):
// a transcript *suggestion* with per-word times and posterior confidences. PocketSphinx is weak
// on synthetic and noisy speech: only words at or above TranscriberParams::quotableConfidence
// may be quoted in a draft (see docs/extractors.md for how the threshold was measured).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "model/extractors/signals.h"

namespace ugc::model {

struct TranscriberParams {
  std::filesystem::path acousticModel = "/usr/share/pocketsphinx/model/en-us/en-us";
  std::filesystem::path languageModel = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";
  std::filesystem::path dictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
  // Posterior at or above which a word may be quoted: the highest-precision threshold measured by
  // bench_transcription (0.95: 76 % of such words right over all music levels; 0.8: 70 %); no
  // threshold reached 90 %, so even quotable words are suggestions (docs/extractors.md).
  double quotableConfidence = 0.95;
  double paddingSeconds = 0.25;     // added around each speech range before decoding
  static TranscriberParams defaultParams() { return {}; }
};

struct TranscribedWord {
  std::string text;
  double start = 0, end = 0;  // seconds in the clip
  double confidence = 0;      // PocketSphinx's posterior probability, 0..1
  bool quotable = false;      // confidence >= quotableConfidence
};

struct Transcript {
  std::vector<TranscribedWord> words;  // in time order; fillers and silences dropped
  std::string text;                    // the words joined by spaces
  double meanConfidence = 0;           // over the words; 0 when there are none
  double decodedSeconds = 0;           // speech audio decoded
};

class Transcriber {
 public:
  // NotFound when the model files are missing (install pocketsphinx-en-us); Internal when
  // PocketSphinx refuses them.
  static Result<Transcriber> create(const TranscriberParams& params = {});
  Transcriber(Transcriber&&) noexcept;
  Transcriber& operator=(Transcriber&&) noexcept;
  ~Transcriber();

  // 16 kHz mono samples; only the given ranges are decoded (all of it when empty).
  Result<Transcript> transcribe(const std::vector<float>& samples, const std::vector<TimeRange>& speech,
                                const CancelToken& cancel = {});

 private:
  struct Impl;
  explicit Transcriber(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The transcript signal of a clip's speech ranges, with the language suggestion: "en" when at
// least kLanguageMinWords words average kEnglishFitConfidence or more, else "unknown".
inline constexpr int kLanguageMinWords = 4;
inline constexpr double kEnglishFitConfidence = 0.55;
Result<TranscriptSignal> transcribeSpeech(const std::vector<float>& samples, const std::vector<TimeRange>& speech,
                                          const CancelToken& cancel, const TranscriberParams& params = {});

// Word error rate of `hypothesis` against `reference` (case and punctuation ignored): word-level
// Levenshtein distance divided by the reference's word count.
double wordErrorRate(const std::string& reference, const std::string& hypothesis);

}  // namespace ugc::model
