#include "model/perception/objects.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/graph/graph_runtime.h"
#include "model/graph/tfjs_loader.h"
#include "model/perception/box_overlap.h"

namespace ugc::model {

namespace {

constexpr const char* kModel = "centernet";
constexpr int kInput = 512;

// The picture inside black letterbox or pillarbox bars (rows and columns whose mean luma is
// above 16): landscape footage in a vertical upload keeps under half the frame, and the bars
// would take the network's resolution. The whole frame when nothing or little is left.
struct Region {
  int x = 0, y = 0, w = 0, h = 0;
};
Region pictureRegion(const media::RgbImage& frame) {
  const Region whole{0, 0, frame.width, frame.height};
  auto luma = [&](int x, int y) {
    const uint8_t* p = frame.pixel(x, y);
    return (77 * p[0] + 150 * p[1] + 29 * p[2]) >> 8;
  };
  const int step = std::max(1, std::max(frame.width, frame.height) / 256);
  auto rowBright = [&](int y) {
    long sum = 0, n = 0;
    for (int x = 0; x < frame.width; x += step, ++n) sum += luma(x, y);
    return n && sum / n > 16;
  };
  auto columnBright = [&](int x, int y0, int y1) {
    long sum = 0, n = 0;
    for (int y = y0; y < y1; y += step, ++n) sum += luma(x, y);
    return n && sum / n > 16;
  };
  int top = 0, bottom = frame.height;
  while (top < bottom && !rowBright(top)) ++top;
  while (bottom > top && !rowBright(bottom - 1)) --bottom;
  if (bottom - top < frame.height / 10) return whole;
  int left = 0, right = frame.width;
  while (left < right && !columnBright(left, top, bottom)) ++left;
  while (right > left && !columnBright(right - 1, top, bottom)) --right;
  if (right - left < frame.width / 10) return whole;
  return {left, top, right - left, bottom - top};
}

}  // namespace

const std::vector<std::string>& cocoCategories() {
  static const std::vector<std::string> names = {
      "person",        "bicycle",      "car",           "motorcycle",    "airplane",     "bus",
      "train",         "truck",        "boat",          "traffic light", "fire hydrant", "stop sign",
      "parking meter", "bench",        "bird",          "cat",           "dog",          "horse",
      "sheep",         "cow",          "elephant",      "bear",          "zebra",        "giraffe",
      "backpack",      "umbrella",     "handbag",       "tie",           "suitcase",     "frisbee",
      "skis",          "snowboard",    "sports ball",   "kite",          "baseball bat", "baseball glove",
      "skateboard",    "surfboard",    "tennis racket", "bottle",        "wine glass",   "cup",
      "fork",          "knife",        "spoon",         "bowl",          "banana",       "apple",
      "sandwich",      "orange",       "broccoli",      "carrot",        "hot dog",      "pizza",
      "donut",         "cake",         "chair",         "couch",         "potted plant", "bed",
      "dining table",  "toilet",       "tv",            "laptop",        "mouse",        "remote",
      "keyboard",      "cell phone",   "microwave",     "oven",          "toaster",      "sink",
      "refrigerator",  "book",         "clock",         "vase",          "scissors",     "teddy bear",
      "hair drier",    "toothbrush"};
  return names;
}

struct ObjectDetector::Impl {
  ObjectDetectorParams params;
  graph::GraphRuntime net;
  std::string inputName;
  size_t detectionsOutput = 0;
};

ObjectDetector::ObjectDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ObjectDetector::~ObjectDetector() = default;

Result<std::unique_ptr<ObjectDetector>> ObjectDetector::load(const std::filesystem::path& cacheDir,
                                                             const ObjectDetectorParams& params) {
  // The weights shard is verified too: the loader reads it by the name model.json gives.
  auto weights = findPretrainedFile(kModel, "centernet.bin", cacheDir);
  if (!weights) return tl::unexpected(weights.error());
  auto json = findPretrainedFile(kModel, "centernet.json", cacheDir);
  if (!json) return tl::unexpected(json.error());
  auto g = graph::loadTfjsGraph(*json);
  if (!g) return tl::unexpected(g.error());
  if (g->inputs.size() != 1) return makeError(ErrorCode::InvalidInput, "centernet.json: expected one input");
  const std::string input = g->inputs[0].name;
  size_t detections = g->outputs.size();
  for (size_t i = 0; i < g->outputs.size(); ++i)
    if (g->outputs[i].name == "tower_0/detections") detections = i;
  if (detections == g->outputs.size())
    return makeError(ErrorCode::InvalidInput, "centernet.json has no tower_0/detections output");
  auto net = graph::GraphRuntime::create(std::move(*g));
  if (!net) return tl::unexpected(net.error());
  return std::unique_ptr<ObjectDetector>(
      new ObjectDetector(std::unique_ptr<Impl>(new Impl{params, std::move(*net), input, detections})));
}

namespace {

// One look of the network: `view` (frame pixels) scaled so its longer side fills the 512x512
// input, centred on black; detections back in frame pixels.
struct ViewDetections {
  std::vector<DetectedObject> found;
  std::vector<bool> cutByView;  // touches an edge of the view that lies inside the picture
};

}  // namespace

Result<std::vector<DetectedObject>> ObjectDetector::detect(const media::RgbImage& frame) const {
  std::vector<DetectedObject> out;
  if (frame.empty()) return out;
  if (frame.pixels.size() != size_t(frame.width) * size_t(frame.height) * 3)
    return makeError(ErrorCode::InvalidArgument, "frame pixel buffer is not width*height*3 bytes");
  const ObjectDetectorParams& params = impl_->params;
  const bool letterbox = params.letterbox;
  const Region picture = letterbox ? pictureRegion(frame) : Region{0, 0, frame.width, frame.height};
  const auto& names = cocoCategories();

  // Bilinear (half-pixel centres) scale of `view` into the 512x512 input, NHWC RGB 0..255, black
  // around; `inner` = the picture's edges a detection may be cut by (not the picture's own edges).
  auto look = [&](const Region& view, bool stretch) -> Result<ViewDetections> {
    const float side = float(std::max(view.w, view.h));
    const float scaleX = stretch ? float(kInput) / view.w : kInput / side;
    const float scaleY = stretch ? float(kInput) / view.h : kInput / side;
    const int innerW = std::clamp(int(std::lround(view.w * scaleX)), 1, kInput);
    const int innerH = std::clamp(int(std::lround(view.h * scaleY)), 1, kInput);
    const int offX = (kInput - innerW) / 2, offY = (kInput - innerH) / 2;
    std::vector<float> input(size_t(kInput) * kInput * 3, 0.f);
    const float sx = float(view.w) / innerW, sy = float(view.h) / innerH;
    for (int y = 0; y < innerH; ++y) {
      const float fy = std::clamp((y + 0.5f) * sy - 0.5f, 0.f, float(view.h - 1)) + float(view.y);
      const int y0 = int(fy), y1 = std::min(y0 + 1, view.y + view.h - 1);
      const float wy = fy - float(y0);
      for (int x = 0; x < innerW; ++x) {
        const float fx = std::clamp((x + 0.5f) * sx - 0.5f, 0.f, float(view.w - 1)) + float(view.x);
        const int x0 = int(fx), x1 = std::min(x0 + 1, view.x + view.w - 1);
        const float wx = fx - float(x0);
        const uint8_t *a = frame.pixel(x0, y0), *b = frame.pixel(x1, y0), *c = frame.pixel(x0, y1),
                      *d = frame.pixel(x1, y1);
        float* dst = &input[(size_t(y + offY) * kInput + size_t(x + offX)) * 3];
        for (int k = 0; k < 3; ++k) dst[k] = (a[k] * (1 - wx) + b[k] * wx) * (1 - wy) + (c[k] * (1 - wx) + d[k] * wx) * wy;
      }
    }
    auto result = impl_->net.runFloat(impl_->inputName, input.data(), {1, kInput, kInput, 3});
    if (!result) return tl::unexpected(result.error());
    const auto& det = result->at(impl_->detectionsOutput);
    if (det.shape.size() != 3 || det.shape[2] != 6)
      return makeError(ErrorCode::InvalidInput, "CenterNet detections are not [1, N, 6]");
    const float fx = float(view.w) / innerW, fy = float(view.h) / innerH;
    // A box within this many frame pixels of an edge of the view that is not an edge of the
    // picture is cut by the view: the object goes on outside it.
    const int margin = 2 + std::max(view.w, view.h) / 100;
    ViewDetections seen;
    for (int64_t i = 0; i < det.shape[1]; ++i) {
      const float* row = &det.floats[size_t(i) * 6];  // x1, y1, x2, y2 (input pixels), score, class
      const int cls = int(std::lround(row[5]));
      if (row[4] < params.minScore || cls < 0 || cls >= int(names.size())) continue;
      const int x0 = std::clamp(view.x + int(std::floor((row[0] - offX) * fx)), 0, frame.width - 1);
      const int y0 = std::clamp(view.y + int(std::floor((row[1] - offY) * fy)), 0, frame.height - 1);
      const int x1 = std::clamp(view.x + int(std::ceil((row[2] - offX) * fx)), x0 + 1, frame.width);
      const int y1 = std::clamp(view.y + int(std::ceil((row[3] - offY) * fy)), y0 + 1, frame.height);
      const bool cut = (view.x > picture.x && x0 <= view.x + margin) ||
                       (view.x + view.w < picture.x + picture.w && x1 >= view.x + view.w - margin) ||
                       (view.y > picture.y && y0 <= view.y + margin) ||
                       (view.y + view.h < picture.y + picture.h && y1 >= view.y + view.h - margin);
      seen.found.push_back({names[size_t(cls)], row[4], x0, y0, x1 - x0, y1 - y0});
      seen.cutByView.push_back(cut);
    }
    return seen;
  };

  std::vector<DetectedObject> candidates;
  auto whole = look(picture, !letterbox);
  if (!whole) return tl::unexpected(whole.error());
  candidates = std::move(whole->found);
  // A tall (or wide) picture seen whole is small in the network's input: two overlapping squares
  // along its longer side, each filling the input, see its objects at up to 1.8x the pixels.
  // What a square cuts off at its inner edge is left to the other square and the whole view.
  const int shortSide = std::min(picture.w, picture.h), longSide = std::max(picture.w, picture.h);
  if (letterbox && params.overlappingCrops && shortSide > 0 && longSide * 4 >= shortSide * 5) {
    const bool tall = picture.h > picture.w;
    for (int k = 0; k < 2; ++k) {
      const int offset = k == 0 ? 0 : longSide - shortSide;
      const Region square = tall ? Region{picture.x, picture.y + offset, shortSide, shortSide}
                                 : Region{picture.x + offset, picture.y, shortSide, shortSide};
      auto part = look(square, false);
      if (!part) return tl::unexpected(part.error());
      for (size_t i = 0; i < part->found.size(); ++i)
        if (!part->cutByView[i]) candidates.push_back(part->found[i]);
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  for (const auto& c : candidates) {
    bool suppressed = false;
    for (const auto& kept : out) suppressed = suppressed || (kept.category == c.category && boxIou(kept, c) > params.nmsIou);
    if (!suppressed) out.push_back(c);
  }
  return out;
}

std::string colourName(int r, int g, int b) {
  const float rf = r / 255.f, gf = g / 255.f, bf = b / 255.f;
  const float maxc = std::max({rf, gf, bf}), minc = std::min({rf, gf, bf});
  const float v = maxc, s = maxc > 0 ? (maxc - minc) / maxc : 0.f;
  if (v < 0.22f) return "black";
  if (s < 0.18f) return v > 0.78f ? "white" : "grey";
  float h;
  const float d = maxc - minc;
  if (maxc == rf)
    h = 60.f * std::fmod((gf - bf) / d, 6.f);
  else if (maxc == gf)
    h = 60.f * ((bf - rf) / d + 2.f);
  else
    h = 60.f * ((rf - gf) / d + 4.f);
  if (h < 0) h += 360.f;
  if (h >= 10.f && h < 45.f && v < 0.65f) return "brown";
  if (h < 12.f || h >= 340.f) return "red";
  if (h < 40.f) return "orange";
  if (h < 70.f) return "yellow";
  if (h < 165.f) return "green";
  if (h < 255.f) return "blue";
  if (h < 290.f) return "purple";
  return "pink";
}

std::string dominantColourName(const media::RgbImage& frame, int x, int y, int width, int height) {
  if (frame.empty() || width <= 0 || height <= 0) return {};
  const int x0 = std::clamp(x + width / 4, 0, frame.width - 1), x1 = std::clamp(x + width * 3 / 4, x0 + 1, frame.width);
  const int y0 = std::clamp(y + height / 4, 0, frame.height - 1),
            y1 = std::clamp(y + height * 3 / 4, y0 + 1, frame.height);
  std::map<std::string, int> votes;
  // At most ~4096 samples: a big box is read on a grid.
  const int step = std::max(1, int(std::sqrt(double(x1 - x0) * (y1 - y0) / 4096.0)));
  for (int py = y0; py < y1; py += step)
    for (int px = x0; px < x1; px += step) {
      const uint8_t* p = frame.pixel(px, py);
      ++votes[colourName(p[0], p[1], p[2])];
    }
  std::string best;
  int most = -1;
  for (const auto& [name, count] : votes)
    if (count > most) best = name, most = count;
  return best;
}

}  // namespace ugc::model
