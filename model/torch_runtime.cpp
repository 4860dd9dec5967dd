#include "model/torch_runtime.h"

#include <thread>

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/version.h>

namespace ugc::model {

TorchRuntimeInfo configureTorchRuntime(int threads) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  TorchRuntimeInfo info;
  info.version = TORCH_VERSION;
  info.intraOpThreads = at::get_num_threads();
  std::string config = at::show_config();
  auto pos = config.find("BLAS_INFO=");
  if (pos != std::string::npos) {
    auto end = config.find_first_of(",\n", pos);
    info.blas = config.substr(pos + 10, end - pos - 10);
  }
  return info;
}

}  // namespace ugc::model
