#pragma once
// The captioner's subword tokenizer: a SentencePiece model trained by the project on the released
// captions (resources/tokenizer/). Byte fallback is on, so any UTF-8 string (names, on-screen
// text the tokenizer never saw) encodes losslessly and the copy mechanism can reproduce it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ugc::model {

struct TokenizerTrainParams {
  int vocabSize = 6000;
  bool bpe = false;                 // false: unigram (the default), true: BPE
  double characterCoverage = 0.9995;
  int maxSentenceLength = 8192;     // bytes; captions are paragraphs, not sentences
  int threads = 1;
  uint32_t seed = 42;               // sentencepiece samples sentences; fixed for reproducibility
  static TokenizerTrainParams defaultParams() { return {}; }
};

class Tokenizer {
 public:
  // Fixed special ids (the same in every model this project trains).
  static constexpr int kPadId = 0;
  static constexpr int kUnkId = 1;
  static constexpr int kBosId = 2;
  static constexpr int kEosId = 3;

  static Result<Tokenizer> train(const std::vector<std::string>& texts, const TokenizerTrainParams& params);
  static Result<Tokenizer> load(const std::string& path);
  static Result<Tokenizer> fromSerialized(std::string_view modelProto);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  std::vector<int> encode(std::string_view text) const;
  std::string decode(const std::vector<int>& ids) const;
  std::string piece(int id) const;
  int vocabSize() const;

  // The model file's bytes (what save() writes); a captioner checkpoint embeds them.
  const std::string& serialized() const;
  Status save(const std::string& path) const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model
