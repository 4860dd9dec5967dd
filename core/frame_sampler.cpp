#include "core/frame_sampler.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "core/ffmpeg_handles.h"
#include "core/frame_convert.h"

namespace ugc::media {
namespace {

using detail::FramePtr;
using detail::MediaInput;
using detail::PacketPtr;

constexpr size_t kLookaheadPackets = 16;  // covers the B-frame reordering depth of common encoders
constexpr int kMaxSeekRetries = 6;

using StopCheck = std::function<bool()>;

struct Target {
  double time = 0;
  int64_t pts = 0;
  size_t order = 0;  // position in the caller's request
};

// Decodes one video stream forward from wherever it was last positioned, keeping the
// latest frame at or before the current target ("held") and the first one after it
// ("pending"). Frames come out of the decoder in presentation order, so these two are
// all that is needed to answer "which frame is on screen at t".
class ForwardDecoder {
 public:
  ForwardDecoder(MediaInput& input, AVCodecContext* codec, int streamIndex, bool skipNonReference, SamplerStats& stats)
      : input_(input), codec_(codec), stream_(input->streams[streamIndex]), streamIndex_(streamIndex),
        skipNonReference_(skipNonReference), stats_(stats), packet_(detail::makePacket()),
        scratch_(detail::makeFrame()) {}

  bool hasIndex() { return avformat_index_get_entries_count(stream_) > 0; }

  // Timestamp of the index's keyframe at or before pts, or nullopt without an index.
  std::optional<int64_t> keyframeBefore(int64_t pts) {
    const AVIndexEntry* entry = avformat_index_get_entry_from_timestamp(stream_, pts, AVSEEK_FLAG_BACKWARD);
    if (!entry) return std::nullopt;
    return entry->timestamp;
  }

  std::optional<int64_t> readPosition() const { return readPosition_; }
  std::optional<int64_t> firstKeyframe() {
    const AVIndexEntry* entry = avformat_index_get_entry(stream_, 0);
    if (!entry) return std::nullopt;
    return entry->timestamp;
  }
  std::optional<int64_t> lastFramePts() const { return lastFramePts_; }

  void seek(int64_t pts) {
    ++stats_.seeks;
    if (av_seek_frame(input_.get(), streamIndex_, pts, AVSEEK_FLAG_BACKWARD) < 0)
      avformat_seek_file(input_.get(), streamIndex_, std::numeric_limits<int64_t>::min(), pts, pts, 0);
    avcodec_flush_buffers(codec_);
    lookahead_.clear();
    seenPts_.clear();
    held_.reset();
    pending_.reset();
    readPosition_.reset();
    lastFramePts_.reset();
    demuxerDone_ = decoderDone_ = drained_ = flushed_ = false;
  }

  // The frame on screen at targets[current].pts, or null when the stream has no frame at all.
  // Non-reference packets are skipped when a later-read packet proves they answer no remaining target.
  // drainAllowed: the caller will seek before its next target, so once every packet that can
  // show at or before the target has been sent, the decoder may be drained instead of fed
  // further packets just to learn that the next frame is later (see drainable()).
  Result<const AVFrame*> answer(const std::vector<Target>& targets, size_t current, bool drainAllowed,
                                const StopCheck& stopped) {
    drainAllowed_ = drainAllowed;
    const int64_t target = targets[current].pts;
    for (;;) {
      if (stopped()) return cancelledError();
      if (pending_ && framePts(pending_.get()) > target) return held_ ? held_.get() : pending_.get();
      if (pending_) held_ = std::move(pending_);
      if (decoderDone_) return held_.get();
      auto status = decodeOne(targets, current);
      if (!status) return tl::unexpected(status.error());
    }
  }

  // Drained decoders take no more packets: the next target needs a seek.
  bool drained() const { return drained_; }

  // Whether the last answer came from before any frame at or before the target (seek overshot).
  bool answerIsLate(int64_t target) const { return !held_ && pending_ && framePts(pending_.get()) > target; }

 private:
  static int64_t framePts(const AVFrame* frame) { return frame->best_effort_timestamp; }

