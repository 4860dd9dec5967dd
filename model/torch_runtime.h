#pragma once
// Facts about the LibTorch runtime, and the one place its thread count is set.

#include <string>

namespace ugc::model {

struct TorchRuntimeInfo {
  std::string version;     // e.g. "1.13.1"
  int intraOpThreads = 0;
  std::string blas;        // the BLAS backend torch was built against
};

// Sets torch's intra-op thread count (0: one per core) and returns the runtime facts.
TorchRuntimeInfo configureTorchRuntime(int threads = 0);

}  // namespace ugc::model
