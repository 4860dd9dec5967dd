#include "media_fixtures.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "support/test_support.h"

namespace fs = std::filesystem;

namespace ugc::test {
namespace {

// Luma 16 + 2N: every frame has a distinct, flat grey the test can read back.
std::string grayRamp(const std::string& size, int fps, double seconds) {
  return "color=c=black:s=" + size + ":r=" + std::to_string(fps) + ":d=" + std::to_string(seconds) +
         ",format=yuv420p,geq=lum='16+2*N':cb=128:cr=128";
}

struct Recipe {
  const char* file;
  std::vector<std::string> args;  // ffmpeg arguments without the output file
};

Recipe recipeFor(Fixture fixture) {
  const std::vector<std::string> x264 = {"-c:v", "libx264", "-preset", "veryfast", "-crf", "8", "-pix_fmt", "yuv420p"};
  auto join = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  switch (fixture) {
    case Fixture::H264Aac:
      return {"h264_aac.mp4",
              join({"-f", "lavfi", "-i", grayRamp("320x240", 30, 4), "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=44100:duration=4", "-ac", "2"},
                   join(x264, {"-g", "30", "-bf", "2", "-c:a", "aac", "-b:a", "96k", "-shortest"}))};
    case Fixture::Vp9Opus:
      return {"vp9_opus.webm",
              {"-f", "lavfi", "-i", grayRamp("96x64", 25, 2), "-f", "lavfi", "-i",
               "sine=frequency=440:sample_rate=48000:duration=2", "-c:v", "libvpx-vp9", "-deadline", "realtime",
               "-cpu-used", "8", "-crf", "10", "-b:v", "0", "-g", "25", "-c:a", "libopus", "-shortest"}};
    case Fixture::Mpeg2:
      return {"mpeg2.mpg",
              {"-f", "lavfi", "-i", grayRamp("96x64", 25, 2), "-f", "lavfi", "-i",
               "sine=frequency=440:sample_rate=48000:duration=2", "-c:v", "mpeg2video", "-q:v", "2", "-g", "12",
               "-bf", "2", "-c:a", "mp2", "-shortest"}};
    case Fixture::Hevc:
      return {"hevc.mp4",
              {"-f", "lavfi", "-i", grayRamp("96x64", 30, 2), "-c:v", "libx265", "-preset", "ultrafast", "-crf", "10",
               "-x265-params", "log-level=error:keyint=30", "-tag:v", "hvc1", "-pix_fmt", "yuv420p"}};
    case Fixture::MpegTs:
      return {"h264.ts", join({"-f", "lavfi", "-i", grayRamp("96x64", 25, 2)}, join(x264, {"-g", "25", "-bf", "2"}))};
    case Fixture::VfrMkv:
      return {"vfr.mkv",
              join({"-f", "lavfi", "-i", grayRamp("96x64", 30, 50.0 / 30), "-vf",
                    "setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'", "-vsync", "vfr"},
                   join(x264, {"-g", "15", "-bf", "2"}))};
    case Fixture::RotatedPhone:
    case Fixture::Rotated180:
    case Fixture::Rotated270: {
      const char* name = fixture == Fixture::RotatedPhone ? "rotated.mp4"
                         : fixture == Fixture::Rotated180 ? "rotated180.mp4"
                                                          : "rotated270.mp4";
      // The display matrix is written by setDisplayRotation below.
      return {name, join({"-f", "lavfi", "-i", "color=c=black:s=160x90:r=30:d=1,drawbox=x=0:y=0:w=80:h=45:color=red:t=fill"},
                         x264)};
    }
    case Fixture::NoAudio:
      return {"no_audio.mp4", join({"-f", "lavfi", "-i", grayRamp("64x64", 30, 1)}, x264)};
    case Fixture::AudioOnly:
      return {"audio_only.m4a",
              {"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2", "-c:a", "aac", "-b:a", "96k"}};
    case Fixture::OneFrame:
      return {"one_frame.mp4", join({"-f", "lavfi", "-i", grayRamp("64x64", 30, 1), "-frames:v", "1"}, x264)};
    case Fixture::SceneCuts:
      return {"scene_cuts.mp4",
              join({"-f", "lavfi", "-i", "testsrc2=s=64x112:r=30:d=2", "-f", "lavfi", "-i",
                    "mandelbrot=s=64x112:r=30,trim=duration=2", "-f", "lavfi", "-i",
                    "smptebars=s=64x112:r=30:d=2", "-filter_complex",
                    "[1:v]setpts=PTS-STARTPTS[m];[0:v][m][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]"},
                   join(x264, {"-g", "60"}))};
    case Fixture::MovingShot:
      return {"moving_shot.mp4", join({"-f", "lavfi", "-i", "testsrc2=s=64x112:r=30:d=4"}, x264)};
  }
  return {"", {}};
}

// FFmpeg 5.1's muxer ignores the "rotate" tag (-display_rotation arrived in 6.0), so the
// phone-style display matrix is written into the mp4's track header directly: the matrix
// of a picture shown turned clockwise by `degrees`, as phones record it.
bool setDisplayRotation(const fs::path& path, int degrees) {
  std::string bytes = readFile(path);
  const size_t tkhd = bytes.find("tkhd");
  if (tkhd == std::string::npos) return false;
  const size_t matrix = tkhd + 44;  // version 0 header: type + 44 bytes = the 3x3 matrix
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
  };
  constexpr uint32_t kOne = 0x10000u, kMinusOne = 0xFFFF0000u;
  auto encode = [&](uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    std::string m;
    for (uint32_t v : {a, b, 0u, c, d, 0u, 0u, 0u, 0x40000000u}) m += be32(v);
    return m;
  };
  const std::string identity = encode(kOne, 0, 0, kOne);
  const std::string turned = degrees == 90    ? encode(0, kOne, kMinusOne, 0)
                             : degrees == 180 ? encode(kMinusOne, 0, 0, kMinusOne)
                                              : encode(0, kMinusOne, kOne, 0);
  if (bytes.compare(matrix, identity.size(), identity) != 0) return false;
  bytes.replace(matrix, turned.size(), turned);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return true;
}

}  // namespace

fs::path mediaFixture(Fixture fixture) {
  const fs::path dir = fs::path(UGC_TEST_BINARY_DIR) / "core-media";
  fs::create_directories(dir);
  const Recipe recipe = recipeFor(fixture);
  const fs::path target = dir / recipe.file;
  // ctest runs every test in its own process: one generates, the others wait on the lock.
  const int lock = ::open((dir / ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  if (!fs::exists(target)) {
    const fs::path partial = dir / (std::string("partial-") + recipe.file);
    std::vector<std::string> args = recipe.args;
    args.push_back(partial.string());
    runFfmpeg(args);
    const int degrees = fixture == Fixture::RotatedPhone ? 90
                        : fixture == Fixture::Rotated180 ? 180
                        : fixture == Fixture::Rotated270 ? 270
                                                         : 0;
    if (degrees != 0) {
      EXPECT_TRUE(setDisplayRotation(partial, degrees)) << "no identity matrix in tkhd";
    }
    std::error_code ec;
    if (fs::exists(partial)) fs::rename(partial, target, ec);
  }
  if (lock >= 0) ::close(lock);
  EXPECT_TRUE(fs::exists(target)) << "could not synthesise " << recipe.file;
  return fs::exists(target) ? target : fs::path();
}

double frameNumberFromGray(double rgbGray) { return (rgbGray * 219.0 / 255.0) / 2.0; }

}  // namespace ugc::test
