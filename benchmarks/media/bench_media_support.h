#pragma once
// Shared by the media benchmarks: synthesised clips (made once with the ffmpeg CLI and
// kept in the build tree), timing and a child-process peak-memory probe.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ugc::bench {

enum class BenchClip {
  Portrait60sGop2,   // 60 s 1080x1920 30 fps H.264 + AAC, keyframe every 2 s
  Portrait60sGop10,  // the same, keyframe every 10 s
  Small10Minutes,    // 10 min 320x568 30 fps H.264 + AAC (speech-band tones and noise)
};

// The clip, synthesised on first use (a minute or two for the 1080x1920 ones). Exits on failure.
std::filesystem::path benchClip(BenchClip clip);
std::filesystem::path benchMediaDir();

// Runs ffmpeg with the arguments; exits the program on failure.
void ffmpegOrDie(const std::vector<std::string>& args);

double secondsSince(std::chrono::steady_clock::time_point start);
double median(std::vector<double> values);

}  // namespace ugc::bench