  // Reads packets of our stream until the lookahead holds enough of them (or the file ends).
  void fillLookahead() {
    while (!demuxerDone_ && lookahead_.size() < kLookaheadPackets) {
      const int rc = av_read_frame(input_.get(), packet_.get());
      if (rc < 0) {
        demuxerDone_ = true;  // end of file, or damage: decode what we have
        break;
      }
      if (packet_->stream_index != streamIndex_) {
        av_packet_unref(packet_.get());
        continue;
      }
      ++stats_.packetsRead;
      PacketPtr copy = detail::makePacket();
      av_packet_move_ref(copy.get(), packet_.get());
      if (copy->pts != AV_NOPTS_VALUE) seenPts_.insert(copy->pts);
      const int64_t position = copy->dts != AV_NOPTS_VALUE ? copy->dts : copy->pts;
      if (position != AV_NOPTS_VALUE) readPosition_ = std::max(readPosition_.value_or(position), position);
      lookahead_.push_back(std::move(copy));
    }
  }

  // A frame with presentation time p answers the first remaining target t >= p unless some
  // other frame has a time in (p, t]; such a packet already read proves p is not needed.
  bool provablyUnneeded(int64_t pts, const std::vector<Target>& targets, size_t current) const {
    if (pts == AV_NOPTS_VALUE) return false;
    auto firstTarget = std::lower_bound(targets.begin() + long(current), targets.end(), pts,
                                        [](const Target& t, int64_t p) { return t.pts < p; });
    if (firstTarget == targets.end()) return false;
    auto later = seenPts_.upper_bound(pts);
    return later != seenPts_.end() && *later <= firstTarget->pts;
  }

  // Every packet still unsent shows after the target, and a full lookahead of them proves no
  // later one shows earlier (H.264/HEVC bound reordering to 16 frames): what is in the
  // decoder already holds the answer.
  bool drainable(int64_t target) const {
    if (!drainAllowed_ || flushed_ || (lookahead_.size() < kLookaheadPackets && !demuxerDone_)) return false;
    return std::all_of(lookahead_.begin(), lookahead_.end(),
                       [&](const PacketPtr& p) { return p->pts != AV_NOPTS_VALUE && p->pts > target; });
  }

  Status decodeOne(const std::vector<Target>& targets, size_t current) {
    int rc = avcodec_receive_frame(codec_, scratch_.get());
    if (rc == 0) {
      ++stats_.framesDecoded;
      FramePtr frame = detail::makeFrame();
      av_frame_move_ref(frame.get(), scratch_.get());
      if (frame->best_effort_timestamp == AV_NOPTS_VALUE)
        frame->best_effort_timestamp = frame->pts != AV_NOPTS_VALUE ? frame->pts : lastFramePts_.value_or(-1) + 1;
      lastFramePts_ = frame->best_effort_timestamp;
      if (frame->best_effort_timestamp <= targets[current].pts)
        held_ = std::move(frame);
      else
        pending_ = std::move(frame);
      return {};
    }
    if (rc == AVERROR_EOF) {
      decoderDone_ = true;
      return {};
    }
    if (rc != AVERROR(EAGAIN)) {
      // A damaged frame: keep going, the next keyframe may decode.
      if (++consecutiveErrors_ > 200) return makeError(ErrorCode::InvalidInput, "video does not decode: " + detail::ffmpegErrorText(rc));
      return {};
    }
    fillLookahead();
    if (lookahead_.empty()) {
      if (!flushed_) {
        avcodec_send_packet(codec_, nullptr);
        flushed_ = true;
      } else {
        decoderDone_ = true;
      }
      return {};
    }
    if (drainable(targets[current].pts)) {
      avcodec_send_packet(codec_, nullptr);  // out come the frames already sent, then EOF
      flushed_ = drained_ = true;
      return {};
    }
    flushed_ = false;
    PacketPtr next = std::move(lookahead_.front());
    lookahead_.pop_front();
    const bool skippable = skipNonReference_ && provablyUnneeded(next->pts, targets, current);
    codec_->skip_frame = skippable ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
    if (skippable) ++stats_.packetsSkippable;
    rc = avcodec_send_packet(codec_, next.get());
    if (rc < 0 && rc != AVERROR(EAGAIN)) {
      if (++consecutiveErrors_ > 200) return makeError(ErrorCode::InvalidInput, "video does not decode: " + detail::ffmpegErrorText(rc));
    } else {
      consecutiveErrors_ = 0;
    }
    return {};
  }

