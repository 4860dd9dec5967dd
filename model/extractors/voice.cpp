// Voice: fundamental frequency per speech turn -> gender suggestion; speaker count from
// clustering the turns' pitch. Pitch alone cannot separate two speakers of similar pitch,
// nor one speaker who changes register; the count is reported with that caveat.
#include <algorithm>
#include <cmath>

#include "model/extractors/audio_signals.h"

namespace ugc::model {
namespace {

constexpr double kTurnGapSeconds = 0.3;  // an unvoiced pause this long ends a turn
constexpr int kMinVoicedFrames = 12;     // fewer voiced frames: the turn's pitch is not trusted

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
  return values[values.size() / 2];
}

double semitones(double f0, double reference) { return 12.0 * std::log2(f0 / reference); }

void assignGender(double f0, double boundary, Gender& gender, double& confidence) {
  if (f0 <= 0) {
    gender = Gender::Unknown;
    confidence = 0;
    return;
  }
  // Logistic in semitones from the boundary: 3 semitones away is ~88 % sure.
  const double pFemale = 1.0 / (1.0 + std::exp(-semitones(f0, boundary) / 1.5));
  gender = pFemale >= 0.5 ? Gender::Female : Gender::Male;
  confidence = std::max(pFemale, 1 - pFemale);
}

}  // namespace

VoiceSignal analyseVoice(const AudioFrameFeatures& features, const AudioEventsSignal& events,
                         const ExtractOptions& options) {
  VoiceSignal out;
  out.ran = true;
  out.limits =
      "speaker count from pitch clustering: speakers of similar pitch count as one, and a single speaker "
      "who changes register may count as two";
  const int gapFrames = int(kTurnGapSeconds / kFrameHopSeconds);

  // Turns: voiced stretches inside speech ranges, split at pauses.
  for (const TimeRange& range : events.speech) {
    const int first = std::max(0, int(range.start / kFrameHopSeconds));
    const int last = std::min(features.frameCount, int(std::ceil(range.end / kFrameHopSeconds)));
    int turnStart = -1, lastVoiced = -1;
    std::vector<double> gliding, voiced;
    auto close = [&]() {
      if (turnStart < 0) return;
      VoiceTurn turn;
      turn.range = {turnStart * kFrameHopSeconds, (lastVoiced + 1) * kFrameHopSeconds};
      // Gliding frames are the speaker's own; plain voiced frames may be a held music note.
      const auto& pick = gliding.size() >= size_t(kMinVoicedFrames) ? gliding : voiced;
      turn.voicedFrames = int(pick.size());
      turn.medianF0 = median(pick);
      assignGender(turn.medianF0, options.maleFemaleF0Hz, turn.gender, turn.genderConfidence);
      out.turns.push_back(turn);
      turnStart = -1;
      gliding.clear();
      voiced.clear();
    };
    bool overMusic = false;
    for (const TimeRange& music : events.music)
      overMusic = overMusic || (music.start < range.end && range.start < music.end);
    for (int t = first; t < last; ++t) {
      // YIN is exact on a voice alone but follows held notes under music; there the pitch of
      // the gliding harmonics (which ignores held notes) is the voice's.
      const double yin = features.f0[size_t(t)], glide = features.glidingF0[size_t(t)];
      const double f0 = overMusic ? glide : (yin > 0 ? yin : glide);
      if (f0 <= 0) continue;
      if (turnStart >= 0 && t - lastVoiced > gapFrames) close();
      if (turnStart < 0) turnStart = t;
      lastVoiced = t;
      voiced.push_back(f0);
      if (overMusic ? glide > 0 : features.movingPitch[size_t(t)] != 0) gliding.push_back(f0);
    }
    close();
  }

  // Cluster turns with trusted pitch: sorted by pitch, a gap wider than the split splits.
  std::vector<size_t> trusted;
  for (size_t i = 0; i < out.turns.size(); ++i)
    if (out.turns[i].voicedFrames >= kMinVoicedFrames && out.turns[i].medianF0 > 0) trusted.push_back(i);
  if (trusted.empty()) {
    // Speech too short for a pitch we trust: say there is speech, but not how many.
    for (size_t i = 0; i < out.turns.size(); ++i)
      if (out.turns[i].medianF0 > 0) trusted.push_back(i);
  }
  if (trusted.empty()) return out;
  std::sort(trusted.begin(), trusted.end(),
            [&](size_t a, size_t b) { return out.turns[a].medianF0 < out.turns[b].medianF0; });
  std::vector<std::vector<size_t>> clusters{{trusted[0]}};
  double narrowestGap = 1e9;
  for (size_t i = 1; i < trusted.size(); ++i) {
    const double gap = semitones(out.turns[trusted[i]].medianF0, out.turns[trusted[i - 1]].medianF0);
    if (gap > options.speakerSplitSemitones) {
      clusters.emplace_back();
      narrowestGap = std::min(narrowestGap, gap);
    }
    clusters.back().push_back(trusted[i]);
  }
  // Speakers in order of first speech.
  std::sort(clusters.begin(), clusters.end(), [&](const auto& a, const auto& b) {
    auto first = [&](const auto& c) {
      double t = 1e18;
      for (size_t i : c) t = std::min(t, out.turns[i].range.start);
      return t;
    };
    return first(a) < first(b);
  });
  std::vector<double> centres;
  for (size_t c = 0; c < clusters.size(); ++c) {
    SpeakerEstimate speaker;
    std::vector<double> f0s;
    for (size_t i : clusters[c]) {
      f0s.push_back(out.turns[i].medianF0);
      speaker.speakingSeconds += out.turns[i].range.end - out.turns[i].range.start;
      out.turns[i].speaker = int(c);
    }
    speaker.medianF0 = median(f0s);
    assignGender(speaker.medianF0, options.maleFemaleF0Hz, speaker.gender, speaker.genderConfidence);
    centres.push_back(speaker.medianF0);
    out.speakers.push_back(speaker);
  }
  // Untrusted turns join the speaker of nearest pitch.
  for (auto& turn : out.turns) {
    if (turn.speaker >= 0 || turn.medianF0 <= 0) continue;
    size_t best = 0;
    for (size_t c = 1; c < centres.size(); ++c)
      if (std::fabs(semitones(turn.medianF0, centres[c])) < std::fabs(semitones(turn.medianF0, centres[best])))
        best = c;
    turn.speaker = int(best);
  }
  out.speakerCount = int(out.speakers.size());
  if (out.speakerCount == 1) {
    double spread = 0;
    for (size_t i : clusters[0]) spread = std::max(spread, std::fabs(semitones(out.turns[i].medianF0, centres[0])));
    out.speakerCountConfidence = std::clamp(1.0 - spread / (2 * options.speakerSplitSemitones), 0.5, 0.9);
  } else {
    out.speakerCountConfidence = std::clamp(0.5 + (narrowestGap - options.speakerSplitSemitones) / 8.0, 0.5, 0.9);
  }
  return out;
}

}  // namespace ugc::model
