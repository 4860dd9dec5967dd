#include "model/perception/ppocr.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "model/graph/graph_runtime.h"
#include "model/graph/onnx_loader.h"

namespace ugc::model {

namespace {

constexpr const char* kModel = "ppocr-v4";
constexpr int kRecHeight = 48;
constexpr int kRecMaxWidth = 1280;
constexpr int kClsWidth = 192;
constexpr size_t kRecBatch = 6;
constexpr float kSpaceEvidence = 0.02f;  // between words ~0.4 (demo-01 "WALK EVERYWHERE": under 0.1), elsewhere <= 0.001

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
};

Result<graph::GraphRuntime> loadNetwork(const std::string& file, const std::filesystem::path& cacheDir) {
  auto path = findPretrainedFile(kModel, file, cacheDir);
  if (!path) return tl::unexpected(path.error());
  auto g = graph::loadOnnxGraph(*path);
  if (!g) return tl::unexpected(g.error());
  return graph::GraphRuntime::create(std::move(*g));
}

// Bilinear (half-pixel centres) sample of box `src` of `img` into a CHW float plane set of
// outW x outH placed at column 0 of a buffer `stride` wide; BGR order, (v/255 - mean) / std.
void sampleInto(const media::RgbImage& img, const Box& src, bool rotate180, int outW, int outH, int stride,
                const float mean[3], const float stdv[3], float* dst) {
  const size_t plane = size_t(stride) * outH;
  const float sx = float(src.w) / float(outW), sy = float(src.h) / float(outH);
  for (int y = 0; y < outH; ++y) {
    float fy = (y + 0.5f) * sy - 0.5f;
    fy = std::clamp(fy, 0.f, float(src.h - 1));
    const int y0 = int(fy), y1 = std::min(y0 + 1, src.h - 1);
    const float wy = fy - float(y0);
    for (int x = 0; x < outW; ++x) {
      float fx = (x + 0.5f) * sx - 0.5f;
      fx = std::clamp(fx, 0.f, float(src.w - 1));
      const int x0 = int(fx), x1 = std::min(x0 + 1, src.w - 1);
      const float wx = fx - float(x0);
      auto at = [&](int px, int py, int c) {
        if (rotate180) px = src.w - 1 - px, py = src.h - 1 - py;
        return float(img.pixel(src.x + px, src.y + py)[c]);
      };
      const int ox = x, oy = y;
      for (int c = 0; c < 3; ++c) {
        const int rgb = 2 - c;  // BGR
        const float v = (at(x0, y0, rgb) * (1 - wx) + at(x1, y0, rgb) * wx) * (1 - wy) +
                        (at(x0, y1, rgb) * (1 - wx) + at(x1, y1, rgb) * wx) * wy;
        dst[c * plane + size_t(oy) * stride + ox] = (v / 255.f - mean[c]) / stdv[c];
      }
    }
  }
}

int recWidthFor(const Box& b) {
  return std::clamp(int(std::ceil(kRecHeight * float(b.w) / float(std::max(1, b.h)))), 8, kRecMaxWidth);
}

bool isAsciiAlnum(const std::string& s) { return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0])); }

}  // namespace

struct PpOcrEngine::Impl {
  PpOcrParams params;
  graph::GraphRuntime det, rec, cls;
  std::vector<std::string> keys;  // 0: CTC blank

  std::vector<Box> detect(const media::RgbImage& frame) const;
  std::vector<bool> upsideDown(const media::RgbImage& frame, const std::vector<Box>& boxes) const;
  Result<std::vector<PpOcrLine>> recognise(const media::RgbImage& frame, const std::vector<Box>& boxes,
                                           const std::vector<bool>& flip) const;
};

PpOcrEngine::PpOcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PpOcrEngine::~PpOcrEngine() = default;