  MediaInput& input_;
  AVCodecContext* codec_;
  AVStream* stream_;
  int streamIndex_;
  bool skipNonReference_;
  SamplerStats& stats_;
  PacketPtr packet_;
  FramePtr scratch_;
  std::deque<PacketPtr> lookahead_;
  std::set<int64_t> seenPts_;
  FramePtr held_;
  FramePtr pending_;
  std::optional<int64_t> readPosition_;
  std::optional<int64_t> lastFramePts_;
  bool demuxerDone_ = false;
  bool decoderDone_ = false;
  bool flushed_ = false;
  bool drainAllowed_ = false;
  bool drained_ = false;
  int consecutiveErrors_ = 0;
};

}  // namespace

std::vector<double> uniformSampleTimes(double duration, int count) {
  std::vector<double> times;
  if (count <= 0) return times;
  times.reserve(size_t(count));
  for (int i = 0; i < count; ++i) times.push_back(std::max(0.0, duration) * (i + 0.5) / count);
  return times;
}

namespace {

// What every worker needs to know about the clip, found once.
struct SamplingPlan {
  int videoIndex = -1;
  AVRational timeBase{1, 1};
  int64_t originPts = 0;  // the container timeline's zero, in stream time base
  int64_t startPts = 0;   // the stream's first timestamp
  int rotation = 0;
  std::vector<Target> targets;  // sorted by time
};

Result<SamplingPlan> planSampling(MediaInput& input, const std::filesystem::path& path, const std::vector<double>& times,
                                  const FrameSamplerParams& params) {
  for (double t : times) {
    if (!std::isfinite(t)) return makeError(ErrorCode::InvalidArgument, "sample time is not a number");
  }
  if (params.width < 0 || params.height < 0) return makeError(ErrorCode::InvalidArgument, "negative output size");
  SamplingPlan plan;
  plan.videoIndex = input.bestStream(true);
  if (plan.videoIndex < 0) {
    // Some containers (MPEG-PS) only reveal their streams after analysis.
    if (auto status = input.findStreamInfo(); !status) return tl::unexpected(status.error());
    plan.videoIndex = input.bestStream(true);
  }
  if (plan.videoIndex < 0) return makeError(ErrorCode::NotFound, "no video stream in " + path.string());
  const AVStream* stream = input->streams[plan.videoIndex];
  const AVCodecParameters* par = stream->codecpar;
  if (par->width <= 0 || par->height <= 0) {
    if (auto status = input.findStreamInfo(); !status) return tl::unexpected(status.error());
  }
  if (int64_t(par->width) * int64_t(par->height) > params.maxPixels)
    return makeError(ErrorCode::Unsupported, "picture too large: " + std::to_string(par->width) + "x" +
                                                 std::to_string(par->height));
  if (!avcodec_find_decoder(par->codec_id))
    return makeError(ErrorCode::Unsupported, std::string("no decoder for codec '") + avcodec_get_name(par->codec_id) + "'");

  // Times are on the container's timeline. Formats made for broadcast (MPEG-PS/TS) start
  // their clocks anywhere, so their timeline is counted from the container's start time.
  plan.timeBase = stream->time_base;
  if (input->iformat->flags & AVFMT_TS_DISCONT) {
    if (input->start_time == AV_NOPTS_VALUE) {
      if (auto status = input.findStreamInfo(); !status) return tl::unexpected(status.error());
    }
    if (input->start_time != AV_NOPTS_VALUE) plan.originPts = av_rescale_q(input->start_time, AV_TIME_BASE_Q, plan.timeBase);
  }
  plan.startPts = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : plan.originPts;
  plan.rotation = params.applyRotation ? detail::displayRotation(stream) : 0;
  plan.targets.reserve(times.size());
  for (size_t i = 0; i < times.size(); ++i) {
    const int64_t offset =
        av_rescale_q(std::llround(std::max(0.0, times[i]) * AV_TIME_BASE), AV_TIME_BASE_Q, plan.timeBase);
    plan.targets.push_back({times[i], plan.originPts + offset, i});
  }
  std::stable_sort(plan.targets.begin(), plan.targets.end(), [](const Target& a, const Target& b) { return a.pts < b.pts; });
  return plan;
}

// Progress from several workers into one sink, one call at a time.
class SharedProgress {
 public:
  SharedProgress(const ProgressSink& sink, int64_t total) : sink_(sink), total_(total) {}
  void step() {
    const int64_t done = ++done_;
    if (!sink_) return;
    std::lock_guard lock(mutex_);
    report(sink_, "sampling frames", done, total_);
  }

