#include "core/frame_sampler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "core/probe.h"
#include "media_fixtures.h"
#include "support/timing.h"

namespace ugc::media {
namespace {

using test::Fixture;
using test::mediaFixture;

double centreGray(const RgbImage& image) {
  const uint8_t* p = image.pixel(image.width / 2, image.height / 2);
  return (p[0] + p[1] + p[2]) / 3.0;
}

// The frame on screen at t for a constant-rate clip: the last one starting at or before t.
int expectedFrame(double t, double fps) { return int(std::floor(t * fps + 1e-9)); }

void expectFrameNumber(const SampledFrame& frame, int expected, double fps) {
  EXPECT_NEAR(frame.timestamp, expected / fps, 1e-3) << "requested " << frame.requestedTime;
  EXPECT_NEAR(test::frameNumberFromGray(centreGray(frame.image)), expected, 0.45) << "requested " << frame.requestedTime;
}

TEST(FrameSampler, ExactFramesInAnyRequestOrder) {
  const std::vector<double> times = {2.5, 0.0, 1.01, 1.01, 3.2, 0.34, 0.99, 1.0, 3.3333};
  for (bool skip : {true, false}) {
    FrameSamplerParams params;
    params.width = 64;
    params.height = 64;
    params.skipNonReference = skip;
    auto frames = sampleFramesAt(mediaFixture(Fixture::H264Aac), times, params);
    ASSERT_TRUE(frames) << frames.error().describe();
    ASSERT_EQ(frames->size(), times.size());
    for (size_t i = 0; i < times.size(); ++i) {
      EXPECT_EQ((*frames)[i].requestedTime, times[i]);
      expectFrameNumber((*frames)[i], expectedFrame(times[i], 30), 30);
      EXPECT_EQ((*frames)[i].image.width, 64);
      EXPECT_EQ((*frames)[i].image.height, 48);  // 4:3 contained in 64x64
    }
  }
}

TEST(FrameSampler, WorkersAndSkippingDoNotChangeTheAnswer) {
  std::vector<double> times;
  for (int i = 0; i < 40; ++i) times.push_back(std::fmod(i * 0.37, 3.9));
  FrameSamplerParams reference;
  reference.width = 48;
  reference.height = 48;
  reference.workers = 1;
  reference.skipNonReference = false;
  reference.decoderThreads = 0;  // FFmpeg's frame threading, no skipping
  auto expected = sampleFramesAt(mediaFixture(Fixture::H264Aac), times, reference);
  ASSERT_TRUE(expected) << expected.error().describe();
  for (int workers : {1, 2, 4}) {
    FrameSamplerParams params = reference;
    params.workers = workers;
    params.skipNonReference = true;
    params.decoderThreads = 1;
    SamplerStats stats;
    auto frames = sampleFramesAt(mediaFixture(Fixture::H264Aac), times, params, {}, {}, &stats);
    ASSERT_TRUE(frames) << frames.error().describe();
    EXPECT_LE(stats.workers, workers);  // runs never split a GOP: 4 GOPs may make 3 balanced runs
    EXPECT_GE(stats.workers, std::min(workers, 2));
    for (size_t i = 0; i < times.size(); ++i) {
      EXPECT_EQ((*frames)[i].timestamp, (*expected)[i].timestamp) << times[i];
      EXPECT_EQ((*frames)[i].image.pixels, (*expected)[i].image.pixels) << times[i];
    }
  }
}

TEST(FrameSampler, EachFrameHandedOverInTimeOrderAsDecoded) {
  const std::vector<double> times = {0.0, 0.34, 0.99, 1.0, 1.01, 2.5, 3.2, 3.3333};
  FrameSamplerParams params;
  params.width = 64;
  params.height = 64;
  params.workers = 1;
  auto expected = sampleFramesAt(mediaFixture(Fixture::H264Aac), times, params);
  ASSERT_TRUE(expected) << expected.error().describe();
  std::vector<SampledFrame> handed;
  auto status = sampleFramesEach(mediaFixture(Fixture::H264Aac), times, params, [&](SampledFrame&& frame) {
    handed.push_back(std::move(frame));
    return true;
  });
  ASSERT_TRUE(status) << status.error().describe();
  ASSERT_EQ(handed.size(), times.size());
  for (size_t i = 0; i < times.size(); ++i) {
    EXPECT_EQ(handed[i].requestedTime, times[i]);
    EXPECT_EQ(handed[i].timestamp, (*expected)[i].timestamp);
    EXPECT_EQ(handed[i].image.pixels, (*expected)[i].image.pixels);
  }
  // Flagged frames come small and cropped, the others at the pass's size.
  std::vector<bool> reduced(times.size(), false);
  reduced[1] = reduced[2] = true;
  handed.clear();
  status = sampleFramesEach(
      mediaFixture(Fixture::H264Aac), times, params,
      [&](SampledFrame&& frame) {
        handed.push_back(std::move(frame));
        return true;
      },
      {}, reduced, 16);
  ASSERT_TRUE(status) << status.error().describe();
  ASSERT_EQ(handed.size(), times.size());
  EXPECT_EQ(handed[0].image.width, 64);
  EXPECT_EQ(handed[1].image.width, 16);
  EXPECT_EQ(handed[1].image.height, 16);
  EXPECT_EQ(handed[2].image.height, 16);
  EXPECT_EQ(handed[3].image.height, 48);
  EXPECT_FALSE(sampleFramesEach(mediaFixture(Fixture::H264Aac), times, params, [](SampledFrame&&) { return true; }, {},
                                std::vector<bool>(2, true)));
  // The consumer stops the pass: no more frames, and that is not an error.
  int calls = 0;
  status = sampleFramesEach(mediaFixture(Fixture::H264Aac), times, params, [&](SampledFrame&&) { return ++calls < 3; });
  EXPECT_TRUE(status);
  EXPECT_EQ(calls, 3);
  CancelToken cancel;
  cancel.cancel();
  status = sampleFramesEach(mediaFixture(Fixture::H264Aac), times, params, [](SampledFrame&&) { return true; }, cancel);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::Cancelled);
  status = sampleFramesEach(mediaFixture(Fixture::AudioOnly), times, params, [](SampledFrame&&) { return true; });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::NotFound);
}