Result<std::unique_ptr<PpOcrEngine>> PpOcrEngine::load(const std::filesystem::path& cacheDir,
                                                       const PpOcrParams& params) {
  auto keysPath = findPretrainedFile(kModel, "ppocr_keys_v1.txt", cacheDir);
  if (!keysPath) return tl::unexpected(keysPath.error());
  auto det = loadNetwork("ch_PP-OCRv4_det_infer.onnx", cacheDir);
  if (!det) return tl::unexpected(det.error());
  auto rec = loadNetwork("ch_PP-OCRv4_rec_infer.onnx", cacheDir);
  if (!rec) return tl::unexpected(rec.error());
  auto cls = loadNetwork("ch_ppocr_mobile_v2.0_cls_infer.onnx", cacheDir);
  if (!cls) return tl::unexpected(cls.error());
  auto impl = std::unique_ptr<Impl>(new Impl{params, std::move(*det), std::move(*rec), std::move(*cls), {""}});
  std::ifstream in(*keysPath);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    impl->keys.push_back(line);
  }
  impl->keys.push_back(" ");  // PP-OCR's use_space_char: the last class
  return std::unique_ptr<PpOcrEngine>(new PpOcrEngine(std::move(impl)));
}

std::vector<Box> PpOcrEngine::Impl::detect(const media::RgbImage& frame) const {
  const float scale = std::min(1.f, float(params.maxSide) / float(std::max(frame.width, frame.height)));
  auto round32 = [](float v) { return std::max(32, int(std::lround(v / 32.f)) * 32); };
  const int rw = round32(frame.width * scale), rh = round32(frame.height * scale);
  std::vector<float> input(size_t(3) * rw * rh);
  const float mean[3] = {0.485f, 0.456f, 0.406f}, stdv[3] = {0.229f, 0.224f, 0.225f};
  sampleInto(frame, {0, 0, frame.width, frame.height}, false, rw, rh, rw, mean, stdv, input.data());
  auto out = det.runFloat("x", input.data(), {1, 3, rh, rw});
  if (!out || out->empty() || out->at(0).floats.size() != size_t(rw) * rh) return {};
  const auto& prob = out->at(0).floats;

  // Connected components (4-neighbour) of the binarised map.
  std::vector<int> label(prob.size(), 0);
  std::vector<Box> boxes;
  std::vector<size_t> stack;
  int next = 0;
  for (size_t start = 0; start < prob.size(); ++start) {
    if (label[start] || prob[start] <= params.binaryThreshold) continue;
    ++next;
    int minX = rw, minY = rh, maxX = 0, maxY = 0;
    stack.assign(1, start);
    label[start] = next;
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      const int x = int(i % rw), y = int(i / rw);
      minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y), maxY = std::max(maxY, y);
      const size_t nb[4] = {x > 0 ? i - 1 : i, x + 1 < rw ? i + 1 : i, y > 0 ? i - rw : i, y + 1 < rh ? i + rw : i};
      for (size_t n : nb) {
        if (n != i && !label[n] && prob[n] > params.binaryThreshold) {
          label[n] = next;
          stack.push_back(n);
        }
      }
    }
    const int w = maxX - minX + 1, h = maxY - minY + 1;
    if (std::min(w, h) < params.minBoxSide) continue;
    double sum = 0;
    for (int y = minY; y <= maxY; ++y)
      for (int x = minX; x <= maxX; ++x) sum += prob[size_t(y) * rw + x];
    if (sum / (double(w) * h) < params.boxThreshold) continue;
    // Unclip: grow by area * ratio / perimeter, then back to frame pixels.
    const float d = float(w) * float(h) * params.unclipRatio / (2.f * float(w + h));
    const float fx = float(frame.width) / float(rw), fy = float(frame.height) / float(rh);
    const int x0 = std::clamp(int(std::floor((minX - d) * fx)), 0, frame.width - 1);
    const int y0 = std::clamp(int(std::floor((minY - d) * fy)), 0, frame.height - 1);
    const int x1 = std::clamp(int(std::ceil((maxX + 1 + d) * fx)), x0 + 1, frame.width);
    const int y1 = std::clamp(int(std::ceil((maxY + 1 + d) * fy)), y0 + 1, frame.height);
    boxes.push_back({x0, y0, x1 - x0, y1 - y0});
  }
  // Reading order: rows (centres within half a line height), then left to right.
  std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
    const int ca = a.y + a.h / 2, cb = b.y + b.h / 2;
    if (std::abs(ca - cb) * 2 < std::min(a.h, b.h)) return a.x < b.x;
    return ca < cb;
  });
  // Words of one line that DB split apart (a wide word space: "Morning" and "Run") are one box:
  // neighbours in a row, overlapping vertically by 60 %, similar height, a gap under one height.
  std::vector<Box> merged;
  for (const Box& b : boxes) {
    if (!merged.empty()) {
      Box& a = merged.back();
      const int overlap = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      const int gap = b.x - (a.x + a.w);
      const int lineHeight = std::min(a.h, b.h);
      if (overlap * 10 >= 6 * lineHeight && std::max(a.h, b.h) * 10 <= 15 * lineHeight && gap < lineHeight &&
          gap > -lineHeight) {
        const int x1 = std::max(a.x + a.w, b.x + b.w), y0 = std::min(a.y, b.y), y1 = std::max(a.y + a.h, b.y + b.h);
        a = {a.x, y0, x1 - a.x, y1 - y0};
        continue;
      }
    }
    merged.push_back(b);
  }
  return merged;
}

