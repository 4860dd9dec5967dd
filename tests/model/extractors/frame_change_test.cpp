// The change gate on real decoded frames (a clip the test composes from opencv-doc photographs:
// a still, a cut to another still, then a caption appearing on it), the PP-OCRv4 extractor reusing
// text boxes on unchanged frames and still reading what comes after a cut, and the scene cuts found
// from the shared decoding pass.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/frame_sampler.h"
#include "core/scene_detector.h"
#include "model/extractors/frame_change.h"
#include "model/extractors/signals.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

const char* kBuilding = "/usr/share/doc/opencv-doc/examples/data/building.jpg";
const char* kFruits = "/usr/share/doc/opencv-doc/examples/data/fruits.jpg";
const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// 9 s at 720x1280, 25 fps: building.jpg with "CITY LIGHTS" (0-3 s), a cut to fruits.jpg with
// "FRESH FRUIT" (3-6 s), and from 6 s on a small "SALE" caption appears in its lower right corner.
std::filesystem::path composeStillsClip(const test::TempDir& dir) {
  const auto clip = dir / "stills.mp4";
  const std::string fill = "scale=720:1280:force_original_aspect_ratio=increase,crop=720:1280,setsar=1";
  const std::string text = std::string("drawtext=fontfile=") + kDejaVu + ":fontsize=64:fontcolor=white:borderw=4:bordercolor=black:x=(w-text_w)/2:y=200:text=";
  const std::string filter = "[0:v]" + fill + "," + text + "'CITY LIGHTS'[a];[1:v]" + fill + "," + text +
                             "'FRESH FRUIT',drawtext=fontfile=" + kDejaVu +
                             ":fontsize=40:fontcolor=yellow:borderw=3:bordercolor=black:x=w-text_w-40:y=h-120:text='SALE':"
                             "enable='gte(t,3)'[b];[a][b]concat=n=2:v=1,format=yuv420p[v]";
  test::runFfmpeg({"-loop", "1", "-framerate", "25", "-t", "3", "-i", kBuilding, "-loop", "1", "-framerate", "25", "-t",
                   "6", "-i", kFruits, "-filter_complex", filter, "-map", "[v]", "-c:v", "libx264", "-preset",
                   "veryfast", clip.string()});
  return clip;
}

bool havePhotos() { return std::filesystem::exists(kBuilding) && std::filesystem::exists(kFruits) && std::filesystem::exists(kDejaVu); }

std::vector<media::SampledFrame> framesEveryHalfSecond(const std::filesystem::path& clip, double seconds) {
  std::vector<double> times;
  for (double t = 0.25; t < seconds; t += 0.5) times.push_back(t);
  media::FrameSamplerParams params;
  params.width = 720;
  params.height = 1280;
  auto frames = media::sampleFramesAt(clip, times, params);
  EXPECT_TRUE(frames) << frames.error().describe();
  return frames ? *frames : std::vector<media::SampledFrame>{};
}

TEST(FrameChangeGate, StillsReuseACutAndANewCaptionDetectAgain) {
  if (!havePhotos()) GTEST_SKIP() << "opencv-doc or fonts-dejavu not installed";
  test::TempDir dir;
  const auto frames = framesEveryHalfSecond(composeStillsClip(dir), 9.0);
  ASSERT_EQ(frames.size(), 18u);
  FrameChangeGate gate;
  std::vector<double> detectedAt;
  for (const auto& f : frames)
    if (gate.mustDetect(f.image)) detectedAt.push_back(f.requestedTime);
  // The first frame, the first after the cut (3.25 s) and the first with the caption (6.25 s): on
  // the stills in between, H.264's noise never moves a cell by more than the threshold.
  EXPECT_EQ(detectedAt, (std::vector<double>{0.25, 3.25, 6.25}));
  EXPECT_EQ(gate.detections(), 3);
  EXPECT_EQ(gate.framesSeen(), 18);

  // With two detections per change (the object detector's setting) the frame after each counts too.
  FrameChangeGateParams twice;
  twice.detectionsAfterChange = 2;
  FrameChangeGate confirming(twice);
  detectedAt.clear();
  for (const auto& f : frames)
    if (confirming.mustDetect(f.image)) detectedAt.push_back(f.requestedTime);
  EXPECT_EQ(detectedAt, (std::vector<double>{0.25, 0.75, 3.25, 3.75, 6.25, 6.75}));

  // Stretches start at the first frame and at each change, not at the frames right after.
  FrameChangeGate stretches(twice);
  std::vector<double> startedAt;
  for (const auto& f : frames) {
    stretches.mustDetect(f.image);
    if (stretches.lastStartedStretch()) startedAt.push_back(f.requestedTime);
  }
  EXPECT_EQ(startedAt, (std::vector<double>{0.25, 3.25, 6.25}));
}

