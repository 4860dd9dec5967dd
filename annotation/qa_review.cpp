#include "annotation/qa_review.h"

#include <algorithm>

#include "annotation/workflow_rules.h"

namespace ugc::annotation {
namespace {

bool equalsIgnoringCase(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

bool isBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

Status checkContent(QaType type, const QaEdit& edit) {
  if (type == QaType::Ocr) {
    if (edit.answerLines.empty())
      return makeError(ErrorCode::InvalidArgument, "an OCR pair needs at least one text line");
    return {};
  }
  if (isBlank(edit.answer)) return makeError(ErrorCode::InvalidArgument, "the answer is empty");
  if (!answerMatchesOptions(edit.answer, edit.options))
    return makeError(ErrorCode::InvalidArgument, "the answer '" + edit.answer + "' is not one of the options");
  return {};
}

}  // namespace

bool answerMatchesOptions(const std::string& answer, const std::vector<std::string>& options) {
  if (options.empty()) return true;
  return std::any_of(options.begin(), options.end(),
                     [&](const std::string& option) { return equalsIgnoringCase(answer, option); });
}

Result<QaPair> approveQaPair(const QaPair& pair, const User& user) {
  if (auto allowed = requirePermission(user, Permission::EditQa); !allowed) return tl::unexpected(allowed.error());
  if (!pair.editedBy.empty() && pair.editedBy == user.name)
    return makeError(ErrorCode::PermissionDenied, "user '" + user.name + "' may not approve a QA pair they edited");
  if (pair.type != QaType::Ocr && !answerMatchesOptions(pair.answer, pair.options))
    return makeError(ErrorCode::InvalidArgument, "the answer '" + pair.answer + "' is not one of the options");
  QaPair approved = pair;
  approved.status = QaStatus::Approved;
  approved.reviewer = user.name;
  approved.reason.clear();
  return approved;
}

Result<QaPair> rejectQaPair(const QaPair& pair, const User& user, const std::string& reason) {
  if (auto allowed = requirePermission(user, Permission::EditQa); !allowed) return tl::unexpected(allowed.error());
  if (isBlank(reason)) return makeError(ErrorCode::InvalidArgument, "reject needs a reason");
  QaPair rejected = pair;
  rejected.status = QaStatus::Rejected;
  rejected.reviewer = user.name;
  rejected.reason = reason;
  return rejected;
}

Result<QaPair> editQaPair(const QaPair& pair, const User& user, const QaEdit& edit, const std::string& note) {
  if (auto allowed = requirePermission(user, Permission::EditQa); !allowed) return tl::unexpected(allowed.error());
  if (auto valid = checkContent(pair.type, edit); !valid) return tl::unexpected(valid.error());
  QaPair edited = pair;
  edited.question = edit.question;
  edited.options = edit.options;
  edited.answer = edit.answer;
  edited.answerLines = edit.answerLines;
  if (edited.origin != QaOrigin::HumanAdded) edited.origin = QaOrigin::HumanEdited;
  edited.status = QaStatus::Pending;
  edited.editedBy = user.name;
  edited.reviewer.clear();
  edited.reason = note;
  return edited;
}

Result<QaPair> addQaPair(const std::string& videoId, QaType type, const User& user, const QaEdit& content) {
  if (auto allowed = requirePermission(user, Permission::EditQa); !allowed) return tl::unexpected(allowed.error());
  if (videoId.empty()) return makeError(ErrorCode::InvalidArgument, "empty video id");
  if (type != QaType::Ocr && isBlank(content.question))
    return makeError(ErrorCode::InvalidArgument, "the question is empty");
  if (auto valid = checkContent(type, content); !valid) return tl::unexpected(valid.error());
  QaPair pair;
  pair.videoId = videoId;
  pair.type = type;
  pair.question = content.question;
  pair.options = content.options;
  pair.answer = content.answer;
  pair.answerLines = content.answerLines;
  pair.origin = QaOrigin::HumanAdded;
  pair.status = QaStatus::Pending;
  pair.editedBy = user.name;
  return pair;
}

}  // namespace ugc::annotation
