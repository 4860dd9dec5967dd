#pragma once
// Sound for the demo clips: WAV input/output, a synthesised melody per music style,
// beep effects, and the mix of speech over that bed.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "demo/demo_script.h"

namespace ugc::demo {

inline constexpr int kDemoSampleRate = 22050;  // espeak-ng's native rate

struct MonoAudio {
  int sampleRate = kDemoSampleRate;
  std::vector<float> samples;
  double seconds() const { return double(samples.size()) / sampleRate; }
};

Result<MonoAudio> readWav(const std::filesystem::path& path);  // 16-bit PCM, first channel
Status writeWav(const std::filesystem::path& path, const MonoAudio& audio);

// A melody with accompaniment whose tempo, mode and timbre follow the style.
MonoAudio synthesizeMusic(MusicStyle style, double seconds, uint32_t seed);
// Short 1.2 kHz beeps at the given times, added into the buffer.
void addBeeps(MonoAudio& audio, const std::vector<double>& times);
// Drops leading and trailing near-silence, so timings mark the voice itself.
void trimSilence(MonoAudio& audio, float threshold = 0.01f);
// Adds source into target starting at `start` seconds with the given gain.
void mixInto(MonoAudio& target, const MonoAudio& source, double start, float gain);

}  // namespace ugc::demo
