// EBU R128 / ITU-R BS.1770-4 integrated loudness. The K-weighting filters are designed for the
// actual sample rate with the bilinear transform (the same analog prototypes libebur128 uses),
// so the 16 kHz analysis copy needs no resampling; content above 8 kHz is absent from it.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "model/extractors/audio_signals.h"

namespace ugc::model {
namespace {

struct Biquad {
  double b0, b1, b2, a1, a2;
  double z1 = 0, z2 = 0;
  double run(double x) {
    const double y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    return y;
  }
};

// Stage 1: high shelf (+4 dB around 1.5 kHz, the head's acoustic effect).
Biquad highShelf(double rate) {
  const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
  const double k = std::tan(std::numbers::pi * f0 / rate);
  const double vh = std::pow(10.0, gainDb / 20.0), vb = std::pow(vh, 0.4996667741545416);
  const double a0 = 1.0 + k / q + k * k;
  return {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
          2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
}

// Stage 2: RLB high-pass (~38 Hz).
Biquad highPass(double rate) {
  const double f0 = 38.13547087602444, q = 0.5003270373238773;
  const double k = std::tan(std::numbers::pi * f0 / rate);
  const double a0 = 1.0 + k / q + k * k;
  return {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
}

}  // namespace

LoudnessSignal measureLoudness(const std::vector<float>& samples, int sampleRate) {
  LoudnessSignal out;
  out.ran = true;
  out.method = "EBU R128 integrated loudness (BS.1770-4 K-weighting, gated) of the 16 kHz mono downmix";
  if (samples.empty() || sampleRate <= 0) return out;

  size_t clipped = 0;
  float peak = 0;
  for (float s : samples) {
    const float a = std::fabs(s);
    peak = std::max(peak, a);
    if (a >= 0.999f) ++clipped;
  }
  out.samplePeakDbfs = peak > 0 ? 20 * std::log10(double(peak)) : -120.0;
  out.clippingRatio = double(clipped) / double(samples.size());

  Biquad shelf = highShelf(sampleRate), pass = highPass(sampleRate);
  // Mean square per 100 ms step; a 400 ms block is four consecutive steps (75 % overlap).
  const size_t step = size_t(sampleRate) / 10;
  std::vector<double> stepPower;
  double acc = 0;
  size_t inStep = 0;
  for (float s : samples) {
    const double y = pass.run(shelf.run(double(s)));
    acc += y * y;
    if (++inStep == step) {
      stepPower.push_back(acc / double(step));
      acc = 0;
      inStep = 0;
    }
  }
  std::vector<double> blocks;
  for (size_t i = 0; i + 4 <= stepPower.size(); ++i)
    blocks.push_back((stepPower[i] + stepPower[i + 1] + stepPower[i + 2] + stepPower[i + 3]) / 4);
  auto loudness = [](double power) { return -0.691 + 10 * std::log10(power + 1e-20); };
  auto gatedMean = [&](double gate) {
    double sum = 0;
    int count = 0;
    for (double p : blocks)
      if (loudness(p) > gate) {
        sum += p;
        ++count;
      }
    return count > 0 ? std::optional<double>(sum / count) : std::nullopt;
  };
  const auto absolute = gatedMean(-70.0);
  if (!absolute) return out;
  const auto relative = gatedMean(loudness(*absolute) - 10.0);
  if (relative) out.integratedLufs = loudness(*relative);
  return out;
}

}  // namespace ugc::model
