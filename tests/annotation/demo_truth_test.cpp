#include <gtest/gtest.h>

#include "annotation/demo_truth.h"
#include "annotation/field_codec.h"
#include "annotation/fields_json.h"

namespace ugc::annotation {
namespace {

// The shape app/demo writes (docs/formats.md, "Demo ground truth"), cut down to one object.
const char* kTruth = R"({
  "format": "ugc-videocap-demo-truth/1",
  "video_id": "demo-11-store-opening",
  "audio": {"speaker_count": 1, "tone": "Positive", "background_music": "No", "language": "English",
            "music_style": "", "voice_source": "Narration", "speaker_genders": ["female"],
            "caption": "A female voice speaks."},
  "visual": {"background": "purple and blue gradient backdrop", "background_changes": false,
             "background_change": "", "motion": "a gold square moves from right to left",
             "ocr": ["GRAND OPENING"],
             "objects": [{"category": "square", "count": 1, "color": "gold", "position": "middle of the screen",
                          "action": "moves from right to left"}],
             "caption": "A gold square moves."},
  "joint": {"caption": "A gold square moves while a woman speaks."}
})";

TEST(DemoTruthTest, ReadsFieldsCaptionsAndReleaseStyleObjects) {
  auto truth = parseDemoTruth(kTruth);
  ASSERT_TRUE(truth) << truth.error().describe();
  EXPECT_EQ(truth->videoId, "demo-11-store-opening");
  EXPECT_EQ(truth->audio.speakerCount, 1);
  EXPECT_EQ(truth->audio.tone, "Positive");
  EXPECT_EQ(truth->audio.speakerGenders, std::vector<std::string>{"female"});
  EXPECT_EQ(truth->visual.backgroundChanges, false);
  EXPECT_EQ(truth->visual.ocrLines, std::vector<std::string>{"GRAND OPENING"});
  ASSERT_EQ(truth->visual.objects.size(), 1u);
  EXPECT_EQ(truth->visual.objects[0].count, "1");
  EXPECT_EQ(truth->visual.objects[0].position, "middle of the screen, moves from right to left");
  EXPECT_EQ(truth->jointCaption, "A gold square moves while a woman speaks.");
  // What the drafter's training corpus reads: the one field codec over the one reader.
  const FieldMap fields = encodeFields(truth->audio, truth->visual);
  EXPECT_EQ(fields.at("objects"),
            "square (count: 1, color: gold, position: middle of the screen, moves from right to left)");
  EXPECT_EQ(fields.at("speaker_genders"), "female");
}

TEST(DemoTruthTest, BadInputIsAOneLineReason) {
  auto notJson = parseDemoTruth("{\n\"format\": ");
  ASSERT_FALSE(notJson);
  EXPECT_NE(notJson.error().message.find("line 2"), std::string::npos) << notJson.error().message;
  std::string other = kTruth;
  other.replace(other.find("demo-truth/1"), 12, "demo-truth/9");
  auto wrongFormat = parseDemoTruth(other);
  ASSERT_FALSE(wrongFormat);
  EXPECT_NE(wrongFormat.error().message.find("ugc-videocap-demo-truth/1"), std::string::npos);
  std::string mistyped = kTruth;
  mistyped.replace(mistyped.find("\"speaker_count\": 1"), 18, "\"speaker_count\": \"one\"");
  auto wrongType = parseDemoTruth(mistyped);
  ASSERT_FALSE(wrongType);
  EXPECT_NE(wrongType.error().message.find("speaker_count"), std::string::npos) << wrongType.error().message;
  std::string noCaption = kTruth;
  noCaption.replace(noCaption.find("\"caption\": \"A gold square moves while"), 10, "\"text\":   ");
  auto missing = parseDemoTruth(noCaption);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("joint.caption"), std::string::npos) << missing.error().message;
}

TEST(FieldsJsonTest, StoredFormReadsBackAndWrongTypesAreNamed) {
  auto audio = audioFieldsFromJson(R"({"speaker_count": null, "tone": "Neutral", "speaker_genders": ["male", "female"]})");
  ASSERT_TRUE(audio) << audio.error().describe();
  EXPECT_FALSE(audio->speakerCount);
  EXPECT_EQ(audio->speakerGenders.size(), 2u);
  auto visual = visualFieldsFromJson(R"({"objects": [{"category": "cup", "count": "2", "raw": ""}]})");
  ASSERT_TRUE(visual) << visual.error().describe();
  EXPECT_EQ(visual->objects.at(0).category, "cup");
  auto bad = visualFieldsFromJson(R"({"objects": [{"count": 2}]})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("'count'"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(audioFieldsFromJson("{not json"));
}

}  // namespace
}  // namespace ugc::annotation
