// Which OCR engine extractSignals runs, on a clip the test composes from a real photograph
// (opencv-doc's building.jpg, panned so the background moves under the overlays) with a Latin
// line at the top and a Chinese line at the bottom: PP-OCRv4 by default, Tesseract on request or
// as the noted fallback when the models are missing.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/extractors/frame_position.h"
#include "model/extractors/signals.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

const char* kPhoto = "/usr/share/doc/opencv-doc/examples/data/building.jpg";
const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const char* kWqy = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

// 4 s, 720x1280 (a phone's vertical frame), the photo scaled to 760 px wide and panned 40 px.
std::filesystem::path composeClip(const test::TempDir& dir) {
  const auto clip = dir / "overlay.mp4";
  const std::string filter = std::string("scale=760:1352:force_original_aspect_ratio=increase,crop=760:1352,crop=720:1280:x='t*10':y=36,") + "drawtext=fontfile=" + kDejaVu +
                             ":text='CITY LIGHTS':fontsize=72:fontcolor=white:borderw=4:bordercolor=black:"
                             "x=(w-text_w)/2:y=180,drawtext=fontfile=" +
                             kWqy +
                             ":text='新鲜水果':fontsize=80:fontcolor=yellow:borderw=4:bordercolor=black:"
                             "x=(w-text_w)/2:y=1080";
  test::runFfmpeg({"-loop", "1", "-framerate", "25", "-t", "4", "-i", kPhoto, "-vf", filter, "-c:v", "libx264",
                   "-pix_fmt", "yuv420p", clip.string()});
  return clip;
}

bool ppOcrInstalled() { return checkPretrainedModel("ppocr-v4").has_value(); }

const OcrLine* findLine(const OcrSignal& ocr, const std::string& text) {
  for (const auto& line : ocr.lines)
    if (line.text == text) return &line;
  return nullptr;
}

std::string linesOf(const OcrSignal& ocr) {
  std::string out;
  for (const auto& line : ocr.lines) out += "[" + line.text + "] ";
  return out;
}

ExtractOptions ocrOnly() {
  ExtractOptions options;
  options.audioEvents = options.voice = options.loudness = options.scenes = false;
  return options;
}

TEST(OcrEngineChoice, DefaultIsPpOcrAndItReadsChineseWithPositions) {
  if (!std::filesystem::exists(kPhoto)) GTEST_SKIP() << "opencv-doc not installed";
  if (!ppOcrInstalled()) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  test::TempDir dir;
  auto signals = extractSignals(composeClip(dir), ocrOnly());
  ASSERT_TRUE(signals) << signals.error().describe();
  const OcrSignal& ocr = signals->ocr;
  EXPECT_EQ(ocr.engine, "PP-OCRv4");
  EXPECT_TRUE(ocr.note.empty()) << ocr.note;
  EXPECT_EQ(ocr.framesSampled, 8);
  const OcrLine* latin = findLine(ocr, "CITY LIGHTS");
  const OcrLine* chinese = findLine(ocr, "新鲜水果");
  ASSERT_TRUE(latin) << linesOf(ocr);
  ASSERT_TRUE(chinese) << linesOf(ocr);
  EXPECT_EQ(latin->position, "on top of the video");
  EXPECT_EQ(chinese->position, "at the bottom of the video");
  // The boxes are fractions of the frame around where the lines were drawn.
  EXPECT_NEAR(latin->box.y, 180.0 / 1280, 0.03);
  EXPECT_NEAR(chinese->box.y, 1080.0 / 1280, 0.03);
  EXPECT_NEAR(latin->box.x + latin->box.width / 2, 0.5, 0.05);
  EXPECT_GT(latin->confidence, 50);
  EXPECT_LE(latin->confidence, 100);
  // Both lines stay the whole clip: one range each, read in (nearly) every sampled frame.
  ASSERT_EQ(chinese->ranges.size(), 1u);
  EXPECT_NEAR(chinese->ranges[0].start, 0.0, 0.3);
  EXPECT_NEAR(chinese->ranges[0].end, 4.0, 0.3);
  EXPECT_GE(chinese->frames, 7);
  // Unchanged boxes are not read again: far fewer recogniser calls than boxes seen.
  EXPECT_LT(ocr.recognitionCalls, 2 * ocr.framesSampled);
  // And the JSON keeps engine, boxes and positions.
  auto back = signalsFromJson(toJson(*signals));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->ocr.engine, "PP-OCRv4");
  const OcrLine* again = findLine(back->ocr, "新鲜水果");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->box, chinese->box);
  EXPECT_EQ(again->position, chinese->position);
}