TEST(FrameSampler, DecodesOnlyWhatTheTargetsNeed) {
  FrameSamplerParams params;
  params.width = 32;
  params.height = 32;
  SamplerStats stats;
  auto frames = sampleFramesAt(mediaFixture(Fixture::H264Aac), {0.1, 3.1}, params, {}, {}, &stats);
  ASSERT_TRUE(frames) << frames.error().describe();
  expectFrameNumber((*frames)[0], 3, 30);
  expectFrameNumber((*frames)[1], 93, 30);
  // Two targets in GOPs 0 and 3 (1 s GOPs): GOP 0 is read from the start, one seek skips
  // GOPs 1-2; far below the 120 frames.
  EXPECT_EQ(stats.seeks, 1);
  EXPECT_LT(stats.framesDecoded, 40);
  EXPECT_LT(stats.packetsRead, 70);

  // Targets close together are reached by decoding forward, not seeking again.
  auto near = sampleFramesAt(mediaFixture(Fixture::H264Aac), {1.2, 1.4, 1.6}, params, {}, {}, &stats);
  ASSERT_TRUE(near);
  EXPECT_EQ(stats.seeks, 1);
  EXPECT_GT(stats.packetsSkippable, 0);  // B-frames before a target are provably not needed
}

TEST(FrameSampler, VariableFrameRateUsesTrueTimestamps) {
  // Frames 0-29 at n/30 s, then frames 30-49 at 1 + (n-30)/10 s.
  auto frameAt = [](double t) { return t < 1.0 ? int(std::floor(t * 30 + 1e-9)) : 30 + int(std::floor((t - 1.0) * 10 + 1e-9)); };
  auto timeOf = [](int n) { return n < 30 ? n / 30.0 : 1.0 + (n - 30) / 10.0; };
  const std::vector<double> times = {0.05, 0.5, 0.99, 1.0, 1.05, 1.55, 2.0, 2.95};
  auto frames = sampleFramesAt(mediaFixture(Fixture::VfrMkv), times);
  ASSERT_TRUE(frames) << frames.error().describe();
  for (size_t i = 0; i < times.size(); ++i) {
    const int n = frameAt(times[i]);
    EXPECT_NEAR((*frames)[i].timestamp, timeOf(n), 2e-3) << times[i];
    EXPECT_NEAR(test::frameNumberFromGray(centreGray((*frames)[i].image)), n, 0.45) << times[i];
  }
}

