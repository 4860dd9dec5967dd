#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/progress.h"

namespace ugc {

TEST(CancelToken, CopiesShareTheFlag) {
  CancelToken token;
  CancelToken copy = token;
  EXPECT_FALSE(copy.isCancelled());
  token.cancel();
  EXPECT_TRUE(copy.isCancelled());
}

TEST(CancelToken, CancelFromAnotherThreadIsSeen) {
  CancelToken token;
  std::thread canceller([copy = token] { copy.cancel(); });
  canceller.join();
  EXPECT_TRUE(token.isCancelled());
}

TEST(Progress, ReportCallsSinkAndToleratesEmptySink) {
  std::vector<double> seen;
  ProgressSink sink = [&](const Progress& p) { seen.push_back(p.fraction()); };
  report(sink, "step", 1, 4);
  report(sink, "step", 0, 0);
  report(ProgressSink{}, "ignored", 1, 2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_DOUBLE_EQ(seen[0], 0.25);
  EXPECT_DOUBLE_EQ(seen[1], 0.0);
}

}  // namespace ugc
