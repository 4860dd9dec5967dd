// Speech / music / silence / other per segment, from two cues that separate them on
// synthetic and plain real audio alike: music holds spectral peaks at fixed frequencies
// for the length of a note (steadyTonal), speech glides its pitch (movingPitch).
#include <algorithm>
#include <cmath>

#include "model/extractors/audio_signals.h"
#include "model/extractors/time_ranges.h"

namespace ugc::model {
namespace {

constexpr double kSpeechScoreMin = 0.15;  // share of frames with gliding harmonics
constexpr double kMusicScoreMin = 0.80;   // share of frames with held notes the voice does not explain
constexpr int kGlidingPeaksMin = 3;       // gliding harmonics in a frame that make it voice-like
constexpr double kAudibleShareMin = 0.2;  // below this share of audible frames a segment is silence

}  // namespace

AudioEventsSignal detectAudioEvents(const AudioFrameFeatures& features, const ExtractOptions& options) {
  AudioEventsSignal out;
  out.ran = true;
  const int frames = features.frameCount;
  if (frames == 0) {
    out.silentTrack = true;
    out.musicConfidence = 1.0;
    return out;
  }
  const int perSegment = std::max(1, int(std::lround(options.segmentSeconds / kFrameHopSeconds)));
  // A last partial segment shorter than a fifth of a segment is folded away (no 0-length ranges).
  const int segments = std::max(1, (frames + perSegment - 1 - perSegment / 5) / perSegment);
  const double duration = frames * kFrameHopSeconds;

  std::vector<double> musicScore(size_t(segments), 0), speechScore(size_t(segments), 0), audible(size_t(segments), 0);
  std::vector<double> level(size_t(segments), -120);
  for (int s = 0; s < segments; ++s) {
    const int first = s * perSegment, last = s + 1 == segments ? frames : std::min(frames, first + perSegment);
    double power = 0;
    int loud = 0, steady = 0, moving = 0;
    for (int t = first; t < last; ++t) {
      power += std::pow(10.0, features.levelDb[size_t(t)] / 10.0);
      if (features.levelDb[size_t(t)] <= options.silenceDbfs) continue;
      ++loud;
      steady += features.steadyTonal[size_t(t)];
      moving += features.glidingPeaks[size_t(t)] >= kGlidingPeaksMin ? 1 : 0;
    }
    level[size_t(s)] = 10 * std::log10(power / (last - first) + 1e-12);
    audible[size_t(s)] = double(loud) / (last - first);
    // Over all frames, not the audible ones: speech pauses count against music.
    musicScore[size_t(s)] = double(steady) / (last - first);
    speechScore[size_t(s)] = double(moving) / (last - first);
  }

  // Music is a property of stretches, not instants: judge it over three segments, weighted
  // by how much of each is audible, so a pause in the melody or a word on top does not flip it.
  auto smoothed = [&](const std::vector<double>& score, int s) {
    double sum = 0, weight = 0;
    for (int u = std::max(0, s - 1); u <= std::min(segments - 1, s + 1); ++u) {
      sum += score[size_t(u)] * audible[size_t(u)];
      weight += audible[size_t(u)];
    }
    return weight > 0 ? sum / weight : 0.0;
  };

  double audibleSeconds = 0;
  for (int s = 0; s < segments; ++s) {
    AudioSegment segment;
    segment.range = {s * options.segmentSeconds, s + 1 == segments ? duration : (s + 1) * options.segmentSeconds};
    segment.loudnessDb = level[size_t(s)];
    segment.musicScore = smoothed(musicScore, s);
    segment.speechScore = speechScore[size_t(s)];
    const bool silent = audible[size_t(s)] < kAudibleShareMin;
    const bool music = !silent && segment.musicScore >= kMusicScoreMin;
    const bool speech = !silent && segment.speechScore >= kSpeechScoreMin;
    segment.kind = silent            ? AudioEventKind::Silence
                   : speech && music ? AudioEventKind::SpeechOverMusic
                   : speech          ? AudioEventKind::Speech
                   : music           ? AudioEventKind::Music
                                     : AudioEventKind::Other;
    if (!silent) audibleSeconds += segment.range.end - segment.range.start;
    if (speech) appendMergedRange(out.speech, segment.range);
    if (music) appendMergedRange(out.music, segment.range);
    if (segment.kind == AudioEventKind::Other) appendMergedRange(out.otherSounds, segment.range);
    out.segments.push_back(segment);
  }
  out.silentTrack = audibleSeconds == 0;
  out.speechSeconds = totalSeconds(out.speech);

  // Background music: held notes over a real share of the audible time, not one stray chord.
  const double musicSeconds = totalSeconds(out.music);
  const double needed = std::max(1.0, 0.25 * audibleSeconds);
  out.musicPresent = audibleSeconds > 0 && musicSeconds >= needed;
  const double margin = audibleSeconds > 0 ? std::fabs(musicSeconds - needed) / std::max(needed, 1.0) : 1.0;
  out.musicConfidence = std::clamp(0.5 + 0.5 * margin, 0.5, 0.99);
  return out;
}

}  // namespace ugc::model
