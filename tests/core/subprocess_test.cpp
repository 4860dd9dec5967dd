#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/subprocess.h"
#include "support/timing.h"

namespace ugc {

TEST(Subprocess, CapturesOutputAndExitCode) {
  auto result = runProcess({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->exitCode, 3);
  EXPECT_EQ(result->standardOutput, "out\n");
  EXPECT_EQ(result->standardError, "err\n");
}

TEST(Subprocess, MissingProgramIsNotFound) {
  auto result = runProcess({"ugccap-no-such-program"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::NotFound);
}

TEST(Subprocess, CancelKillsTheChildPromptly) {
  ProcessOptions options;
  std::thread canceller([token = options.cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    token.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  auto result = runProcess({"sleep", "10"}, options);
  canceller.join();
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().isCancelled());
  const double tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  UGC_EXPECT_TIMELY(tookMs, 2000);
}

TEST(Subprocess, TimeoutIsAnError) {
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(100);
  auto result = runProcess({"sleep", "10"}, options);
  ASSERT_FALSE(result);
  EXPECT_FALSE(result.error().isCancelled());
}

TEST(Subprocess, LargeOutputDoesNotDeadlock) {
  auto result = runProcess({"sh", "-c", "head -c 3000000 /dev/zero; head -c 300000 /dev/zero >&2"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->standardOutput.size(), 3000000u);
  EXPECT_EQ(result->standardError.size(), 300000u);
}

}  // namespace ugc
