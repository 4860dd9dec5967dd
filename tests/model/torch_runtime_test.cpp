#include <gtest/gtest.h>

#include "model/torch_runtime.h"

namespace ugc::model {

TEST(TorchRuntime, ReportsVersionAndAppliesThreadCount) {
  auto info = configureTorchRuntime(1);
  EXPECT_EQ(info.version.rfind("1.13", 0), 0u) << info.version;
  EXPECT_EQ(info.intraOpThreads, 1);
  info = configureTorchRuntime(2);
  EXPECT_EQ(info.intraOpThreads, 2);
}

}  // namespace ugc::model
