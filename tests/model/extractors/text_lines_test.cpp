#include <gtest/gtest.h>

#include <algorithm>

#include "model/extractors/ocr.h"
#include "model/extractors/text_lines.h"

namespace ugc::model {
namespace {

TEST(TextLines, NormalisesCaseSpacesAndPunctuation) {
  EXPECT_EQ(normaliseOcrText("  Let's   go!! "), "LETS GO");
  EXPECT_EQ(normaliseOcrText("top 3\tcity-tips"), "TOP 3 CITYTIPS");
  EXPECT_EQ(normaliseOcrText("..."), "");
}

TEST(TextLines, EditDistanceIsNormalised) {
  EXPECT_DOUBLE_EQ(normalisedEditDistance("GAME DAY", "GAME DAY"), 0.0);
  EXPECT_NEAR(normalisedEditDistance("GAME DAY", "GAME DAV"), 1.0 / 8, 1e-9);
  EXPECT_DOUBLE_EQ(normalisedEditDistance("ABC", "XYZ"), 1.0);
}

TEST(TextLines, SameOverlayInManyFramesIsOneLineWithItsRange) {
  std::vector<TextReading> readings;
  for (int i = 0; i < 20; ++i) readings.push_back({0.25 + 0.5 * i, i % 5 == 3 ? "GAME DAV" : "GAME DAY", 90});
  for (int i = 0; i < 6; ++i) readings.push_back({11.25 + 0.5 * i, "LETS GO!", 88});
  readings.push_back({4.25, "x", 70});      // too short to be a line
  readings.push_back({6.25, "NOISE", 70});  // seen once: flicker
  TextMergeParams params;
  const auto lines = mergeTextReadings(readings, params);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "GAME DAY");  // the majority reading wins over the misread
  EXPECT_EQ(lines[0].frames, 20);
  ASSERT_EQ(lines[0].ranges.size(), 1u);
  EXPECT_NEAR(lines[0].ranges[0].start, 0.0, 1e-9);
  EXPECT_NEAR(lines[0].ranges[0].end, 10.0, 1e-9);
  EXPECT_EQ(lines[1].text, "LETS GO!");
  EXPECT_NEAR(lines[1].ranges[0].start, 11.0, 1e-9);
}

TEST(TextLines, ReappearingLineGetsTwoRanges) {
  std::vector<TextReading> readings;
  for (int i = 0; i < 4; ++i) readings.push_back({0.25 + 0.5 * i, "SALE", 90});
  for (int i = 0; i < 4; ++i) readings.push_back({8.25 + 0.5 * i, "SALE", 90});
  const auto lines = mergeTextReadings(readings, {});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].ranges.size(), 2u);
}

TEST(TextLines, KeyKeepsChineseAndDropsItsPunctuation) {
  EXPECT_EQ(normaliseOcrText("新鲜水果"), "新鲜水果");
  EXPECT_EQ(normaliseOcrText("  精彩，瞬间！ "), "精彩瞬间");  // full-width comma and exclamation mark
  EXPECT_EQ(normaliseOcrText("Café　au lait"), "CAFé AU LAIT");  // ideographic space separates words
  EXPECT_EQ(normaliseOcrText("——「」"), "");
}

TEST(TextLines, EditDistanceCountsCodePointsNotBytes) {
  // One ideograph of four differs: 1/4, not 3/12 bytes or worse.
  EXPECT_NEAR(normalisedEditDistance("新鲜水果", "新鲜水菓"), 0.25, 1e-9);
  EXPECT_DOUBLE_EQ(normalisedEditDistance("光影之间", "光影之间"), 0.0);
}

TEST(TextLines, ChineseLinesSurviveMergingNextToLatinOnes) {
  std::vector<TextReading> readings;
  for (int i = 0; i < 6; ++i) {
    readings.push_back({0.25 + 0.5 * i, i == 2 ? "野生动物世" : "野生动物世界", 0.95});
    readings.push_back({0.25 + 0.5 * i, "Wild Life", 0.97});
  }
  readings.push_back({1.25, "「", 0.9});  // a lone punctuation mark is not a line
  const auto lines = mergeTextReadings(readings, {});
  ASSERT_EQ(lines.size(), 2u);
  std::vector<std::string> texts{lines[0].text, lines[1].text};
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts[0], "Wild Life");
  EXPECT_EQ(texts[1], "野生动物世界");  // the misread frame joined the line, the majority named it
  for (const auto& line : lines) EXPECT_EQ(line.frames, 6);
}

TEST(TextBands, FindsTextRowsNotPlainShapes) {
  GrayImage frame;
  frame.width = 200;
  frame.height = 120;
  frame.pixels.assign(size_t(frame.width) * size_t(frame.height), 120);
  // A solid square: two edges per row, not text.
  for (int y = 10; y < 40; ++y)
    for (int x = 20; x < 50; ++x) frame.pixels[size_t(y) * 200 + size_t(x)] = 250;
  // Letter-like strokes: many edges per row between y=70 and y=90.
  for (int y = 70; y < 90; ++y)
    for (int x = 40; x < 160; ++x)
      if ((x / 4) % 2 == 0) frame.pixels[size_t(y) * 200 + size_t(x)] = 255;
  const auto bands = findTextBands(frame);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_LE(bands[0].y0, 70);
  EXPECT_GE(bands[0].y1, 90);
  EXPECT_GT(bands[0].y0, 40);
}

}  // namespace
}  // namespace ugc::model
