#include "annotation/faithfulness.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "annotation/object_list.h"
#include "annotation/release_fields.h"
#include "support/test_support.h"

namespace ugc::annotation {
namespace {

// The one claim of `kind` whose span covers `text` in `caption` (fails when there is none).
Claim claimAt(const std::vector<Claim>& claims, std::string_view caption, std::string_view text, ClaimKind kind) {
  const std::size_t at = caption.find(text);
  EXPECT_NE(at, std::string_view::npos) << text;
  for (const Claim& claim : claims) {
    if (claim.kind == kind && claim.span.begin <= at && at < claim.span.end) return claim;
  }
  ADD_FAILURE() << "no " << claimKindName(kind) << " claim at \"" << text << "\" in: " << caption;
  return {};
}

bool hasClaimOf(const std::vector<Claim>& claims, ClaimKind kind) {
  return std::any_of(claims.begin(), claims.end(), [&](const Claim& claim) { return claim.kind == kind; });
}

std::string spanText(std::string_view caption, const Claim& claim) {
  return std::string(caption.substr(claim.span.begin, claim.span.end - claim.span.begin));
}

FaithfulnessFacts visualFacts() {
  FaithfulnessFacts facts;
  VisualFields visual;
  visual.background = "a kitchen with a grey sofa by the window";
  visual.backgroundChanges = false;
  visual.motion = "a woman stirs a pot";
  visual.ocrLines = {"MORNING WALK DOWNTOWN", "tell onyou during a test"};
  visual.objects = parseObjectList(
      "microphone (count: 2, color: black, position: on the table); cup (count: 1, color: red, position: left); "
      "chair (count: many, color: white, position: around the table)");
  facts.visual = visual;
  return facts;
}

FaithfulnessFacts audioFacts() {
  FaithfulnessFacts facts;
  AudioFields audio;
  audio.speakerCount = 2;
  audio.speakerGenders = {"male", "female"};
  audio.tone = "Positive";
  audio.backgroundMusic = "Yes";
  audio.musicStyle = "Cheerful";
  audio.language = "English";
  audio.voiceSource = "In-Video Voice";
  facts.audio = audio;
  facts.transcript = std::vector<TranscriptSpanFact>{{0.0, 1.5, "Good morning everyone,", 0.9},
                                                     {1.5, 3.0, "welcome back to the channel", 0.8},
                                                     {3.0, 4.0, "buy one get one free", 0.2}};
  return facts;
}

TEST(FaithfulnessNormalisation, CaseSpacesPunctuationAndApostrophes) {
  EXPECT_EQ(normaliseQuotedText("  Don\xE2\x80\x99t   STOP, now!! "), "dont stop now");
  EXPECT_EQ(normaliseQuotedText("Sea-Monkey\nEggs\xE2\x80\xA6"), "sea monkey eggs");
  EXPECT_TRUE(quoteOccursIn("walk downtown", "MORNING WALK DOWNTOWN"));
  EXPECT_FALSE(quoteOccursIn("walk down", "MORNING WALK DOWNTOWN"));  // word boundaries
  EXPECT_FALSE(quoteOccursIn("", "anything"));
}

TEST(Faithfulness, QuotedOnScreenTextMustBeAnExactSubstringOfAnOcrLine) {
  const FaithfulnessFacts facts = visualFacts();
  const std::string exact = "The text \"Morning walk downtown\" appears at the top of the screen.";
  Claim claim = claimAt(checkFaithfulness(exact, Stage::Visual, facts), exact, "Morning", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;
  EXPECT_EQ(claim.value, "morning walk downtown");
  EXPECT_EQ(spanText(exact, claim), "\"Morning walk downtown\"");

  // The misreading: close to the line but not in it is a misquote.
  const std::string misread = "The caption reads 'WALKNING DOWNTOWN' in bold letters.";
  claim = claimAt(checkFaithfulness(misread, Stage::Visual, facts), misread, "WALKNING", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;
  EXPECT_NE(claim.reason.find("MORNING WALK DOWNTOWN"), std::string::npos) << claim.reason;

  const std::string invented = "A sign reads \"GRAND OPENING SALE\" above the door.";
  claim = claimAt(checkFaithfulness(invented, Stage::Visual, facts), invented, "GRAND", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported);

  // OCR that dropped a space still supports the quote.
  const std::string spaced = "The overlay reads \"tell on you during a test\".";
  claim = claimAt(checkFaithfulness(spaced, Stage::Visual, facts), spaced, "tell", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;

  // The OCR engine's lines count as much as the field's.
  FaithfulnessFacts engine;
  engine.ocrLines = std::vector<std::string>{"50% OFF TODAY"};
  const std::string sale = "The banner says \"50% off today\".";
  claim = claimAt(checkFaithfulness(sale, Stage::Visual, engine), sale, "50%", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;
  // No OCR facts at all: unsupported, and the reason says why.
  claim = claimAt(checkFaithfulness(sale, Stage::Visual, FaithfulnessFacts{}), sale, "50%", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported);
  EXPECT_NE(claim.reason.find("no on-screen text facts"), std::string::npos);
}

TEST(Faithfulness, NamedOnScreenTextInCapitals) {
  const FaithfulnessFacts facts = visualFacts();
  const std::string named = "A poster with the words MORNING WALK hangs on the wall.";
  Claim claim = claimAt(checkFaithfulness(named, Stage::Visual, facts), named, "MORNING", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;
  EXPECT_EQ(spanText(named, claim), "MORNING WALK");

  const std::string wrong = "A sign reading CLOSED FOREVER hangs on the door.";
  claim = claimAt(checkFaithfulness(wrong, Stage::Visual, facts), wrong, "CLOSED", ClaimKind::OnScreenText);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported);
  // A lone acronym without a text cue is not a claim.
  EXPECT_FALSE(hasClaimOf(checkFaithfulness("He watches the NBA finals.", Stage::Visual, facts),
                          ClaimKind::OnScreenText));
}

TEST(Faithfulness, QuotedSpeechMustBeInAConfidentTranscriptSpan) {
  const FaithfulnessFacts facts = audioFacts();
  const std::string said = "A man says \"good morning everyone, welcome back\" in a cheerful voice.";
  Claim claim = claimAt(checkFaithfulness(said, Stage::Audio, facts), said, "good", ClaimKind::QuotedSpeech);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;  // straddles spans 1 and 2

  const std::string fabricated = "She shouts \"see you tomorrow\" before leaving.";
  claim = claimAt(checkFaithfulness(fabricated, Stage::Audio, facts), fabricated, "see", ClaimKind::QuotedSpeech);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported);

  const std::string misheard = "He says 'good morning everybody' to the camera.";
  claim = claimAt(checkFaithfulness(misheard, Stage::Audio, facts), misheard, "good", ClaimKind::QuotedSpeech);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;

  // Only a low-confidence span holds it: not enough.
  const std::string unsure = "The speaker says \"buy one get one free\".";
  claim = claimAt(checkFaithfulness(unsure, Stage::Audio, facts), unsure, "buy", ClaimKind::QuotedSpeech);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported);
  EXPECT_NE(claim.reason.find("below the confidence threshold"), std::string::npos) << claim.reason;

  // A speech cue carries over to a chained quote: "saying 'A' and then 'B'".
  const std::string chained = "He keeps saying \"good morning everyone\" and then \"welcome back\" to the viewers.";
  claim = claimAt(checkFaithfulness(chained, Stage::Joint, facts), chained, "welcome", ClaimKind::QuotedSpeech);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;

  // In a visual caption a quote is on-screen text unless a speech verb introduces it.
  const auto claims = checkFaithfulness("The woman says \"welcome back\" and waves.", Stage::Visual, facts);
  EXPECT_TRUE(hasClaimOf(claims, ClaimKind::QuotedSpeech));
  EXPECT_FALSE(hasClaimOf(claims, ClaimKind::OnScreenText));
}

TEST(Faithfulness, JointQuotesAreLookedUpInBothSources) {
  FaithfulnessFacts facts = visualFacts();
  facts.audio = audioFacts().audio;
  facts.transcript = audioFacts().transcript;
  const std::string caption = "Then \"welcome back to the channel\" is heard, and later \"MORNING WALK\" appears.";
  const auto claims = checkFaithfulness(caption, Stage::Joint, facts);
  EXPECT_EQ(claimAt(claims, caption, "welcome", ClaimKind::QuotedSpeech).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, caption, "MORNING", ClaimKind::OnScreenText).verdict, ClaimVerdict::Supported);
}

TEST(Faithfulness, ObjectsAndCounts) {
  const FaithfulnessFacts facts = visualFacts();
  const std::string caption =
      "Two microphones stand on the table next to a cup, three cups sit on a shelf and several chairs surround it. "
      "A laptop is open.";
  const auto claims = checkFaithfulness(caption, Stage::Visual, facts);
  Claim claim = claimAt(claims, caption, "microphones", ClaimKind::Object);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;
  EXPECT_EQ(claim.value, "2 microphone");
  EXPECT_EQ(claimAt(claims, caption, "cup,", ClaimKind::Object).verdict, ClaimVerdict::Supported);
  claim = claimAt(claims, caption, "cups", ClaimKind::Object);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;  // the list has one cup
  EXPECT_EQ(claimAt(claims, caption, "chairs", ClaimKind::Object).verdict, ClaimVerdict::Supported);  // "many"
  EXPECT_EQ(claimAt(claims, caption, "laptop", ClaimKind::Object).verdict, ClaimVerdict::Unsupported);
  EXPECT_EQ(claimAt(claims, caption, "shelf", ClaimKind::Object).verdict, ClaimVerdict::Unsupported);

  // A detector's counts work the same way; names of things mid-sentence are not objects.
  FaithfulnessFacts detected;
  detected.objects = std::vector<DetectedObjectFact>{{"dog", 1, "brown", 0.9}, {"car", 2, "", 0.8}};
  const std::string street = "A dog runs past two cars and one bus while an Apple logo glows.";
  const auto streetClaims = checkFaithfulness(street, Stage::Visual, detected);
  EXPECT_EQ(claimAt(streetClaims, street, "dog", ClaimKind::Object).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(streetClaims, street, "cars", ClaimKind::Object).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(streetClaims, street, "bus", ClaimKind::Object).verdict, ClaimVerdict::Unsupported);
  for (const Claim& c : streetClaims) EXPECT_NE(c.value, "apple");
  // Audio captions talk about things; their objects are not checked.
  EXPECT_FALSE(hasClaimOf(checkFaithfulness("She praises the headphones.", Stage::Audio, detected), ClaimKind::Object));
}

TEST(Faithfulness, Colours) {
  const FaithfulnessFacts facts = visualFacts();
  const std::string caption =
      "Black microphones stand by a blue cup; the sofa is grey and a woman in a purple dress walks by. The White "
      "House is far away.";
  const auto claims = checkFaithfulness(caption, Stage::Visual, facts);
  Claim claim = claimAt(claims, caption, "Black", ClaimKind::Colour);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;
  EXPECT_EQ(claim.value, "black microphone");
  claim = claimAt(claims, caption, "blue", ClaimKind::Colour);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;  // the cup is red
  claim = claimAt(claims, caption, "grey", ClaimKind::Colour);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported) << claim.reason;  // "a grey sofa" in the background
  EXPECT_EQ(claim.value, "grey sofa");
  EXPECT_EQ(claimAt(claims, caption, "purple", ClaimKind::Colour).verdict, ClaimVerdict::Unsupported);
  for (const Claim& c : claims) EXPECT_EQ(c.value.find("white"), std::string::npos) << "a name, not a colour";
  // Adjectives between the colour and its noun are skipped.
  const std::string text = "Bold white on-screen text reads the title.";
  EXPECT_EQ(claimAt(checkFaithfulness(text, Stage::Visual, facts), text, "white", ClaimKind::Colour).value,
            "white text");
}

TEST(Faithfulness, PeopleAndGenders) {
  // Heard: the speaker genders field.
  FaithfulnessFacts audio = audioFacts();
  audio.audio->speakerGenders = {"female"};
  const std::string heard = "A woman speaks warmly while a male voice answers.";
  auto claims = checkFaithfulness(heard, Stage::Audio, audio);
  EXPECT_EQ(claimAt(claims, heard, "woman", ClaimKind::Person).verdict, ClaimVerdict::Supported);
  Claim claim = claimAt(claims, heard, "male voice", ClaimKind::Person);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;
  EXPECT_EQ(spanText(heard, claim), "male voice");

  // Seen: faces, the object list and the visual fields' text.
  FaithfulnessFacts seen;
  seen.faces = std::vector<FaceFact>{{"male", 0.9}, {"male", 0.8}};
  const std::string twoMen = "A man waves at a girl.";
  claims = checkFaithfulness(twoMen, Stage::Visual, seen);
  EXPECT_EQ(claimAt(claims, twoMen, "man", ClaimKind::Person).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, twoMen, "girl", ClaimKind::Person).verdict, ClaimVerdict::Contradicted);
  const std::string visualWoman = "A woman stirs a pot.";
  claims = checkFaithfulness(visualWoman, Stage::Visual, visualFacts());
  EXPECT_EQ(claimAt(claims, visualWoman, "woman", ClaimKind::Person).verdict, ClaimVerdict::Supported);
  claims = checkFaithfulness("A child plays.", Stage::Visual, FaithfulnessFacts{});
  ASSERT_TRUE(hasClaimOf(claims, ClaimKind::Person));
  EXPECT_EQ(claims.front().verdict, ClaimVerdict::Unsupported);
}

TEST(Faithfulness, MusicPresentAbsentAndStyle) {
  FaithfulnessFacts facts = audioFacts();
  const std::string caption = "Cheerful background music plays under the voices; later a sad melody takes over.";
  auto claims = checkFaithfulness(caption, Stage::Audio, facts);
  Claim claim = claimAt(claims, caption, "background music", ClaimKind::Music);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claim.value, "present");
  EXPECT_EQ(claimAt(claims, caption, "Cheerful", ClaimKind::MusicStyle).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, caption, "sad", ClaimKind::MusicStyle).verdict, ClaimVerdict::Contradicted);

  facts.audio->backgroundMusic = "No";
  facts.audio->musicStyle.clear();
  const std::string none = "There is no background music, only a pop song at the very end.";
  claims = checkFaithfulness(none, Stage::Audio, facts);
  claim = claimAt(claims, none, "music", ClaimKind::Music);
  EXPECT_EQ(claim.value, "absent");
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, none, "song", ClaimKind::Music).verdict, ClaimVerdict::Contradicted);
  EXPECT_EQ(claimAt(claims, none, "pop", ClaimKind::MusicStyle).verdict, ClaimVerdict::Contradicted);

  // Without the field, audio events decide.
  FaithfulnessFacts events;
  events.audioEvents = std::vector<AudioEventFact>{{"Rock music", 0, 10, 0.8}};
  const std::string rock = "A rock song plays throughout.";
  claims = checkFaithfulness(rock, Stage::Audio, events);
  EXPECT_EQ(claimAt(claims, rock, "song", ClaimKind::Music).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, rock, "rock", ClaimKind::MusicStyle).verdict, ClaimVerdict::Supported);
  claims = checkFaithfulness("There is no music.", Stage::Audio, events);
  EXPECT_EQ(claims.at(0).verdict, ClaimVerdict::Contradicted);
  // Visual captions are not checked for music (that is the leakage lint's business).
  EXPECT_FALSE(hasClaimOf(checkFaithfulness("Music plays.", Stage::Visual, events), ClaimKind::Music));
}

