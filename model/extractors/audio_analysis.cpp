#include "model/extractors/audio_analysis.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ugc::model {
namespace {

constexpr int kHop = 160;          // 10 ms
constexpr int kFftSize = 1024;     // 64 ms: 15.6 Hz bins, fine enough to see a held note
constexpr int kLevelWindow = 400;  // 25 ms
constexpr int kPitchRate = 8000;
constexpr int kPitchWindow = 200;  // 25 ms at 8 kHz

// Halves the rate with a windowed-sinc low-pass (cut-off 3.6 kHz) so YIN costs a quarter.
std::vector<float> decimateByTwo(const std::vector<float>& in) {
  constexpr int kTaps = 31;
  double taps[kTaps];
  double sum = 0;
  for (int i = 0; i < kTaps; ++i) {
    const double n = i - (kTaps - 1) / 2.0;
    const double sinc = n == 0 ? 1.0 : std::sin(std::numbers::pi * 0.45 * n) / (std::numbers::pi * 0.45 * n);
    const double window = 0.54 - 0.46 * std::cos(2 * std::numbers::pi * i / (kTaps - 1));
    taps[i] = sinc * window;
    sum += taps[i];
  }
  for (double& t : taps) t /= sum;
  std::vector<float> out(in.size() / 2);
  const int64_t n = int64_t(in.size());
  for (size_t o = 0; o < out.size(); ++o) {
    double acc = 0;
    const int64_t centre = int64_t(o) * 2;
    for (int i = 0; i < kTaps; ++i) {
      const int64_t j = centre + i - (kTaps - 1) / 2;
      if (j >= 0 && j < n) acc += taps[i] * in[size_t(j)];
    }
    out[o] = float(acc);
  }
  return out;
}

// Subharmonic summation over gliding peaks: the f0 whose harmonics explain the most peaks while
// predicting few missing ones (which rules out f0/2, f0/3). Voices over music keep a pitch this way.
double harmonicPitch(const std::vector<std::pair<double, double>>& peaks) {
  const double top = peaks.back().first, bottom = peaks.front().first;
  constexpr int kLowest = 70, kHighest = 400;
  std::vector<double> scores(kHighest - kLowest + 1, 0.0);
  int best = -1;
  for (int f0 = kLowest; f0 <= kHighest; ++f0) {
    double matched = 0;
    for (const auto& [hz, weight] : peaks) {
      const double h = std::round(hz / f0);
      if (h >= 1 && std::fabs(hz - h * f0) <= std::max(8.0, 0.03 * hz)) matched += weight;
    }
    int expected = 0;
    for (double h = std::ceil(bottom / f0 - 0.03); h * f0 <= top * 1.03; h += 1) ++expected;
    scores[size_t(f0 - kLowest)] = matched - 0.25 * std::max(0.0, expected - matched);
    if (best < 0 || scores[size_t(f0 - kLowest)] > scores[size_t(best - kLowest)]) best = f0;
  }
  const double bestScore = scores[size_t(best - kLowest)];
  if (bestScore < 3) return 0.0;
  // Noise and music peaks that fall between the voice's harmonics favour f0/2 (every other
  // harmonic explains them): prefer a multiple that scores nearly as well.
  for (int multiple : {3, 2}) {
    double top2 = -1e9;
    int at = 0;
    for (int f0 = int(best * multiple * 0.97); f0 <= int(best * multiple * 1.03) && f0 <= kHighest; ++f0)
      if (scores[size_t(f0 - kLowest)] > top2) {
        top2 = scores[size_t(f0 - kLowest)];
        at = f0;
      }
    if (at > 0 && top2 >= 0.9 * bestScore) return at;
  }
  return best;
}

}  // namespace

