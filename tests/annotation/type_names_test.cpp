#include <gtest/gtest.h>

#include "annotation/caption.h"
#include "annotation/qa.h"
#include "annotation/workflow.h"

namespace ugc::annotation {

// The store writes these names; a rename would orphan stored rows, so pin them.
TEST(TypeNames, StableNamesRoundTrip) {
  for (auto v : kAllRevisionOrigins) EXPECT_EQ(parseRevisionOrigin(revisionOriginName(v)), v);
  for (auto v : kAllTaskStates) EXPECT_EQ(parseTaskState(taskStateName(v)), v);
  for (auto v : kAllWorkflowActions) EXPECT_EQ(parseWorkflowAction(workflowActionName(v)), v);
  for (auto v : kAllRoles) EXPECT_EQ(parseRole(roleName(v)), v);
  for (auto v : kAllQaTypes) EXPECT_EQ(parseQaType(qaTypeName(v)), v);
  for (auto v : {QaOrigin::Template, QaOrigin::HumanAdded, QaOrigin::HumanEdited, QaOrigin::Imported})
    EXPECT_EQ(parseQaOrigin(qaOriginName(v)), v);
  for (auto v : {QaStatus::Pending, QaStatus::Approved, QaStatus::Rejected})
    EXPECT_EQ(parseQaStatus(qaStatusName(v)), v);
  EXPECT_EQ(taskStateName(TaskState::InProgress), "in_progress");
  EXPECT_EQ(revisionOriginName(RevisionOrigin::ImportedRelease), "imported_release");
  EXPECT_EQ(qaTypeName(QaType::BackgroundMusic), "background_music");
  EXPECT_FALSE(parseTaskState("InProgress"));
  EXPECT_FALSE(parseRole(""));
}

TEST(TypeNames, ModelDraftSource) {
  EXPECT_EQ(modelDraftSource("ugc-captioner-3b", "ab12"), "model:ugc-captioner-3b@ab12");
  EXPECT_TRUE(isDraftOrigin(RevisionOrigin::ModelDraft));
  EXPECT_TRUE(isDraftOrigin(RevisionOrigin::ImportedDraft));
  EXPECT_FALSE(isDraftOrigin(RevisionOrigin::HumanEdit));
  EXPECT_FALSE(isDraftOrigin(RevisionOrigin::ImportedRelease));
}

}  // namespace ugc::annotation
