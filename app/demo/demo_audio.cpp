#include "demo/demo_audio.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numbers>

namespace ugc::demo {
namespace {

uint32_t readU32(const char* p) {
  return uint32_t(uint8_t(p[0])) | uint32_t(uint8_t(p[1])) << 8 | uint32_t(uint8_t(p[2])) << 16 |
         uint32_t(uint8_t(p[3])) << 24;
}
uint16_t readU16(const char* p) { return uint16_t(uint8_t(p[0]) | uint8_t(p[1]) << 8); }

void putU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(char((v >> (8 * i)) & 0xff));
}
void putU16(std::string& out, uint16_t v) {
  out.push_back(char(v & 0xff));
  out.push_back(char(v >> 8));
}

struct Note {
  double start;
  double length;
  double frequency;
};

double midiToHz(int midi) { return 440.0 * std::pow(2.0, (midi - 69) / 12.0); }

}  // namespace

Result<MonoAudio> readWav(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open " + path.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 12 || data.compare(0, 4, "RIFF") != 0 || data.compare(8, 4, "WAVE") != 0) {
    return makeError(ErrorCode::InvalidInput, path.string() + " is not a WAV file");
  }
  int channels = 0, bits = 0;
  MonoAudio audio;
  size_t pos = 12;
  while (pos + 8 <= data.size()) {
    const std::string id = data.substr(pos, 4);
    // espeak-ng streams with a 0x7fffffff chunk size when writing to a pipe; clamp to the file.
    size_t size = std::min<size_t>(readU32(&data[pos + 4]), data.size() - pos - 8);
    const char* body = &data[pos + 8];
    if (id == "fmt " && size >= 16) {
      if (readU16(body) != 1) return makeError(ErrorCode::Unsupported, path.string() + ": not PCM");
      channels = readU16(body + 2);
      audio.sampleRate = int(readU32(body + 4));
      bits = readU16(body + 14);
    } else if (id == "data") {
      if (bits != 16 || channels < 1) return makeError(ErrorCode::Unsupported, path.string() + ": not 16-bit PCM");
      const size_t frames = size / (2 * size_t(channels));
      audio.samples.resize(frames);
      for (size_t i = 0; i < frames; ++i) {
        audio.samples[i] = float(int16_t(readU16(body + 2 * channels * i))) / 32768.0f;
      }
      return audio;
    }
    pos += 8 + size + (size & 1);
  }
  return makeError(ErrorCode::InvalidInput, path.string() + ": no data chunk");
}

Status writeWav(const std::filesystem::path& path, const MonoAudio& audio) {
  std::string out;
  const uint32_t dataBytes = uint32_t(audio.samples.size() * 2);
  out += "RIFF";
  putU32(out, 36 + dataBytes);
  out += "WAVEfmt ";
  putU32(out, 16);
  putU16(out, 1);
  putU16(out, 1);
  putU32(out, uint32_t(audio.sampleRate));
  putU32(out, uint32_t(audio.sampleRate * 2));
  putU16(out, 2);
  putU16(out, 16);
  out += "data";
  putU32(out, dataBytes);
  for (float s : audio.samples) {
    putU16(out, uint16_t(int16_t(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f))));
  }
  std::ofstream file(path, std::ios::binary);
  file.write(out.data(), std::streamsize(out.size()));
  if (!file) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

