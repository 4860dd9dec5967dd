#pragma once
// For the torch .cpp files: runs a body that may throw (c10::Error, std::exception) and turns
// the exception into an error value, so no exception leaves the library. The message keeps
// only its first line (torch appends a C++ backtrace).

#include <exception>
#include <string>

#include "core/error.h"

namespace ugc::model {

template <typename Fn>
auto guarded(const char* what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    std::string message = e.what();
    if (auto cut = message.find('\n'); cut != std::string::npos) message.resize(cut);
    return makeError(ErrorCode::Internal, std::string(what) + ": " + message);
  }
}

}  // namespace ugc::model
