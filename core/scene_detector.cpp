#include "core/scene_detector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "core/frame_sampler.h"
#include "core/probe.h"

namespace ugc::media {
namespace {

constexpr int kLevels = 8;  // per channel: an 8x8x8 colour histogram

struct FrameSignature {
  std::array<float, kLevels * kLevels * kLevels> histogram{};
  std::vector<float> gray;  // for the pixel difference
};

FrameSignature signatureOf(const RgbImage& image) {
  FrameSignature s;
  const size_t pixels = size_t(image.width) * size_t(image.height);
  s.gray.reserve(pixels);
  for (size_t i = 0; i < pixels; ++i) {
    const uint8_t* p = image.pixels.data() + i * 3;
    const int bin = (p[0] * kLevels / 256) * kLevels * kLevels + (p[1] * kLevels / 256) * kLevels + p[2] * kLevels / 256;
    s.histogram[size_t(bin)] += 1.0f / float(pixels);
    s.gray.push_back((p[0] + p[1] + p[2]) / (3.0f * 255.0f));
  }
  return s;
}

// 0 (same picture) .. 1 (nothing in common): the mean of half the L1 histogram distance
// and the mean absolute pixel difference scaled so a 25% grey change counts fully.
double distance(const FrameSignature& a, const FrameSignature& b) {
  double hist = 0;
  for (size_t i = 0; i < a.histogram.size(); ++i) hist += std::abs(a.histogram[i] - b.histogram[i]);
  hist *= 0.5;
  double pixel = 0;
  const size_t n = std::min(a.gray.size(), b.gray.size());
  for (size_t i = 0; i < n; ++i) pixel += std::abs(a.gray[i] - b.gray[i]);
  pixel = n ? std::min(1.0, pixel / double(n) * 4.0) : 1.0;
  return 0.5 * hist + 0.5 * pixel;
}

// A frame larger than size x size reduced to it as FitMode::Crop frames it: the centred square
// (side = the shorter side), area-averaged into size x size cells.
RgbImage cropReduced(const RgbImage& frame, int size) {
  if (frame.width == size && frame.height == size) return frame;
  const int side = std::min(frame.width, frame.height);
  const int x0 = (frame.width - side) / 2, y0 = (frame.height - side) / 2;
  RgbImage out;
  out.width = out.height = size;
  out.pixels.assign(size_t(size) * size * 3, 0);
  if (side <= 0) return out;
  for (int cy = 0; cy < size; ++cy) {
    const int ya = y0 + cy * side / size, yb = std::max(ya + 1, y0 + (cy + 1) * side / size);
    for (int cx = 0; cx < size; ++cx) {
      const int xa = x0 + cx * side / size, xb = std::max(xa + 1, x0 + (cx + 1) * side / size);
      long sum[3] = {0, 0, 0}, n = 0;
      for (int y = ya; y < yb; ++y) {
        const uint8_t* p = frame.pixels.data() + (size_t(y) * frame.width + size_t(xa)) * 3;
        for (int x = xa; x < xb; ++x, p += 3, ++n) sum[0] += p[0], sum[1] += p[1], sum[2] += p[2];
      }
      uint8_t* dst = out.pixels.data() + (size_t(cy) * size + size_t(cx)) * 3;
      for (int c = 0; c < 3; ++c) dst[c] = uint8_t(n ? sum[c] / n : 0);
    }
  }
  return out;
}

FrameSamplerParams refinementSampler(const SceneDetectorParams& params) {
  FrameSamplerParams sampler;
  sampler.width = params.frameSize;
  sampler.height = params.frameSize;
  sampler.fit = FitMode::Crop;  // same size for every frame, no padding diluting the histogram
  return sampler;
}

}  // namespace

struct SceneChangeFinder::Impl {
  SceneDetectorParams params;
  std::vector<FrameSignature> signatures;
  std::vector<double> timestamps;
  // Frames since the last sample (addBetween), and the cuts refined from them when the next sample
  // came: sample index -> the first frame that looks like it.
  std::vector<FrameSignature> between;
  std::vector<double> betweenTimes;
  std::vector<std::pair<size_t, double>> refined;
};

SceneChangeFinder::SceneChangeFinder(const SceneDetectorParams& params) : impl_(std::make_unique<Impl>()) {
  impl_->params = params;
}
SceneChangeFinder::~SceneChangeFinder() = default;
SceneChangeFinder::SceneChangeFinder(SceneChangeFinder&&) noexcept = default;
SceneChangeFinder& SceneChangeFinder::operator=(SceneChangeFinder&&) noexcept = default;

std::vector<double> SceneChangeFinder::sampleTimes(double duration) const {
  std::vector<double> times;
  if (impl_->params.sampleFps <= 0) return times;
  // Counted, not accumulated, so the times are exact multiples of the step.
  for (int i = 0; double(i) / impl_->params.sampleFps < duration; ++i) times.push_back(double(i) / impl_->params.sampleFps);
  return times;
}

void SceneChangeFinder::add(const RgbImage& frame, double timestamp) {
  if (frame.empty() || frame.pixels.size() != size_t(frame.width) * frame.height * 3) return;
  Impl& d = *impl_;
  d.signatures.push_back(signatureOf(cropReduced(frame, d.params.frameSize)));
  d.timestamps.push_back(timestamp);
  const size_t i = d.signatures.size() - 1;
  if (i > 0 && !d.between.empty() && d.params.refineToFrame && d.timestamps[i] != d.timestamps[i - 1] &&
      distance(d.signatures[i - 1], d.signatures[i]) >= d.params.threshold) {
    // A cut candidate: the first frame between the samples that looks like the later one starts
    // the new scene (the later sample itself when none does).
    double start = timestamp;
    for (size_t k = 0; k < d.between.size(); ++k)
      if (d.betweenTimes[k] > d.timestamps[i - 1] && d.betweenTimes[k] <= timestamp &&
          distance(d.between[k], d.signatures[i]) < distance(d.between[k], d.signatures[i - 1])) {
        start = d.betweenTimes[k];
        break;
      }
    d.refined.emplace_back(i, start);
  }
  d.between.clear();
  d.betweenTimes.clear();
}

void SceneChangeFinder::addBetween(const RgbImage& frame, double timestamp) {
  if (frame.empty() || frame.pixels.size() != size_t(frame.width) * frame.height * 3) return;
  impl_->between.push_back(signatureOf(cropReduced(frame, impl_->params.frameSize)));
  impl_->betweenTimes.push_back(timestamp);
}

namespace {

Result<std::vector<SceneChange>> findCuts(const std::vector<FrameSignature>& signatures,
                                          const std::vector<double>& timestamps, const SceneDetectorParams& params,
                                          const std::filesystem::path& path, double frameStep,
                                          const std::function<void(size_t, size_t)>& progress,
                                          const CancelToken& cancel,
                                          const std::vector<std::pair<size_t, double>>& refined = {}) {
  std::vector<double> scores(signatures.size(), 0.0);
  for (size_t i = 1; i < signatures.size(); ++i)
    scores[i] = timestamps[i] == timestamps[i - 1] ? 0.0 : distance(signatures[i - 1], signatures[i]);

  // Peaks over the threshold, strongest first, none closer than minSceneSeconds to a stronger one.
  std::vector<size_t> candidates;
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i] >= params.threshold) candidates.push_back(i);
  std::sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  std::vector<size_t> kept;
  for (size_t c : candidates) {
    const bool tooClose = std::any_of(kept.begin(), kept.end(), [&](size_t k) {
      return std::abs(timestamps[k] - timestamps[c]) < params.minSceneSeconds;
    });
    if (!tooClose) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end());

