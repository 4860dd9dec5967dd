#include "core/audio_decoder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "media_fixtures.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::media {
namespace {

using test::Fixture;
using test::mediaFixture;

// Frequency from the count of rising zero crossings.
double dominantFrequency(const std::vector<float>& s, int rate) {
  int crossings = 0;
  for (size_t i = 1; i < s.size(); ++i) crossings += (s[i - 1] < 0 && s[i] >= 0) ? 1 : 0;
  return crossings * double(rate) / double(s.size());
}

double rms(const std::vector<float>& s) {
  double sum = 0;
  for (float v : s) sum += double(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / double(s.size()));
}

TEST(AudioDecoder, AacStereoToMono16k) {
  auto audio = decodeAudio(mediaFixture(Fixture::H264Aac));
  ASSERT_TRUE(audio) << audio.error().describe();
  ASSERT_TRUE(audio->hasAudio());
  EXPECT_EQ(audio->summary.sampleRate, 16000);
  EXPECT_NEAR(double(audio->samples.size()), 64000, 64000 * 0.02);
  EXPECT_EQ(audio->summary.samples, int64_t(audio->samples.size()));
  // Skip the codec's priming edges.
  std::vector<float> middle(audio->samples.begin() + 8000, audio->samples.end() - 8000);
  EXPECT_NEAR(dominantFrequency(middle, 16000), 440, 3);
  EXPECT_GT(rms(middle), 0.05);
}

TEST(AudioDecoder, OpusAndMp2) {
  for (Fixture f : {Fixture::Vp9Opus, Fixture::Mpeg2}) {
    auto audio = decodeAudio(mediaFixture(f));
    ASSERT_TRUE(audio) << audio.error().describe();
    ASSERT_TRUE(audio->hasAudio());
    EXPECT_NEAR(double(audio->samples.size()), 32000, 32000 * 0.05);
    std::vector<float> middle(audio->samples.begin() + 4000, audio->samples.end() - 4000);
    EXPECT_NEAR(dominantFrequency(middle, 16000), 440, 3);
  }
}

// Elementary streams announce no sample rate until packets are parsed: an MP3 (and ADTS AAC) once
// decoded to nothing at all.
TEST(AudioDecoder, Mp3AndAdtsElementaryStreams) {
  ugc::test::TempDir dir;
  for (const char* name : {"tone.mp3", "tone.aac"}) {
    const auto path = dir / name;
    ugc::test::runFfmpeg({"-f", "lavfi", "-i", "sine=f=440:sample_rate=22050:d=3", "-b:a", "32k", path.string()});
    auto audio = decodeAudio(path);
    ASSERT_TRUE(audio) << audio.error().describe();
    ASSERT_TRUE(audio->hasAudio()) << name;
    EXPECT_NEAR(double(audio->samples.size()), 48000, 48000 * 0.05) << name;
    std::vector<float> middle(audio->samples.begin() + 8000, audio->samples.end() - 8000);
    EXPECT_NEAR(dominantFrequency(middle, 16000), 440, 3) << name;
  }
}

TEST(AudioDecoder, NoAudioStreamIsAResultNotAnError) {
  auto audio = decodeAudio(mediaFixture(Fixture::NoAudio));
  ASSERT_TRUE(audio) << audio.error().describe();
  EXPECT_FALSE(audio->hasAudio());
  EXPECT_EQ(audio->summary.availability, AudioAvailability::NoAudioStream);
  EXPECT_TRUE(audio->samples.empty());
}

TEST(AudioDecoder, ChunksAreBoundedAndComplete) {
  AudioDecodeParams params;
  params.chunkSamples = 4000;
  std::vector<size_t> sizes;
  size_t total = 0;
  auto summary = decodeAudioChunks(mediaFixture(Fixture::AudioOnly), params, [&](const float*, size_t n) {
    sizes.push_back(n);
    total += n;
  });
  ASSERT_TRUE(summary) << summary.error().describe();
  ASSERT_GE(sizes.size(), 8u);
  for (size_t i = 0; i + 1 < sizes.size(); ++i) EXPECT_EQ(sizes[i], 4000u);
  EXPECT_LE(sizes.back(), 4000u);
  EXPECT_EQ(int64_t(total), summary->samples);
  EXPECT_NEAR(double(total), 32000, 32000 * 0.03);
}

TEST(AudioDecoder, MaxSecondsAndStreamChoice) {
  AudioDecodeParams params;
  params.maxSeconds = 1.0;
  auto audio = decodeAudio(mediaFixture(Fixture::H264Aac), params);
  ASSERT_TRUE(audio);
  EXPECT_EQ(audio->samples.size(), 16000u);

  AudioDecodeParams videoStream;
  videoStream.streamIndex = 0;  // the mp4's video track
  auto wrong = decodeAudio(mediaFixture(Fixture::H264Aac), videoStream);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::InvalidArgument);
}

TEST(AudioDecoder, CancelledPromptlyAndProgressReported) {
  CancelToken cancel;
  int chunks = 0;
  AudioDecodeParams params;
  params.chunkSamples = 1600;
  std::chrono::steady_clock::time_point cancelledAt;
  auto audio = decodeAudioChunks(mediaFixture(Fixture::H264Aac), params, [&](const float*, size_t) {
    if (++chunks == 2) {
      cancel.cancel();
      cancelledAt = std::chrono::steady_clock::now();
    }
  }, {}, cancel);
  const auto elapsed = std::chrono::steady_clock::now() - cancelledAt;
  ASSERT_FALSE(audio);
  EXPECT_EQ(audio.error().code, ErrorCode::Cancelled);
  EXPECT_LT(chunks, 10);
  UGC_EXPECT_TIMELY(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 100);

  std::vector<Progress> seen;
  std::vector<std::string> steps;
  ASSERT_TRUE(decodeAudio(mediaFixture(Fixture::H264Aac), {}, [&](const Progress& p) {
    seen.push_back(p);
    steps.emplace_back(p.step);
  }));
  ASSERT_GT(seen.size(), 5u);
  EXPECT_EQ(steps.front(), "decoding audio");
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].fraction(), seen[i - 1].fraction() - 1e-9);
  EXPECT_DOUBLE_EQ(seen.back().fraction(), 1.0);
}

}  // namespace
}  // namespace ugc::media
