#pragma once
// What reviewers do to QA pairs, as pure functions returning the updated pair.
// Needs Permission::EditQa (reviewers and admins). Nobody approves a pair they added or edited
// themselves (QaPair::editedBy), mirroring the caption rule.

#include <string>
#include <vector>

#include "annotation/qa.h"
#include "annotation/workflow.h"
#include "core/error.h"

namespace ugc::annotation {

// New content for a pair; the type stays.
struct QaEdit {
  std::string question;
  std::vector<std::string> options;
  std::string answer;
  std::vector<std::string> answerLines;  // Ocr
};

// Status Approved, reviewer = user. PermissionDenied for annotators and for the pair's own
// editor; InvalidArgument when a multiple-choice answer is not one of its options
// (case-insensitively: the release keeps "neutral").
Result<QaPair> approveQaPair(const QaPair& pair, const User& user);
// Status Rejected with the reason (required), reviewer = user.
Result<QaPair> rejectQaPair(const QaPair& pair, const User& user, const std::string& reason);
// New content; Template/Imported pairs become HumanEdited (HumanAdded stay HumanAdded);
// status back to Pending, editedBy = user. InvalidArgument for an empty answer or, for
// multiple-choice pairs, an answer outside the options.
Result<QaPair> editQaPair(const QaPair& pair, const User& user, const QaEdit& edit, const std::string& note = {});
// A new HumanAdded pair (status Pending, editedBy = user).
Result<QaPair> addQaPair(const std::string& videoId, QaType type, const User& user, const QaEdit& content);

// True when `answer` equals one of `options` ignoring ASCII case (or there are no options).
bool answerMatchesOptions(const std::string& answer, const std::vector<std::string>& options);

}  // namespace ugc::annotation
