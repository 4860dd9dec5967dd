#include <gtest/gtest.h>

#include "annotation/qa_templates.h"
#include "core/subprocess.h"
#include "db/project.h"
#include "support/test_support.h"

namespace ugc::cli {
namespace {

using annotation::QaType;

ProcessOutput ugccap(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {UGC_CLI_PATH, "--quiet"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto out = runProcess(argv);
  EXPECT_TRUE(out) << out.error().describe();
  return out ? *out : ProcessOutput{};
}

const annotation::QaPair* find(const std::vector<db::StoredQaPair>& pairs, QaType type) {
  for (const auto& stored : pairs) {
    if (stored.pair.type == type) return &stored.pair;
  }
  return nullptr;
}

}  // namespace

TEST(QaGenerate, FollowsTheFieldsAndNeverOverwritesHumanEdits) {
  test::TempDir dir;
  const auto path = dir / "p.ugcproj";
  {
    auto project = db::Project::create(path);
    ASSERT_TRUE(project);
    ASSERT_TRUE(project->addUser({"ann", annotation::Role::Annotator}));
    ASSERT_TRUE(project->addUser({"rev", annotation::Role::Reviewer}));
    db::NewVideo video;
    video.id = "v1";
    video.annotationOnly = true;
    video.origin = "test";
    ASSERT_TRUE(project->addVideo(video));
    db::SaveRevisionRequest audio;
    audio.videoId = "v1";
    audio.stage = annotation::Stage::Audio;
    audio.audio = annotation::AudioFields{1, "Positive", "No", "English", "", "Narration", {"female"}};
    audio.caption = "A cheerful voice.";
    audio.author = "ann";
    ASSERT_TRUE(project->saveRevision(audio));
  }

  auto first = ugccap({"qa", "generate", "-p", path.string()});
  EXPECT_EQ(first.exitCode, 0) << first.standardError;
  EXPECT_NE(first.standardOutput.find("1 videos: 3 added"), std::string::npos) << first.standardOutput;
  auto project = db::Project::open(path);
  ASSERT_TRUE(project);
  auto pairs = project->qaPairs("v1");
  ASSERT_TRUE(pairs);
  ASSERT_NE(find(*pairs, QaType::Tone), nullptr);
  EXPECT_EQ(find(*pairs, QaType::Tone)->answer, "Positive");
  EXPECT_EQ(find(*pairs, QaType::Tone)->question, annotation::kToneQuestion);
  ASSERT_NE(find(*pairs, QaType::VoiceSource), nullptr);
  EXPECT_EQ(find(*pairs, QaType::BackgroundMusic)->answer, "No");
  EXPECT_EQ(find(*pairs, QaType::Ocr), nullptr) << "no on-screen text, no OCR pair";

  // A reviewer edits the tone pair by hand; then the fields change.
  for (const auto& stored : *pairs) {
    if (stored.pair.type != QaType::Tone) continue;
    annotation::QaPair edited = stored.pair;
    edited.answer = "Neutral";
    edited.origin = annotation::QaOrigin::HumanEdited;
    edited.editedBy = "rev";
    ASSERT_TRUE(project->updateQaPair(edited, stored.version, "rev"));
  }
  auto head = project->headRevision("v1", annotation::Stage::Audio);
  ASSERT_TRUE(head && *head);
  db::SaveRevisionRequest change;
  change.videoId = "v1";
  change.stage = annotation::Stage::Audio;
  change.baseRevisionId = (*head)->id;
  change.audio = annotation::AudioFields{0, "Negative", "Yes", "", "Sad", "", {}};
  change.caption = "Sad music, no voice.";
  change.author = "ann";
  ASSERT_TRUE(project->saveRevision(change));

  auto dry = ugccap({"qa", "generate", "-p", path.string(), "--dry-run"});
  EXPECT_NE(dry.standardOutput.find("dry run"), std::string::npos);
  auto second = ugccap({"qa", "generate", "-p", path.string(), "--video", "v1"});
  EXPECT_EQ(second.exitCode, 0) << second.standardError;
  EXPECT_NE(second.standardOutput.find("1 updated 1 removed"), std::string::npos) << second.standardOutput;
  pairs = project->qaPairs("v1");
  ASSERT_TRUE(pairs);
  EXPECT_EQ(find(*pairs, QaType::Tone)->answer, "Neutral") << "the human edit stays";
  EXPECT_EQ(find(*pairs, QaType::BackgroundMusic)->answer, "Yes");
  EXPECT_EQ(find(*pairs, QaType::VoiceSource)->status, annotation::QaStatus::Rejected) << "no voice any more";

  auto missing = ugccap({"qa", "generate", "-p", path.string(), "--video", "nope"});
  EXPECT_EQ(missing.exitCode, 2);

  // stats reports progress toward the benchmark's targets.
  auto stats = ugccap({"stats", "-p", path.string(), "--json"});
  EXPECT_EQ(stats.exitCode, 0);
  EXPECT_NE(stats.standardOutput.find("\"progress\":{\"videos_complete\":0,\"captions_approved\":0,"
                                      "\"captions_target\":3000,\"qa_approved\":0,\"qa_target\":4000"),
            std::string::npos)
      << stats.standardOutput;
  auto table = ugccap({"stats", "-p", path.string()});
  EXPECT_NE(table.standardOutput.find("of 4000"), std::string::npos) << table.standardOutput;
}

}  // namespace ugc::cli
