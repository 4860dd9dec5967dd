// Speech segments from Silero's per-chunk probabilities (plain C++; the network is in
// silero_vad_network.cpp).
#include "model/audio/voice_activity.h"

#include <algorithm>


namespace ugc::model {

std::vector<TimeRange> speechSegmentsFromProbabilities(const std::vector<float>& probabilities,
                                                       double durationSeconds, const VoiceActivityParams& params) {
  // utils_vad.py get_speech_timestamps, in chunk units: start at >= threshold; a fall below
  // threshold - drop marks a possible end, which holds once the fall lasts minSilence.
  const double chunk = double(kVadChunkSamples) / kVadSampleRate;
  const double endThreshold = params.threshold - params.endThresholdDrop;
  std::vector<TimeRange> raw;
  bool triggered = false;
  double start = 0, possibleEnd = -1;
  for (size_t i = 0; i < probabilities.size(); ++i) {
    const double t = double(i) * chunk, p = probabilities[i];
    if (p >= params.threshold) possibleEnd = -1;
    if (p >= params.threshold && !triggered) {
      triggered = true;
      start = t;
      continue;
    }
    if (triggered && p < endThreshold) {
      if (possibleEnd < 0) possibleEnd = t;
      if (t - possibleEnd < params.minSilenceSeconds) continue;
      if (possibleEnd - start > params.minSpeechSeconds) raw.push_back({start, possibleEnd});
      triggered = false;
      possibleEnd = -1;
    }
  }
  const double end = std::max(durationSeconds, 0.0);
  if (triggered && end - start > params.minSpeechSeconds) raw.push_back({start, end});
  // Padding: half the gap when two segments are closer than twice the pad.
  for (size_t i = 0; i < raw.size(); ++i) {
    if (i == 0) raw[i].start = std::max(0.0, raw[i].start - params.padSeconds);
    if (i + 1 < raw.size()) {
      const double gap = raw[i + 1].start - raw[i].end;
      const double pad = gap < 2 * params.padSeconds ? gap / 2 : params.padSeconds;
      raw[i].end += pad;
      raw[i + 1].start -= pad;
    } else {
      raw[i].end = std::min(end, raw[i].end + params.padSeconds);
    }
  }
  // Neighbours padded up to each other touch but stay two utterances, as in Silero.
  std::erase_if(raw, [](const TimeRange& r) { return r.end <= r.start; });
  return raw;
}

Result<VoiceActivitySignal> detectVoiceActivity(const std::vector<float>& samples,
                                                const std::filesystem::path& onnxFile, const CancelToken& cancel,
                                                const VoiceActivityParams& params) {
  auto vad = SileroVad::load(onnxFile);
  if (!vad) return tl::unexpected(vad.error());
  auto probabilities = vad->speechProbabilities(samples, cancel);
  if (!probabilities) return tl::unexpected(probabilities.error());
  VoiceActivitySignal signal;
  signal.ran = true;
  signal.method = "silero-vad v5 16k (sha256 " + vad->sha256().substr(0, 12) + ")";
  const double chunk = double(kVadChunkSamples) / kVadSampleRate;
  const double duration = double(samples.size()) / kVadSampleRate;
  for (const auto& range : speechSegmentsFromProbabilities(*probabilities, duration, params)) {
    SpeechSegment segment;
    segment.range = range;
    const size_t first = size_t(std::max(0.0, range.start / chunk));
    const size_t last = std::min(probabilities->size(), size_t(range.end / chunk + 0.999));
    double sum = 0;
    for (size_t i = first; i < last; ++i) sum += (*probabilities)[i];
    segment.probability = last > first ? sum / double(last - first) : 0;
    signal.speechSeconds += range.end - range.start;
    signal.segments.push_back(segment);
  }
  return signal;
}

}  // namespace ugc::model
