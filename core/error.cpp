#include "core/error.h"

namespace ugc {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::InvalidInput: return "invalid input";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::PermissionDenied: return "permission denied";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal error";
  }
  return "unknown error";
}

std::string Error::describe() const {
  if (message.empty()) return errorCodeName(code);
  return std::string(errorCodeName(code)) + ": " + message;
}

}  // namespace ugc
