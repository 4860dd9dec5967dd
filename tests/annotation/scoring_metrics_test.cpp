// The OCR column's metric functions: the NLTK Porter stemmer against NLTK's own outputs, ROUGE
// and BLEU-1 against hand-computed cases, and the two scoring variants' parsing on hostile
// answers (fences, broken JSON, free text, non-ASCII, empty).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "annotation/scoring/mcq.h"
#include "annotation/scoring/ocr_variants.h"
#include "annotation/scoring/porter_stemmer.h"
#include "annotation/scoring/python_text.h"
#include "annotation/scoring/text_metrics.h"

namespace ugc::annotation::scoring {
namespace {

using Tokens = std::vector<std::string>;

std::string field(const std::string& answer) { return nlohmann::json(answer).dump(); }

TEST(PorterStemmer, MatchesNltkOnEveryWordOfTheTable) {
  std::ifstream in(std::string(UGC_SCORING_FIXTURES) + "/porter_nltk_3_8.tsv");
  ASSERT_TRUE(in) << "fixture missing";
  std::string line;
  int checked = 0, changed = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string word = line.substr(0, tab), stem = line.substr(tab + 1);
    EXPECT_EQ(porterStem(word), stem) << "word: " << word;
    ++checked;
    changed += word != stem;
  }
  EXPECT_GT(checked, 800);
  EXPECT_GT(changed, 400);
}

TEST(PorterStemmer, KeepsNltkExtensionsApartFromThePaper) {
  EXPECT_EQ(porterStem("dying"), "die");       // irregular form
  EXPECT_EQ(porterStem("enjoy"), "enjoy");     // y -> i only after a consonant that is not the whole stem
  EXPECT_EQ(porterStem("happy"), "happi");
  EXPECT_EQ(porterStem("pies"), "pie");        // four-letter -ies
  EXPECT_EQ(porterStem("spied"), "spi");       // -ied
  EXPECT_EQ(porterStem("generously"), "gener");
  EXPECT_EQ(porterStem("Running"), "run");     // lowercased first
  EXPECT_EQ(porterStem("at"), "at");           // two letters stay
}

TEST(RougeTokens, LowercasesSplitsOnNonAlnumAndStemsLongTokens) {
  EXPECT_EQ(rougeTokens("Running-dogs, RAN! the cats_2"), (Tokens{"run", "dog", "ran", "the", "cat", "2"}));
  EXPECT_EQ(rougeTokens("  "), Tokens{});
  // str.lower() turns U+0130 into "i" + a combining dot and the Kelvin sign into "k".
  EXPECT_EQ(rougeTokens("\xC4\xB0zmir \xE2\x84\xAA" "ey caf\xC3\xA9"), (Tokens{"i", "zmir", "key", "caf"}));
}

TEST(Rouge, HandComputedOverlapAndLcs) {
  const Tokens target = rougeTokens("the cat sat on the mat");
  const Tokens prediction = rougeTokens("the cat on the mat");
  EXPECT_DOUBLE_EQ(rougeN(target, prediction, 1).precision, 1.0);
  EXPECT_DOUBLE_EQ(rougeN(target, prediction, 1).recall, 5.0 / 6);
  EXPECT_DOUBLE_EQ(rougeN(target, prediction, 1).f1, 10.0 / 11);
  EXPECT_DOUBLE_EQ(rougeN(target, prediction, 2).f1, 2.0 / 3);  // 3 of 4 predicted, 3 of 5 target bigrams
  EXPECT_DOUBLE_EQ(rougeL(target, prediction).f1, 10.0 / 11);    // LCS 5

  const Tokens stemmedTarget = rougeTokens("Running dogs");
  const Tokens stemmedPrediction = rougeTokens("the dog runs");
  EXPECT_DOUBLE_EQ(rougeN(stemmedTarget, stemmedPrediction, 1).f1, 0.8);
  EXPECT_DOUBLE_EQ(rougeN(stemmedTarget, stemmedPrediction, 2).f1, 0.0);
  EXPECT_DOUBLE_EQ(rougeL(stemmedTarget, stemmedPrediction).f1, 0.4);  // LCS 1: P 1/3, R 1/2

  // Clipping: 2 of the 4 predicted "a" count.
  EXPECT_DOUBLE_EQ(rougeN(rougeTokens("a a b"), rougeTokens("a a a a"), 1).f1, 4.0 / 7);
}

TEST(Rouge, EmptySidesScoreZero) {
  EXPECT_DOUBLE_EQ(rougeL({}, {"a"}).f1, 0.0);
  EXPECT_DOUBLE_EQ(rougeL({"a"}, {}).f1, 0.0);
  EXPECT_DOUBLE_EQ(rougeN({"a"}, {}, 1).f1, 0.0);
  EXPECT_DOUBLE_EQ(rougeN({"a"}, {"a"}, 2).f1, 0.0);  // no bigram on either side
}

TEST(Bleu1, ClippedUnigramPrecisionOnApostropheTokens) {
  EXPECT_EQ(bleuTokens("The cat's hat, isn't it? 'quoted' a'b'c"),
            (Tokens{"The", "cat's", "hat", "isn't", "it", "quoted", "a'b", "c"}));
  EXPECT_DOUBLE_EQ(bleu1("the cat's hat", "The cat's cat's hat!"), 0.5);  // case kept: The != the
  EXPECT_DOUBLE_EQ(bleu1("anything", "!!! ..."), 0.0);                   // no token
  EXPECT_DOUBLE_EQ(bleu1("a b", "b a"), 1.0);                              // no brevity penalty, order free
}

TEST(OcrVariants, NormalisedReadsFencesJsonListsAndQuotedSubstrings) {
  EXPECT_EQ(normalisedPredictionItems(field("```json{\"ocr\": [\"A\", \"B\"]}```")), (Tokens{"A", "B"}));
  EXPECT_EQ(normalisedPredictionItems(field("  ```\n[\"x\", 3, 1.5, null]\n```  ")),
            (Tokens{"x", "3", "1.5", "None"}));
  // Broken JSON (Python-style \' escape, truncated): every double-quoted substring but the key.
  EXPECT_EQ(normalisedPredictionItems(field("{\"ocr\": [\"I\\'m here\", \"x\", \"trunc")),
            (Tokens{"I\\'m here", "x"}));
  // A quote pair does not span a newline (re's '.' excludes it).
  EXPECT_EQ(normalisedPredictionItems(field("say \"a\nb\" then \"c\"")), (Tokens{" then "}));
  EXPECT_EQ(normalisedPredictionItems(field("no quotes at all")), Tokens{});
  EXPECT_EQ(normalisedPredictionItems(field("{\"text\": [\"a\"]}")), Tokens{});  // JSON without "ocr"
  EXPECT_EQ(normalisedPredictionItems("{\"ocr\": [\"already\", \"parsed\"]}"), (Tokens{"already", "parsed"}));
  EXPECT_EQ(normalisedPredictionItems(field("{\"ocr\": \"ab\"}")), (Tokens{"a", "b"}));  // str iterates
  EXPECT_EQ(normalisedPredictionItems("null"), Tokens{});
}

TEST(OcrVariants, NormalisationKeepsWordCharactersQuotesAndUnicodeLetters) {
  EXPECT_EQ(normaliseOcrText("Hello,\\nWORLD!\t\"quoted\" it's  \xE2\x80\x94 caf\xC3\xA9 \xC4\xB0stanbul"),
            "hello world \"quoted\" it's caf\xC3\xA9 istanbul");
  EXPECT_EQ(normaliseOcrText("  \xE3\x80\x80 "), "");  // ideographic space is \s
}

TEST(OcrVariants, CleanedStripsMarkupAndALeadingOcrLabel) {
  EXPECT_EQ(cleanOcrPrediction(" OCR: \"Hello\" [world] {x} \\n next\\\\ ```json done```"), "hello world x next done");
  EXPECT_EQ(cleanOcrPrediction("It's 5$ \xEF\xBC\x84 na\xC3\xAFve"), "it's 5 na\xC3\xAFve");
  EXPECT_EQ(cleanedPredictionText(field("```json{\"ocr\": [\"A b\", \"C\"]}```")), "A b C");
  EXPECT_EQ(cleanedPredictionText(field("{\"ocr\": [\"broken\"")), "{\"ocr\": [\"broken\"");
  EXPECT_EQ(cleanedPredictionText(field("just text")), "just text");
  EXPECT_EQ(cleanedPredictionText("{\"ocr\": [\"obj\"]}"), "obj");
}

TEST(OcrVariants, SkipRulesDifferBetweenVariants) {
  const Tokens truth = {"Hello World"};
  // Empty answer: normalised skips it, cleaned scores it (0 on every metric).
  EXPECT_FALSE(prepareOcrPair(truth, field(""), OcrVariant::Normalised).has_value());
  auto cleaned = prepareOcrPair(truth, field(""), OcrVariant::Cleaned);
  ASSERT_TRUE(cleaned.has_value());
  EXPECT_EQ(cleaned->reference, "hello world");
  EXPECT_EQ(ocrMetrics(cleaned->reference, cleaned->prediction).mean(), 0.0);
  // No ground truth: both skip.
  EXPECT_FALSE(prepareOcrPair({}, field("x"), OcrVariant::Normalised).has_value());
  EXPECT_FALSE(prepareOcrPair({" "}, field("x"), OcrVariant::Cleaned).has_value());
  // A perfect answer scores 1 on all four in both variants.
  for (auto variant : {OcrVariant::Cleaned, OcrVariant::Normalised}) {
    auto pair = prepareOcrPair(truth, field("{\"ocr\": [\"Hello\", \"World\"]}"), variant);
    ASSERT_TRUE(pair.has_value());
    EXPECT_DOUBLE_EQ(ocrMetrics(pair->reference, pair->prediction).mean(), 1.0) << ocrVariantName(variant);
  }
  EXPECT_FALSE(parseOcrVariant("fancy").has_value());
}

TEST(PythonText, WordAndSpaceClassesFollowPython) {
  EXPECT_TRUE(isPythonWordChar(U'_'));
  EXPECT_TRUE(isPythonWordChar(U'\u00E9'));   // é
  EXPECT_TRUE(isPythonWordChar(U'\u4E2D'));   // 中
  EXPECT_TRUE(isPythonWordChar(U'\u0663'));   // Arabic-Indic digit
  EXPECT_FALSE(isPythonWordChar(U'\u0301'));  // combining accent is not \w in Python
  EXPECT_FALSE(isPythonWordChar(U'\uFF04'));  // fullwidth dollar
  EXPECT_TRUE(isPythonSpace(U'\u00A0'));
  EXPECT_TRUE(isPythonSpace(U'\u2028'));
  EXPECT_FALSE(isPythonSpace(U'\u200B'));     // zero-width space is not \s
  std::size_t pos = 0;
  EXPECT_EQ(decodeUtf8("\xFF", pos), U'\uFFFD');  // invalid byte
  EXPECT_EQ(pos, 1u);
}

}  // namespace
}  // namespace ugc::annotation::scoring

