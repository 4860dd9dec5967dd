// Constrained quoting (model/quote_constraint.h) over a hand-made vocabulary and a scripted
// "model" that garbles on-screen text the way the trained captioner did ("WALKNING" for
// "MORNING WALK DOWNTOWN"): the search must copy the source verbatim instead.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>

#include "model/decoding.h"
#include "model/quote_constraint.h"
#include "scripted_search.h"

namespace ugc::model {
namespace {

constexpr int kBos = 2, kEos = 3;

enum Token : int {
  The = 4, Text, Reads, OpenQuote /* ' "' */, Walk, N, Ing, Quote, Period, Morning, Downtown, SpaceWalk, La, Says,
  Apostrophe, SingleQuote /* " '" */, CurlyOpen /* " “" */, Dont /* " don" */, T /* "t" */, Hel, Hello, There,
  Friend, kCount
};

std::vector<std::string> makeSurfaces() {
  std::vector<std::string> s(kCount);
  s[The] = " The";
  s[Text] = " text";
  s[Reads] = " reads";
  s[OpenQuote] = " \"";
  s[Walk] = "WALK";
  s[N] = "N";
  s[Ing] = "ING";
  s[Quote] = "\"";
  s[Period] = ".";
  s[Morning] = " MORNING";
  s[Downtown] = " DOWNTOWN";
  s[SpaceWalk] = " WALK";
  s[La] = " LA";
  s[Says] = " says";
  s[Apostrophe] = "'";
  s[SingleQuote] = " '";
  s[CurlyOpen] = " \xE2\x80\x9C";
  s[Dont] = " don";
  s[T] = "t";
  s[Hel] = " hel";
  s[Hello] = " hello";
  s[There] = " there";
  s[Friend] = " friend";
  return s;
}

// The constraint keeps a reference to the table: one for the whole test program.
const std::vector<std::string>& surfaces() {
  static const std::vector<std::string> table = makeSurfaces();
  return table;
}

std::string textOf(const std::vector<int>& tokens) {
  const auto& table = surfaces();
  std::string text;
  for (int t : tokens) text += table[size_t(t)];
  if (!text.empty() && text.front() == ' ') text.erase(0, 1);  // SentencePiece drops the first word-start space
  return text;
}

using search_script::Policy;

StepFunction scripted(Policy policy) { return search_script::scriptedSearch(std::move(policy), kBos); }

std::vector<float> distribution(std::map<int, float> probs) { return search_script::logDistribution(probs, kCount); }

DraftParams plain(int beam) {
  DraftParams p;
  p.beamSize = beam;
  p.maxTokens = 16;
  p.minTokens = 0;
  p.repetitionPenalty = 1.0f;
  p.noRepeatNgram = 0;
  p.lengthPenalty = 0.0f;
  return p;
}

// "The text reads "..." with a strong preference for the garbled WALK-N-ING inside the quote.
std::vector<float> garbler(const std::vector<int>& h) {
  if (h.empty()) return distribution({{The, 0.9f}});
  switch (h.back()) {
    case The: return distribution({{Text, 0.9f}});
    case Text: return distribution({{Reads, 0.9f}});
    case Reads: return distribution({{OpenQuote, 0.8f}, {Period, 0.1f}});
    case OpenQuote: return distribution({{Walk, 0.8f}, {Morning, 0.1f}});
    case Walk: return distribution({{N, 0.9f}});
    case N: return distribution({{Ing, 0.9f}});
    case Ing: return distribution({{Quote, 0.9f}});
    case Morning: return distribution({{Ing, 0.5f}, {SpaceWalk, 0.3f}, {Quote, 0.1f}});
    case SpaceWalk: return distribution({{Quote, 0.5f}, {Downtown, 0.4f}});
    case Downtown: return distribution({{Quote, 0.6f}});
    case Quote: return distribution({{Period, 0.9f}});
    default: return distribution({{kEos, 0.9f}});
  }
}

TEST(QuoteConstraint, UnconstrainedGarblesConstrainedCopiesTheLineVerbatim) {
  auto garbled = searchCaption(scripted(garbler), kBos, kEos, plain(1), {});
  ASSERT_TRUE(garbled);
  EXPECT_EQ(textOf(garbled->tokens), "The text reads \"WALKNING\".");

  const QuoteConstraint quotes(surfaces(), {{"MORNING WALK DOWNTOWN", false}}, kEos);
  auto copied = searchCaption(scripted(garbler), kBos, kEos, plain(1), {}, &quotes);
  ASSERT_TRUE(copied) << copied.error().describe();
  // A whole OCR line: "MORNING WALK" may not close the quote, so DOWNTOWN follows.
  EXPECT_EQ(tidyQuotes(textOf(copied->tokens)), "The text reads \"MORNING WALK DOWNTOWN\".");
}

TEST(QuoteConstraint, NoSourceMeansNoQuoteCanOpen) {
  const QuoteConstraint quotes(surfaces(), {}, kEos);
  auto out = searchCaption(scripted(garbler), kBos, kEos, plain(1), {}, &quotes);
  ASSERT_TRUE(out);
  EXPECT_EQ(textOf(out->tokens), "The text reads.");
  EXPECT_FALSE(quotes.allows({}, OpenQuote));
  EXPECT_TRUE(quotes.allows({}, Reads));
}

TEST(QuoteConstraint, OcrLinesAreQuotedWholeSpeechFromWordToWord) {
  const QuoteConstraint quotes(surfaces(), {{"MORNING WALK DOWNTOWN", false}, {"well hello there friend", true}}, kEos);
  auto after = [&](std::vector<int> tokens) {
    QuoteState state;
    for (int t : tokens) {
      EXPECT_TRUE(quotes.allows(state, t)) << "token " << t;
      state = quotes.advance(state, t);
    }
    return state;
  };
  // OCR: from the line's start only, closing only at its end.
  EXPECT_FALSE(quotes.allows(after({OpenQuote}), SpaceWalk));
  EXPECT_FALSE(quotes.allows(after({OpenQuote, Morning}), Quote));
  EXPECT_FALSE(quotes.allows(after({OpenQuote, Morning, SpaceWalk}), Quote));
  EXPECT_TRUE(quotes.allows(after({OpenQuote, Morning, SpaceWalk, Downtown}), Quote));
  // Speech: any word start to any word end, never inside a word.
  EXPECT_TRUE(quotes.allows(after({OpenQuote, Hello}), Quote));
  EXPECT_TRUE(quotes.allows(after({OpenQuote, Hello, There}), Quote));
  EXPECT_FALSE(quotes.allows(after({OpenQuote, Hello}), Friend));  // "hello friend" is not in it
  EXPECT_FALSE(quotes.allows(after({OpenQuote, Hel}), Quote));     // "hel" ends inside a word
  EXPECT_TRUE(quotes.allows(after({OpenQuote}), Friend));  // "friend" is a word of the span
  // Inside a quote the caption may not end.
  EXPECT_FALSE(quotes.allows(after({OpenQuote, Hello}), kEos));
  EXPECT_TRUE(quotes.allows(after({OpenQuote, Hello, Quote}), kEos));
  EXPECT_FALSE(after({OpenQuote, Hello, Quote}).inQuote);
}

TEST(QuoteConstraint, OtherQuoteMarksCannotEscapeTheConstraintButApostrophesPass) {
  const QuoteConstraint quotes(surfaces(), {{"MORNING WALK DOWNTOWN", false}}, kEos);
  EXPECT_FALSE(quotes.allows({}, SingleQuote));  // an opening single quote
  EXPECT_FALSE(quotes.allows({}, CurlyOpen));    // a curly opening quote
  QuoteState afterDon = quotes.advance({}, Dont);
  EXPECT_TRUE(quotes.allows(afterDon, Apostrophe));  // "don't"
  EXPECT_TRUE(quotes.allows(quotes.advance(afterDon, Apostrophe), T));
  std::vector<float> scores(kCount, -1.0f);
  EXPECT_FALSE(quotes.mask({}, scores));
  EXPECT_TRUE(std::isinf(scores[SingleQuote]) && std::isinf(scores[CurlyOpen]));
  EXPECT_FALSE(std::isinf(scores[OpenQuote]) || std::isinf(scores[Reads]) || std::isinf(scores[kEos]));
  std::vector<float> inside(kCount, -1.0f);
  EXPECT_TRUE(quotes.mask(quotes.advance({}, OpenQuote), inside));
  for (int t = 0; t < kCount; ++t)
    EXPECT_EQ(std::isinf(inside[size_t(t)]), t != Morning) << "token " << t;  // only the line's first word
  EXPECT_NEAR(inside[Morning], 0.0f, 1e-6f);  // renormalised: the one allowed token is certain
}

TEST(QuoteConstraint, CopyingLiftsTheRepetitionRules) {
  // "LA LA LA": no-repeat bigrams would ban the second " LA LA"; inside the quote it may repeat.
  auto policy = [](const std::vector<int>& h) {
    if (h.empty()) return distribution({{Says, 0.9f}});
    if (h.back() == Says) return distribution({{OpenQuote, 0.9f}});
    if (h.back() == OpenQuote || h.back() == La) return distribution({{La, 0.5f}, {Quote, 0.4f}});
    if (h.back() == Quote) return distribution({{Period, 0.9f}});
    return distribution({{kEos, 0.9f}});
  };
  const QuoteConstraint quotes(surfaces(), {{"LA LA LA LA", true}}, kEos);
  auto params = plain(1);
  params.noRepeatNgram = 2;
  params.repetitionPenalty = 3.0f;
  auto out = searchCaption(scripted(policy), kBos, kEos, params, {}, &quotes);
  ASSERT_TRUE(out);
  EXPECT_EQ(tidyQuotes(textOf(out->tokens)), "says \"LA LA LA LA\".");
}

TEST(QuoteConstraint, SearchCaptionsKeepsEveryBeamBestFirst) {
  const QuoteConstraint quotes(surfaces(), {{"MORNING WALK DOWNTOWN", false}}, kEos);
  auto all = searchCaptions(scripted(garbler), kBos, kEos, plain(3), {}, &quotes);
  ASSERT_TRUE(all);
  ASSERT_GE(all->size(), 2u);
  EXPECT_LE(all->size(), 3u);
  for (size_t i = 1; i < all->size(); ++i) EXPECT_GE((*all)[i - 1].logProb, (*all)[i].logProb);
  for (const auto& h : *all) {
    const std::string text = tidyQuotes(textOf(h.tokens));
    const auto open = text.find('"');
    if (open != std::string::npos) {
      EXPECT_EQ(text.substr(open, 23), "\"MORNING WALK DOWNTOWN\"") << text;
    }
  }
}

TEST(QuoteConstraint, AnOcrLineIsQuotedOnceSpeechMayRepeatOnlyWhenNothingElseFits) {
  // The model likes to quote the same line again and again ("AELFRIC", "AELFRIC" and "AELFRIC").
  auto repeater = [](const std::vector<int>& h) {
    if (h.empty()) return distribution({{Reads, 0.9f}});
    if (h.back() == Reads || h.back() == Period) return distribution({{OpenQuote, 0.7f}, {kEos, 0.2f}});
    if (h.back() == OpenQuote) return distribution({{Morning, 0.5f}, {Hello, 0.4f}});
    if (h.back() == Morning) return distribution({{SpaceWalk, 0.9f}});
    if (h.back() == SpaceWalk) return distribution({{Downtown, 0.9f}});
    if (h.back() == Downtown || h.back() == Hello || h.back() == There) return distribution({{Quote, 0.9f}});
    if (h.back() == Quote) return distribution({{Period, 0.9f}});
    return distribution({{kEos, 0.9f}});
  };
  const QuoteConstraint ocr(surfaces(), {{"MORNING WALK DOWNTOWN", false}}, kEos);
  auto once = searchCaption(scripted(repeater), kBos, kEos, plain(1), {}, &ocr);
  ASSERT_TRUE(once);
  EXPECT_EQ(tidyQuotes(textOf(once->tokens)), "reads \"MORNING WALK DOWNTOWN\".");
  QuoteState afterOne;
  for (int t : {OpenQuote, Morning, SpaceWalk, Downtown, Quote}) afterOne = ocr.advance(afterOne, t);
  EXPECT_FALSE(ocr.allows(afterOne, OpenQuote));  // the only line is used up
  // Speech: "hello" once, then only the rest of the span; a second "hello" only if nothing else fits.
  const QuoteConstraint speech(surfaces(), {{"hello", true}}, kEos);
  QuoteState quoted;
  for (int t : {OpenQuote, Hello, Quote}) quoted = speech.advance(quoted, t);
  ASSERT_TRUE(speech.allows(quoted, OpenQuote));
  const QuoteState again = speech.advance(speech.advance(quoted, OpenQuote), Hello);
  EXPECT_FALSE(speech.allows(again, Quote));
  std::vector<float> scores(kCount, -1.0f);
  speech.mask(again, scores);
  EXPECT_FALSE(std::isinf(scores[Quote]));  // nothing else can continue it: the repeat is allowed
}

TEST(QuoteConstraint, TidyQuotesDropsTheCopySpaceAndAnUnfinishedQuote) {
  EXPECT_EQ(tidyQuotes("reads \" MORNING WALK\" and \"  X\"."), "reads \"MORNING WALK\" and \"X\".");
  EXPECT_EQ(tidyQuotes("The text reads: \"MORNING WA"), "The text reads");
  EXPECT_EQ(tidyQuotes("no quotes at all"), "no quotes at all");
}

}  // namespace
}  // namespace ugc::model