 private:
  const ProgressSink& sink_;
  int64_t total_;
  std::atomic<int64_t> done_{0};
  std::mutex mutex_;
};

struct RunContext {
  const std::filesystem::path& path;
  const SamplingPlan& plan;
  const FrameSamplerParams& params;
  std::vector<SampledFrame>& frames;  // by request order; each run writes its own entries
  SharedProgress& progress;
  StopCheck stopped;
  // When set, each frame goes here as it is decoded instead of into `frames`; false stops.
  const std::function<bool(SampledFrame&&)>* consume = nullptr;
  const std::vector<bool>* reduced = nullptr;  // by request order: convert at reducedSize, cropped
  int reducedSize = 0;
};

// Samples the sorted targets [begin, end) with one decoder reading `input`.
Status sampleRun(MediaInput& input, const RunContext& run, size_t begin, size_t end, SamplerStats& stats) {
  const SamplingPlan& plan = run.plan;
  const FrameSamplerParams& params = run.params;
  for (unsigned i = 0; i < input->nb_streams; ++i)  // the demuxer then drops other packets cheaply
    if (int(i) != plan.videoIndex) input->streams[i]->discard = AVDISCARD_ALL;
  // Frame threading and per-packet skip_frame do not mix in FFmpeg 5.1's H.264 decoder
  // (frames go missing), so skipping needs a single-threaded decoder.
  const int threads = params.decoderThreads;
  auto codec = detail::openDecoder(input, plan.videoIndex, threads);
  if (!codec) return tl::unexpected(codec.error());
  const bool skip = params.skipNonReference && threads == 1;

  const std::vector<Target> targets(plan.targets.begin() + long(begin), plan.targets.begin() + long(end));
  ForwardDecoder decoder(input, codec->get(), plan.videoIndex, skip, stats);
  detail::FrameConverter converter, reducedConverter;
  int64_t lastConvertedPts = AV_NOPTS_VALUE;
  bool lastReduced = false;
  RgbImage lastImage;
  const double windowPts = params.forwardWindowSeconds / av_q2d(plan.timeBase);

  for (size_t k = 0; k < targets.size(); ++k) {
    if (run.stopped()) return cancelledError();
    const int64_t target = targets[k].pts;
    const auto position = decoder.readPosition();
    bool mustSeek = false;
    if (decoder.hasIndex()) {
      // Before anything is read the demuxer stands at the first keyframe.
      const auto keyframe = decoder.keyframeBefore(target);
      const auto from = position ? position : decoder.firstKeyframe();
      mustSeek = !from || (keyframe && *keyframe > *from);
    } else {
      // Without an index, seeking is a guess (MPEG-TS/PS bisect by timestamp and may land
      // after the target): decode forward through anything within the window.
      const int64_t from = decoder.lastFramePts().value_or(position.value_or(plan.startPts));
      mustSeek = double(target - from) > windowPts;
    }
    if (decoder.drained()) mustSeek = true;
    // Drain when the next target lies in a later GOP (it will be reached by a seek anyway).
    bool drainAllowed = k + 1 == targets.size();
    if (!drainAllowed && decoder.hasIndex()) {
      const auto here = decoder.keyframeBefore(target), next = decoder.keyframeBefore(targets[k + 1].pts);
      drainAllowed = here && next && *next > *here;
    }
    const AVFrame* frame = nullptr;
    int64_t seekPts = target;
    for (int attempt = 0;; ++attempt) {
      if (mustSeek) decoder.seek(seekPts);
      auto answer = decoder.answer(targets, k, drainAllowed, run.stopped);
      if (!answer) return tl::unexpected(answer.error());
      frame = *answer;
      // An inexact index can land after the target, and a truncated file can end before the
      // keyframe: back off (1 s, 2 s, 4 s, ...) and try again, finally from the start.
      if (!mustSeek || (frame && !decoder.answerIsLate(target)) || seekPts <= plan.startPts) break;
      seekPts = attempt + 1 >= kMaxSeekRetries
                    ? plan.startPts
                    : std::max(plan.startPts, seekPts - int64_t(std::ldexp(1.0 / av_q2d(plan.timeBase), attempt)));
    }
    if (!frame) return makeError(ErrorCode::InvalidInput, "no decodable video frame in " + run.path.string());

    const int64_t pts = frame->best_effort_timestamp;
    const bool reduced = run.reduced && (*run.reduced)[targets[k].order];
    if (pts != lastConvertedPts || reduced != lastReduced) {
      auto image = reduced ? reducedConverter.convert(frame, plan.rotation, run.reducedSize, run.reducedSize, FitMode::Crop)
                           : converter.convert(frame, plan.rotation, params.width, params.height, params.fit);
      if (!image) return tl::unexpected(image.error());
      lastImage = std::move(*image);
      lastConvertedPts = pts;
      lastReduced = reduced;
    }
    const double timestamp = double(pts - plan.originPts) * av_q2d(plan.timeBase);
    if (run.consume) {
      if (!(*run.consume)(SampledFrame{targets[k].time, timestamp, lastImage})) return {};
      continue;
    }
    SampledFrame& out = run.frames[targets[k].order];
    out.requestedTime = targets[k].time;
    out.timestamp = timestamp;
    out.image = lastImage;
    run.progress.step();
  }
  return {};
}

// Splits the sorted targets into at most `workers` contiguous runs of similar decoding
// cost, never cutting a GOP in two (both halves would decode its start).
std::vector<std::pair<size_t, size_t>> splitIntoRuns(MediaInput& input, const SamplingPlan& plan, int workers,
                                                     double windowSeconds) {
  AVStream* stream = input->streams[plan.videoIndex];
  const bool indexed = avformat_index_get_entries_count(stream) > 0;
  const int64_t window = std::max<int64_t>(1, int64_t(windowSeconds / av_q2d(plan.timeBase)));
  struct Group {
    size_t begin, end;
    double cost;
  };
  std::vector<Group> groups;
  int64_t groupKey = std::numeric_limits<int64_t>::min();
  for (size_t i = 0; i < plan.targets.size(); ++i) {
    const int64_t pts = plan.targets[i].pts;
    int64_t key = (pts - plan.startPts) / window * window + plan.startPts;
    if (indexed) {
      const AVIndexEntry* entry = avformat_index_get_entry_from_timestamp(stream, pts, AVSEEK_FLAG_BACKWARD);
      if (entry) key = entry->timestamp;
    }
    if (groups.empty() || key != groupKey) groups.push_back({i, i, 0});
    groupKey = key;
    groups.back().end = i + 1;
    // Decoding runs from the keyframe to the group's last target, plus a seek.
    groups.back().cost = double(pts - key) + double(window) / 8;
  }
  workers = std::max(1, std::min(workers, int(groups.size())));
  double total = 0;
  for (const auto& g : groups) total += g.cost;
  std::vector<std::pair<size_t, size_t>> runs;
  double accumulated = 0;
  for (const auto& g : groups) {
    if (runs.empty() || (accumulated >= total * double(runs.size()) / workers && int(runs.size()) < workers))
      runs.push_back({g.begin, g.end});
    runs.back().second = g.end;
    accumulated += g.cost;
  }
  return runs;
}

int defaultWorkers() { return int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u)); }

