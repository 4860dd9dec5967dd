#include <gtest/gtest.h>

#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest/QTest>

#include "gui/editor/audio_fields_editor.h"
#include "gui/editor/choice_group.h"
#include "gui/editor/visual_fields_editor.h"

namespace ugc::gui {

TEST(ChoiceGroup, KeepsReleasedSpellingUntilChanged) {
  ChoiceGroup group({"Positive", "Negative", "Neutral"});
  group.setValue("neutral");
  EXPECT_EQ(group.value(), "neutral");
  group.findChild<QRadioButton*>("choice_Positive")->click();
  EXPECT_EQ(group.value(), "Positive");
  group.setValue("unknown");
  EXPECT_TRUE(group.value().isEmpty());
}

TEST(AudioFieldsEditor, RoundTripsFieldsAndAppliesConditionalRules) {
  annotation::AudioFields fields;
  fields.speakerCount = 2;
  fields.tone = "neutral";
  fields.backgroundMusic = "Yes";
  fields.language = "English";
  fields.musicStyle = "Cheerful";
  fields.voiceSource = "Narration";
  fields.speakerGenders = {"male", "female"};
  AudioFieldsEditor editor;
  editor.setFields(fields);
  EXPECT_EQ(editor.fields(), fields);

  // No music: the style is not asked for. No speaker: the voice source is not asked for.
  editor.musicGroup()->findChild<QRadioButton*>("choice_No")->click();
  EXPECT_FALSE(editor.musicStyleGroup()->isEnabled());
  EXPECT_TRUE(editor.fields().musicStyle.empty());
  editor.speakerCountBox()->setValue(0);
  EXPECT_FALSE(editor.voiceSourceGroup()->isEnabled());
  EXPECT_TRUE(editor.fields().voiceSource.empty());
  editor.speakerCountBox()->setValue(-1);
  EXPECT_FALSE(editor.fields().speakerCount.has_value());
}

TEST(AudioFieldsEditor, SuggestionsStayMarkedUntilConfirmedOrChanged) {
  annotation::AudioFields suggested;
  suggested.speakerCount = 1;
  suggested.backgroundMusic = "No";
  suggested.tone = "Positive";
  suggested.speakerGenders = {"female"};
  AudioFieldsEditor editor;
  editor.setFields(suggested, /*suggested=*/true);
  EXPECT_EQ(editor.suggestionsLeft(), 4);
  EXPECT_EQ(editor.fields().speakerGenders, std::vector<std::string>{"female"});
  editor.toneGroup()->findChild<QRadioButton*>("choice_Negative")->click();
  EXPECT_EQ(editor.suggestionsLeft(), 3);
  editor.confirmSuggestions();
  EXPECT_EQ(editor.suggestionsLeft(), 0);
}

TEST(VisualFieldsEditor, RoundTripsListsAndObjects) {
  annotation::VisualFields fields;
  fields.background = "a kitchen";
  fields.backgroundChanges = true;
  fields.backgroundChange = "It cuts to a garden.";
  fields.motion = "a man chops vegetables";
  fields.ocrLines = {"EASY PASTA", "STEP 1"};
  fields.objects = {{"knife", "1", "silver", "right hand", "", ""},
                    {"person", "10", "N/A", "Center of the screen", ", running", ""},
                    {"", "", "", "", "", "a crowd of fans waving flags"}};
  VisualFieldsEditor editor;
  editor.setFields(fields, /*suggested=*/true);
  EXPECT_EQ(editor.fields(), fields);
  EXPECT_EQ(editor.suggestionsLeft(), 2);

  // Editing an OCR line in place confirms the list and changes the value.
  editor.ocrList()->item(1)->setText("STEP ONE");
  EXPECT_EQ(editor.fields().ocrLines[1], "STEP ONE");
  EXPECT_EQ(editor.suggestionsLeft(), 1);
  editor.objectTable()->item(0, 1)->setText("2");
  EXPECT_EQ(editor.fields().objects[0].count, "2");

  // "No" change: the description is not kept.
  editor.changesGroup()->findChild<QRadioButton*>("choice_No")->click();
  EXPECT_EQ(editor.fields().backgroundChanges, std::optional<bool>(false));
  EXPECT_TRUE(editor.fields().backgroundChange.empty());
}

}  // namespace ugc::gui
