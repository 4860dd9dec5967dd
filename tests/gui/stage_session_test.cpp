#include <gtest/gtest.h>

#include "gui/session/stage_session.h"
#include "pipeline/draft_service.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

using annotation::Role;
using annotation::Stage;
using annotation::TaskState;
using annotation::WorkflowAction;

const char* kAudioCaption =
    "A calm male voice explains in English how to boil pasta, speaking in a neutral and friendly tone while a "
    "gentle kitchen hum stays in the background; no music plays, and the narration ends with a short reminder "
    "to serve the dish warm.";

StageEdit goodAudioEdit() {
  StageEdit edit;
  edit.audio.speakerCount = 1;
  edit.audio.tone = "Neutral";
  edit.audio.backgroundMusic = "No";
  edit.audio.language = "English";
  edit.audio.voiceSource = "Narration";
  edit.audio.speakerGenders = {"male"};
  edit.caption = kAudioCaption;
  edit.secondsSpent = 42;
  return edit;
}

class StageSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = db::Project::create(dir_ / "p.ugcproj");
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    ASSERT_TRUE(project_->addUser({"ann", Role::Annotator}));
    ASSERT_TRUE(project_->addUser({"rev", Role::Reviewer}));
    db::NewVideo video;
    video.id = "v1";
    video.annotationOnly = true;
    video.origin = "test";
    ASSERT_TRUE(project_->addVideo(video));
  }

  test::TempDir dir_;
  std::optional<db::Project> project_;
};

}  // namespace

TEST_F(StageSessionTest, SubmitRejectFixApproveLoop) {
  StageSession annotator(*project_, {"ann", Role::Annotator});
  StageSession reviewer(*project_, {"rev", Role::Reviewer});

  auto snapshot = annotator.load("v1", Stage::Audio);
  ASSERT_TRUE(snapshot) << snapshot.error().describe();
  EXPECT_EQ(snapshot->state, TaskState::NotStarted);

  // A caption that fails validation cannot be submitted, and nothing moves.
  StageEdit tooShort = goodAudioEdit();
  tooShort.caption = "A voice.";
  auto refused = annotator.submit(*snapshot, tooShort);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);

  snapshot = annotator.load("v1", Stage::Audio);
  auto submitted = annotator.submit(*snapshot, goodAudioEdit());
  ASSERT_TRUE(submitted) << submitted.error().describe();
  EXPECT_EQ(submitted->state, TaskState::Submitted);
  ASSERT_TRUE(submitted->head);
  EXPECT_EQ(submitted->head->caption, kAudioCaption);
  EXPECT_EQ(submitted->head->author, "ann");

  // The reviewer sees the submission; rejecting needs a reason, which the annotator then sees.
  auto toReview = reviewer.load("v1", Stage::Audio);
  ASSERT_TRUE(toReview);
  EXPECT_EQ(toReview->context.submittedBy, "ann");
  EXPECT_FALSE(reviewer.act(*toReview, WorkflowAction::Reject, ""));
  auto rejected = reviewer.act(*toReview, WorkflowAction::Reject, "Say what the voice says about serving.");
  ASSERT_TRUE(rejected) << rejected.error().describe();
  EXPECT_EQ(rejected->state, TaskState::Rejected);
  auto reviews = project_->reviews("v1", Stage::Audio);
  ASSERT_TRUE(reviews);
  ASSERT_EQ(reviews->size(), 1u);

  // Fix and resubmit; the reviewer approves.
  auto back = annotator.load("v1", Stage::Audio);
  StageEdit fixed = goodAudioEdit();
  fixed.caption += " The speaker closes by saying to serve it warm.";
  auto resubmitted = annotator.submit(*back, fixed);
  ASSERT_TRUE(resubmitted) << resubmitted.error().describe();
  EXPECT_EQ(resubmitted->state, TaskState::Submitted);
  auto approved = reviewer.act(*reviewer.load("v1", Stage::Audio), WorkflowAction::Approve);
  ASSERT_TRUE(approved) << approved.error().describe();
  EXPECT_EQ(approved->state, TaskState::Approved);
  auto status = project_->stageStatus("v1", Stage::Audio);
  ASSERT_TRUE(status && status->approvedRevisionId);
  EXPECT_EQ(*status->approvedRevisionId, approved->head->id);
}

TEST_F(StageSessionTest, AnnotatorCannotReviewAndReviewerCannotJudgeOwnWork) {
  StageSession annotator(*project_, {"ann", Role::Annotator});
  auto submitted = annotator.submit(*annotator.load("v1", Stage::Audio), goodAudioEdit());
  ASSERT_TRUE(submitted);
  auto approve = annotator.act(*submitted, WorkflowAction::Approve);
  ASSERT_FALSE(approve);
  EXPECT_EQ(approve.error().code, ErrorCode::PermissionDenied);
  EXPECT_TRUE(std::find(submitted->actions.begin(), submitted->actions.end(), WorkflowAction::Approve) ==
              submitted->actions.end());
}