TEST(Faithfulness, Language) {
  const FaithfulnessFacts facts = audioFacts();
  const std::string caption = "Two speakers talk in English, then one switches to Spanish; English subtitles run.";
  const auto claims = checkFaithfulness(caption, Stage::Audio, facts);
  EXPECT_EQ(claimAt(claims, caption, "English,", ClaimKind::Language).verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(claims, caption, "Spanish", ClaimKind::Language).verdict, ClaimVerdict::Contradicted);
  EXPECT_EQ(std::count_if(claims.begin(), claims.end(), [](const Claim& c) { return c.kind == ClaimKind::Language; }),
            2);  // "English subtitles" is text, not speech
  FaithfulnessFacts recogniser;
  recogniser.transcriptLanguage = "Mandarin";
  const std::string chinese = "A man speaks Chinese.";
  EXPECT_EQ(claimAt(checkFaithfulness(chinese, Stage::Audio, recogniser), chinese, "Chinese", ClaimKind::Language)
                .verdict,
            ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(checkFaithfulness(chinese, Stage::Audio, {}), chinese, "Chinese", ClaimKind::Language).verdict,
            ClaimVerdict::Unsupported);
}

TEST(Faithfulness, SpeakerCount) {
  const FaithfulnessFacts facts = audioFacts();  // 2 speakers
  const std::string caption = "Two speakers chat; later three distinct voices overlap and multiple speakers laugh.";
  const auto claims = checkFaithfulness(caption, Stage::Audio, facts);
  Claim claim = claimAt(claims, caption, "Two speakers", ClaimKind::SpeakerCount);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported);
  EXPECT_EQ(claim.value, "2");
  EXPECT_EQ(claimAt(claims, caption, "three", ClaimKind::SpeakerCount).verdict, ClaimVerdict::Contradicted);
  EXPECT_EQ(claimAt(claims, caption, "multiple", ClaimKind::SpeakerCount).verdict, ClaimVerdict::Supported);
  const std::string silent = "The track has no human speech at all.";
  claim = claimAt(checkFaithfulness(silent, Stage::Audio, facts), silent, "no human speech", ClaimKind::SpeakerCount);
  EXPECT_EQ(claim.value, "0");
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted);
  FaithfulnessFacts quiet;
  quiet.audio = AudioFields{};
  quiet.audio->speakerCount = 0;
  EXPECT_EQ(claimAt(checkFaithfulness(silent, Stage::Audio, quiet), silent, "no human", ClaimKind::SpeakerCount).verdict,
            ClaimVerdict::Supported);
  // A confident transcript contradicts "no speech" even without the field.
  FaithfulnessFacts transcribed;
  transcribed.transcript = audioFacts().transcript;
  EXPECT_EQ(claimAt(checkFaithfulness(silent, Stage::Audio, transcribed), silent, "no human", ClaimKind::SpeakerCount)
                .verdict,
            ClaimVerdict::Contradicted);
}

