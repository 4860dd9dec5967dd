// The one field <-> key codec (annotation/field_codec.h): what the draft service encodes, the
// evaluation decodes, and a round trip gives the fields back.
#include <gtest/gtest.h>

#include "annotation/field_codec.h"
#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

AudioFields fullAudio() {
  AudioFields audio;
  audio.speakerCount = 2;
  audio.tone = "Positive";
  audio.backgroundMusic = "Yes";
  audio.language = "English";
  audio.musicStyle = "Cheerful";
  audio.voiceSource = "Narration";
  audio.speakerGenders = {"female", "male"};
  return audio;
}

VisualFields fullVisual() {
  VisualFields visual;
  visual.background = "a kitchen with white tiles";
  visual.backgroundChanges = true;
  visual.backgroundChange = "cuts to a street at night";
  visual.motion = "a hand stirs a pot";
  visual.objects = parseObjectList(
      "person (count: 1, color: white, position: center of the screen); "
      "cup (count: 2, color: red, position: bottom left)");
  return visual;
}

}  // namespace

TEST(FieldCodec, EncodesEveryAnswerUnderItsKey) {
  const FieldMap fields = encodeFields(fullAudio(), fullVisual());
  EXPECT_EQ(fields.at("speaker_count"), "2");
  EXPECT_EQ(fields.at("speaker_genders"), "female, male");
  EXPECT_EQ(fields.at("background_change"), "cuts to a street at night");
  EXPECT_EQ(fields.at("objects"),
            "person (count: 1, color: white, position: center of the screen); "
            "cup (count: 2, color: red, position: bottom left)");
  EXPECT_EQ(fields.size(), 11u);
  // Unanswered fields are left out, not written as empty strings.
  EXPECT_TRUE(encodeFields({}, {}).empty());
}

TEST(FieldCodec, RoundTripGivesTheFieldsBack) {
  const AudioFields audio = fullAudio();
  const VisualFields visual = fullVisual();
  const auto decoded = decodeFields(encodeFields(audio, visual));
  EXPECT_EQ(decoded.audio, audio);
  EXPECT_EQ(decoded.visual, visual);

  // The three states of "does the background change".
  for (std::optional<bool> changes : {std::optional<bool>(), std::optional<bool>(false), std::optional<bool>(true)}) {
    VisualFields v;
    v.backgroundChanges = changes;
    EXPECT_EQ(decodeFields(encodeFields({}, v)).visual, v) << (changes ? (*changes ? "yes" : "no") : "unanswered");
  }
  // Single speaker, no music.
  AudioFields single;
  single.speakerCount = 1;
  single.backgroundMusic = "No";
  single.speakerGenders = {"male"};
  EXPECT_EQ(decodeFields(encodeFields(single, {})).audio, single);
}

TEST(FieldCodec, DecodingIsLenientWhereReleasesAndPeopleDiffer) {
  const auto decoded = decodeFields(
      {{"speaker_count", " 3 "}, {"speaker_genders", "female; male ,female"}, {"background_change", "NO"}});
  EXPECT_EQ(decoded.audio.speakerCount, 3);
  EXPECT_EQ(decoded.audio.speakerGenders, (std::vector<std::string>{"female", "male", "female"}));
  EXPECT_EQ(decoded.visual.backgroundChanges, false);
  EXPECT_FALSE(decodeFields({{"speaker_count", "two"}}).audio.speakerCount);
  EXPECT_FALSE(decodeFields({{"speaker_count", "-1"}}).audio.speakerCount);
  // Where the release lists only changing backgrounds, a missing key means "no change".
  EXPECT_FALSE(decodeFields({}).visual.backgroundChanges.has_value());
  EXPECT_EQ(decodeFields({}, {true}).visual.backgroundChanges, false);
}

}  // namespace ugc::annotation
