#include "core/fft.h"

#include <array>
#include <cmath>
#include <numbers>

namespace ugc::media {

Fft::Fft(size_t size) : size_(size) {
  size_t rest = size;
  // Radix 4 first: fewer passes than radix 2 for the same work.
  for (size_t radix : {4u, 2u, 3u, 5u}) {
    while (rest > 1 && rest % radix == 0) {
      factors_.push_back(radix);
      rest /= radix;
    }
  }
  for (size_t p = 7; rest > 1; p += 2) {
    while (rest % p == 0) {
      factors_.push_back(p);
      rest /= p;
    }
  }
  twiddles_.resize(size);
  for (size_t k = 0; k < size; ++k) {
    const double angle = -2.0 * std::numbers::pi * double(k) / double(size);
    twiddles_[k] = {float(std::cos(angle)), float(std::sin(angle))};
  }
}

void Fft::forward(const std::complex<float>* in, std::complex<float>* out) const {
  if (size_ == 0) return;
  transform(in, 1, out, size_, 0);
}

// Decimation in time: split into `radix` interleaved subsequences, transform each, and
// combine with twiddles. Twiddle exponents are taken modulo the full size.
void Fft::transform(const std::complex<float>* in, size_t stride, std::complex<float>* out, size_t n,
                    size_t factorIndex) const {
  if (n == 1) {
    out[0] = in[0];
    return;
  }
  const size_t radix = factors_[factorIndex];
  const size_t m = n / radix;
  for (size_t j = 0; j < radix; ++j) transform(in + j * stride, stride * radix, out + j * m, m, factorIndex + 1);

  const size_t step = size_ / n;  // twiddle of the sub-transform: W_n^e = W_N^(e * step)
  std::vector<std::complex<float>> heap;
  std::array<std::complex<float>, 8> local;
  std::complex<float>* scratch = local.data();
  if (radix > local.size()) {
    heap.resize(radix);
    scratch = heap.data();
  }
  for (size_t k = 0; k < m; ++k) {
    for (size_t j = 0; j < radix; ++j) scratch[j] = out[j * m + k] * twiddles_[(j * k * step) % size_];
    for (size_t q = 0; q < radix; ++q) {
      std::complex<float> sum = scratch[0];
      for (size_t j = 1; j < radix; ++j) sum += scratch[j] * twiddles_[(j * q * m * step) % size_];
      out[k + q * m] = sum;
    }
  }
}

RealFft::RealFft(size_t size) : size_(size), half_(size / 2) {
  twiddles_.resize(size / 2 + 1);
  for (size_t k = 0; k <= size / 2; ++k) {
    const double angle = -2.0 * std::numbers::pi * double(k) / double(size);
    twiddles_[k] = {float(std::cos(angle)), float(std::sin(angle))};
  }
  packed_.resize(size / 2);
  spectrum_.resize(size / 2);
  bins_.resize(size / 2 + 1);
}

void RealFft::forward(const float* in, std::complex<float>* out) const {
  const size_t half = size_ / 2;
  for (size_t n = 0; n < half; ++n) packed_[n] = {in[2 * n], in[2 * n + 1]};
  half_.forward(packed_.data(), spectrum_.data());
  // Untangle the even (E) and odd (O) sample spectra: X[k] = E[k] + W^k O[k].
  for (size_t k = 0; k <= half; ++k) {
    const std::complex<float> z = spectrum_[k % half];
    const std::complex<float> zMirror = std::conj(spectrum_[(half - k) % half]);
    const std::complex<float> even = 0.5f * (z + zMirror);
    const std::complex<float> odd = std::complex<float>(0, -0.5f) * (z - zMirror);
    out[k] = even + twiddles_[k] * odd;
  }
}

void RealFft::powerSpectrum(const float* in, float* power) const {
  forward(in, bins_.data());
  for (size_t k = 0; k <= size_ / 2; ++k) power[k] = std::norm(bins_[k]);
}

}  // namespace ugc::media
