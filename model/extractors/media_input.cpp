#include "model/extractors/media_input.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/audio_decoder.h"
#include "core/frame_sampler.h"
#include "core/probe.h"
#include "core/scene_detector.h"

namespace ugc::model {
namespace {

// Decoded frames waiting for the detectors: enough to keep the decoder busy while a detector
// runs, few enough (2.7 MB each at 720x1280) that memory stays flat.
constexpr size_t kQueuedFrames = 4;
constexpr int kSceneFrameSize = 64;  // media::SceneDetectorParams::frameSize

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

struct DecodedMedia::VideoPass {
  std::filesystem::path path;
  int width = 0, height = 0;
  // The pass's sample times, sorted, each wanted by OCR, by the scene finder or both.
  struct Sample {
    double time = 0;
    bool ocr = false, scene = false;
    bool between = false;  // a frame between two scene samples, for refining a cut to the frame
  };
  std::vector<Sample> samples;
  media::SceneChangeFinder* sceneFinder = nullptr;

  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<media::RgbImage, double>> queue;
  bool started = false, finished = false, stop = false, dropOcr = false;
  std::optional<Error> error;
  double decodeSeconds = 0;
  std::thread thread;
  CancelToken cancel;  // the thread's own: set when the caller's fires or on stop

  ~VideoPass() {
    {
      const std::lock_guard lock(mutex);
      stop = true;
    }
    cancel.cancel();
    changed.notify_all();
    if (thread.joinable()) thread.join();
  }

  void start(const CancelToken& callerCancel) {
    const std::lock_guard lock(mutex);
    if (started) return;
    started = true;
    thread = std::thread([this, callerCancel] { run(callerCancel); });  // the token's copies share its flag
  }

  void run(const CancelToken& callerCancel) {
    std::vector<double> times;
    std::vector<bool> reduced;  // the scene detector's frames are small unless OCR wants them too
    for (const auto& s : samples) {
      times.push_back(s.time);
      reduced.push_back(!s.ocr);
    }
    media::FrameSamplerParams params;
    params.width = width;
    params.height = height;
    params.fit = media::FitMode::Contain;
    params.decoderThreads = 1;  // the detectors have the other core
    size_t next = 0;
    auto busySince = std::chrono::steady_clock::now();
    auto consume = [&](media::SampledFrame&& frame) {
      if (callerCancel.isCancelled()) cancel.cancel();
      // The frames come in time order: find the sample this one answers.
      while (next < samples.size() && samples[next].time < frame.requestedTime) ++next;
      if (next >= samples.size()) return true;
      const Sample sample = samples[next++];
      if (sample.between && sceneFinder) sceneFinder->addBetween(frame.image, frame.timestamp);
      if (sample.scene && sceneFinder) sceneFinder->add(frame.image, frame.timestamp);
      if (!sample.ocr) return true;
      decodeSeconds += secondsSince(busySince);
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stop || dropOcr || queue.size() < kQueuedFrames || callerCancel.isCancelled(); });
      busySince = std::chrono::steady_clock::now();
      if (stop || callerCancel.isCancelled()) return false;
      if (!dropOcr) queue.emplace_back(std::move(frame.image), frame.requestedTime);
      changed.notify_all();
      return true;
    };
    auto status = media::sampleFramesEach(path, times, params, consume, cancel, reduced, kSceneFrameSize);
    decodeSeconds += secondsSince(busySince);
    const std::lock_guard lock(mutex);
    if (!status && !status.error().isCancelled()) error = status.error();
    finished = true;
    changed.notify_all();
  }
};

DecodedMedia::DecodedMedia() = default;
DecodedMedia::~DecodedMedia() = default;
DecodedMedia::DecodedMedia(DecodedMedia&&) noexcept = default;
DecodedMedia& DecodedMedia::operator=(DecodedMedia&&) noexcept = default;

bool DecodedMedia::nextOcrRgbFrame(media::RgbImage& frame, double& time, const CancelToken& cancel) {
  if (!video_) return false;
  VideoPass& pass = *video_;
  pass.start(cancel);
  std::unique_lock lock(pass.mutex);
  // Woken by each frame and at the end; the caller's cancel is seen within the poll interval.
  while (pass.queue.empty() && !pass.finished && !cancel.isCancelled())
    pass.changed.wait_for(lock, std::chrono::milliseconds(50));
  if (pass.queue.empty()) return false;
  frame = std::move(pass.queue.front().first);
  time = pass.queue.front().second;
  pass.queue.pop_front();
  pass.changed.notify_all();
  return true;
}

