#include "core/log_mel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/fft.h"

namespace ugc::media {
namespace {

// Slaney's mel scale (librosa htk=False): linear to 1 kHz, then logarithmic.
constexpr double kLinearHzPerMel = 200.0 / 3.0;
constexpr double kLogStartHz = 1000.0;
constexpr double kLogStartMel = kLogStartHz / kLinearHzPerMel;  // 15
const double kLogStep = std::log(6.4) / 27.0;

double hzToMel(double hz) {
  return hz < kLogStartHz ? hz / kLinearHzPerMel : kLogStartMel + std::log(hz / kLogStartHz) / kLogStep;
}

double melToHz(double mel) {
  return mel < kLogStartMel ? mel * kLinearHzPerMel : kLogStartHz * std::exp(kLogStep * (mel - kLogStartMel));
}

// Index into a signal of length n reflected at both ends without repeating the edge sample
// (numpy/torch "reflect"), bouncing again for pads longer than the signal.
int64_t reflectIndex(int64_t j, int64_t n) {
  if (n <= 1) return 0;
  const int64_t period = 2 * (n - 1);
  j %= period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

}  // namespace

std::vector<float> slaneyMelFilters(int sampleRate, int nFft, int bins) {
  const int fftBins = nFft / 2 + 1;
  std::vector<double> melHz(size_t(bins) + 2);
  const double melMax = hzToMel(sampleRate / 2.0);
  for (int i = 0; i < bins + 2; ++i) melHz[size_t(i)] = melToHz(melMax * i / (bins + 1));
  std::vector<float> filters(size_t(bins) * size_t(fftBins), 0.0f);
  for (int m = 0; m < bins; ++m) {
    const double low = melHz[size_t(m)], centre = melHz[size_t(m) + 1], high = melHz[size_t(m) + 2];
    const double norm = 2.0 / (high - low);
    for (int k = 0; k < fftBins; ++k) {
      const double hz = double(k) * sampleRate / nFft;
      const double rising = (hz - low) / (centre - low);
      const double falling = (high - hz) / (high - centre);
      filters[size_t(m) * size_t(fftBins) + size_t(k)] = float(std::max(0.0, std::min(rising, falling)) * norm);
    }
  }
  return filters;
}

struct LogMelStream::Impl {
  static constexpr int kFftBins = kMelFftSize / 2 + 1;
  static constexpr int kPad = kMelFftSize / 2;

  struct SparseFilter {
    int first = 0;
    std::vector<float> weights;
  };

  RealFft fft{kMelFftSize};
  std::vector<float> window = std::vector<float>(kMelFftSize);
  std::vector<SparseFilter> filters;
  std::vector<float> head;             // the first kPad + 1 samples, for the left reflection
  std::vector<float> history;          // samples from historyStart on
  int64_t historyStart = 0;
  int64_t total = 0;
  int64_t nextFrame = 0;
  std::vector<float> logMelByFrame;    // frame-major while streaming
  float maxLog = -std::numeric_limits<float>::infinity();
  std::vector<float> frameBuffer = std::vector<float>(kMelFftSize);
  std::vector<float> power = std::vector<float>(kFftBins);

  Impl() {
    for (int n = 0; n < kMelFftSize; ++n)  // periodic Hann, as torch.hann_window(400)
      window[size_t(n)] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / kMelFftSize));
    const auto dense = slaneyMelFilters(kMelSampleRate, kMelFftSize, kMelBins);
    for (int m = 0; m < kMelBins; ++m) {
      const float* row = dense.data() + size_t(m) * kFftBins;
      int first = 0, last = kFftBins - 1;
      while (first < kFftBins && row[first] == 0.0f) ++first;
      while (last > first && row[last] == 0.0f) --last;
      SparseFilter f;
      f.first = first;
      if (first < kFftBins) f.weights.assign(row + first, row + last + 1);
      filters.push_back(std::move(f));
    }
  }

  float sampleAt(int64_t j, int64_t length) const {
    j = reflectIndex(j, length);
    if (j < int64_t(head.size())) return head[size_t(j)];
    return history[size_t(j - historyStart)];
  }

  void computeFrame(int64_t frame, int64_t length) {
    const int64_t start = frame * kMelHop - kPad;
    if (start >= historyStart && start + kMelFftSize <= length) {  // inside the signal: no reflection
      const float* samples = history.data() + (start - historyStart);
      for (int p = 0; p < kMelFftSize; ++p) frameBuffer[size_t(p)] = samples[p] * window[size_t(p)];
    } else {
      for (int p = 0; p < kMelFftSize; ++p) frameBuffer[size_t(p)] = sampleAt(start + p, length) * window[size_t(p)];
    }
    fft.powerSpectrum(frameBuffer.data(), power.data());
    for (const auto& f : filters) {
      double energy = 0;
      for (size_t k = 0; k < f.weights.size(); ++k) energy += double(f.weights[k]) * power[size_t(f.first) + k];
      const float value = float(std::log10(std::max(energy, 1e-10)));
      maxLog = std::max(maxLog, value);
      logMelByFrame.push_back(value);
    }
  }

  void push(const float* samples, size_t count) {
    for (size_t i = 0; i < count && head.size() < size_t(kPad + 1); ++i) head.push_back(samples[i]);
    history.insert(history.end(), samples, samples + count);
    total += int64_t(count);
    // While streaming only the left end reflects; a frame is ready once its window is in.
    while (total > kPad && nextFrame * kMelHop + kPad - 1 < total) computeFrame(nextFrame++, total);
    const int64_t keepFrom = std::max<int64_t>(0, nextFrame * kMelHop - kPad);
    if (keepFrom - historyStart > 1 << 16) {
      history.erase(history.begin(), history.begin() + (keepFrom - historyStart));
      historyStart = keepFrom;
    }
  }

  LogMel finish() {
    const int64_t frames = total / kMelHop;
    while (nextFrame < frames) computeFrame(nextFrame++, total);
    LogMel mel;
    mel.frames = int(frames);
    mel.values.assign(size_t(kMelBins) * size_t(frames), 0.0f);
    const float floor = maxLog - 8.0f;
    for (int64_t t = 0; t < frames; ++t) {
      for (int b = 0; b < kMelBins; ++b) {
        const float v = std::max(logMelByFrame[size_t(t) * kMelBins + size_t(b)], floor);
        mel.values[size_t(b) * size_t(frames) + size_t(t)] = (v + 4.0f) / 4.0f;
      }
    }
    logMelByFrame.clear();
    logMelByFrame.shrink_to_fit();
    return mel;
  }
};

LogMelStream::LogMelStream() : impl_(std::make_unique<Impl>()) {}
LogMelStream::~LogMelStream() = default;
void LogMelStream::push(const float* samples, size_t count) { impl_->push(samples, count); }
LogMel LogMelStream::finish() { return impl_->finish(); }

LogMel computeLogMel(const std::vector<float>& samples) {
  LogMelStream stream;
  stream.push(samples.data(), samples.size());
  return stream.finish();
}

}  // namespace ugc::media
