// The objects signal's per-category summary: count = most instances at once (confirmed by a
// second frame), flicker dropped, colour by area, position in the release's words; and the
// objects field of extractSignals on a clip made from a real photograph.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/extractors/objects_signal.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

ObjectDetection box(const std::string& category, double x, double y, double size, const std::string& colour = "red") {
  return {category, 0.8, {x, y, size, size}, colour};
}

TEST(ObjectsSummary, CountIsMostAtOnceNotASumAndFlickerIsDropped) {
  std::vector<ObjectFrame> frames;
  frames.push_back({0.5, {box("dog", 0.4, 0.4, 0.2), box("dog", 0.1, 0.4, 0.2), box("cup", 0.8, 0.8, 0.1)}});
  frames.push_back({1.5, {box("dog", 0.4, 0.4, 0.2), box("dog", 0.1, 0.4, 0.2)}});
  // One frame with a third, spurious dog and a one-off bird.
  frames.push_back({2.5, {box("dog", 0.4, 0.4, 0.2), box("dog", 0.1, 0.4, 0.2), box("dog", 0.7, 0.1, 0.05),
                          box("bird", 0.0, 0.0, 0.1)}});
  frames.push_back({3.5, {box("dog", 0.4, 0.4, 0.2, "brown"), box("cup", 0.8, 0.8, 0.1, "white")}});
  const auto summary = summariseObjects(frames);
  ASSERT_EQ(summary.size(), 2u);  // the bird, seen once in four frames, is flicker
  EXPECT_EQ(summary[0].category, "dog");
  EXPECT_EQ(summary[0].count, 2);  // 3 only once; a sum would be 8
  EXPECT_EQ(summary[0].frames, 4);
  EXPECT_EQ(summary[0].color, "red");
  EXPECT_EQ(summary[0].position, "in the center of the video");
  EXPECT_EQ(summary[1].category, "cup");
  EXPECT_EQ(summary[1].count, 1);
  EXPECT_EQ(summary[1].position, "lower right corner of the video");
  ObjectsSignal signal;
  signal.summary = summary;
  EXPECT_EQ(objectsAnswer(signal),
            "dog (count: 2, color: red, position: in the center of the video); "
            "cup (count: 1, color: red, position: lower right corner of the video)");
  EXPECT_TRUE(summariseObjects({}).empty());
}

TEST(ObjectsSummary, BackgroundInstancesShowTheCategoryButAreNotCounted) {
  // A footballer (a fifth of the frame) and four small figures of the crowd behind him, in two
  // frames; and a frame with only small persons, which count among themselves.
  std::vector<ObjectFrame> frames;
  for (double t : {0.5, 1.5})
    frames.push_back({t,
                      {box("person", 0.3, 0.3, 0.45), box("person", 0.0, 0.0, 0.07), box("person", 0.1, 0.0, 0.07),
                       box("person", 0.2, 0.0, 0.06), box("person", 0.8, 0.0, 0.07)}});
  auto summary = summariseObjects(frames);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].count, 1);  // 0.07^2 is under a tenth of 0.45^2
  frames.clear();
  for (double t : {0.5, 1.5}) frames.push_back({t, {box("person", 0.0, 0.0, 0.07), box("person", 0.5, 0.5, 0.06)}});
  summary = summariseObjects(frames);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].count, 2);
}

TEST(ObjectsSignal, ExtractSignalsFindsThePersonOnAClipOfMessi5) {
  const std::filesystem::path photo = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";
  if (!std::filesystem::exists(photo)) GTEST_SKIP() << "opencv-doc not installed";
  if (!checkPretrainedModel("centernet")) GTEST_SKIP() << "CenterNet not fetched (scripts/fetch-models centernet)";
  test::TempDir dir;
  const auto clip = dir / "messi.mp4";
  test::runFfmpeg({"-loop", "1", "-framerate", "25", "-t", "3", "-i", photo.string(), "-vf",
                   "scale=720:450,pad=720:1280:0:415:black,format=yuv420p", "-c:v", "libx264", clip.string()});
  ExtractOptions options;
  options.ocr = options.scenes = options.audioEvents = options.voice = options.loudness = false;
  auto signals = extractSignals(clip, options);
  ASSERT_TRUE(signals) << signals.error().describe();
  const ObjectsSignal& objects = signals->objects;
  ASSERT_TRUE(objects.ran) << objects.note;
  EXPECT_EQ(objects.framesSampled, 3);  // 1 per second
  ASSERT_EQ(objects.frames.size(), 3u);
  const ObjectSummary* person = nullptr;
  for (const auto& s : objects.summary)
    if (s.category == "person") person = &s;
  ASSERT_TRUE(person) << objectsAnswer(objects);
  EXPECT_EQ(person->position, "in the center of the video");
  EXPECT_NE(objectsAnswer(objects).find("person (count: "), std::string::npos);
  // The JSON keeps boxes, scores and the summary.
  auto back = signalsFromJson(toJson(*signals));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(objectsAnswer(back->objects), objectsAnswer(objects));
  ASSERT_FALSE(back->objects.frames.empty());
  EXPECT_EQ(back->objects.frames[0].detections.size(), objects.frames[0].detections.size());

  // --no-objects; and a missing model is a note, not an error.
  options.objects = false;
  auto skipped = extractSignals(clip, options);
  ASSERT_TRUE(skipped);
  EXPECT_FALSE(skipped->objects.ran);
  test::TempDir emptyCache;
  options.objects = true;
  options.modelsDir = emptyCache.path();
  auto noModel = extractSignals(clip, options);
  ASSERT_TRUE(noModel) << noModel.error().describe();
  EXPECT_FALSE(noModel->objects.ran);
  EXPECT_NE(noModel->objects.note.find("scripts/fetch-models centernet"), std::string::npos) << noModel->objects.note;
}

}  // namespace
}  // namespace ugc::model
