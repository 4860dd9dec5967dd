#include "core/scene_detector.h"

#include <algorithm>
#include <array>
#include <cmath>

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

}  // namespace

Result<std::vector<SceneChange>> detectSceneChanges(const std::filesystem::path& path, const SceneDetectorParams& params,
                                                    const ProgressSink& progress, const CancelToken& cancel) {
  if (params.sampleFps <= 0 || params.frameSize <= 0)
    return makeError(ErrorCode::InvalidArgument, "sample rate and frame size must be positive");
  auto info = probeMedia(path, {.computeFingerprint = false}, cancel);
  if (!info) return tl::unexpected(info.error());
  if (!info->video) return makeError(ErrorCode::NotFound, "no video stream in " + path.string());
  std::vector<double> times;
  for (double t = 0; t < info->duration; t += 1.0 / params.sampleFps) times.push_back(t);
  if (times.size() < 2) return std::vector<SceneChange>{};

  FrameSamplerParams sampler;
  sampler.width = params.frameSize;
  sampler.height = params.frameSize;
  sampler.fit = FitMode::Crop;  // same size for every frame, no padding diluting the histogram
  auto frames = sampleFramesAt(path, times, sampler,
                               [&](const Progress& p) { report(progress, "finding scene changes", p.done, p.total * 2); },
                               cancel);
  if (!frames) return tl::unexpected(frames.error());

  std::vector<FrameSignature> signatures;
  for (const auto& f : *frames) signatures.push_back(signatureOf(f.image));
  std::vector<double> scores(frames->size(), 0.0);
  for (size_t i = 1; i < frames->size(); ++i)
    scores[i] = (*frames)[i].timestamp == (*frames)[i - 1].timestamp ? 0.0 : distance(signatures[i - 1], signatures[i]);

  // Peaks over the threshold, strongest first, none closer than minSceneSeconds to a stronger one.
  std::vector<size_t> candidates;
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i] >= params.threshold) candidates.push_back(i);
  std::sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  std::vector<size_t> kept;
  for (size_t c : candidates) {
    const bool tooClose = std::any_of(kept.begin(), kept.end(), [&](size_t k) {
      return std::abs((*frames)[k].timestamp - (*frames)[c].timestamp) < params.minSceneSeconds;
    });
    if (!tooClose) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end());

  std::vector<SceneChange> changes;
  const double frameStep = info->video->avgFps > 0 ? 1.0 / info->video->avgFps : 1.0 / 30;
  for (size_t n = 0; n < kept.size(); ++n) {
    if (cancel.isCancelled()) return cancelledError();
    const size_t i = kept[n];
    const SampledFrame& before = (*frames)[i - 1];
    const SampledFrame& after = (*frames)[i];
    SceneChange change{(before.timestamp + after.timestamp) / 2, scores[i]};
    if (params.refineToFrame) {
      // Every frame between the two samples: the first one that looks like `after` starts the scene.
      std::vector<double> between;
      for (double t = before.timestamp + frameStep; t < after.timestamp + frameStep / 2; t += frameStep) between.push_back(t);
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
    report(progress, "finding scene changes", int64_t(times.size() + (n + 1) * times.size() / kept.size()),
           int64_t(times.size() * 2));
  }
  report(progress, "finding scene changes", 1, 1);
  return changes;
}

}  // namespace ugc::media
