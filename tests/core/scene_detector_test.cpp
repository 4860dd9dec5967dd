#include "core/scene_detector.h"

#include <gtest/gtest.h>

#include "core/frame_sampler.h"
#include "media_fixtures.h"

namespace ugc::media {
namespace {

TEST(SceneDetector, FindsTheCutsOfASyntheticClip) {
  // testsrc2 (moving) -> mandelbrot (zooming) -> smptebars, cut at 2.0 s and 4.0 s.
  auto changes = detectSceneChanges(test::mediaFixture(test::Fixture::SceneCuts));
  ASSERT_TRUE(changes) << changes.error().describe();
  ASSERT_EQ(changes->size(), 2u);
  // Refined to the frame: the first frame of each new scene.
  EXPECT_NEAR((*changes)[0].time, 2.0, 1.0 / 30 + 1e-6);
  EXPECT_NEAR((*changes)[1].time, 4.0, 1.0 / 30 + 1e-6);
  for (const auto& c : *changes) EXPECT_GT(c.score, 0.3);

  SceneDetectorParams coarse;
  coarse.refineToFrame = false;
  auto unrefined = detectSceneChanges(test::mediaFixture(test::Fixture::SceneCuts), coarse);
  ASSERT_TRUE(unrefined);
  ASSERT_EQ(unrefined->size(), 2u);
  EXPECT_NEAR((*unrefined)[0].time, 2.0, 0.11);  // midpoint of samples 0.2 s apart
}

TEST(SceneDetector, FedWithLargerFramesDecodedElsewhereFindsTheSameCuts) {
  const auto clip = test::mediaFixture(test::Fixture::SceneCuts);
  auto reference = detectSceneChanges(clip);
  ASSERT_TRUE(reference) << reference.error().describe();
  SceneChangeFinder finder;
  const auto times = finder.sampleTimes(6.0);
  ASSERT_EQ(times.size(), 30u);  // 5 per second
  FrameSamplerParams params;     // frames 4x the detector's size, as the signal extractor decodes them
  params.width = 256;
  params.height = 448;
  auto frames = sampleFramesAt(clip, times, params);
  ASSERT_TRUE(frames) << frames.error().describe();
  for (const auto& f : *frames) finder.add(f.image, f.timestamp);
  auto changes = finder.finish(clip, 1.0 / 30);
  ASSERT_TRUE(changes) << changes.error().describe();
  ASSERT_EQ(changes->size(), reference->size());
  for (size_t i = 0; i < changes->size(); ++i) {
    EXPECT_NEAR((*changes)[i].time, (*reference)[i].time, 1e-6);
    EXPECT_GT((*changes)[i].score, 0.3);
  }
}

TEST(SceneDetector, FramesHandedInBetweenRefineTheCutsWithoutDecoding) {
  const auto clip = test::mediaFixture(test::Fixture::SceneCuts);
  auto reference = detectSceneChanges(clip);
  ASSERT_TRUE(reference) << reference.error().describe();
  SceneChangeFinder finder;
  const auto samples = finder.sampleTimes(6.0);
  std::vector<double> times;  // every frame of the 30 fps clip (their middles), samples included
  std::vector<bool> isSample;
  for (size_t i = 0; i < samples.size(); ++i) {
    times.push_back(samples[i]);
    isSample.push_back(true);
    for (int j = 1; i + 1 < samples.size() && samples[i] + (j + 0.5) / 30 < samples[i + 1]; ++j) {
      times.push_back(samples[i] + (j + 0.5) / 30);
      isSample.push_back(false);
    }
  }
  FrameSamplerParams params;
  params.width = params.height = 64;
  params.fit = FitMode::Crop;
  auto frames = sampleFramesAt(clip, times, params);
  ASSERT_TRUE(frames) << frames.error().describe();
  for (size_t i = 0; i < frames->size(); ++i) {
    if (isSample[i])
      finder.add((*frames)[i].image, (*frames)[i].timestamp);
    else
      finder.addBetween((*frames)[i].image, (*frames)[i].timestamp);
  }
  // A path that does not exist: the refinement must come from the frames handed in.
  auto changes = finder.finish("/nonexistent/clip.mp4", 1.0 / 30);
  ASSERT_TRUE(changes) << changes.error().describe();
  ASSERT_EQ(changes->size(), reference->size());
  for (size_t i = 0; i < changes->size(); ++i) EXPECT_NEAR((*changes)[i].time, (*reference)[i].time, 1e-6);
}

TEST(SceneDetector, NoCutsInAContinuousShot) {
  auto changes = detectSceneChanges(test::mediaFixture(test::Fixture::MovingShot));
  ASSERT_TRUE(changes) << changes.error().describe();
  EXPECT_TRUE(changes->empty());
}

TEST(SceneDetector, ErrorsAndCancel) {
  auto audioOnly = detectSceneChanges(test::mediaFixture(test::Fixture::AudioOnly));
  ASSERT_FALSE(audioOnly);
  EXPECT_EQ(audioOnly.error().code, ErrorCode::NotFound);
  CancelToken cancel;
  int calls = 0;
  auto cancelled = detectSceneChanges(test::mediaFixture(test::Fixture::SceneCuts), {},
                                      [&](const Progress&) {
                                        if (++calls == 3) cancel.cancel();
                                      },
                                      cancel);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
}

}  // namespace
}  // namespace ugc::media
