#include "core/fft.h"

#include <array>
#include <cmath>
#include <numbers>

namespace ugc::media {

namespace {

using Complex = std::complex<float>;

// Plain complex product: std::complex's operator* checks for infinities and NaNs (C99
// Annex G), which costs more than the arithmetic here.
inline Complex mul(Complex a, Complex b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

Complex unitRoot(size_t k, size_t n) {
  const double angle = -2.0 * std::numbers::pi * double(k % n) / double(n);
  return {float(std::cos(angle)), float(std::sin(angle))};
}

// out[q * step] = sum_j t[j] * W_radix^(j q), radix-specific where it pays.
[[gnu::always_inline]] inline void butterfly(size_t radix, const Complex* t, Complex* out, size_t step,
                                             const Complex* roots) {
  switch (radix) {
    case 2:
      out[0] = t[0] + t[1];
      out[step] = t[0] - t[1];
      return;
    case 3: {
      constexpr float kSin60 = 0.86602540378443864676f;
      const Complex sum = t[1] + t[2];
      const Complex diff = t[1] - t[2];
      const Complex base = t[0] - 0.5f * sum;
      const Complex rotated{kSin60 * diff.imag(), -kSin60 * diff.real()};  // -i sin60 * diff
      out[0] = t[0] + sum;
      out[step] = base + rotated;
      out[2 * step] = base - rotated;
      return;
    }
    case 4: {
      const Complex a0 = t[0] + t[2], a1 = t[0] - t[2];
      const Complex b0 = t[1] + t[3], d = t[1] - t[3];
      const Complex b1{d.imag(), -d.real()};  // -i * d
      out[0] = a0 + b0;
      out[step] = a1 + b1;
      out[2 * step] = a0 - b0;
      out[3 * step] = a1 - b1;
      return;
    }
    case 5: {
      // X1,4 = t0 + c1 s1 + c2 s2 -/+ i (n1 d1 + n2 d2); X2,3 = t0 + c2 s1 + c1 s2 -/+ i (n2 d1 - n1 d2)
      constexpr float c1 = 0.30901699437494742410f, c2 = -0.80901699437494742410f;
      constexpr float n1 = 0.95105651629515357212f, n2 = 0.58778525229247312917f;
      const Complex s1 = t[1] + t[4], d1 = t[1] - t[4], s2 = t[2] + t[3], d2 = t[2] - t[3];
      const Complex a1 = t[0] + c1 * s1 + c2 * s2, a2 = t[0] + c2 * s1 + c1 * s2;
      const Complex b1 = n1 * d1 + n2 * d2, b2 = n2 * d1 - n1 * d2;
      const Complex minusIb1{b1.imag(), -b1.real()}, minusIb2{b2.imag(), -b2.real()};
      out[0] = t[0] + s1 + s2;
      out[step] = a1 + minusIb1;
      out[2 * step] = a2 + minusIb2;
      out[3 * step] = a2 - minusIb2;
      out[4 * step] = a1 - minusIb1;
      return;
    }
    default:
      for (size_t q = 0; q < radix; ++q) {
        Complex sum = t[0];
        for (size_t j = 1; j < radix; ++j) sum += mul(t[j], roots[q * radix + j]);
        out[q * step] = sum;
      }
  }
}

}  // namespace

Fft::Fft(size_t size) : size_(size) {
  std::vector<size_t> factors;
  size_t rest = size;
  // Radix 4 first: fewer passes than radix 2 for the same work.
  for (size_t radix : {4u, 2u, 3u, 5u}) {
    while (rest > 1 && rest % radix == 0) {
      factors.push_back(radix);
      rest /= radix;
    }
  }
  for (size_t p = 7; rest > 1; p += 2) {
    while (rest % p == 0) {
      factors.push_back(p);
      rest /= p;
    }
  }
  size_t n = size;
  for (size_t radix : factors) {
    Stage stage;
    stage.radix = radix;
    stage.m = n / radix;
    stage.twiddles.resize(stage.m * radix);
    for (size_t k = 0; k < stage.m; ++k)
      for (size_t j = 0; j < radix; ++j) stage.twiddles[k * radix + j] = unitRoot(j * k, n);
    stage.roots.resize(radix * radix);
    for (size_t q = 0; q < radix; ++q)
      for (size_t j = 0; j < radix; ++j) stage.roots[q * radix + j] = unitRoot(j * q, radix);
    stages_.push_back(std::move(stage));
    n /= radix;
  }
}

void Fft::forward(const Complex* in, Complex* out) const {
  if (size_ == 0) return;
  if (stages_.empty()) {
    out[0] = in[0];
    return;
  }
  transform(in, 1, out, 0);
}

// Decimation in time: `radix` interleaved subsequences are transformed, then combined
// with twiddles and one radix-point DFT per output group.
void Fft::transform(const Complex* in, size_t stride, Complex* out, size_t depth) const {
  const Stage& stage = stages_[depth];
  const size_t radix = stage.radix;
  const size_t m = stage.m;
  std::array<Complex, 16> local;
  std::vector<Complex> heap;
  Complex* t = local.data();
  if (radix > local.size()) {
    heap.resize(radix);
    t = heap.data();
  }
  if (m == 1) {  // the last stage reads its inputs directly
    for (size_t j = 0; j < radix; ++j) t[j] = in[j * stride];
    butterfly(radix, t, out, 1, stage.roots.data());
    return;
  }
  for (size_t j = 0; j < radix; ++j) transform(in + j * stride, stride * radix, out + j * m, depth + 1);
  const Complex* twiddle = stage.twiddles.data();
  for (size_t k = 0; k < m; ++k, twiddle += radix) {
    t[0] = out[k];
    for (size_t j = 1; j < radix; ++j) t[j] = mul(out[j * m + k], twiddle[j]);
    butterfly(radix, t, out + k, m, stage.roots.data());
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
    const std::complex<float> diff = z - zMirror;
    const std::complex<float> odd{0.5f * diff.imag(), -0.5f * diff.real()};  // -i/2 * diff
    out[k] = even + mul(twiddles_[k], odd);
  }
}

void RealFft::powerSpectrum(const float* in, float* power) const {
  forward(in, bins_.data());
  for (size_t k = 0; k <= size_ / 2; ++k) power[k] = std::norm(bins_[k]);
}

}  // namespace ugc::media
