// Random and hostile text through every text-taking function: no crash, spans inside the
// text, lossless round trips. Deterministic (fixed seed) so a failure reproduces.
#include <gtest/gtest.h>

#include <random>

#include "annotation/caption_lint.h"
#include "annotation/metrics.h"
#include "annotation/object_list.h"
#include "annotation/release_fields.h"
#include "annotation/validation.h"

namespace ugc::annotation {
namespace {

std::string randomText(std::mt19937& rng, std::size_t maxPieces) {
  static const char* const kPieces[] = {"(",
                                        ")",
                                        "; ",
                                        " (count: ",
                                        ", color: ",
                                        ", position: ",
                                        "'",
                                        "\"",
                                        "\xE2\x80\x9C",
                                        "\xE2\x80\x9D",
                                        " ",
                                        "\n",
                                        "- ",
                                        "1. ",
                                        "(2) ",
                                        "music",
                                        "says",
                                        "red",
                                        "no ",
                                        "text",
                                        "we see",
                                        "caf\xC3\xA9",
                                        "\xFF",
                                        "\t",
                                        ",",
                                        ":",
                                        "a",
                                        "it's",
                                        "sound",
                                        "cuts to",
                                        "\xE2\x80\xA2 "};
  std::uniform_int_distribution<std::size_t> count(0, maxPieces);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::string text;
  for (std::size_t i = count(rng); i > 0; --i) text += kPieces[pick(rng)];
  return text;
}

void expectInside(const std::vector<TextSpan>& spans, const std::string& text) {
  for (const TextSpan& span : spans) {
    EXPECT_LE(span.begin, span.end);
    EXPECT_LE(span.end, text.size());
  }
}

}  // namespace

TEST(Robustness, RandomTextNeverBreaksTheTextFunctions) {
  std::mt19937 rng(20240711);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = randomText(rng, 40);
    const std::string other = randomText(rng, 40);
    ASSERT_EQ(formatObjectList(parseObjectList(text)), text);
    expectInside(findAudioCaptionLeakage(text), text);
    expectInside(findVisualCaptionLeakage(text), text);
    expectInside(findMusicMentions(text), text);
    expectInside(findQuotedOnScreenText(text), text);
    expectInside(findListMarkers(text), text);
    for (Stage stage : kAllStages) {
      for (const ValidationIssue& issue : validateSubmission({stage, text, {}, {}})) expectInside(issue.spans, text);
    }
    for (const DiffSpan& span : wordDiff(text, other)) {
      EXPECT_LE(span.draftEnd, text.size());
      EXPECT_LE(span.finalEnd, other.size());
    }
    EXPECT_GE(wordEditDistance(text, other), 0);
    const double rouge = rougeLF1(text, other);
    EXPECT_TRUE(rouge >= 0 && rouge <= 1);
    ASSERT_TRUE(corpusBleu4({text}, {{other}}));
    // Anything as an answer survives the release formatting and parsing.
    ReleaseQaFile file{text, round, {{"v", "p", text, {other}}}};
    auto parsed = parseReleaseQaFile(formatReleaseQaFile(file));
    const bool validUtf8 = text.find('\xFF') == std::string::npos && other.find('\xFF') == std::string::npos;
    if (validUtf8) {
      ASSERT_TRUE(parsed) << parsed.error().describe();
      EXPECT_EQ(*parsed, file);
    } else {
      EXPECT_FALSE(parsed);  // invalid UTF-8 is refused with an error value
    }
  }
}

TEST(Robustness, HugeDiffFallsBackToDeleteInsert) {
  std::string a, b;
  for (int i = 0; i < 2500; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  auto spans = wordDiff(a, b);  // 2500 x 2500 > 4M pairs: no quadratic table
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].op, DiffOp::Delete);
  EXPECT_EQ(spans[0].words, 2500);
  EXPECT_EQ(spans[1].op, DiffOp::Insert);
}

}  // namespace ugc::annotation