TEST(FrameChangeGate, ShiftsWithinACellAreNoChangeNewTextureIs) {
  // A 64x64 frame: a vertical gray edge at x = 30, then the same edge 3 px to the right (a drift),
  // then a patch of 1-px stripes (letters' texture) where there was flat gray.
  auto picture = [](int edge, bool stripes) {
    media::RgbImage frame;
    frame.width = frame.height = 64;
    frame.pixels.resize(size_t(64) * 64 * 3);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) {
        uint8_t v = x < edge ? 40 : 200;
        if (stripes && y >= 32 && y < 48 && x < 16) v = (x % 2) ? 80 : 0;
        for (int c = 0; c < 3; ++c) frame.pixels[(size_t(y) * 64 + size_t(x)) * 3 + size_t(c)] = v;
      }
    return frame;
  };
  const FrameGrid reference = frameGrid(picture(30, false));
  EXPECT_EQ(reference.columns, 4);
  EXPECT_EQ(reference.rows, 4);
  const FrameChange same = compareGrids(reference, reference);
  EXPECT_EQ(same.largestTextureChange, 0);
  EXPECT_EQ(same.largestMeanChange, 0);
  EXPECT_EQ(same.meanChangedShare, 0.0);
  const FrameChange drift = compareGrids(reference, frameGrid(picture(33, false)));  // inside the neighbours' range
  EXPECT_EQ(drift.largestMeanChange, 0);
  EXPECT_EQ(drift.largestTextureChange, 0);
  const FrameChange text = compareGrids(reference, frameGrid(picture(30, true)));
  EXPECT_GT(text.largestTextureChange, 50);  // texture far above any neighbour's
  EXPECT_EQ(text.meanChangedShare, 0.0);     // the stripes average to about the gray they replace
  media::RgbImage other = picture(30, false);
  other.width = 32;
  other.height = 128;
  EXPECT_EQ(compareGrids(reference, frameGrid(other)).meanChangedShare, 1.0);
  EXPECT_TRUE(frameGrid(media::RgbImage{}).mean.empty());

  // The gate: reuse on the drifted frame, detect on the new texture, and after maxReusedFrames.
  FrameChangeGateParams params;
  params.maxReusedFrames = 2;
  FrameChangeGate gate(params);
  EXPECT_TRUE(gate.mustDetect(picture(30, false)));
  EXPECT_FALSE(gate.mustDetect(picture(33, false)));
  EXPECT_TRUE(gate.mustDetect(picture(30, true)));
  EXPECT_FALSE(gate.mustDetect(picture(30, true)));
  EXPECT_FALSE(gate.mustDetect(picture(30, true)));
  EXPECT_TRUE(gate.mustDetect(picture(30, true)));  // a third reuse in a row is not allowed
  EXPECT_EQ(gate.detections(), 3);
  EXPECT_EQ(gate.framesSeen(), 6);
}

ExtractOptions ocrOnly() {
  ExtractOptions options;
  options.objects = options.faces = options.audioEvents = options.voice = options.loudness = options.scenes = false;
  options.ocrEngine = OcrEngineChoice::PpOcr;
  return options;
}

std::vector<std::string> texts(const OcrSignal& ocr) {
  std::vector<std::string> out;
  for (const auto& line : ocr.lines) out.push_back(line.text);
  return out;
}

