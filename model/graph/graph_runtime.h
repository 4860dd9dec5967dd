#pragma once
// Runs a loaded graph::Graph on LibTorch (CPU, torch::InferenceMode). Plain-typed: tensors in and
// out are graph::Tensor; torch stays in graph_runtime.cpp. The operator set is exactly what the
// pretrained models use (docs/extractors.md, "Graph runtime operators"); any other operator, or an
// attribute value we do not implement, is a load-time error naming it.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/graph/graph_types.h"

namespace ugc::model::graph {

class GraphRuntime {
 public:
  // Checks every node (operator supported, attributes implemented, inputs defined before use)
  // and converts the constants to torch tensors once.
  static Result<GraphRuntime> create(Graph graph);

  GraphRuntime(GraphRuntime&&) noexcept;
  GraphRuntime& operator=(GraphRuntime&&) noexcept;
  ~GraphRuntime();

  // Inputs by graph input name; returns the graph outputs in order. Shape errors (a frame too small
  // for the network, a wrong channel count) are InvalidArgument values, never a crash.
  Result<std::vector<Tensor>> run(const std::map<std::string, Tensor>& inputs) const;

  // The same with float32 input data owned by the caller (no copy into a graph::Tensor).
  Result<std::vector<Tensor>> runFloat(const std::string& inputName, const float* data,
                                       const std::vector<int64_t>& shape) const;

  const Graph& graph() const;

  static std::vector<std::string> supportedOperators();

 private:
  struct Impl;
  explicit GraphRuntime(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::model::graph