void fftInPlace(std::vector<double>& data, int size) {
  for (int i = 1, j = 0; i < size; ++i) {
    int bit = size >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      std::swap(data[2 * i], data[2 * j]);
      std::swap(data[2 * i + 1], data[2 * j + 1]);
    }
  }
  for (int len = 2; len <= size; len <<= 1) {
    const double angle = -2 * std::numbers::pi / len;
    const double wr = std::cos(angle), wi = std::sin(angle);
    for (int i = 0; i < size; i += len) {
      double cr = 1, ci = 0;
      for (int k = 0; k < len / 2; ++k) {
        const int a = 2 * (i + k), b = 2 * (i + k + len / 2);
        const double tr = data[b] * cr - data[b + 1] * ci;
        const double ti = data[b] * ci + data[b + 1] * cr;
        data[b] = data[a] - tr;
        data[b + 1] = data[a + 1] - ti;
        data[a] += tr;
        data[a + 1] += ti;
        const double next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

PitchEstimate yinPitch(const float* window, int length, int sampleRate, double minF0, double maxF0) {
  const int minLag = std::max(2, int(sampleRate / maxF0));
  const int maxLag = std::min(length - 1, int(sampleRate / minF0) + 1);
  const int span = length - maxLag;  // compare equal-length stretches for every lag
  if (span < 16 || minLag >= maxLag) return {};
  std::vector<double> diff(size_t(maxLag) + 1, 0.0);
  for (int lag = 1; lag <= maxLag; ++lag) {
    double d = 0;
    for (int j = 0; j < span; ++j) {
      const double delta = double(window[j]) - double(window[j + lag]);
      d += delta * delta;
    }
    diff[size_t(lag)] = d;
  }
  // Cumulative mean normalised difference (YIN step 3).
  std::vector<double> cmnd(diff.size(), 1.0);
  double running = 0;
  for (int lag = 1; lag <= maxLag; ++lag) {
    running += diff[size_t(lag)];
    cmnd[size_t(lag)] = running > 0 ? diff[size_t(lag)] * lag / running : 1.0;
  }
  constexpr double kThreshold = 0.15;
  int best = -1;
  for (int lag = minLag; lag <= maxLag; ++lag) {
    if (cmnd[size_t(lag)] < kThreshold) {
      while (lag + 1 <= maxLag && cmnd[size_t(lag) + 1] < cmnd[size_t(lag)]) ++lag;
      best = lag;
      break;
    }
  }
  if (best < 0) {
    best = minLag;
    for (int lag = minLag; lag <= maxLag; ++lag)
      if (cmnd[size_t(lag)] < cmnd[size_t(best)]) best = lag;
  }
  double refined = best;
  if (best > minLag && best < maxLag) {
    const double a = cmnd[size_t(best) - 1], b = cmnd[size_t(best)], c = cmnd[size_t(best) + 1];
    const double denom = a - 2 * b + c;
    if (std::fabs(denom) > 1e-12) refined = best + 0.5 * (a - c) / denom;
  }
  return {sampleRate / refined, cmnd[size_t(best)]};
}

AudioFrameFeatures analyseAudio(const std::vector<float>& samples, const AudioAnalysisParams& params,
                                const CancelToken& cancel) {
  AudioFrameFeatures out;
  const int64_t n = int64_t(samples.size());
  if (n == 0) return out;
  const int frames = int((n + kHop - 1) / kHop);
  out.frameCount = frames;
  out.levelDb.assign(size_t(frames), -120.f);
  out.f0.assign(size_t(frames), 0.f);
  out.aperiodicity.assign(size_t(frames), 1.f);
  out.steadyTonal.assign(size_t(frames), 0);
  out.movingPitch.assign(size_t(frames), 0);
  out.glidingPeaks.assign(size_t(frames), 0);
  out.glidingF0.assign(size_t(frames), 0.f);

  auto sampleAt = [&](int64_t i) { return i >= 0 && i < n ? double(samples[size_t(i)]) : 0.0; };

  // Level.
  for (int t = 0; t < frames; ++t) {
    const int64_t centre = int64_t(t) * kHop;
    double sum = 0;
    for (int64_t i = centre - kLevelWindow / 2; i < centre + kLevelWindow / 2; ++i) sum += sampleAt(i) * sampleAt(i);
    out.levelDb[size_t(t)] = float(10 * std::log10(sum / kLevelWindow + 1e-12));
  }

  // Spectra: prominent peaks per frame.
  std::vector<double> hann(kFftSize);
  for (int i = 0; i < kFftSize; ++i) hann[size_t(i)] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / kFftSize);
  const int peakLo = 80 * kFftSize / kAnalysisRate, peakHi = 2500 * kFftSize / kAnalysisRate;
  const int peakBins = peakHi - peakLo + 1;
  std::vector<uint8_t> peaks(size_t(frames) * size_t(peakBins), 0);
  std::vector<double> buffer(2 * kFftSize), power(kFftSize / 2 + 1);
  std::vector<double> bandDb(static_cast<size_t>(peakBins));
  for (int t = 0; t < frames; ++t) {
    if (t % 256 == 0 && cancel.isCancelled()) return {};
    if (out.levelDb[size_t(t)] <= params.silenceDbfs) continue;  // silence has no peaks worth an FFT
    const int64_t start = int64_t(t) * kHop - kFftSize / 2;
    for (int i = 0; i < kFftSize; ++i) {
      buffer[2 * size_t(i)] = sampleAt(start + i) * hann[size_t(i)];
      buffer[2 * size_t(i) + 1] = 0;
    }
    fftInPlace(buffer, kFftSize);
    for (int k = 0; k <= kFftSize / 2; ++k)
      power[size_t(k)] =
          buffer[2 * size_t(k)] * buffer[2 * size_t(k)] + buffer[2 * size_t(k) + 1] * buffer[2 * size_t(k) + 1] + 1e-12;

    double maxDb = -300;
    for (int k = 0; k < peakBins; ++k) {
      bandDb[size_t(k)] = 10 * std::log10(power[size_t(peakLo + k)]);
      maxDb = std::max(maxDb, bandDb[size_t(k)]);
    }
    std::vector<double> sorted = bandDb;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    for (int k = 2; k < peakBins - 2; ++k) {
      const double v = bandDb[size_t(k)];
      if (v > bandDb[size_t(k) - 1] && v >= bandDb[size_t(k) + 1] && v >= bandDb[size_t(k) - 2] &&
          v >= bandDb[size_t(k) + 2] && v >= median + params.peakProminenceDb && v >= maxDb - 30)
        peaks[size_t(t) * size_t(peakBins) + size_t(k)] = 1;
    }
  }

  // Steady tonal tracks: a peak present within +-1 bin of the same bin for steadyTrackFrames.
  // Each peak learns the length of the run through it; long runs are notes, short ones glide.
  std::vector<uint16_t> runLength(peaks.size(), 0);
  for (int k = 1; k < peakBins - 1; ++k) {
    int runStart = -1;
    for (int t = 0; t <= frames; ++t) {
      const bool present = t < frames && (peaks[size_t(t) * size_t(peakBins) + size_t(k)] ||
                                          peaks[size_t(t) * size_t(peakBins) + size_t(k) - 1] ||
                                          peaks[size_t(t) * size_t(peakBins) + size_t(k) + 1]);
      if (present && runStart < 0) runStart = t;
      if (!present && runStart >= 0) {
        for (int u = runStart; u < t; ++u)
          runLength[size_t(u) * size_t(peakBins) + size_t(k)] = uint16_t(std::min(t - runStart, 65535));
        runStart = -1;
      }
    }
  }
  const int glideLo = 250 * kFftSize / kAnalysisRate - peakLo;
  std::vector<std::pair<double, double>> residual;  // (Hz, prominence) of gliding peaks
  std::vector<double> steadyHz;
  for (int t = 0; t < frames; ++t) {
    residual.clear();
    steadyHz.clear();
    for (int k = 1; k < peakBins - 1; ++k) {
      const size_t at = size_t(t) * size_t(peakBins) + size_t(k);
      if (!peaks[at]) continue;
      const double hz = (peakLo + k) * double(kAnalysisRate) / kFftSize;
      if (runLength[at] >= params.steadyTrackFrames)
        steadyHz.push_back(hz);
      else if (k >= glideLo)
        residual.push_back({hz, 1.0});
    }
    out.glidingPeaks[size_t(t)] = uint8_t(std::min<size_t>(residual.size(), 255));
    const double voice = residual.size() >= 3 ? harmonicPitch(residual) : 0.0;
    out.glidingF0[size_t(t)] = float(voice);
    // A held peak that is a harmonic of the gliding voice is the voice resting on a vowel,
    // not a note: only held peaks the voice does not explain are music.
    int notes = 0;
    for (double hz : steadyHz) {
      const double h = voice > 0 ? std::round(hz / voice) : 0;
      if (h < 1 || std::fabs(hz - h * voice) > std::max(12.0, 0.03 * hz)) ++notes;
    }
    out.steadyTonal[size_t(t)] = notes > 0;
  }
  if (cancel.isCancelled()) return {};

  // Pitch with YIN on an 8 kHz copy.
  const std::vector<float> low = decimateByTwo(samples);
  const int64_t lowCount = int64_t(low.size());
  std::vector<float> window(size_t(kPitchWindow) + 130);
  for (int t = 0; t < frames; ++t) {
    if (out.levelDb[size_t(t)] <= params.silenceDbfs) continue;
    const int64_t start = int64_t(t) * kHop / 2 - kPitchWindow / 2;
    for (size_t i = 0; i < window.size(); ++i) {
      const int64_t j = start + int64_t(i);
      window[i] = j >= 0 && j < lowCount ? low[size_t(j)] : 0.f;
    }
    const PitchEstimate pitch = yinPitch(window.data(), int(window.size()), kPitchRate, 65.0, 450.0);
    out.aperiodicity[size_t(t)] = float(pitch.aperiodicity);
    if (pitch.aperiodicity < 0.3 && pitch.f0 >= 65 && pitch.f0 <= 450) out.f0[size_t(t)] = float(pitch.f0);
  }

  // Gliding pitch: voiced on both sides 40 ms away, changed by 0.5..25 % (not a held note, not a jump).
  constexpr int kSpan = 4;
  for (int t = kSpan; t + kSpan < frames; ++t) {
    const float a = out.f0[size_t(t - kSpan)], b = out.f0[size_t(t)], c = out.f0[size_t(t + kSpan)];
    if (a <= 0 || b <= 0 || c <= 0) continue;
    const double change = std::fabs(std::log(double(c) / double(a)));
    const double smooth = std::fabs(std::log(double(b) * double(b) / (double(a) * double(c))));
    if (change > 0.005 && change < 0.25 && smooth < 0.1) out.movingPitch[size_t(t)] = 1;
  }
  return out;
}

}  // namespace ugc::model
