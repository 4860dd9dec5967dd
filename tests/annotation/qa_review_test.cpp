#include <gtest/gtest.h>

#include "annotation/qa_review.h"
#include "annotation/qa_templates.h"

namespace ugc::annotation {
namespace {

const User kAnna{"anna", Role::Annotator};
const User kRita{"rita", Role::Reviewer};
const User kRoy{"roy", Role::Reviewer};
const User kAdam{"adam", Role::Admin};

QaPair tonePair(const std::string& answer = "neutral") {
  AudioFields audio;
  audio.tone = answer;
  return generateTemplateQa("v1", audio, {})[0];
}

}  // namespace

TEST(QaReview, ApproveAndRejectRecordTheReviewer) {
  auto approved = approveQaPair(tonePair(), kRita);
  ASSERT_TRUE(approved) << approved.error().describe();
  EXPECT_EQ(approved->status, QaStatus::Approved);
  EXPECT_EQ(approved->reviewer, "rita");
  auto rejected = rejectQaPair(tonePair(), kAdam, "the speakers sound angry");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, QaStatus::Rejected);
  EXPECT_EQ(rejected->reason, "the speakers sound angry");
  EXPECT_EQ(rejectQaPair(tonePair(), kRita, " ").error().code, ErrorCode::InvalidArgument);
}

TEST(QaReview, AnnotatorsMayNotTouchQaPairs) {
  EXPECT_EQ(approveQaPair(tonePair(), kAnna).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(rejectQaPair(tonePair(), kAnna, "x").error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(editQaPair(tonePair(), kAnna, QaEdit{"q", {}, "a", {}}).error().code, ErrorCode::PermissionDenied);
  EXPECT_EQ(addQaPair("v1", QaType::Objects, kAnna, QaEdit{"q", {}, "a", {}}).error().code,
            ErrorCode::PermissionDenied);
}

TEST(QaReview, EditingMakesAHumanPairThatItsEditorCannotApprove) {
  QaPair pair = tonePair();
  QaEdit edit{pair.question, pair.options, "Negative", {}};
  auto edited = editQaPair(pair, kRita, edit, "sarcastic");
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->origin, QaOrigin::HumanEdited);
  EXPECT_EQ(edited->answer, "Negative");
  EXPECT_EQ(edited->editedBy, "rita");
  EXPECT_EQ(edited->status, QaStatus::Pending);
  auto own = approveQaPair(*edited, kRita);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::PermissionDenied);
  EXPECT_TRUE(approveQaPair(*edited, kRoy));
  // A reviewer's second edit of an added pair keeps it HumanAdded.
  auto added = addQaPair("v1", QaType::BackgroundChange, kRoy, QaEdit{"Where does it end?", {}, "In a garden.", {}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->origin, QaOrigin::HumanAdded);
  auto reedited = editQaPair(*added, kRita, QaEdit{"Where does it end?", {}, "In a park.", {}});
  EXPECT_EQ(reedited->origin, QaOrigin::HumanAdded);
  EXPECT_EQ(reedited->editedBy, "rita");
}

TEST(QaReview, AnswersMustFitOptionsAndNotBeEmpty) {
  QaPair pair = tonePair();
  EXPECT_TRUE(answerMatchesOptions("neutral", pair.options));  // the release's lower case
  EXPECT_FALSE(answerMatchesOptions("Angry", pair.options));
  EXPECT_TRUE(answerMatchesOptions("anything", {}));
  EXPECT_EQ(editQaPair(pair, kRita, QaEdit{pair.question, pair.options, "Angry", {}}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(editQaPair(pair, kRita, QaEdit{pair.question, pair.options, "", {}}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(approveQaPair(tonePair("Angry"), kRita).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(addQaPair("", QaType::Tone, kRita, QaEdit{"q", {}, "a", {}}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(addQaPair("v1", QaType::Tone, kRita, QaEdit{"", {}, "a", {}}).error().code, ErrorCode::InvalidArgument);
  // OCR pairs carry lines, not an answer.
  EXPECT_FALSE(addQaPair("v1", QaType::Ocr, kRita, QaEdit{}));
  auto ocr = addQaPair("v1", QaType::Ocr, kRita, QaEdit{"", {}, "", {"SALE"}});
  ASSERT_TRUE(ocr);
  EXPECT_EQ(ocr->answerLines, std::vector<std::string>{"SALE"});
}

}  // namespace ugc::annotation