  std::vector<SceneChange> changes;
  const FrameSamplerParams sampler = refinementSampler(params);
  for (size_t n = 0; n < kept.size(); ++n) {
    if (cancel.isCancelled()) return cancelledError();
    const size_t i = kept[n];
    const double before = timestamps[i - 1], after = timestamps[i];
    SceneChange change{(before + after) / 2, scores[i]};
    const auto known = std::find_if(refined.begin(), refined.end(), [&](const auto& r) { return r.first == i; });
    if (params.refineToFrame && known != refined.end()) {
      change.time = known->second;  // refined from the frames handed in between
    } else if (params.refineToFrame) {
      // Every frame between the two samples: the first one that looks like `after` starts the scene.
      std::vector<double> between;
      for (double t = before + frameStep; t < after + frameStep / 2; t += frameStep) between.push_back(t);
      auto middle = sampleFramesAt(path, between, sampler, {}, cancel);
      if (!middle && middle.error().isCancelled()) return tl::unexpected(middle.error());
      if (middle) {
        for (const auto& f : *middle) {
          const auto s = signatureOf(f.image);
          if (distance(s, signatures[i]) < distance(s, signatures[i - 1])) {
            change.time = f.timestamp;
            break;
          }
        }
      }
    }
    changes.push_back(change);
    if (progress) progress(n + 1, kept.size());
  }
  return changes;
}

}  // namespace

Result<std::vector<SceneChange>> SceneChangeFinder::finish(const std::filesystem::path& path, double frameSeconds,
                                                            const CancelToken& cancel) {
  return findCuts(impl_->signatures, impl_->timestamps, impl_->params, path, frameSeconds > 0 ? frameSeconds : 1.0 / 30,
                  {}, cancel, impl_->refined);
}

Result<std::vector<SceneChange>> detectSceneChanges(const std::filesystem::path& path, const SceneDetectorParams& params,
                                                    const ProgressSink& progress, const CancelToken& cancel) {
  if (params.sampleFps <= 0 || params.frameSize <= 0)
    return makeError(ErrorCode::InvalidArgument, "sample rate and frame size must be positive");
  auto info = probeMedia(path, {.computeFingerprint = false}, cancel);
  if (!info) return tl::unexpected(info.error());
  if (!info->video) return makeError(ErrorCode::NotFound, "no video stream in " + path.string());
  SceneChangeFinder finder(params);
  const std::vector<double> times = finder.sampleTimes(info->duration);
  if (times.size() < 2) return std::vector<SceneChange>{};

  auto frames = sampleFramesAt(path, times, refinementSampler(params),
                               [&](const Progress& p) { report(progress, "finding scene changes", p.done, p.total * 2); },
                               cancel);
  if (!frames) return tl::unexpected(frames.error());
  for (const auto& f : *frames) finder.add(f.image, f.timestamp);
  const double frameStep = info->video->avgFps > 0 ? 1.0 / info->video->avgFps : 1.0 / 30;
  const int64_t total = int64_t(times.size());
  auto changes = findCuts(finder.impl_->signatures, finder.impl_->timestamps, params, path, frameStep,
                          [&](size_t n, size_t kept) {
                            report(progress, "finding scene changes", total + int64_t(n) * total / int64_t(kept), total * 2);
                          },
                          cancel);
  if (!changes) return changes;
  report(progress, "finding scene changes", 1, 1);
  return changes;
}

}  // namespace ugc::media
