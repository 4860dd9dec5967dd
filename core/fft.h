#pragma once
// A small mixed-radix FFT (any size; fastest for sizes made of 2, 3, 4 and 5, like the
// 400-point window of the log-mel front end). Plans are immutable once built, so one
// plan can be shared by threads.

#include <complex>
#include <cstddef>
#include <vector>

namespace ugc::media {

class Fft {
 public:
  explicit Fft(size_t size);
  size_t size() const { return size_; }
  // out[k] = sum_n in[n] * exp(-2 pi i k n / size); in and out must not overlap.
  void forward(const std::complex<float>* in, std::complex<float>* out) const;

 private:
  // One level of the decimation-in-time recursion: a sub-transform of size radix * m.
  struct Stage {
    size_t radix = 1;
    size_t m = 1;
    std::vector<std::complex<float>> twiddles;  // W_(radix*m)^(j*k) at [k * radix + j]
    std::vector<std::complex<float>> roots;     // W_radix^(j*q) at [q * radix + j], for the generic butterfly
  };

  void transform(const std::complex<float>* in, size_t stride, std::complex<float>* out, size_t depth) const;

  size_t size_;
  std::vector<Stage> stages_;
};

// Real input of even size N through one complex FFT of size N/2.
class RealFft {
 public:
  explicit RealFft(size_t size);  // size must be even
  size_t size() const { return size_; }
  // The N/2 + 1 non-negative frequency bins of the real input (N samples).
  void forward(const float* in, std::complex<float>* out) const;
  // |X[k]|^2 for k = 0 .. N/2.
  void powerSpectrum(const float* in, float* power) const;

 private:
  size_t size_;
  Fft half_;
  std::vector<std::complex<float>> twiddles_;  // exp(-2 pi i k / size), k < size/2
  mutable std::vector<std::complex<float>> packed_, spectrum_, bins_;
};

}  // namespace ugc::media
