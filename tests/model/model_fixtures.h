#pragma once
// Shared by the model tests: the committed release excerpt and a tokenizer trained on it.

#include <gtest/gtest.h>

#include <filesystem>

#include "model/captioner.h"
#include "model/tokenizer.h"
#include "model/training_data.h"

namespace ugc::model::test {

inline std::filesystem::path releaseExcerptDir() { return std::filesystem::path(UGC_MODEL_FIXTURES) / "release-excerpt"; }
inline std::filesystem::path committedTokenizerPath() {
  return std::filesystem::path(UGC_RESOURCES_DIR) / "tokenizer" / "ugc_captions.model";
}

inline TrainingCorpus excerptCorpus() {
  auto corpus = loadReleaseCorpus(releaseExcerptDir().string());
  EXPECT_TRUE(corpus.has_value()) << (corpus ? "" : corpus.error().describe());
  return corpus ? std::move(*corpus) : TrainingCorpus{};
}

// Trained once per test binary: a few hundred pieces over the excerpt (byte fallback included).
inline const Tokenizer& excerptTokenizer() {
  static const Tokenizer tokenizer = [] {
    TokenizerTrainParams params;
    params.vocabSize = 700;
    auto trained = Tokenizer::train(corpusTexts(excerptCorpus()), params);
    if (!trained) throw std::runtime_error(trained.error().describe());
    return std::move(*trained);
  }();
  return tokenizer;
}

}  // namespace ugc::model::test