MonoAudio synthesizeMusic(MusicStyle style, double seconds, uint32_t seed) {
  MonoAudio audio;
  audio.samples.assign(size_t(seconds * audio.sampleRate), 0.0f);
  if (style == MusicStyle::None) return audio;

  // Tempo (beats per minute), scale and root per style: fast major for cheerful and
  // exciting, slow minor for sad, slow major pads for soothing.
  const bool minor = style == MusicStyle::Sad;
  const double bpm = style == MusicStyle::Exciting ? 150 : style == MusicStyle::Cheerful ? 124
                     : style == MusicStyle::Sad     ? 66
                                                    : 72;
  const int root = 57 + int(seed % 5);  // A3..C#4
  const int majorScale[] = {0, 2, 4, 5, 7, 9, 11, 12};
  const int minorScale[] = {0, 2, 3, 5, 7, 8, 10, 12};
  const int* scale = minor ? minorScale : majorScale;
  const double beat = 60.0 / bpm;
  const double noteLength = style == MusicStyle::Soothing || style == MusicStyle::Sad ? 2 * beat : beat / 2;

  std::vector<Note> notes;
  uint32_t state = seed * 2654435761u + 1;
  int degree = 0;
  for (double t = 0; t < seconds; t += noteLength) {
    state = state * 1664525u + 1013904223u;
    int step = int(state >> 29) - 3;  // -3..4: a melodic walk over the scale
    degree = std::clamp(degree + step, 0, 7);
    notes.push_back({t, noteLength, midiToHz(root + 12 + scale[degree])});
    // Bass: the root, or the fifth, on every other note.
    notes.push_back({t, noteLength, midiToHz(root - 12 + ((int(t / noteLength) % 2) ? 7 : 0))});
  }

  const double pi2 = 2 * std::numbers::pi;
  for (const Note& note : notes) {
    const size_t first = size_t(note.start * audio.sampleRate);
    const size_t count = size_t(note.length * audio.sampleRate);
    for (size_t i = 0; i < count && first + i < audio.samples.size(); ++i) {
      const double t = double(i) / audio.sampleRate;
      const double attack = std::min(1.0, t / 0.02);
      const double release = std::min(1.0, (note.length - t) / 0.05);
      const double envelope = std::max(0.0, std::min(attack, release));
      double v = std::sin(pi2 * note.frequency * t);
      if (style == MusicStyle::Exciting || style == MusicStyle::Cheerful) {
        v += 0.3 * std::sin(pi2 * 2 * note.frequency * t) + 0.15 * std::sin(pi2 * 3 * note.frequency * t);
      }
      audio.samples[first + i] += float(0.18 * envelope * v);
    }
  }
  if (style == MusicStyle::Exciting) {
    // A kick drum on every beat: a falling sine burst.
    for (double t = 0; t < seconds; t += beat) {
      const size_t first = size_t(t * audio.sampleRate);
      for (size_t i = 0; i < size_t(0.12 * audio.sampleRate) && first + i < audio.samples.size(); ++i) {
        const double u = double(i) / audio.sampleRate;
        audio.samples[first + i] += float(0.35 * std::exp(-u * 30) * std::sin(pi2 * (60 + 90 * std::exp(-u * 40)) * u));
      }
    }
  }
  return audio;
}

void addBeeps(MonoAudio& audio, const std::vector<double>& times) {
  const double pi2 = 2 * std::numbers::pi;
  for (double start : times) {
    const size_t first = size_t(start * audio.sampleRate);
    const size_t count = size_t(0.15 * audio.sampleRate);
    for (size_t i = 0; i < count && first + i < audio.samples.size(); ++i) {
      const double t = double(i) / audio.sampleRate;
      audio.samples[first + i] += float(0.3 * std::sin(pi2 * 1200 * t));
    }
  }
}

void trimSilence(MonoAudio& audio, float threshold) {
  auto loud = [threshold](float s) { return std::fabs(s) > threshold; };
  auto first = std::find_if(audio.samples.begin(), audio.samples.end(), loud);
  auto last = std::find_if(audio.samples.rbegin(), audio.samples.rend(), loud).base();
  if (first >= last) {
    audio.samples.clear();
    return;
  }
  audio.samples = std::vector<float>(first, last);
}

void mixInto(MonoAudio& target, const MonoAudio& source, double start, float gain) {
  const size_t first = size_t(start * target.sampleRate);
  for (size_t i = 0; i < source.samples.size() && first + i < target.samples.size(); ++i) {
    target.samples[first + i] += gain * source.samples[i];
  }
}

}  // namespace ugc::demo
