#pragma once
// A model graph in plain types, as the ONNX and TF.js loaders read it: tensors by name (ONNX
// initializers and Constant-node values alike) and the nodes in topological order.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace ugc::model::graph {

enum class TensorType { Float32, Int64 };

// A constant tensor. Float types (float16, double) become Float32; integer and bool types Int64.
struct Tensor {
  TensorType type = TensorType::Float32;
  std::vector<int64_t> shape;  // empty: a scalar
  std::vector<float> floats;   // when Float32
  std::vector<int64_t> ints;   // when Int64

  int64_t elementCount() const;
};

struct Graph;
// A GRAPH attribute (the branches of If, the body of Loop) is a shared subgraph.
using Attribute = std::variant<int64_t, float, std::string, std::vector<int64_t>, std::vector<float>, Tensor,
                               std::shared_ptr<const Graph>>;

struct Node {
  std::string op;                   // "Conv", "Relu", ...
  std::string name;                 // may be empty
  std::vector<std::string> inputs;  // "" marks an omitted optional input
  std::vector<std::string> outputs;
  std::map<std::string, Attribute> attributes;

  // Typed attribute getters with a default when absent (or of another type).
  int64_t intAttr(const std::string& key, int64_t fallback) const;
  float floatAttr(const std::string& key, float fallback) const;
  std::string stringAttr(const std::string& key, const std::string& fallback) const;
  std::vector<int64_t> intsAttr(const std::string& key) const;
};

struct ValueInfo {
  std::string name;
  std::vector<int64_t> shape;  // -1 for a symbolic dimension
};

struct Graph {
  std::string producer;  // e.g. "paddle2onnx 1.0"
  int64_t opsetVersion = 0;
  std::vector<ValueInfo> inputs;  // graph inputs that are not constants
  std::vector<ValueInfo> outputs;
  std::vector<Node> nodes;                  // Constant nodes removed: their values are in constants
  std::map<std::string, Tensor> constants;  // initializers and Constant-node outputs by name
};

}  // namespace ugc::model::graph