std::vector<bool> PpOcrEngine::Impl::upsideDown(const media::RgbImage& frame, const std::vector<Box>& boxes) const {
  std::vector<bool> flip(boxes.size(), false);
  if (!params.useOrientation) return flip;
  const float mean[3] = {0.5f, 0.5f, 0.5f}, stdv[3] = {0.5f, 0.5f, 0.5f};
  for (size_t i = 0; i < boxes.size(); ++i) {
    std::vector<float> input(size_t(3) * kRecHeight * kClsWidth, 0.f);
    const int w = std::min(kClsWidth, recWidthFor(boxes[i]));
    sampleInto(frame, boxes[i], false, w, kRecHeight, kClsWidth, mean, stdv, input.data());
    auto out = cls.runFloat("x", input.data(), {1, 3, kRecHeight, kClsWidth});
    if (out && !out->empty() && out->at(0).floats.size() == 2) flip[i] = out->at(0).floats[1] > 0.9f;
  }
  return flip;
}

Result<std::vector<PpOcrLine>> PpOcrEngine::Impl::recognise(const media::RgbImage& frame, const std::vector<Box>& boxes,
                                                            const std::vector<bool>& flip) const {
  std::vector<size_t> order(boxes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return recWidthFor(boxes[a]) < recWidthFor(boxes[b]); });
  std::vector<PpOcrLine> lines(boxes.size());
  std::vector<bool> kept(boxes.size(), false);
  const float mean[3] = {0.5f, 0.5f, 0.5f}, stdv[3] = {0.5f, 0.5f, 0.5f};
  for (size_t start = 0; start < order.size(); start += kRecBatch) {
    const size_t n = std::min(kRecBatch, order.size() - start);
    int width = 0;
    for (size_t k = 0; k < n; ++k) width = std::max(width, recWidthFor(boxes[order[start + k]]));
    const size_t per = size_t(3) * kRecHeight * width;
    std::vector<float> input(per * n, 0.f);  // zero = mid-grey padding, as PaddleOCR pads
    for (size_t k = 0; k < n; ++k) {
      const size_t i = order[start + k];
      sampleInto(frame, boxes[i], flip[i], recWidthFor(boxes[i]), kRecHeight, width, mean, stdv,
                 input.data() + k * per);
    }
    auto out = rec.runFloat("x", input.data(), {int64_t(n), 3, kRecHeight, width});
    if (!out) return tl::unexpected(out.error());
    const auto& probs = out->at(0);
    if (probs.shape.size() != 3 || size_t(probs.shape[2]) != keys.size())
      return makeError(ErrorCode::InvalidInput, "PP-OCRv4 recogniser output does not match ppocr_keys_v1.txt");
    const int64_t steps = probs.shape[1], classes = probs.shape[2];
    for (size_t k = 0; k < n; ++k) {
      const size_t i = order[start + k];
      // Greedy CTC. The recogniser often lets the space class lose narrowly between two Latin
      // words: a space is kept when its probability peaked above kSpaceEvidence between them.
      std::string text;
      std::string previous;
      double confSum = 0;
      int emitted = 0;
      int64_t last = 0;
      float spacePeak = 0;
      const int64_t space = classes - 1;
      for (int64_t t = 0; t < steps; ++t) {
        const float* row = &probs.floats[(k * steps + t) * classes];
        const int64_t best = std::max_element(row, row + classes) - row;
        spacePeak = std::max(spacePeak, row[space]);
        if (best != 0 && best != last) {
          const auto& piece = keys[size_t(best)];
          if (best != space && isAsciiAlnum(piece) && isAsciiAlnum(previous) && spacePeak > kSpaceEvidence) text += ' ';
          text += piece;
          previous = piece;
          confSum += row[best];
          ++emitted;
          spacePeak = 0;
        }
        last = best;
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      while (!text.empty() && text.front() == ' ') text.erase(text.begin());
      const float conf = emitted ? float(confSum / emitted) : 0.f;
      if (text.empty() || conf < params.minLineConfidence) continue;
      lines[i] = {text, conf, boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h};
      kept[i] = true;
    }
  }
  std::vector<PpOcrLine> result;
  for (size_t i = 0; i < lines.size(); ++i)
    if (kept[i]) result.push_back(std::move(lines[i]));
  return result;
}