TEST(FrameSampler, OtherCodecs) {
  struct Case {
    Fixture fixture;
    double fps;
  };
  for (const Case& c : {Case{Fixture::Vp9Opus, 25}, Case{Fixture::Mpeg2, 25}, Case{Fixture::Hevc, 30},
                        Case{Fixture::MpegTs, 25}}) {
    const std::vector<double> times = {1.5, 0.0, 0.2, 0.9, 1.9};
    auto frames = sampleFramesAt(mediaFixture(c.fixture), times);
    ASSERT_TRUE(frames) << frames.error().describe();
    // WebM puts video a few ms after zero (Opus pre-skip); frame 0 tells where it starts.
    const double offset = (*frames)[1].timestamp;
    EXPECT_LT(offset, 0.02);
    for (size_t i = 0; i < times.size(); ++i) {
      const int n = std::max(0, expectedFrame(times[i] - offset, c.fps));
      EXPECT_NEAR((*frames)[i].timestamp, offset + n / c.fps, 1e-3) << times[i];
      EXPECT_NEAR(test::frameNumberFromGray(centreGray((*frames)[i].image)), n, 0.45) << times[i];
    }
  }
}

TEST(FrameSampler, RotatedPhoneVideoComesOutUpright) {
  FrameSamplerParams params;
  params.width = 0;
  params.height = 0;  // displayed size
  auto frames = sampleFramesAt(mediaFixture(Fixture::RotatedPhone), {0.5}, params);
  ASSERT_TRUE(frames) << frames.error().describe();
  const RgbImage& image = (*frames)[0].image;
  ASSERT_EQ(image.width, 90);
  ASSERT_EQ(image.height, 160);
  // Coded top-left red quadrant, turned a quarter clockwise, is the displayed top-right.
  const uint8_t* topRight = image.pixel(80, 10);
  const uint8_t* topLeft = image.pixel(10, 10);
  const uint8_t* bottomRight = image.pixel(80, 150);
  EXPECT_GT(topRight[0], 180);
  EXPECT_LT(topRight[1], 60);
  EXPECT_LT(topLeft[0], 40);
  EXPECT_LT(bottomRight[0], 40);

  params.applyRotation = false;
  auto raw = sampleFramesAt(mediaFixture(Fixture::RotatedPhone), {0.5}, params);
  ASSERT_TRUE(raw);
  EXPECT_EQ((*raw)[0].image.width, 160);
  EXPECT_GT((*raw)[0].image.pixel(10, 10)[0], 180);
}

TEST(FrameSampler, EveryQuarterTurn) {
  // The coded picture has its red quadrant top-left; where it lands tells the turn.
  struct Case {
    Fixture fixture;
    int rotation, width, height;
    int redX, redY;  // a point inside the red quadrant once upright
  };
  for (const Case& c : {Case{Fixture::RotatedPhone, 90, 90, 160, 80, 10}, Case{Fixture::Rotated180, 180, 160, 90, 150, 80},
                        Case{Fixture::Rotated270, 270, 90, 160, 10, 150}}) {
    auto probe = probeMedia(mediaFixture(c.fixture));
    ASSERT_TRUE(probe) << probe.error().describe();
    EXPECT_EQ(probe->video->rotation, c.rotation);
    FrameSamplerParams params;
    params.width = 0;
    params.height = 0;
    auto frames = sampleFramesAt(mediaFixture(c.fixture), {0.5}, params);
    ASSERT_TRUE(frames) << frames.error().describe();
    const RgbImage& image = (*frames)[0].image;
    ASSERT_EQ(image.width, c.width) << c.rotation;
    ASSERT_EQ(image.height, c.height) << c.rotation;
    EXPECT_GT(image.pixel(c.redX, c.redY)[0], 180) << c.rotation;
    // The diagonally opposite corner stays black.
    EXPECT_LT(image.pixel(image.width - 1 - c.redX, image.height - 1 - c.redY)[0], 40) << c.rotation;
  }
}

