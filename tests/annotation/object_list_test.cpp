#include <gtest/gtest.h>

#include "annotation/object_list.h"

namespace ugc::annotation {

TEST(ObjectList, ParsesTemplateEntries) {
  const std::string text =
      "person (count: 10, color: N/A, position: Center of the screen, running); "
      "basketball (count: 1, color: orange, position: in the air)";
  auto objects = parseObjectList(text);
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].category, "person");
  EXPECT_EQ(objects[0].count, "10");
  EXPECT_EQ(objects[0].color, "N/A");
  EXPECT_EQ(objects[0].position, "Center of the screen, running");
  EXPECT_EQ(objects[0].extra, "");
  EXPECT_EQ(objects[0].raw, "");
  EXPECT_EQ(objects[1].category, "basketball");
  EXPECT_EQ(objects[1].position, "in the air");
  EXPECT_EQ(formatObjectList(objects), text);
}

TEST(ObjectList, FormatsStructuredEntries) {
  std::vector<ObjectEntry> objects = {{"cup", "2", "white", "left", "", ""},
                                      {"dog", "many", "brown, black", "center", " (blurred)", ""}};
  EXPECT_EQ(formatObjectList(objects),
            "cup (count: 2, color: white, position: left); "
            "dog (count: many, color: brown, black, position: center) (blurred)");
  EXPECT_EQ(formatObjectList({}), "");
  EXPECT_TRUE(parseObjectList("").empty());
}

// Hand-typed answers of the release: newlines in fields, parentheses inside positions and
// "; " inside parentheses must all survive a round trip.
TEST(ObjectList, RoundTripsIrregularAnswersExactly) {
  const std::string cases[] = {
      "Toy Robot\nSpice Jars (count: 1\nMultiple, color: White\nBlue, position: left\nright)",
      "hair (count: 1, color: black, position: Top of head (buns))",
      "table (count: 1, color: brown, position: center (plates; cups on it)); cup (count: 2, "
      "color: red, position: left)",
      "just some words without the template",
      "cat (count: 1, color: grey)",
      "a (count: 1, color: b, position: c)trailing; ; b (count: 2, color: c, position: d)",
      "x; ",
      " ",
      "unbalanced ( (count: 1, color: r, position: p); next (count: 2, color: g, position: q)",
  };
  for (const std::string& text : cases) {
    EXPECT_EQ(formatObjectList(parseObjectList(text)), text) << text;
  }
  auto nested = parseObjectList(cases[2]);
  ASSERT_EQ(nested.size(), 2u);
  EXPECT_EQ(nested[0].position, "center (plates; cups on it)");
  auto raw = parseObjectList(cases[3]);
  ASSERT_EQ(raw.size(), 1u);
  EXPECT_EQ(raw[0].raw, cases[3]);
  EXPECT_TRUE(raw[0].category.empty());
  auto noPosition = parseObjectList(cases[4]);
  ASSERT_EQ(noPosition.size(), 1u);
  EXPECT_EQ(noPosition[0].raw, cases[4]);
  auto trailing = parseObjectList(cases[5]);
  ASSERT_EQ(trailing.size(), 3u);
  EXPECT_EQ(trailing[0].extra, "trailing");
  EXPECT_EQ(trailing[1], ObjectEntry{});
}

}  // namespace ugc::annotation
