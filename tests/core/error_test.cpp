#include <gtest/gtest.h>

#include "core/error.h"

namespace ugc {

TEST(Error, DescribeNamesCodeAndMessage) {
  Error error{ErrorCode::InvalidInput, "line 3: expected an object"};
  EXPECT_EQ(error.describe(), "invalid input: line 3: expected an object");
  EXPECT_FALSE(error.isCancelled());
}

TEST(Error, CancelledIsDistinctFromFailure) {
  Result<int> cancelled = cancelledError();
  ASSERT_FALSE(cancelled);
  EXPECT_TRUE(cancelled.error().isCancelled());
  Result<int> failed = makeError(ErrorCode::Io, "disk full");
  EXPECT_FALSE(failed.error().isCancelled());
}

TEST(Error, EveryCodeHasAName) {
  for (auto code : {ErrorCode::InvalidArgument, ErrorCode::InvalidInput, ErrorCode::NotFound, ErrorCode::Io,
                    ErrorCode::Unsupported, ErrorCode::Conflict, ErrorCode::PermissionDenied, ErrorCode::Cancelled,
                    ErrorCode::Internal}) {
    EXPECT_STRNE(errorCodeName(code), "unknown error");
  }
}

}  // namespace ugc