TEST(OcrEngineChoice, TesseractOnRequestReadsNoChinese) {
  if (!std::filesystem::exists(kPhoto)) GTEST_SKIP() << "opencv-doc not installed";
  test::TempDir dir;
  auto options = ocrOnly();
  options.ocrEngine = OcrEngineChoice::Tesseract;
  auto signals = extractSignals(composeClip(dir), options);
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_EQ(signals->ocr.engine, "Tesseract 5");
  EXPECT_TRUE(signals->ocr.note.empty());
  EXPECT_FALSE(findLine(signals->ocr, "新鲜水果")) << linesOf(signals->ocr);
}

TEST(OcrEngineChoice, MissingModelsFallBackToTesseractWithANote) {
  if (!std::filesystem::exists(kPhoto)) GTEST_SKIP() << "opencv-doc not installed";
  test::TempDir dir, emptyCache;
  auto options = ocrOnly();
  options.modelsDir = emptyCache.path();
  auto signals = extractSignals(composeClip(dir), options);
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_EQ(signals->ocr.engine, "Tesseract 5");
  EXPECT_NE(signals->ocr.note.find("PP-OCRv4"), std::string::npos) << signals->ocr.note;
  EXPECT_NE(signals->ocr.note.find("scripts/fetch-models ppocr-v4"), std::string::npos) << signals->ocr.note;
}

TEST(OcrEngineChoice, ExplicitPpOcrWithoutModelsIsAnErrorNamingTheInstallCommand) {
  test::TempDir dir, emptyCache;
  const auto clip = dir / "c.mp4";
  test::runFfmpeg(
      {"-f", "lavfi", "-i", "color=c=red:s=160x284:r=10:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.string()});
  auto options = ocrOnly();
  options.modelsDir = emptyCache.path();
  options.ocrEngine = OcrEngineChoice::PpOcr;
  auto result = extractSignals(clip, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::NotFound);
  EXPECT_NE(result.error().message.find("scripts/fetch-models ppocr-v4"), std::string::npos) << result.error().message;
}

TEST(OcrEngineChoice, NamesRoundTrip) {
  for (auto choice : {OcrEngineChoice::Auto, OcrEngineChoice::PpOcr, OcrEngineChoice::Tesseract})
    EXPECT_TRUE(ocrEngineChoiceFromName(ocrEngineChoiceName(choice)) == choice) << ocrEngineChoiceName(choice);
  EXPECT_FALSE(ocrEngineChoiceFromName("easyocr"));
}

TEST(FramePosition, ThreeByThreeGridInTheReleasesWords) {
  EXPECT_EQ(framePositionWords({0.4, 0.4, 0.2, 0.2}), "in the center of the video");
  EXPECT_EQ(framePositionWords({0.0, 0.0, 0.2, 0.1}), "upper left corner of the video");
  EXPECT_EQ(framePositionWords({0.3, 0.05, 0.4, 0.1}), "on top of the video");
  EXPECT_EQ(framePositionWords({0.8, 0.0, 0.2, 0.1}), "upper right corner of the video");
  EXPECT_EQ(framePositionWords({0.0, 0.4, 0.2, 0.2}), "on the left side of the video");
  EXPECT_EQ(framePositionWords({0.8, 0.4, 0.2, 0.2}), "on the right side of the video");
  EXPECT_EQ(framePositionWords({0.0, 0.8, 0.2, 0.2}), "lower left corner of the video");
  EXPECT_EQ(framePositionWords({0.2, 0.85, 0.6, 0.1}), "at the bottom of the video");
  EXPECT_EQ(framePositionWords({0.7, 0.7, 0.3, 0.3}), "lower right corner of the video");
  EXPECT_EQ(framePositionWords({0.5, 0.5, 0, 0}), "");  // unknown
}

}  // namespace
}  // namespace ugc::model
