#include "model/perception/faces.h"

#include <algorithm>
#include <cmath>

#include "model/graph/graph_runtime.h"
#include "model/graph/tfjs_loader.h"
#include "model/perception/box_overlap.h"

namespace ugc::model {

namespace {

constexpr const char* kModel = "blazeface";
constexpr int kInput = 256;

}  // namespace

struct FaceDetector::Impl {
  FaceDetectorParams params;
  graph::GraphRuntime net;
  std::string inputName;
};

FaceDetector::FaceDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FaceDetector::~FaceDetector() = default;

Result<std::unique_ptr<FaceDetector>> FaceDetector::load(const std::filesystem::path& cacheDir,
                                                         const FaceDetectorParams& params) {
  auto weights = findPretrainedFile(kModel, "blazeface.bin", cacheDir);
  if (!weights) return tl::unexpected(weights.error());
  auto json = findPretrainedFile(kModel, "blazeface.json", cacheDir);
  if (!json) return tl::unexpected(json.error());
  auto g = graph::loadTfjsGraph(*json);
  if (!g) return tl::unexpected(g.error());
  if (g->inputs.size() != 1 || g->outputs.size() != 4)
    return makeError(ErrorCode::InvalidInput, "blazeface.json: expected one input and four outputs");
  const std::string input = g->inputs[0].name;
  auto net = graph::GraphRuntime::create(std::move(*g));
  if (!net) return tl::unexpected(net.error());
  return std::unique_ptr<FaceDetector>(new FaceDetector(std::unique_ptr<Impl>(new Impl{params, std::move(*net), input})));
}

Result<std::vector<DetectedFace>> FaceDetector::detect(const media::RgbImage& frame) const {
  std::vector<DetectedFace> out;
  if (frame.empty()) return out;
  if (frame.pixels.size() != size_t(frame.width) * size_t(frame.height) * 3)
    return makeError(ErrorCode::InvalidArgument, "frame pixel buffer is not width*height*3 bytes");
  const float scale = kInput / float(std::max(frame.width, frame.height));
  const int innerW = std::clamp(int(std::lround(frame.width * scale)), 1, kInput);
  const int innerH = std::clamp(int(std::lround(frame.height * scale)), 1, kInput);
  const int offX = (kInput - innerW) / 2, offY = (kInput - innerH) / 2;
  std::vector<float> input(size_t(kInput) * kInput * 3, -1.f);  // black in [-1, 1]
  const float sx = float(frame.width) / innerW, sy = float(frame.height) / innerH;
  for (int y = 0; y < innerH; ++y) {
    const float fy = std::clamp((y + 0.5f) * sy - 0.5f, 0.f, float(frame.height - 1));
    const int y0 = int(fy), y1 = std::min(y0 + 1, frame.height - 1);
    const float wy = fy - float(y0);
    for (int x = 0; x < innerW; ++x) {
      const float fx = std::clamp((x + 0.5f) * sx - 0.5f, 0.f, float(frame.width - 1));
      const int x0 = int(fx), x1 = std::min(x0 + 1, frame.width - 1);
      const float wx = fx - float(x0);
      const uint8_t *a = frame.pixel(x0, y0), *b = frame.pixel(x1, y0), *c = frame.pixel(x0, y1), *d = frame.pixel(x1, y1);
      float* dst = &input[(size_t(y + offY) * kInput + size_t(x + offX)) * 3];
      for (int k = 0; k < 3; ++k)
        dst[k] = ((a[k] * (1 - wx) + b[k] * wx) * (1 - wy) + (c[k] * (1 - wx) + d[k] * wx) * wy) / 127.5f - 1.f;
    }
  }
  auto result = impl_->net.runFloat(impl_->inputName, input.data(), {1, kInput, kInput, 3});
  if (!result) return tl::unexpected(result.error());
  // The four outputs by size: scores at stride 32 (384), at stride 16 (512), boxes (384x16, 512x16).
  const graph::Tensor *scores16 = nullptr, *scores32 = nullptr, *boxes16 = nullptr, *boxes32 = nullptr;
  for (const auto& t : *result) {
    const auto n = t.floats.size();
    if (n == 512) scores16 = &t;
    if (n == 384) scores32 = &t;
    if (n == 512 * 16) boxes16 = &t;
    if (n == 384 * 16) boxes32 = &t;
  }
  if (!scores16 || !scores32 || !boxes16 || !boxes32)
    return makeError(ErrorCode::InvalidInput, "BlazeFace outputs are not 512/384 anchors x (1, 16)");
  std::vector<DetectedFace> candidates;
  auto decode = [&](const graph::Tensor& scores, const graph::Tensor& boxes, int stride, int perCell) {
    const int cells = kInput / stride;
    for (int i = 0; i < cells * cells * perCell; ++i) {
      const float logit = std::clamp(scores.floats[size_t(i)], -100.f, 100.f);
      const float score = 1.f / (1.f + std::exp(-logit));
      if (score < impl_->params.minScore) continue;
      const int cell = i / perCell;
      const float ax = stride * (cell % cells + 0.5f), ay = stride * (cell / cells + 0.5f);
      const float* r = &boxes.floats[size_t(i) * 16];
      const float cx = ax + r[0], cy = ay + r[1], w = r[2], h = r[3];
      const int x0 = std::clamp(int(std::floor((cx - w / 2 - offX) / scale)), 0, frame.width - 1);
      const int y0 = std::clamp(int(std::floor((cy - h / 2 - offY) / scale)), 0, frame.height - 1);
      const int x1 = std::clamp(int(std::ceil((cx + w / 2 - offX) / scale)), x0 + 1, frame.width);
      const int y1 = std::clamp(int(std::ceil((cy + h / 2 - offY) / scale)), y0 + 1, frame.height);
      candidates.push_back({score, x0, y0, x1 - x0, y1 - y0});
    }
  };
  decode(*scores16, *boxes16, 16, 2);
  decode(*scores32, *boxes32, 32, 6);
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  for (const auto& c : candidates) {
    bool suppressed = false;
    for (const auto& kept : out) suppressed = suppressed || boxIou(kept, c) > impl_->params.nmsIou;
    if (!suppressed) out.push_back(c);
  }
  return out;
}

}  // namespace ugc::model