TEST(Faithfulness, SceneWords) {
  FaithfulnessFacts facts = visualFacts();  // a kitchen, constant
  const std::string caption = "In the kitchen she cooks; the clip ends on a sunny beach.";
  const auto claims = checkFaithfulness(caption, Stage::Visual, facts);
  EXPECT_EQ(claimAt(claims, caption, "kitchen", ClaimKind::Scene).verdict, ClaimVerdict::Supported);
  Claim claim = claimAt(claims, caption, "beach", ClaimKind::Scene);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted) << claim.reason;  // indoors, and it does not change
  facts.visual->backgroundChanges = true;
  claim = claimAt(checkFaithfulness(caption, Stage::Visual, facts), caption, "beach", ClaimKind::Scene);
  EXPECT_EQ(claim.verdict, ClaimVerdict::Unsupported) << claim.reason;
  EXPECT_EQ(claimAt(checkFaithfulness(caption, Stage::Visual, {}), caption, "kitchen", ClaimKind::Scene).verdict,
            ClaimVerdict::Unsupported);
}

TEST(Faithfulness, CutAndNoCut) {
  FaithfulnessFacts facts = visualFacts();  // backgroundChanges = false
  const std::string cut = "A man talks, then the video cuts to a garden.";
  const std::string still = "The background remains the same throughout.";
  Claim claim = claimAt(checkFaithfulness(cut, Stage::Visual, facts), cut, "cuts to", ClaimKind::Cut);
  EXPECT_EQ(claim.value, "cut");
  EXPECT_EQ(claim.verdict, ClaimVerdict::Contradicted);
  claim = claimAt(checkFaithfulness(still, Stage::Visual, facts), still, "remains", ClaimKind::Cut);
  EXPECT_EQ(claim.value, "no cut");
  EXPECT_EQ(claim.verdict, ClaimVerdict::Supported);
  facts.visual->backgroundChanges = true;
  EXPECT_EQ(claimAt(checkFaithfulness(cut, Stage::Visual, facts), cut, "cuts", ClaimKind::Cut).verdict,
            ClaimVerdict::Supported);
  EXPECT_EQ(claimAt(checkFaithfulness(still, Stage::Visual, facts), still, "remains", ClaimKind::Cut).verdict,
            ClaimVerdict::Contradicted);
  // The scene detector, when the field is not answered.
  FaithfulnessFacts detector;
  detector.sceneChangeSeconds = std::vector<double>{4.2};
  EXPECT_EQ(claimAt(checkFaithfulness(cut, Stage::Visual, detector), cut, "cuts", ClaimKind::Cut).verdict,
            ClaimVerdict::Supported);
  detector.sceneChangeSeconds = std::vector<double>{};
  EXPECT_EQ(claimAt(checkFaithfulness(still, Stage::Visual, detector), still, "remains", ClaimKind::Cut).verdict,
            ClaimVerdict::Supported);
  // A generic "shifts to" / "transitions to" is a cut only with the scene as its subject.
  EXPECT_FALSE(hasClaimOf(checkFaithfulness("The focus shifts to a close-up of the pan.", Stage::Visual, facts),
                          ClaimKind::Cut));
  const std::string scene = "Later the scene shifts to a garden.";
  EXPECT_TRUE(hasClaimOf(checkFaithfulness(scene, Stage::Visual, facts), ClaimKind::Cut));
  // "does not change" is a no-cut claim only about the scene.
  EXPECT_FALSE(hasClaimOf(checkFaithfulness("His mood does not change.", Stage::Visual, facts), ClaimKind::Cut));
}