Result<std::vector<SampledFrame>> sampleOpened(MediaInput& input, const std::filesystem::path& path,
                                               const std::vector<double>& times, const FrameSamplerParams& params,
                                               const ProgressSink& progress, const CancelToken& cancel,
                                               SamplerStats* statsOut) {
  auto plan = planSampling(input, path, times, params);
  if (!plan) return tl::unexpected(plan.error());
  std::vector<SampledFrame> frames(times.size());
  if (times.empty()) return frames;
  SharedProgress shared(progress, int64_t(times.size()));
  CancelToken abort;  // one failing worker stops the others
  RunContext run{path, *plan, params, frames, shared, [&] { return cancel.isCancelled() || abort.isCancelled(); }};

  // Parallel runs need an index to cut the clip between GOPs; formats that reset their clocks
  // (MPEG-PS/TS) seek by guessing, so they are read by one decoder going forward.
  const bool seekable = avformat_index_get_entries_count(input->streams[plan->videoIndex]) > 0 &&
                        !(input->iformat->flags & AVFMT_TS_DISCONT);
  const int workers = !seekable ? 1 : params.workers > 0 ? params.workers : defaultWorkers();
  const auto runs = splitIntoRuns(input, *plan, workers, params.forwardWindowSeconds);
  std::vector<SamplerStats> stats(runs.size());
  std::vector<Status> results(runs.size());
  std::vector<std::thread> threads;
  for (size_t r = 1; r < runs.size(); ++r) {
    auto work = [&, r] {
      auto own = MediaInput::open(path, cancel);
      Status ready = own ? Status{} : Status(tl::unexpected(own.error()));
      if (ready && input.analysed()) ready = own->findStreamInfo();
      if (ready && (unsigned(plan->videoIndex) >= (*own)->nb_streams ||
                    (*own)->streams[plan->videoIndex]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO))
        ready = makeError(ErrorCode::InvalidInput, "the streams of " + path.string() + " differ between reads");
      results[r] = ready ? sampleRun(*own, run, runs[r].first, runs[r].second, stats[r]) : ready;
      if (!results[r]) abort.cancel();
    };
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      work();  // no thread to be had: do this run here
    }
  }
  results[0] = sampleRun(input, run, runs[0].first, runs[0].second, stats[0]);
  if (!results[0]) abort.cancel();
  for (auto& t : threads) t.join();

  if (cancel.isCancelled()) return cancelledError();
  for (const auto& result : results) {
    if (!result && !result.error().isCancelled()) return tl::unexpected(result.error());
  }
  for (const auto& result : results) {
    if (!result) return tl::unexpected(result.error());
  }
  if (statsOut) {
    *statsOut = {};
    statsOut->workers = int(runs.size());
    for (const auto& s : stats) {
      statsOut->seeks += s.seeks;
      statsOut->packetsRead += s.packetsRead;
      statsOut->framesDecoded += s.framesDecoded;
      statsOut->packetsSkippable += s.packetsSkippable;
    }
  }
  return frames;
}

}  // namespace

