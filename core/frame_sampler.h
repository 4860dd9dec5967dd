#pragma once
// Sampling decoded video frames at chosen times, upright and scaled, as RGB.
//
// Each target time t is answered by the frame on screen at t: the last frame whose
// presentation timestamp is <= t (the first frame when t precedes it). This is exact
// for variable frame rate input because it uses the stream's own timestamps.
// Targets are visited in time order; the sampler seeks to the keyframe preceding a
// target only when that keyframe lies beyond the current decode position (otherwise it
// decodes forward), and asks the decoder to skip non-reference frames it can prove are
// not answers (another packet with a later timestamp <= the next target was read).
// Several workers (own demuxer and decoder each) take disjoint runs of whole GOPs.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/error.h"
#include "core/media_types.h"
#include "core/progress.h"

namespace ugc::media {

enum class FitMode {
  Contain,    // keep aspect, fit inside width x height; the image may be smaller in one dimension
  Letterbox,  // keep aspect, fit inside and pad with black to exactly width x height
  Crop,       // keep aspect, fill width x height and cut the overflow (centred)
};

struct FrameSamplerParams {
  int width = 224;        // target box, upright; 0 keeps the displayed size (with the other 0 too)
  int height = 224;
  FitMode fit = FitMode::Contain;
  bool applyRotation = true;  // turn the picture upright using the display matrix
  // Parallel decoders, each with its own demuxer, over disjoint stretches of the clip
  // (split between GOPs); 0: one per core, at most 4.
  int workers = 0;
  // FFmpeg threads per decoder. Anything but 1 turns on FFmpeg's frame threading, which
  // cannot be combined with non-reference skipping (FFmpeg 5.1 loses frames), so it also
  // turns skipping off. Workers are the better use of cores here.
  int decoderThreads = 1;
  bool skipNonReference = true;
  // Refuse pictures larger than this (coded width * height); hostile headers claim huge
  // sizes. 8192 x 8192 leaves room for 8K (7680 x 4320).
  int64_t maxPixels = int64_t(8192) * 8192;
  // Decode forward instead of seeking when the next target is at most this far ahead and
  // the container has no keyframe index to tell where the keyframes are.
  double forwardWindowSeconds = 2.0;
};

inline FrameSamplerParams defaultFrameSamplerParams() { return {}; }

struct SampledFrame {
  double requestedTime = 0;  // seconds, as asked
  double timestamp = 0;      // the frame's true presentation time, seconds from the stream start
  RgbImage image;
};

// What the sampler did, for benchmarks and tests.
struct SamplerStats {
  int workers = 0;
  int seeks = 0;
  int64_t packetsRead = 0;
  int64_t framesDecoded = 0;    // frames the decoder returned
  int64_t packetsSkippable = 0; // packets sent with non-reference skipping on
};

// Frames at the given times (seconds from the start of the stream, any order); the result
// is in the order of the request. Errors: NotFound (file, or no video stream),
// InvalidInput, Unsupported (codec, picture size), Cancelled.
Result<std::vector<SampledFrame>> sampleFramesAt(const std::filesystem::path& path, const std::vector<double>& times,
                                                 const FrameSamplerParams& params = {}, const ProgressSink& progress = {},
                                                 const CancelToken& cancel = {}, SamplerStats* stats = nullptr);

// The same frames handed to `consume` one at a time in time order (ties in request order), as
// they are decoded, by one decoder on the calling thread: a long clip never sits in memory, and a
// consumer on another thread can work while the next frame decodes. `consume` returns false to
// stop early (not an error). Errors as sampleFramesAt.
// reduced: when given (one flag per time), the flagged frames are converted at reducedSize x
// reducedSize, cropped (FitMode::Crop) instead of at params' size: a detector that wants small
// frames at other times shares the pass without paying for full-size conversions.
Status sampleFramesEach(const std::filesystem::path& path, const std::vector<double>& times,
                        const FrameSamplerParams& params, const std::function<bool(SampledFrame&&)>& consume,
                        const CancelToken& cancel = {}, const std::vector<bool>& reduced = {}, int reducedSize = 64);

// count frames at the centres of count equal slices of the duration.
Result<std::vector<SampledFrame>> sampleFramesUniform(const std::filesystem::path& path, int count,
                                                      const FrameSamplerParams& params = {},
                                                      const ProgressSink& progress = {}, const CancelToken& cancel = {},
                                                      SamplerStats* stats = nullptr);

// The times sampleFramesUniform uses for a clip of this duration.
std::vector<double> uniformSampleTimes(double duration, int count);

}  // namespace ugc::media