TEST(Faithfulness, SpansAreSortedInsideTheCaptionAndCountsAddUp) {
  FaithfulnessFacts facts = visualFacts();
  facts.audio = audioFacts().audio;
  const std::string caption =
      "In a kitchen, a woman in a red apron stirs a pot while cheerful music plays and two speakers chat in English; "
      "the text \"MORNING WALK\" appears and the scene cuts to a street.";
  const auto claims = checkFaithfulness(caption, Stage::Joint, facts);
  ASSERT_GE(claims.size(), 8u);
  for (std::size_t i = 0; i < claims.size(); ++i) {
    EXPECT_LE(claims[i].span.end, caption.size());
    EXPECT_LT(claims[i].span.begin, claims[i].span.end);
    if (i > 0) {
      EXPECT_LE(claims[i - 1].span.begin, claims[i].span.begin);
    }
  }
  const ClaimCounts counts = countClaims(claims);
  EXPECT_EQ(counts.total(), static_cast<int>(claims.size()));
  EXPECT_GT(counts.supported, 0);
  EXPECT_GT(counts.contradicted, 0);  // the cut
  EXPECT_TRUE(checkFaithfulness("", Stage::Joint, facts).empty());
  // Bytes that are not UTF-8 do not break it.
  EXPECT_NO_FATAL_FAILURE(checkFaithfulness(std::string("\xFF\xFE \"\xC3", 5), Stage::Joint, facts));
}