namespace ugc::annotation::scoring {
namespace {

const std::vector<std::string> kTone = {"Positive", "Negative", "Neutral"};
const std::vector<std::string> kVoice = {"Narration", "In-Video Voice", "Out-Video Voice"};

TEST(McqMatch, ReadsOptionTextLettersAndPhrases) {
  EXPECT_EQ(matchOption("neutral", kTone), 2u);
  EXPECT_EQ(matchOption("  **Positive.** ", kTone), 0u);
  EXPECT_EQ(matchOption("B", kTone), 1u);
  EXPECT_EQ(matchOption("(c)", kTone), 2u);
  EXPECT_EQ(matchOption("B. Negative", kTone), 1u);
  EXPECT_EQ(matchOption("(B) negative", kTone), 1u);
  EXPECT_EQ(matchOption("A. Negative", kTone), std::nullopt);  // letter and text disagree
  EXPECT_EQ(matchOption("a negative tone overall", kTone), 1u);  // "a" is an article here
  EXPECT_EQ(matchOption("The voice is out-video voice", kVoice), 2u);
  EXPECT_EQ(matchOption("In-Video Voice", kVoice), 1u);
  EXPECT_EQ(matchOption("positive or negative", kTone), std::nullopt);  // two options named
  EXPECT_EQ(matchOption("unpositive", kTone), std::nullopt);            // not at a word boundary
  EXPECT_EQ(matchOption("D", kTone), std::nullopt);
  EXPECT_EQ(matchOption("", kTone), std::nullopt);
  EXPECT_EQ(answerOption("neutral", kTone), 2u);
}

TEST(McqSummary, AccuracyConfusionAndConstantBaseline) {
  const std::vector<McqItem> items = {{0, 0}, {0, 1}, {0, std::nullopt}, {2, 2}};
  const auto s = summariseMcq(items, 3);
  EXPECT_EQ(s.correct, 2u);
  EXPECT_DOUBLE_EQ(s.accuracy, 0.5);
  EXPECT_EQ(s.confusion[0][0], 1u);
  EXPECT_EQ(s.confusion[0][1], 1u);
  EXPECT_EQ(s.confusion[0][3], 1u);  // named no option
  EXPECT_EQ(s.confusion[2][2], 1u);
  EXPECT_EQ(s.constantOption, 0u);
  EXPECT_DOUBLE_EQ(s.constantAccuracy, 0.75);
}

}  // namespace
}  // namespace ugc::annotation::scoring
