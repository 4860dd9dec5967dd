// Reranking candidate drafts by the faithfulness checker (annotation/faithful_choice.h).
#include "annotation/faithful_choice.h"

#include <gtest/gtest.h>

#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

FaithfulnessFacts walkFacts() {
  FaithfulnessFacts facts;
  VisualFields visual;
  visual.ocrLines = {"MORNING WALK DOWNTOWN"};
  visual.objects = parseObjectList("dog (count: 2, color: brown, position: in the center of the video)");
  facts.visual = visual;
  return facts;
}

TEST(FaithfulChoice, ContradictedCandidatesRankLastThenFewestUnsupported) {
  const std::vector<std::string> candidates = {
      "Two dogs walk on a street. The text reads \"WALKNING DOWNTOWN\".",  // a misquote: contradicted
      "Two dogs walk past a cat and a bicycle.",                           // two unsupported objects
      "Two dogs walk. The text reads \"MORNING WALK DOWNTOWN\".",         // all supported
  };
  const auto ranked = rankByFaithfulness(candidates, Stage::Visual, walkFacts());
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].index, 2u);
  EXPECT_EQ(ranked[1].index, 1u);
  EXPECT_EQ(ranked[2].index, 0u);
  EXPECT_EQ(ranked[0].counts.contradicted, 0);
  EXPECT_EQ(ranked[0].counts.unsupported, 0);
  EXPECT_GE(ranked[1].counts.unsupported, 2);
  EXPECT_GE(ranked[2].counts.contradicted, 1);
  auto chosen = firstFaithful(ranked);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->index, 2u);
  const std::string why = firstContradiction(candidates[0], ranked[2]);
  EXPECT_NE(why.find("WALKNING DOWNTOWN"), std::string::npos) << why;
  EXPECT_NE(why.find("misquotes"), std::string::npos) << why;
  EXPECT_EQ(firstContradiction(candidates[2], ranked[0]), "");
}

TEST(FaithfulChoice, EqualCandidatesKeepTheModelsOrderAndAllContradictedGivesNone) {
  const std::vector<std::string> same = {"Two dogs walk.", "Two dogs run."};
  const auto ranked = rankByFaithfulness(same, Stage::Visual, walkFacts());
  EXPECT_EQ(ranked[0].index, 0u);
  EXPECT_EQ(ranked[1].index, 1u);
  const std::vector<std::string> wrong = {"Three dogs walk.", "The text reads \"WALKNING DOWNTOWN\"."};
  EXPECT_FALSE(firstFaithful(rankByFaithfulness(wrong, Stage::Visual, walkFacts())));
}

TEST(FaithfulChoice, ContradictingSentencesAreRemovedOutsideQuotes) {
  // The period inside the quote does not end the sentence: the whole sentence goes.
  const std::string text =
      "The sign reads \"MORNING. WALK DOWNTOWN\" next to three dogs. A brown dog sits! Two dogs run?";
  auto ranked = rankByFaithfulness({text}, Stage::Visual, walkFacts());
  ASSERT_GE(ranked.front().counts.contradicted, 1);
  int removed = 0;
  const std::string kept = withoutContradictedSentences(text, ranked.front(), &removed);
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(kept, "A brown dog sits! Two dogs run?");
  EXPECT_EQ(countClaims(checkFaithfulness(kept, Stage::Visual, walkFacts())).contradicted, 0);
  auto none = rankByFaithfulness({"Three dogs walk."}, Stage::Visual, walkFacts());
  EXPECT_EQ(withoutContradictedSentences("Three dogs walk.", none.front()), "");
}

}  // namespace
}  // namespace ugc::annotation
