// `ugccap extract` through the real binary: JSON per file, exit 2 with a one-line reason.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/subprocess.h"
#include "support/test_support.h"

namespace ugc {
namespace {

TEST(ExtractCli, JsonPerFileAndExitTwoForUnreadableFiles) {
  test::TempDir dir;
  const auto clip = dir / "title.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=0x1e3a8a:s=360x640:r=30:d=3", "-vf",
                   "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='BIG NEWS':fontsize=40:"
                   "fontcolor=white:borderw=3:bordercolor=black:x=(w-text_w)/2:y=100",
                   "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.string()});
  auto ok = runProcess({UGC_CLI_PATH, "--quiet", "extract", "--json", clip.string()});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->exitCode, 0) << ok->standardError;
  const auto doc = nlohmann::json::parse(ok->standardOutput);
  EXPECT_EQ(doc.at("format"), "ugc-videocap-signals/3");
  ASSERT_EQ(doc.at("ocr").at("lines").size(), 1u);
  EXPECT_EQ(doc.at("ocr").at("lines")[0].at("text"), "BIG NEWS");
  EXPECT_FALSE(doc.at("has_audio").get<bool>());

  std::ofstream(dir / "broken.mp4") << "not a video at all";
  auto bad = runProcess({UGC_CLI_PATH, "--quiet", "extract", "--json", (dir / "broken.mp4").string(), clip.string()});
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->exitCode, 2);
  // One line on stderr naming the file; the readable file still gets its JSON line.
  EXPECT_EQ(std::count(bad->standardError.begin(), bad->standardError.end(), '\n'), 1) << bad->standardError;
  EXPECT_NE(bad->standardError.find("broken.mp4"), std::string::npos);
  std::istringstream lines(bad->standardOutput);
  std::string line;
  int objects = 0;
  while (std::getline(lines, line)) objects += nlohmann::json::parse(line).is_object() ? 1 : 0;
  EXPECT_EQ(objects, 1);

  auto human = runProcess({UGC_CLI_PATH, "--quiet", "extract", clip.string()});
  ASSERT_TRUE(human.has_value());
  EXPECT_EQ(human->exitCode, 0);
  EXPECT_NE(human->standardOutput.find("\"BIG NEWS\""), std::string::npos);
}

// --ocr-engine: which engine ran is in the JSON; a missing PP-OCRv4 is a noted fallback by
// default and an error naming the install command when asked for by name.
TEST(ExtractCli, OcrEngineOptionAndTheFallbackNote) {
  test::TempDir dir, emptyCache;
  const auto clip = dir / "title.mp4";
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=0x1e3a8a:s=360x640:r=30:d=2", "-vf",
                   "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='BIG NEWS':fontsize=40:"
                   "fontcolor=white:borderw=3:bordercolor=black:x=(w-text_w)/2:y=100",
                   "-c:v", "libx264", "-pix_fmt", "yuv420p", clip.string()});
  auto tesseract = runProcess({UGC_CLI_PATH, "--quiet", "extract", "--json", "--ocr-engine", "tesseract", clip.string()});
  ASSERT_TRUE(tesseract.has_value());
  ASSERT_EQ(tesseract->exitCode, 0) << tesseract->standardError;
  EXPECT_EQ(nlohmann::json::parse(tesseract->standardOutput).at("ocr").at("engine"), "Tesseract 5");

  const std::string noModels = "UGC_MODELS_DIR=" + emptyCache.path().string();
  auto fallback = runProcess({"env", noModels, UGC_CLI_PATH, "--quiet", "extract", clip.string()});
  ASSERT_TRUE(fallback.has_value());
  EXPECT_EQ(fallback->exitCode, 0) << fallback->standardError;
  EXPECT_NE(fallback->standardOutput.find("on-screen text (Tesseract 5)"), std::string::npos) << fallback->standardOutput;
  EXPECT_NE(fallback->standardOutput.find("note: Tesseract 5 ran"), std::string::npos) << fallback->standardOutput;
  EXPECT_NE(fallback->standardOutput.find("scripts/fetch-models ppocr-v4"), std::string::npos);

  auto refused = runProcess({"env", noModels, UGC_CLI_PATH, "--quiet", "extract", "--ocr-engine", "ppocr", clip.string()});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->exitCode, 2) << refused->standardError;
  EXPECT_NE(refused->standardError.find("scripts/fetch-models ppocr-v4"), std::string::npos) << refused->standardError;

  auto wrong = runProcess({UGC_CLI_PATH, "--quiet", "extract", "--ocr-engine", "easyocr", clip.string()});
  ASSERT_TRUE(wrong.has_value());
  EXPECT_NE(wrong->exitCode, 0);
}

}  // namespace
}  // namespace ugc