TEST(FrameSampler, FitModes) {
  const auto path = mediaFixture(Fixture::RotatedPhone);  // displayed 90x160
  FrameSamplerParams params;
  params.width = 224;
  params.height = 224;
  params.fit = FitMode::Contain;
  auto contain = sampleFramesAt(path, {0.1}, params);
  ASSERT_TRUE(contain);
  EXPECT_EQ((*contain)[0].image.width, 126);
  EXPECT_EQ((*contain)[0].image.height, 224);

  params.fit = FitMode::Letterbox;
  auto letterbox = sampleFramesAt(path, {0.1}, params);
  ASSERT_TRUE(letterbox);
  const RgbImage& boxed = (*letterbox)[0].image;
  ASSERT_EQ(boxed.width, 224);
  ASSERT_EQ(boxed.height, 224);
  EXPECT_EQ(boxed.pixel(220, 5)[0], 0);     // right bar is black padding
  EXPECT_GT(boxed.pixel(160, 20)[0], 180);  // the red quadrant, inside the 126 px wide content

  params.fit = FitMode::Crop;
  auto crop = sampleFramesAt(path, {0.1}, params);
  ASSERT_TRUE(crop);
  const RgbImage& cut = (*crop)[0].image;
  ASSERT_EQ(cut.width, 224);
  ASSERT_EQ(cut.height, 224);
  EXPECT_GT(cut.pixel(220, 5)[0], 180);  // content reaches the edge: the top rows of the red quadrant survive
}

TEST(FrameSampler, UniformSampling) {
  FrameSamplerParams params;
  params.width = 32;
  params.height = 32;
  auto frames = sampleFramesUniform(mediaFixture(Fixture::H264Aac), 8, params);
  ASSERT_TRUE(frames) << frames.error().describe();
  ASSERT_EQ(frames->size(), 8u);
  const auto times = uniformSampleTimes(4.0, 8);
  EXPECT_DOUBLE_EQ(times.front(), 0.25);
  EXPECT_DOUBLE_EQ(times.back(), 3.75);
  for (size_t i = 0; i < frames->size(); ++i) {
    EXPECT_NEAR((*frames)[i].requestedTime, times[i], 0.02);
    EXPECT_LE((*frames)[i].timestamp, (*frames)[i].requestedTime + 1e-9);
    EXPECT_GT((*frames)[i].timestamp, (*frames)[i].requestedTime - 1.0 / 30 - 1e-9);
  }
}

TEST(FrameSampler, OneFrameVideoAnswersEveryTarget) {
  auto frames = sampleFramesAt(mediaFixture(Fixture::OneFrame), {0.0, 0.5, 10.0});
  ASSERT_TRUE(frames) << frames.error().describe();
  for (const auto& f : *frames) {
    EXPECT_EQ(f.timestamp, 0.0);
    EXPECT_NEAR(test::frameNumberFromGray(centreGray(f.image)), 0, 0.45);
  }
}

TEST(FrameSampler, CancelReturnsCancelledPromptly) {
  CancelToken cancel;
  cancel.cancel();
  auto early = sampleFramesAt(mediaFixture(Fixture::H264Aac), {1.0}, {}, {}, cancel);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::Cancelled);

  // Cancel from the progress callback after the first frame; the call must stop at once.
  CancelToken midway;
  std::chrono::steady_clock::time_point cancelledAt;
  std::vector<double> times;
  for (int i = 0; i < 110; ++i) times.push_back(i / 30.0);
  FrameSamplerParams params;
  params.width = 0;
  params.height = 0;
  auto result = sampleFramesAt(mediaFixture(Fixture::H264Aac), times, params,
                               [&](const Progress& p) {
                                 if (p.done == 1) {
                                   midway.cancel();
                                   cancelledAt = std::chrono::steady_clock::now();
                                 }
                               },
                               midway);
  const auto elapsed = std::chrono::steady_clock::now() - cancelledAt;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
  UGC_EXPECT_TIMELY(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 100);
}

}  // namespace
}  // namespace ugc::media