Result<std::vector<PpOcrLine>> PpOcrEngine::read(const media::RgbImage& frame) const {
  if (frame.empty()) return std::vector<PpOcrLine>{};
  if (frame.pixels.size() != size_t(frame.width) * size_t(frame.height) * 3)
    return makeError(ErrorCode::InvalidArgument, "frame pixel buffer is not width*height*3 bytes");
  if (frame.width < 4 || frame.height < 4) return std::vector<PpOcrLine>{};
  const auto boxes = impl_->detect(frame);
  if (boxes.empty()) return std::vector<PpOcrLine>{};
  return impl_->recognise(frame, boxes, impl_->upsideDown(frame, boxes));
}

namespace {
Status checkFrame(const media::RgbImage& frame) {
  if (frame.pixels.size() != size_t(frame.width) * size_t(frame.height) * 3)
    return makeError(ErrorCode::InvalidArgument, "frame pixel buffer is not width*height*3 bytes");
  return {};
}
}  // namespace

Result<std::vector<PpOcrBox>> PpOcrEngine::detect(const media::RgbImage& frame) const {
  std::vector<PpOcrBox> out;
  if (frame.empty()) return out;
  if (auto ok = checkFrame(frame); !ok) return tl::unexpected(ok.error());
  if (frame.width < 4 || frame.height < 4) return out;
  for (const Box& b : impl_->detect(frame)) out.push_back({b.x, b.y, b.w, b.h});
  return out;
}

Result<std::vector<PpOcrLine>> PpOcrEngine::recognise(const media::RgbImage& frame,
                                                      const std::vector<PpOcrBox>& requested) const {
  if (requested.empty() || frame.empty()) return std::vector<PpOcrLine>{};
  if (auto ok = checkFrame(frame); !ok) return tl::unexpected(ok.error());
  std::vector<Box> boxes;
  for (const auto& b : requested) {
    // Clamped to the frame: a box from another frame size must not read outside this one.
    const int x0 = std::clamp(b.x, 0, frame.width - 1), y0 = std::clamp(b.y, 0, frame.height - 1);
    const int x1 = std::clamp(b.x + b.width, x0 + 1, frame.width), y1 = std::clamp(b.y + b.height, y0 + 1, frame.height);
    boxes.push_back({x0, y0, x1 - x0, y1 - y0});
  }
  return impl_->recognise(frame, boxes, impl_->upsideDown(frame, boxes));
}

}  // namespace ugc::model