TEST(Faithfulness, NamesAreStable) {
  EXPECT_STREQ(claimKindName(ClaimKind::QuotedSpeech), "quoted_speech");
  EXPECT_STREQ(claimKindName(ClaimKind::OnScreenText), "on_screen_text");
  EXPECT_STREQ(claimKindName(ClaimKind::SpeakerCount), "speaker_count");
  EXPECT_STREQ(claimVerdictName(ClaimVerdict::Unsupported), "unsupported");
}

// The release's own captions against its own fields: what the checker finds, and that the
// figures of docs/workflow.md stay true in shape (the exact figures come from
// `ugccap faithfulness report`).
TEST(FaithfulnessRelease, ReleasedCaptionsAgainstReleasedFields) {
  const auto dir = test::releaseDevDir();
  if (dir.empty() || !std::filesystem::exists(dir / "ocr.jsonl")) GTEST_SKIP() << "no release-dev";
  std::map<QaType, std::string> texts;
  for (QaType type : kAllQaTypes) texts[type] = test::readFile(dir / std::string(releaseFileName(type)));
  const auto dataset = parseReleaseDataset(texts);
  ASSERT_TRUE(dataset.has_value()) << dataset.error().describe();
  std::map<ClaimKind, ClaimCounts> perKind;
  for (const ReleaseVideo& video : dataset->videos) {
    FaithfulnessFacts visual;
    visual.visual = video.visual;
    for (const Claim& claim : checkFaithfulness(video.visualCaption, Stage::Visual, visual)) {
      ClaimCounts& counts = perKind[claim.kind];
      (claim.verdict == ClaimVerdict::Supported      ? counts.supported
       : claim.verdict == ClaimVerdict::Contradicted ? counts.contradicted
                                                     : counts.unsupported)++;
    }
  }
  const ClaimCounts text = perKind[ClaimKind::OnScreenText];
  std::printf("release-dev visual captions, on-screen text: %d supported, %d contradicted, %d unsupported\n",
              text.supported, text.contradicted, text.unsupported);
  // Most quoted on-screen text is read from the OCR list; some is misquoted.
  EXPECT_GT(text.supported, 2 * text.contradicted);
  EXPECT_GT(text.contradicted, 0);
  EXPECT_GT(perKind[ClaimKind::Object].supported, 1000);
}

}  // namespace
}  // namespace ugc::annotation
