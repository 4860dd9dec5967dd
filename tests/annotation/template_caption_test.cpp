#include "annotation/template_caption.h"

#include <gtest/gtest.h>

#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

AudioFields completeAudio() {
  AudioFields f;
  f.speakerCount = 2;
  f.speakerGenders = {"male", "female"};
  f.tone = "Positive";
  f.language = "English";
  f.voiceSource = "In-Video Voice";
  f.backgroundMusic = "Yes";
  f.musicStyle = "Cheerful";
  return f;
}

TEST(TemplateCaption, AudioSaysEveryAnsweredField) {
  EXPECT_EQ(audioTemplateCaption(completeAudio()),
            "The audio features two speakers, a male and a female with a positive tone, speaking in English. "
            "The voice comes from a person speaking in the video. There is cheerful background music playing "
            "throughout the audio. The overall atmosphere is lively and positive.");
}

TEST(TemplateCaption, AudioFromReleasedFieldsOnly) {
  // What release-dev gives: tone (in its inconsistent case), voice source and BGM.
  AudioFields f;
  f.tone = "neutral";
  f.voiceSource = "Narration";
  f.backgroundMusic = "No";
  EXPECT_EQ(audioTemplateCaption(f),
            "The audio features a speaker with a neutral tone. The voice is a narration over the video. "
            "There is no background music present. The overall atmosphere is calm and neutral.");
}

TEST(TemplateCaption, AudioSpeakersAgreeInNumberAndGender) {
  AudioFields f;
  f.speakerGenders = {"female"};
  EXPECT_EQ(audioTemplateCaption(f), "The audio features a female speaker.");
  f.speakerGenders = {"male", "male", "male"};
  EXPECT_EQ(audioTemplateCaption(f), "The audio features three male speakers.");
  f.speakerCount = 0;
  f.speakerGenders.clear();
  f.backgroundMusic = "Yes";
  f.musicStyle = "Soothing";
  EXPECT_EQ(audioTemplateCaption(f), "The audio consists of soothing background music without any human speech.");
  f.backgroundMusic = "No";
  EXPECT_EQ(audioTemplateCaption(f), "There is no human speech in the audio. There is no background music present.");
}

TEST(TemplateCaption, MusicStyleOtherIsNotNamed) {
  AudioFields f;
  f.backgroundMusic = "Yes";
  f.musicStyle = "Other";
  EXPECT_EQ(audioTemplateCaption(f), "There is background music playing throughout the audio.");
}

TEST(TemplateCaption, NothingAnsweredGivesNothing) {
  EXPECT_EQ(audioTemplateCaption(AudioFields{}), "");
  EXPECT_EQ(visualTemplateCaption(VisualFields{}), "");
  EXPECT_EQ(jointTemplateCaption(AudioFields{}, VisualFields{}), "");
}

TEST(TemplateCaption, VisualDescribesSceneObjectsChangeAndText) {
  VisualFields f;
  f.background = "Living room with a grey sofa.";
  f.objects = parseObjectList(
      "microphone (count: 2, color: black, position: on the table); person (count: multiple, color: N/A, position: "
      "Center); apple (count: 1, color: red, position: top left corner)");
  f.motion = "a woman dances to the beat";
  f.backgroundChanges = true;
  f.backgroundChange = "the scene cuts to a garden at the 5-second mark";
  f.ocrLines = {"BEST DAY EVER", "Follow\nfor more", "BEST DAY EVER", "  "};
  EXPECT_EQ(visualTemplateCaption(f),
            "The video takes place in a living room with a grey sofa. The video features two black microphones on "
            "the table, multiple people in the center and a red apple in the top left corner. In the video, a woman "
            "dances to the beat. The scene cuts to a garden at the 5-second mark. The text on the screen reads "
            "\"BEST DAY EVER\" and \"Follow for more\".");
}

TEST(TemplateCaption, VisualKeepsOffTemplateObjectsAndStaticBackground) {
  VisualFields f;
  f.objects = parseObjectList(
      "a pile of boxes; dog (count: 3, color: brown, position: behind the fence); picture (count: 2, color: "
      "black,green, position: hanging on the wall); tree (count: Multiple, color: green, position: outdoor)");
  ASSERT_EQ(f.objects.size(), 4u);
  f.backgroundChanges = false;
  EXPECT_EQ(visualTemplateCaption(f),
            "The video features a pile of boxes, three brown dogs behind the fence, two black and green pictures "
            "hanging on the wall and multiple green trees outdoors. The background remains the same throughout the "
            "video.");
}

TEST(TemplateCaption, JointIsThePlainConcatenationVisualFirst) {
  EXPECT_EQ(concatenateCaptions("Audio says.", "Video shows."), "Video shows. Audio says.");
  EXPECT_EQ(concatenateCaptions("  Audio says. ", ""), "Audio says.");
  EXPECT_EQ(concatenateCaptions("", "Video shows."), "Video shows.");
  VisualFields v;
  v.ocrLines = {"HELLO"};
  const auto a = completeAudio();
  EXPECT_EQ(jointTemplateCaption(a, v), visualTemplateCaption(v) + " " + audioTemplateCaption(a));
}

}  // namespace
}  // namespace ugc::annotation
