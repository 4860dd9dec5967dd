// Block probabilities -> AudioEventsSignal, and the log-mel windows the classifier reads.
#include "model/audio/learned_audio_events.h"
#include "model/extractors/time_ranges.h"

#include <algorithm>
#include <cmath>

#include "core/log_mel.h"

namespace ugc::model {
std::vector<std::vector<float>> audioEventWindows(const std::vector<float>& logMel, int frames) {
  std::vector<std::vector<float>> out;
  if (frames <= 0 || logMel.size() < size_t(media::kMelBins) * size_t(frames)) return out;
  const int hop = int(std::lround(kAudioEventHopSeconds / 0.01));  // 50 log-mel frames
  const int blocks = std::max(1, (frames + hop - 1) / hop);
  // Padding beyond the clip: its quietest value (Whisper's normalisation floor).
  const float floorValue = *std::min_element(logMel.begin(), logMel.begin() + std::ptrdiff_t(media::kMelBins) * frames);
  for (int b = 0; b < blocks; ++b) {
    const int first = b * hop + hop / 2 - kAudioEventWindowFrames / 2;
    std::vector<float> w(size_t(media::kMelBins) * kAudioEventWindowFrames, floorValue);
    for (int bin = 0; bin < media::kMelBins; ++bin)
      for (int t = 0; t < kAudioEventWindowFrames; ++t) {
        const int src = first + t;
        if (src >= 0 && src < frames)
          w[size_t(bin) * kAudioEventWindowFrames + size_t(t)] = logMel[size_t(bin) * size_t(frames) + size_t(src)];
      }
    out.push_back(std::move(w));
  }
  return out;
}

AudioEventsSignal audioEventsFromFrames(const AudioEventFrames& frames, const std::vector<float>& samples,
                                        const ExtractOptions& options, const LearnedEventThresholds& thresholds) {
  AudioEventsSignal out;
  out.ran = true;
  out.method = "learned";
  const size_t blocks = frames.probabilities.size();
  if (blocks == 0) {
    out.silentTrack = true;
    out.musicConfidence = 1.0;
    return out;
  }
  const double duration = double(samples.size()) / media::kMelSampleRate;
  const size_t perBlock = size_t(frames.hopSeconds * media::kMelSampleRate);
  double audibleSeconds = 0, certainty = 0;
  for (size_t b = 0; b < blocks; ++b) {
    const auto& p = frames.probabilities[b];
    AudioSegment segment;
    segment.range = {double(b) * frames.hopSeconds, std::min(duration, double(b + 1) * frames.hopSeconds)};
    if (segment.range.end <= segment.range.start) segment.range.end = segment.range.start + 0.01;
    double power = 0;
    const size_t first = b * perBlock, last = std::min(samples.size(), first + perBlock);
    for (size_t i = first; i < last; ++i) power += double(samples[i]) * samples[i];
    segment.loudnessDb = last > first ? 10 * std::log10(power / double(last - first) + 1e-12) : -120;
    segment.speechScore = p[size_t(AudioEventClass::Speech)];
    segment.musicScore = p[size_t(AudioEventClass::Music)];
    segment.otherScore = p[size_t(AudioEventClass::Other)];
    segment.silenceScore = p[size_t(AudioEventClass::Silence)];
    const bool silent = segment.silenceScore >= thresholds.silence || segment.loudnessDb <= options.silenceDbfs - 10;
    const bool speech = !silent && segment.speechScore >= thresholds.speech;
    const bool music = !silent && segment.musicScore >= thresholds.music;
    segment.kind = silent            ? AudioEventKind::Silence
                   : speech && music ? AudioEventKind::SpeechOverMusic
                   : speech          ? AudioEventKind::Speech
                   : music           ? AudioEventKind::Music
                                     : AudioEventKind::Other;
    if (!silent) {
      audibleSeconds += segment.range.end - segment.range.start;
      certainty += std::fabs(segment.musicScore - 0.5) * 2;
    }
    if (speech) appendMergedRange(out.speech, segment.range);
    if (music) appendMergedRange(out.music, segment.range);
    if (segment.kind == AudioEventKind::Other) appendMergedRange(out.otherSounds, segment.range);
    out.segments.push_back(segment);
  }
  out.silentTrack = audibleSeconds == 0;
  out.speechSeconds = totalSeconds(out.speech);
  // The same clip-level rule as the heuristic: music over a real share of the audible time.
  const double musicSeconds = totalSeconds(out.music);
  const double needed = std::min(std::max(1.0, 0.25 * audibleSeconds), std::max(audibleSeconds, 0.5));
  out.musicPresent = audibleSeconds > 0 && musicSeconds >= needed;
  const double audibleBlocks = audibleSeconds / frames.hopSeconds;
  const double meanCertainty = audibleBlocks > 0 ? certainty / audibleBlocks : 1.0;
  const double margin = audibleSeconds > 0 ? std::fabs(musicSeconds - needed) / std::max(needed, 1.0) : 1.0;
  out.musicConfidence = std::clamp(0.5 + 0.5 * std::min(1.0, margin) * meanCertainty, 0.5, 0.99);
  return out;
}

Result<AudioEventsSignal> detectAudioEventsLearned(const std::vector<float>& samples, const ExtractOptions& options,
                                                   const CancelToken& cancel) {
  auto classifier = AudioEventClassifier::load(options.audioEventsModel);
  if (!classifier) return tl::unexpected(classifier.error());
  auto frames = classifier->classify(samples, cancel);
  if (!frames) return tl::unexpected(frames.error());
  auto signal = audioEventsFromFrames(*frames, samples, options);
  const auto sha = classifier->weightsSha256();
  signal.method = "learned classifier (" + options.audioEventsModel.filename().string() + "@" + sha.substr(0, 12) + ")";
  return signal;
}

}  // namespace ugc::model