Result<std::vector<SampledFrame>> sampleFramesAt(const std::filesystem::path& path, const std::vector<double>& times,
                                                 const FrameSamplerParams& params, const ProgressSink& progress,
                                                 const CancelToken& cancel, SamplerStats* stats) {
  auto input = MediaInput::open(path, cancel);
  if (!input) return tl::unexpected(input.error());
  return sampleOpened(*input, path, times, params, progress, cancel, stats);
}

Status sampleFramesEach(const std::filesystem::path& path, const std::vector<double>& times,
                        const FrameSamplerParams& params, const std::function<bool(SampledFrame&&)>& consume,
                        const CancelToken& cancel, const std::vector<bool>& reduced, int reducedSize) {
  if (!reduced.empty() && (reduced.size() != times.size() || reducedSize <= 0))
    return makeError(ErrorCode::InvalidArgument, "one reduced flag per time and a positive reduced size");
  auto input = MediaInput::open(path, cancel);
  if (!input) return tl::unexpected(input.error());
  auto plan = planSampling(*input, path, times, params);
  if (!plan) return tl::unexpected(plan.error());
  if (times.empty()) return {};
  std::vector<SampledFrame> unused;
  const ProgressSink noProgress;
  SharedProgress progress(noProgress, int64_t(times.size()));
  RunContext run{path, *plan, params, unused, progress, [&] { return cancel.isCancelled(); }, &consume,
                 reduced.empty() ? nullptr : &reduced, reducedSize};
  SamplerStats stats;
  auto status = sampleRun(*input, run, 0, plan->targets.size(), stats);
  if (cancel.isCancelled()) return cancelledError();
  return status;
}

Result<std::vector<SampledFrame>> sampleFramesUniform(const std::filesystem::path& path, int count,
                                                      const FrameSamplerParams& params, const ProgressSink& progress,
                                                      const CancelToken& cancel, SamplerStats* stats) {
  if (count <= 0) return makeError(ErrorCode::InvalidArgument, "frame count must be positive");
  auto input = MediaInput::open(path, cancel);
  if (!input) return tl::unexpected(input.error());
  double duration = 0;
  const int index = input->bestStream(true);
  if (index >= 0) {
    const AVStream* s = (*input)->streams[index];
    if (s->duration != AV_NOPTS_VALUE && s->duration > 0) duration = double(s->duration) * av_q2d(s->time_base);
  }
  if (duration <= 0 && (*input)->duration != AV_NOPTS_VALUE) duration = double((*input)->duration) / AV_TIME_BASE;
  return sampleOpened(*input, path, uniformSampleTimes(duration, count), params, progress, cancel, stats);
}

}  // namespace ugc::media
