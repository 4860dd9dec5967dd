// PP-OCRv4 detection and recognition end to end on the graph runtime: text rendered by FFmpeg's
// drawtext (DejaVu, a packaged font), the real fetched weights. Skips when the models are absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/graph/graph_runtime.h"
#include "model/graph/onnx_loader.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model::graph {
namespace {

namespace fs = std::filesystem;

struct Rgb {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

// Black text on white, rendered to raw RGB24 by the ffmpeg CLI.
Rgb renderText(const test::TempDir& dir, const std::string& text, int width, int height, int fontSize) {
  const auto out = dir / "frame.rgb";
  test::runFfmpeg({"-f", "lavfi", "-i",
                   "color=c=white:s=" + std::to_string(width) + "x" + std::to_string(height) + ":d=1", "-vf",
                   "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='" + text +
                       "':fontsize=" + std::to_string(fontSize) + ":fontcolor=black:x=(w-text_w)/2:y=(h-text_h)/2",
                   "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", out.string()});
  Rgb img{width, height, {}};
  const auto bytes = test::readFile(out);
  img.pixels.assign(bytes.begin(), bytes.end());
  EXPECT_EQ(img.pixels.size(), size_t(width) * height * 3);
  return img;
}

// NCHW float, BGR channel order (PaddleOCR reads with OpenCV), (v/255 - mean) / std.
std::vector<float> toInput(const Rgb& img, int x0, int y0, int w, int h, int outW, int outH, const float mean[3],
                           const float stdv[3]) {
  std::vector<float> data(size_t(3) * outW * outH);
  for (int y = 0; y < outH; ++y) {
    for (int x = 0; x < outW; ++x) {
      const int sx = std::min(img.width - 1, x0 + x * w / outW), sy = std::min(img.height - 1, y0 + y * h / outH);
      const uint8_t* p = &img.pixels[(size_t(sy) * img.width + sx) * 3];
      for (int c = 0; c < 3; ++c) {
        const float v = p[2 - c] / 255.f;
        data[size_t(c) * outW * outH + size_t(y) * outW + x] = (v - mean[c]) / stdv[c];
      }
    }
  }
  return data;
}

Result<GraphRuntime> loadModel(const std::string& file) {
  auto path = findPretrainedFile("ppocr-v4", file);
  if (!path) return tl::unexpected(path.error());
  auto graph = loadOnnxGraph(*path);
  if (!graph) return tl::unexpected(graph.error());
  return GraphRuntime::create(std::move(*graph));
}

TEST(PpOcrGraph, DetectionMapIsHighOnTheTextAndLowElsewhere) {
  if (!checkPretrainedModel("ppocr-v4")) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  auto det = loadModel("ch_PP-OCRv4_det_infer.onnx");
  ASSERT_TRUE(det) << det.error().describe();
  test::TempDir dir;
  const int W = 320, H = 160;
  const auto img = renderText(dir, "HELLO 2026", W, H, 36);
  const float mean[3] = {0.485f, 0.456f, 0.406f}, stdv[3] = {0.229f, 0.224f, 0.225f};
  const auto input = toInput(img, 0, 0, W, H, W, H, mean, stdv);
  auto out = det->runFloat("x", input.data(), {1, 3, H, W});
  ASSERT_TRUE(out) << out.error().describe();
  ASSERT_EQ(out->at(0).shape, (std::vector<int64_t>{1, 1, H, W}));
  const auto& prob = out->at(0).floats;
  // Text band: the rows and columns that hold dark pixels.
  int top = H, bottom = 0, left = W, right = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (img.pixels[(size_t(y) * W + x) * 3] < 128) {
        top = std::min(top, y), bottom = std::max(bottom, y), left = std::min(left, x), right = std::max(right, x);
      }
  ASSERT_LT(top, bottom);
  double inside = 0, outside = 0;
  int nIn = 0, nOut = 0;
  for (int y = 0; y < H; ++y) {
    for (int x = 0; x < W; ++x) {
      const bool in = y >= top && y <= bottom && x >= left && x <= right;
      const bool far = y < top - 15 || y > bottom + 15 || x < left - 15 || x > right + 15;
      // DB's binarisation threshold (0.3): text pixels.
      const bool text = prob[size_t(y) * W + x] > 0.3f;
      if (in) inside += text, ++nIn;
      if (far) outside += text, ++nOut;
    }
  }
  // DB maps shrink each word's polygon (unclip restores it), so not all of the box is text.
  EXPECT_GT(inside / nIn, 0.4) << "share of text-box pixels above the threshold";
  EXPECT_LT(outside / nOut, 0.005) << "share of pixels away from the text above the threshold";
}

TEST(PpOcrGraph, RecognitionReadsARenderedLineWithCtcGreedyDecoding) {
  if (!checkPretrainedModel("ppocr-v4")) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  auto rec = loadModel("ch_PP-OCRv4_rec_infer.onnx");
  ASSERT_TRUE(rec) << rec.error().describe();
  std::vector<std::string> keys{""};  // 0: the CTC blank
  {
    std::ifstream in(*findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt"));
    for (std::string line; std::getline(in, line);) keys.push_back(line);
    keys.push_back(" ");  // use_space_char
  }
  test::TempDir dir;
  const int W = 320, H = 48;
  const auto img = renderText(dir, "HELLO 2026", W, H, 30);
  const float mean[3] = {0.5f, 0.5f, 0.5f}, stdv[3] = {0.5f, 0.5f, 0.5f};
  const auto input = toInput(img, 0, 0, W, H, W, H, mean, stdv);
  auto out = rec->runFloat("x", input.data(), {1, 3, H, W});
  ASSERT_TRUE(out) << out.error().describe();
  const auto& probs = out->at(0);
  ASSERT_EQ(probs.shape.size(), 3u);
  ASSERT_EQ(static_cast<size_t>(probs.shape[2]), keys.size());
  std::string text;
  int64_t last = 0;
  for (int64_t t = 0; t < probs.shape[1]; ++t) {
    const float* row = &probs.floats[size_t(t) * probs.shape[2]];
    const int64_t best = std::max_element(row, row + probs.shape[2]) - row;
    if (best != 0 && best != last) text += keys[size_t(best)];
    last = best;
  }
  EXPECT_EQ(text, "HELLO 2026");
}

}  // namespace
}  // namespace ugc::model::graph

namespace ugc::model::graph {
namespace {

// A 1x1 frame through the detector: a clear error value or a probability map, never a crash. (It
// runs: the stride-32 pyramid rounds 1 px up to one cell and upsamples it to a 32x32 map, which is
// why the OCR pipeline pads frames to multiples of 32 before this point.)
TEST(PpOcrGraph, TinyInputIsAnErrorOrATinyMapNeverACrash) {
  if (!checkPretrainedModel("ppocr-v4")) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  auto det = loadModel("ch_PP-OCRv4_det_infer.onnx");
  ASSERT_TRUE(det) << det.error().describe();
  const std::vector<float> pixel(3, 0.f);
  auto out = det->runFloat("x", pixel.data(), {1, 3, 1, 1});
  if (out) {
    EXPECT_EQ(out->at(0).shape, (std::vector<int64_t>{1, 1, 32, 32}));
    for (float p : out->at(0).floats) EXPECT_TRUE(p >= 0.f && p <= 1.f) << p;
  } else {
    EXPECT_EQ(out.error().code, ErrorCode::InvalidArgument) << out.error().describe();
    EXPECT_FALSE(out.error().message.empty());
  }
}

}  // namespace
}  // namespace ugc::model::graph