TEST_F(StageSessionTest, StaleSaveIsAConflictAndLosesNothing) {
  StageSession first(*project_, {"ann", Role::Annotator});
  ASSERT_TRUE(project_->addUser({"bob", Role::Annotator}));
  StageSession second(*project_, {"bob", Role::Annotator});
  auto base = first.save(*first.load("v1", Stage::Audio), goodAudioEdit());
  ASSERT_TRUE(base) << base.error().describe();
  const auto stale = *second.load("v1", Stage::Audio);
  StageEdit mine = goodAudioEdit();
  mine.caption += " First edit.";
  ASSERT_TRUE(first.save(*first.load("v1", Stage::Audio), mine));
  StageEdit theirs = goodAudioEdit();
  theirs.caption += " Second edit.";
  auto conflict = second.save(stale, theirs);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::Conflict);
  auto head = project_->headRevision("v1", Stage::Audio);
  ASSERT_TRUE(head && *head);
  EXPECT_NE((*head)->caption.find("First edit."), std::string::npos);
}

TEST_F(StageSessionTest, JointStageLockedUntilBothUnimodalStagesApproved) {
  StageSession annotator(*project_, {"ann", Role::Annotator});
  auto joint = annotator.load("v1", Stage::Joint);
  ASSERT_TRUE(joint);
  EXPECT_TRUE(joint->jointLocked);
  StageEdit edit;
  edit.caption = kAudioCaption;
  EXPECT_FALSE(annotator.save(*joint, edit));
}

}  // namespace ugc::gui

namespace ugc::gui {

// One rule for "the joint stage would fuse drafts", asked by the studio and the draft service
// alike (pipeline::jointInputsAreDrafts): the studio used to count a stage with no revision as
// drafts while the service did not.
TEST_F(StageSessionTest, JointInputsAreDraftsUntilBothStagesHaveAPersonsCaption) {
  StageSession annotator(*project_, {"ann", Role::Annotator});
  auto drafts = annotator.jointInputsAreDrafts("v1");
  ASSERT_TRUE(drafts) << drafts.error().describe();
  EXPECT_TRUE(*drafts) << "no caption at all is not a person's caption";

  auto audio = annotator.load("v1", Stage::Audio);
  ASSERT_TRUE(audio);
  ASSERT_TRUE(annotator.save(*audio, goodAudioEdit()));
  EXPECT_TRUE(*annotator.jointInputsAreDrafts("v1")) << "the visual stage has no caption yet";

  db::NewDraft draft;
  draft.videoId = "v1";
  draft.stage = Stage::Visual;
  draft.caption = "A machine's description of the picture.";
  draft.author = "drafter";
  draft.source = "model:test@0";
  ASSERT_TRUE(project_->saveDraft(draft));
  EXPECT_TRUE(*annotator.jointInputsAreDrafts("v1")) << "the visual caption is a machine draft";

  auto visual = annotator.load("v1", Stage::Visual);
  ASSERT_TRUE(visual);
  StageEdit edit;
  edit.caption = "A person's description of the picture.";
  ASSERT_TRUE(annotator.save(*visual, edit));
  EXPECT_FALSE(*annotator.jointInputsAreDrafts("v1"));
  // The pipeline's own answer is the same function.
  EXPECT_FALSE(*pipeline::jointInputsAreDrafts(*project_, "v1"));
}

TEST_F(StageSessionTest, DraftingPermissionHasOneSource) {
  EXPECT_TRUE(StageSession(*project_, {"ann", Role::Annotator}).mayDraft());
  EXPECT_FALSE(StageSession(*project_, {"rev", Role::Reviewer}).mayDraft());
  EXPECT_EQ(StageSession(*project_, {"adm", Role::Admin}).mayDraft(),
            annotation::hasPermission(Role::Admin, annotation::Permission::AttachDraft));
}

TEST_F(StageSessionTest, AnnotationOnlyVideosHaveNoMediaAndNoSignals) {
  StageSession annotator(*project_, {"ann", Role::Annotator});
  auto media = annotator.mediaPath("v1");
  ASSERT_TRUE(media);
  EXPECT_TRUE(media->empty());
  auto signals = annotator.cachedSignals("v1");
  ASSERT_TRUE(signals);
  EXPECT_FALSE(signals->has_value());
}

}  // namespace ugc::gui
