// The PP-OCRv4 engine end to end on frames FFmpeg composes: Latin and Chinese lines in packaged
// fonts (DejaVu, WenQuanYi Zen Hei) over a moving test pattern, at known positions.
#include <gtest/gtest.h>

#include "model/perception/ppocr.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const char* kWqy = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

media::RgbImage composeFrame(const test::TempDir& dir, const std::string& filter, int w, int h) {
  const auto out = dir / "frame.rgb";
  test::runFfmpeg({"-f", "lavfi", "-i", "testsrc2=s=" + std::to_string(w) + "x" + std::to_string(h) + ":d=1", "-vf",
                   filter, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", out.string()});
  media::RgbImage img;
  img.width = w;
  img.height = h;
  const auto bytes = test::readFile(out);
  img.pixels.assign(bytes.begin(), bytes.end());
  return img;
}

const PpOcrEngine* engineOrNull() {
  static const auto engine = [] {
    auto e = PpOcrEngine::load();
    return e ? std::move(*e) : nullptr;
  }();
  return engine.get();
}

TEST(PpOcrEngine, MissingModelsNameTheInstallCommand) {
  test::TempDir empty;
  auto e = PpOcrEngine::load(empty.path());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::NotFound);
  EXPECT_NE(e.error().message.find("scripts/fetch-models ppocr-v4"), std::string::npos) << e.error().message;
}

TEST(PpOcrEngine, ReadsLatinAndChineseOverlayLinesWithTheirPositions) {
  const auto* engine = engineOrNull();
  if (!engine) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  test::TempDir dir;
  const std::string filter = std::string("drawtext=fontfile=") + kDejaVu +
                             ":text='CITY LIGHTS':fontsize=64:fontcolor=white:borderw=4:bordercolor=black:"
                             "x=(w-text_w)/2:y=160,"
                             "drawtext=fontfile=" +
                             kWqy +
                             ":text='欢迎来到上海':fontsize=60:fontcolor=yellow:borderw=3:bordercolor=black:"
                             "x=(w-text_w)/2:y=1000";
  const auto frame = composeFrame(dir, filter, 720, 1280);
  auto lines = engine->read(frame);
  ASSERT_TRUE(lines) << lines.error().describe();
  std::vector<std::string> texts;
  for (const auto& l : *lines) texts.push_back(l.text);
  ASSERT_GE(lines->size(), 2u) << ::testing::PrintToString(texts);
  const PpOcrLine* latin = nullptr;
  const PpOcrLine* chinese = nullptr;
  for (const auto& l : *lines) {
    if (l.text == "CITY LIGHTS") latin = &l;
    if (l.text == "欢迎来到上海") chinese = &l;
  }
  ASSERT_NE(latin, nullptr) << ::testing::PrintToString(texts);
  ASSERT_NE(chinese, nullptr) << ::testing::PrintToString(texts);
  EXPECT_GT(latin->confidence, 0.8f);
  EXPECT_GT(chinese->confidence, 0.8f);
  // Boxes where the text was drawn: top line near y=160, bottom near y=1000, both centred.
  EXPECT_NEAR(latin->y + latin->height / 2, 160 + 32, 40);
  EXPECT_NEAR(chinese->y + chinese->height / 2, 1000 + 30, 40);
  EXPECT_NEAR(latin->x + latin->width / 2, 360, 40);
  EXPECT_LT(latin->y, chinese->y);  // reading order
}

TEST(PpOcrEngine, TinyHugeAndMalformedFrames) {
  const auto* engine = engineOrNull();
  if (!engine) GTEST_SKIP() << "PP-OCRv4 not fetched";
  media::RgbImage one{1, 1, {0, 0, 0}};
  auto r1 = engine->read(one);
  ASSERT_TRUE(r1);
  EXPECT_TRUE(r1->empty());
  media::RgbImage bad{10, 10, std::vector<uint8_t>(7, 0)};
  EXPECT_EQ(engine->read(bad).error().code, ErrorCode::InvalidArgument);
  // 8000x8000 plain grey: scaled to the 960 px policy before detection, no lines, no blow-up.
  media::RgbImage huge{8000, 8000, std::vector<uint8_t>(size_t(8000) * 8000 * 3, 128)};
  auto r2 = engine->read(huge);
  ASSERT_TRUE(r2) << r2.error().describe();
  EXPECT_TRUE(r2->empty());
}

}  // namespace
}  // namespace ugc::model
