#pragma once
// Small media files for the core tests, synthesised with the ffmpeg CLI once per build
// tree (build/tests/core-media) and reused by every test process.

#include <filesystem>
#include <string>

namespace ugc::test {

enum class Fixture {
  H264Aac,        // mp4, 320x240, 30 fps, 4 s, GOP 30 with B-frames, AAC 44.1 kHz stereo sine
  Vp9Opus,        // webm, 96x64, 25 fps, 2 s, Opus 48 kHz
  Mpeg2,          // mpg (program stream), 96x64, 25 fps, 2 s, MP2 audio
  Hevc,           // mp4, 96x64, 30 fps, 2 s, libx265, no audio
  MpegTs,         // MPEG-TS, 96x64, 25 fps, 2 s, H.264 with B-frames (clock starts at 1.4 s)
  VfrMkv,         // mkv: 30 frames at 30 fps, then 20 frames at 10 fps (3 s), H.264
  RotatedPhone,   // mp4 160x90 coded, display matrix turning it 90 clockwise (shown 90x160), red top-left quadrant
  Rotated180,     // the same picture, display matrix for 180
  Rotated270,     // the same picture, display matrix for 270 clockwise (90 counter-clockwise)
  NoAudio,        // mp4 H.264 only, 64x64, 1 s
  AudioOnly,      // m4a, AAC mono 440 Hz, 2 s
  OneFrame,       // mp4 with a single H.264 frame
  SceneCuts,      // mp4 6 s, 64x112: cuts at 2.0 and 4.0 s between moving test patterns
  MovingShot,     // mp4 4 s, 64x112: one continuous moving test pattern, no cut
};

// The file, generated on first use; an empty path (and a test failure) if ffmpeg fails.
std::filesystem::path mediaFixture(Fixture fixture);

// Gray-ramp clips encode the frame number n in the luma as 16 + 2n; this maps an RGB
// grey back to n (what a decoded, converted frame shows).
double frameNumberFromGray(double rgbGray);

}  // namespace ugc::test
