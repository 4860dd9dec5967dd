#pragma once
// Errors as values: every library call that can fail returns ugc::Result<T>.
// Cancellation is its own code so callers can tell "stopped on request" from "failed".

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace ugc {

enum class ErrorCode {
  InvalidArgument,  // the caller passed something unusable
  InvalidInput,     // a file or record is malformed
  NotFound,
  Io,
  Unsupported,      // valid input we cannot handle (codec, format version, ...)
  Conflict,         // optimistic concurrency: someone saved first
  Busy,             // a shared resource (the project file) is locked by another writer: try again later
  PermissionDenied, // the user's role forbids the action
  Cancelled,        // the cancel token fired; not a failure
  Internal,
};

const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;

  bool isCancelled() const { return code == ErrorCode::Cancelled; }
  // "<code>: <message>", one line, for logs and the CLI.
  std::string describe() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> makeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

inline tl::unexpected<Error> cancelledError() {
  return makeError(ErrorCode::Cancelled, "cancelled");
}

}  // namespace ugc
