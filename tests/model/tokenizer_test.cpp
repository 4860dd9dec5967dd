#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model_fixtures.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

TEST(Tokenizer, TrainsOnTheExcerptAndRoundTripsItsCaptions) {
  const auto& tokenizer = test::excerptTokenizer();
  EXPECT_GT(tokenizer.vocabSize(), 300);
  EXPECT_EQ(tokenizer.piece(Tokenizer::kEosId), "</s>");
  for (const auto& sample : test::excerptCorpus().samples) {
    auto ids = tokenizer.encode(sample.target);
    ASSERT_FALSE(ids.empty());
    EXPECT_EQ(tokenizer.decode(ids), sample.target);
    // Subwords, not characters: the excerpt's own text compresses.
    EXPECT_LT(ids.size(), sample.target.size() / 2);
  }
}

TEST(Tokenizer, ByteFallbackEncodesUnseenCharactersLosslessly) {
  const auto& tokenizer = test::excerptTokenizer();
  const std::string unseen = "Zürich 東京 — ¿qué? 🎉 #42";
  auto ids = tokenizer.encode(unseen);
  for (int id : ids) EXPECT_NE(id, Tokenizer::kUnkId) << tokenizer.piece(id);
  EXPECT_EQ(tokenizer.decode(ids), unseen);
}

TEST(Tokenizer, SerialisedModelReloadsIdentically) {
  const auto& tokenizer = test::excerptTokenizer();
  ugc::test::TempDir dir;
  ASSERT_TRUE(tokenizer.save((dir / "t.model").string()));
  auto loaded = Tokenizer::load((dir / "t.model").string());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const std::string text = "A female speaker with a cheerful tone talks about her new puppy.";
  EXPECT_EQ(loaded->encode(text), tokenizer.encode(text));
  EXPECT_FALSE(Tokenizer::load((dir / "missing.model").string()));
  EXPECT_EQ(Tokenizer::fromSerialized("not a model").error().code, ErrorCode::InvalidInput);
}

TEST(Tokenizer, CommittedModelRoundTripsTheRelease) {
  const auto path = test::committedTokenizerPath();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no committed tokenizer at " << path;
  const auto release = ugc::test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "release-dev not available";
  auto tokenizer = Tokenizer::load(path.string());
  ASSERT_TRUE(tokenizer) << tokenizer.error().describe();
  EXPECT_GE(tokenizer->vocabSize(), 4000);
  EXPECT_LE(tokenizer->vocabSize(), 8500);
  auto json = nlohmann::json::parse(ugc::test::readFile(release / "final_caption_qa.json"));
  size_t characters = 0, tokens = 0;
  for (const auto& sample : json["samples"]) {
    const auto text = sample["answer"].get<std::string>();
    auto ids = tokenizer->encode(text);
    ASSERT_EQ(tokenizer->decode(ids), text);
    characters += text.size();
    tokens += ids.size();
  }
  // A caption vocabulary: English captions take well under one token per 3 characters.
  EXPECT_GT(double(characters) / double(tokens), 3.5);
}

}  // namespace
}  // namespace ugc::model
