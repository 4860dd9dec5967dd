// ONNX protobuf parsing (Debian's libonnx-dev definitions, libonnx_proto + libprotobuf, the same
// libprotobuf.so.32 torch loads). The only file that includes onnx headers.
#include "model/graph/onnx_loader.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include <onnx/onnx_pb.h>  // defines ONNX_API, then includes onnx-ml.pb.h (ONNX_ML=1)

namespace ugc::model::graph {

int64_t Tensor::elementCount() const {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

namespace {

template <typename T>
const T* attr(const std::map<std::string, Attribute>& attrs, const std::string& key) {
  auto it = attrs.find(key);
  return it == attrs.end() ? nullptr : std::get_if<T>(&it->second);
}

float halfToFloat(uint16_t h) {
  const uint32_t sign = (h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      bits = sign | (exp << 23) | ((mant & 0x3ffu) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

template <typename T>
std::vector<T> fromRaw(const std::string& raw) {
  std::vector<T> v(raw.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), raw.data(), v.size() * sizeof(T));
  return v;
}

Result<Tensor> readTensor(const onnx::TensorProto& t) {
  Tensor out;
  const std::string where = "ONNX tensor '" + t.name() + "'";
  for (auto d : t.dims()) {
    if (d < 0) return makeError(ErrorCode::InvalidInput, where + " has a negative dimension");
    out.shape.push_back(d);
  }
  if (t.data_location() == onnx::TensorProto::EXTERNAL)
    return makeError(ErrorCode::InvalidInput, where + " keeps its data in an external file (unsupported)");
  const bool raw = t.has_raw_data();
  const std::string& bytes = t.raw_data();
  switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
      out.type = TensorType::Float32;
      out.floats = raw ? fromRaw<float>(bytes) : std::vector<float>(t.float_data().begin(), t.float_data().end());
      break;
    case onnx::TensorProto::DOUBLE: {
      out.type = TensorType::Float32;
      auto d = raw ? fromRaw<double>(bytes) : std::vector<double>(t.double_data().begin(), t.double_data().end());
      out.floats.assign(d.begin(), d.end());
      break;
    }
    case onnx::TensorProto::FLOAT16: {
      out.type = TensorType::Float32;
      std::vector<uint16_t> h;
      if (raw) {
        h = fromRaw<uint16_t>(bytes);
      } else {
        for (auto v : t.int32_data()) h.push_back(static_cast<uint16_t>(v));
      }
      for (auto v : h) out.floats.push_back(halfToFloat(v));
      break;
    }
    case onnx::TensorProto::INT64:
      out.type = TensorType::Int64;
      out.ints = raw ? fromRaw<int64_t>(bytes) : std::vector<int64_t>(t.int64_data().begin(), t.int64_data().end());
      break;
    case onnx::TensorProto::INT32: {
      out.type = TensorType::Int64;
      auto v = raw ? fromRaw<int32_t>(bytes) : std::vector<int32_t>(t.int32_data().begin(), t.int32_data().end());
      out.ints.assign(v.begin(), v.end());
      break;
    }
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::BOOL: {
      out.type = TensorType::Int64;
      if (raw) {
        for (unsigned char c : bytes) out.ints.push_back(c);
      } else {
        out.ints.assign(t.int32_data().begin(), t.int32_data().end());
      }
      break;
    }
    case onnx::TensorProto::INT8: {
      out.type = TensorType::Int64;
      if (raw) {
        for (char c : bytes) out.ints.push_back(static_cast<signed char>(c));
      } else {
        out.ints.assign(t.int32_data().begin(), t.int32_data().end());
      }
      break;
    }
    default:
      return makeError(ErrorCode::Unsupported,
                       where + " has an unsupported data type " + std::to_string(t.data_type()));
  }
  const auto have = static_cast<int64_t>(out.type == TensorType::Float32 ? out.floats.size() : out.ints.size());
  if (have != out.elementCount()) {
    return makeError(ErrorCode::InvalidInput, where + " holds " + std::to_string(have) + " values for " +
                                                  std::to_string(out.elementCount()) + " elements");
  }
  return out;
}

std::vector<int64_t> shapeOf(const onnx::ValueInfoProto& v) {
  std::vector<int64_t> shape;
  if (!v.type().has_tensor_type()) return shape;
  for (const auto& d : v.type().tensor_type().shape().dim()) shape.push_back(d.has_dim_value() ? d.dim_value() : -1);
  return shape;
}

Result<Graph> readGraph(const onnx::GraphProto& g, int depth);

Result<Attribute> readAttribute(const onnx::AttributeProto& a, int depth) {
  using A = onnx::AttributeProto;
  switch (a.type()) {
    case A::INT:
      return Attribute{static_cast<int64_t>(a.i())};
    case A::FLOAT:
      return Attribute{a.f()};
    case A::STRING:
      return Attribute{a.s()};
    case A::INTS:
      return Attribute{std::vector<int64_t>(a.ints().begin(), a.ints().end())};
    case A::FLOATS:
      return Attribute{std::vector<float>(a.floats().begin(), a.floats().end())};
    case A::TENSOR: {
      auto t = readTensor(a.t());
      if (!t) return tl::unexpected(t.error());
      return Attribute{std::move(*t)};
    }
    case A::GRAPH: {
      auto sub = readGraph(a.g(), depth + 1);
      if (!sub) return tl::unexpected(sub.error());
      return Attribute{std::shared_ptr<const Graph>(std::make_shared<Graph>(std::move(*sub)))};
    }
    default:
      return makeError(ErrorCode::Unsupported,
                       "ONNX attribute '" + a.name() + "' has an unsupported type " + std::to_string(a.type()));
  }
}

// A Constant node's value as a tensor (value, value_float(s), value_int(s)).
Result<Tensor> constantValue(const Node& n) {
  if (auto t = attr<Tensor>(n.attributes, "value")) return *t;
  Tensor out;
  if (auto f = attr<float>(n.attributes, "value_float")) {
    out.floats = {*f};
  } else if (auto fs = attr<std::vector<float>>(n.attributes, "value_floats")) {
    out.floats = *fs;
    out.shape = {static_cast<int64_t>(fs->size())};
  } else if (auto i = attr<int64_t>(n.attributes, "value_int")) {
    out.type = TensorType::Int64;
    out.ints = {*i};
  } else if (auto is = attr<std::vector<int64_t>>(n.attributes, "value_ints")) {
    out.type = TensorType::Int64;
    out.ints = *is;
    out.shape = {static_cast<int64_t>(is->size())};
  } else {
    return makeError(ErrorCode::Unsupported, "ONNX Constant node '" + n.name + "' has no value we read");
  }
  return out;
}

Result<Graph> readGraph(const onnx::GraphProto& g, int depth) {
  if (depth > 8) return makeError(ErrorCode::InvalidInput, "ONNX subgraphs nested deeper than 8");
  Graph graph;
  for (const auto& init : g.initializer()) {
    auto t = readTensor(init);
    if (!t) return tl::unexpected(t.error());
    graph.constants[init.name()] = std::move(*t);
  }
  for (const auto& in : g.input())
    if (!graph.constants.count(in.name())) graph.inputs.push_back({in.name(), shapeOf(in)});
  for (const auto& out : g.output()) graph.outputs.push_back({out.name(), shapeOf(out)});
  for (const auto& pn : g.node()) {
    Node n;
    n.op = pn.op_type();
    n.name = pn.name();
    n.inputs.assign(pn.input().begin(), pn.input().end());
    n.outputs.assign(pn.output().begin(), pn.output().end());
    for (const auto& a : pn.attribute()) {
      auto value = readAttribute(a, depth);
      if (!value) return tl::unexpected(value.error());
      n.attributes[a.name()] = std::move(*value);
    }
    if (n.op == "Constant" && pn.domain().empty() && n.outputs.size() == 1) {
      auto value = constantValue(n);
      if (!value) return tl::unexpected(value.error());
      graph.constants[n.outputs[0]] = std::move(*value);
      continue;
    }
    if (!pn.domain().empty() && pn.domain() != "ai.onnx")
      n.op = pn.domain() + "." + n.op;  // so a custom-domain op is reported as unsupported by name
    graph.nodes.push_back(std::move(n));
  }
  return graph;
}

}  // namespace

int64_t Node::intAttr(const std::string& key, int64_t fallback) const {
  auto v = attr<int64_t>(attributes, key);
  return v ? *v : fallback;
}
float Node::floatAttr(const std::string& key, float fallback) const {
  auto v = attr<float>(attributes, key);
  return v ? *v : fallback;
}
std::string Node::stringAttr(const std::string& key, const std::string& fallback) const {
  auto v = attr<std::string>(attributes, key);
  return v ? *v : fallback;
}
std::vector<int64_t> Node::intsAttr(const std::string& key) const {
  auto v = attr<std::vector<int64_t>>(attributes, key);
  return v ? *v : std::vector<int64_t>{};
}

Result<Graph> parseOnnxGraph(const std::string& bytes) {
  onnx::ModelProto model;
  if (bytes.empty() || !model.ParseFromString(bytes))
    return makeError(ErrorCode::InvalidInput, "not an ONNX model (protobuf parse failed: truncated or another format)");
  if (!model.has_graph() || model.graph().node_size() == 0)
    return makeError(ErrorCode::InvalidInput, "ONNX model has no graph nodes");
  auto graph = readGraph(model.graph(), 0);
  if (!graph) return graph;
  graph->producer = model.producer_name() + (model.producer_version().empty() ? "" : " " + model.producer_version());
  for (const auto& op : model.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx") graph->opsetVersion = op.version();
  return graph;
}

Result<Graph> loadOnnxGraph(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot open ONNX model " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  auto graph = parseOnnxGraph(buf.str());
  if (!graph) return makeError(graph.error().code, path.string() + ": " + graph.error().message);
  return graph;
}

}  // namespace ugc::model::graph