void DecodedMedia::releaseOcrFrames() {
  if (!video_) return;
  const std::lock_guard lock(video_->mutex);
  video_->dropOcr = true;
  video_->queue.clear();
  video_->changed.notify_all();
}

Status DecodedMedia::finishVideo(const CancelToken& cancel) {
  if (!video_) return {};
  VideoPass& pass = *video_;
  pass.start(cancel);
  {
    std::unique_lock lock(pass.mutex);
    while (!pass.finished && !cancel.isCancelled()) pass.changed.wait_for(lock, std::chrono::milliseconds(50));
  }
  if (cancel.isCancelled()) return cancelledError();
  const std::lock_guard lock(pass.mutex);
  if (pass.error) return tl::unexpected(*pass.error);
  return {};
}

double DecodedMedia::videoDecodeSeconds() const { return video_ ? video_->decodeSeconds : 0.0; }

const std::optional<Error>& DecodedMedia::error() const {
  static const std::optional<Error> none;
  return video_ ? video_->error : none;
}

Result<DecodedMedia> openMediaForSignals(const std::filesystem::path& path, const DecodeRequest& request,
                                         const CancelToken& cancel) {
  media::ProbeParams probeParams;
  probeParams.computeFingerprint = false;
  auto probe = media::probeMedia(path, probeParams, cancel);
  if (!probe) return tl::unexpected(probe.error());
  DecodedMedia media;
  media.duration = probe->duration;
  media.hasVideo = probe->video.has_value() && probe->video->displayWidth > 0 && probe->video->displayHeight > 0;
  media.hasAudio = probe->audio.has_value();
  if (request.ocrFramesPerSecond > 0) media.ocrFrameInterval = 1.0 / request.ocrFramesPerSecond;
  if (media.hasVideo && probe->video->avgFps > 0) media.frameSeconds = 1.0 / probe->video->avgFps;

  if (media.hasAudio && request.audio) {
    media::AudioDecodeParams audioParams;
    audioParams.maxSeconds = request.maxAudioSeconds;
    auto audio = media::decodeAudio(path, audioParams, {}, cancel);
    if (!audio) return tl::unexpected(audio.error());
    media.audio = std::move(audio->samples);
    if (media.duration <= 0) media.duration = audio->summary.seconds();
  }
  if (media.hasVideo && (request.ocrFramesPerSecond > 0 || request.sceneFinder)) {
    auto pass = std::make_unique<DecodedMedia::VideoPass>();
    pass->path = path;
    const int width = probe->video->displayWidth, height = probe->video->displayHeight;
    const double shrink = std::min(1.0, double(request.ocrMaxWidth) / width);
    pass->width = std::max(2, int(std::lround(width * shrink)));
    pass->height = std::max(2, int(std::lround(height * shrink)));
    // OCR frames at the centres of 1/fps slices, so the first and last are inside the clip; the
    // scene finder's samples merged in (a time both want is decoded once).
    std::vector<DecodedMedia::VideoPass::Sample> samples;
    if (request.ocrFramesPerSecond > 0) {
      const double duration = std::max(media.duration, media.ocrFrameInterval);
      for (int i = 0;; ++i) {
        const double t = media.ocrFrameInterval * (i + 0.5);
        if (t >= duration) break;
        samples.push_back({t, true, false, false});
      }
    }
    if (request.sceneFinder) {
      // The scene samples, and every frame between two of them (their middles), so a cut is
      // refined to the frame from this pass instead of decoding the stretch around it again.
      const auto sceneTimes = request.sceneFinder->sampleTimes(media.duration);
      for (size_t i = 0; i < sceneTimes.size(); ++i) {
        samples.push_back({sceneTimes[i], false, true, false});
        if (i + 1 == sceneTimes.size()) break;
        for (int j = 1;; ++j) {
          const double t = sceneTimes[i] + (j + 0.5) * media.frameSeconds;
          if (t >= sceneTimes[i + 1]) break;
          samples.push_back({t, false, false, true});
        }
      }
    }
    std::stable_sort(samples.begin(), samples.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    for (const auto& s : samples) {
      if (!pass->samples.empty() && std::abs(pass->samples.back().time - s.time) < 1e-9) {
        pass->samples.back().ocr |= s.ocr;
        pass->samples.back().scene |= s.scene;
        pass->samples.back().between |= s.between;
      } else {
        pass->samples.push_back(s);
      }
    }
    pass->sceneFinder = request.sceneFinder;
    media.video_ = std::move(pass);
  }
  return media;
}

}  // namespace ugc::model