TEST(FrameChangeGate, PpOcrReusesBoxesOnStillsAndReadsWhatComesAfterACut) {
  if (!havePhotos()) GTEST_SKIP() << "opencv-doc or fonts-dejavu not installed";
  if (!checkPretrainedModel("ppocr-v4")) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  test::TempDir dir;
  const auto clip = composeStillsClip(dir);
  auto gated = extractSignals(clip, ocrOnly());
  ASSERT_TRUE(gated) << gated.error().describe();
  ExtractOptions everyFrame = ocrOnly();
  everyFrame.reuseOnUnchangedFrames = false;
  auto full = extractSignals(clip, everyFrame);
  ASSERT_TRUE(full) << full.error().describe();

  EXPECT_EQ(gated->ocr.framesSampled, 18);
  EXPECT_EQ(full->ocr.detectorCalls, 18);
  EXPECT_EQ(gated->ocr.detectorCalls, 3);  // the first frame, after the cut, when SALE appears
  const std::vector<std::string> expected = {"CITY LIGHTS", "FRESH FRUIT", "SALE"};
  EXPECT_EQ(texts(gated->ocr), expected);
  EXPECT_EQ(texts(full->ocr), expected);
  // The same time ranges as detecting every frame.
  ASSERT_EQ(gated->ocr.lines.size(), full->ocr.lines.size());
  for (size_t i = 0; i < gated->ocr.lines.size(); ++i) {
    ASSERT_EQ(gated->ocr.lines[i].ranges.size(), 1u) << gated->ocr.lines[i].text;
    ASSERT_EQ(full->ocr.lines[i].ranges.size(), 1u) << full->ocr.lines[i].text;
    EXPECT_NEAR(gated->ocr.lines[i].ranges[0].start, full->ocr.lines[i].ranges[0].start, 1e-9);
    EXPECT_NEAR(gated->ocr.lines[i].ranges[0].end, full->ocr.lines[i].ranges[0].end, 1e-9);
  }
  EXPECT_NEAR(gated->ocr.lines[1].ranges[0].start, 3.0, 0.3);
  EXPECT_NEAR(gated->ocr.lines[2].ranges[0].start, 6.0, 0.3);
}

TEST(FrameChangeGate, PpOcrSeesTextChangingInsideItsBoxWhereTheGridDoesNot) {
  if (!havePhotos()) GTEST_SKIP() << "opencv-doc or fonts-dejavu not installed";
  if (!checkPretrainedModel("ppocr-v4")) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  // A countdown: "TWO" then "ONE" in the same place and size over a still photograph, 3 s each.
  test::TempDir dir;
  const auto clip = dir / "countdown.mp4";
  const std::string word = std::string("drawtext=fontfile=") + kDejaVu +
                           ":fontsize=96:fontcolor=white:borderw=4:bordercolor=black:x=(w-text_w)/2:y=(h-text_h)/2:";
  test::runFfmpeg({"-loop", "1", "-framerate", "25", "-t", "6", "-i", kBuilding, "-vf",
                   "scale=720:1280:force_original_aspect_ratio=increase,crop=720:1280," + word +
                       "text='TWO':enable='lt(t,3)'," + word + "text='ONE':enable='gte(t,3)',format=yuv420p",
                   "-c:v", "libx264", "-preset", "veryfast", clip.string()});
  auto signals = extractSignals(clip, ocrOnly());
  ASSERT_TRUE(signals) << signals.error().describe();
  EXPECT_EQ(texts(signals->ocr), (std::vector<std::string>{"TWO", "ONE"}));
  EXPECT_LT(signals->ocr.detectorCalls, signals->ocr.framesSampled);
  ASSERT_EQ(signals->ocr.lines.size(), 2u);
  ASSERT_FALSE(signals->ocr.lines[1].ranges.empty());
  EXPECT_NEAR(signals->ocr.lines[1].ranges[0].start, 3.0, 0.3);
  EXPECT_NEAR(signals->ocr.lines[0].ranges.back().end, 3.0, 0.3);
}

TEST(SharedDecode, SceneCutsFromThePerceptionPassMatchTheSceneDetector) {
  if (!havePhotos()) GTEST_SKIP() << "opencv-doc or fonts-dejavu not installed";
  test::TempDir dir;
  const auto clip = composeStillsClip(dir);
  auto own = media::detectSceneChanges(clip);
  ASSERT_TRUE(own) << own.error().describe();
  ASSERT_EQ(own->size(), 1u);  // the cut; a small caption appearing is no change of background
  EXPECT_NEAR((*own)[0].time, 3.0, 0.05);

  ExtractOptions options;  // Tesseract OCR so the test needs no downloaded model
  options.ocrEngine = OcrEngineChoice::Tesseract;
  options.objects = options.faces = options.audioEvents = options.voice = options.loudness = false;
  auto signals = extractSignals(clip, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  ASSERT_TRUE(signals->scenes.ran);
  ASSERT_EQ(signals->scenes.changeTimes.size(), 1u);
  EXPECT_NEAR(signals->scenes.changeTimes[0], (*own)[0].time, 1e-6);
  bool decodedOnce = false;
  for (const auto& t : signals->timings) decodedOnce = decodedOnce || t.name == "decode_video";
  EXPECT_TRUE(decodedOnce);
}

}  // namespace
}  // namespace ugc::model
