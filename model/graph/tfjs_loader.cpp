#include "model/graph/tfjs_loader.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace ugc::model::graph {
namespace {

using nlohmann::ordered_json;

struct LoadError {
  ErrorCode code;
  std::string message;
};
[[noreturn]] void fail(ErrorCode code, const std::string& message) { throw LoadError{code, message}; }

std::string decodeBase64(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int value = 0, bits = -8;
  for (char c : in) {
    if (c == '=') break;
    const auto pos = alphabet.find(c);
    if (pos == std::string::npos) fail(ErrorCode::InvalidInput, "bad base64 in an attribute");
    value = (value << 6) + int(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(char((value >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

float halfToFloat(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const int exponent = (h >> 10) & 0x1F;
  const uint32_t mantissa = h & 0x3FF;
  float magnitude;
  if (exponent == 0)
    magnitude = std::ldexp(float(mantissa), -24);  // subnormal
  else if (exponent == 31)
    magnitude = mantissa ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
  else
    magnitude = std::ldexp(float(mantissa | 0x400), exponent - 25);
  uint32_t bitsOut;
  std::memcpy(&bitsOut, &magnitude, 4);
  bitsOut |= sign;
  float out;
  std::memcpy(&out, &bitsOut, 4);
  return out;
}

int64_t toInt(const ordered_json& v) {
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return v.get<int64_t>();
}

Attribute attributeFrom(const std::string& key, const ordered_json& a) {
  if (a.contains("i")) return toInt(a.at("i"));
  if (a.contains("f")) return a.at("f").get<float>();
  if (a.contains("b")) return int64_t(a.at("b").get<bool>() ? 1 : 0);
  if (a.contains("s")) return decodeBase64(a.at("s").get<std::string>());
  if (a.contains("type")) return a.at("type").get<std::string>();
  if (a.contains("list")) {
    const auto& list = a.at("list");
    if (list.contains("i")) {
      std::vector<int64_t> ints;
      for (const auto& v : list.at("i")) ints.push_back(toInt(v));
      return ints;
    }
    if (list.contains("f")) return list.at("f").get<std::vector<float>>();
    if (list.contains("s")) {
      std::string joined;
      for (const auto& v : list.at("s")) joined += (joined.empty() ? "" : ",") + decodeBase64(v.get<std::string>());
      return joined;
    }
    return std::vector<int64_t>{};  // an empty list (explicit_paddings: [])
  }
  if (a.contains("shape")) return std::string("shape");
  fail(ErrorCode::Unsupported, "attribute " + key + " of an unknown kind");
}

// "name:k" -> value name ("name" for k == 0); "^name" (control input) -> "".
std::string valueName(const std::string& input) {
  if (!input.empty() && input[0] == '^') return {};
  const auto colon = input.rfind(':');
  if (colon != std::string::npos && colon + 1 < input.size() &&
      input.find_first_not_of("0123456789", colon + 1) == std::string::npos)
    return input.substr(colon + 1) == "0" ? input.substr(0, colon) : input;
  return input;
}

struct WeightsSource {
  std::string bytes;
  size_t offset = 0;
};

// Reads the weights of one manifest group into constants (by weight name).
void readWeightGroup(const ordered_json& group, const std::filesystem::path& dir, std::map<std::string, Tensor>& out) {
  std::string bytes;
  for (const auto& p : group.at("paths")) {
    const auto path = dir / p.get<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorCode::NotFound, "weights shard not found: " + path.string());
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  size_t offset = 0;
  for (const auto& w : group.at("weights")) {
    const std::string name = w.at("name").get<std::string>();
    Tensor t;
    int64_t count = 1;
    for (const auto& d : w.at("shape")) {
      const int64_t dim = toInt(d);
      if (dim < 0 || dim > (int64_t(1) << 32)) fail(ErrorCode::InvalidInput, "weight " + name + " has a bad shape");
      t.shape.push_back(dim);
      count *= dim;
      if (count > (int64_t(1) << 32)) fail(ErrorCode::InvalidInput, "weight " + name + " is too large");
    }
    const std::string dtype = w.at("dtype").get<std::string>();
    std::string stored = dtype;
    double scale = 1, minimum = 0;
    if (w.contains("quantization")) {
      const auto& q = w.at("quantization");
      stored = q.at("dtype").get<std::string>();
      if (stored == "uint8" || stored == "uint16") {
        scale = q.at("scale").get<double>();
        minimum = q.at("min").get<double>();
      } else if (stored != "float16") {
        fail(ErrorCode::Unsupported, "weight " + name + " quantised as " + stored);
      }
    }
    const size_t width = stored == "float32" || stored == "int32" ? 4
                         : stored == "float16" || stored == "uint16" ? 2
                         : stored == "uint8" || stored == "bool"     ? 1
                                                                     : 0;
    if (width == 0) fail(ErrorCode::Unsupported, "weight " + name + " of dtype " + stored);
    const size_t need = size_t(count) * width;
    if (offset + need > bytes.size())
      fail(ErrorCode::InvalidInput, "weights are truncated: " + name + " needs bytes " + std::to_string(offset) + ".." +
                                        std::to_string(offset + need) + ", the shards hold " +
                                        std::to_string(bytes.size()));
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + offset);
    const bool integral = dtype == "int32" || dtype == "bool";
    if (integral) t.type = TensorType::Int64;
    for (int64_t i = 0; i < count; ++i) {
      double v;
      if (stored == "float32") {
        float f;
        std::memcpy(&f, p + i * 4, 4);
        v = f;
      } else if (stored == "int32") {
        int32_t n;
        std::memcpy(&n, p + i * 4, 4);
        v = n;
      } else if (stored == "float16") {
        uint16_t h;
        std::memcpy(&h, p + i * 2, 2);
        v = halfToFloat(h);
      } else if (stored == "uint16") {
        uint16_t h;
        std::memcpy(&h, p + i * 2, 2);
        v = h * scale + minimum;
      } else if (stored == "uint8") {
        v = p[i] * scale + minimum;
      } else {
        v = p[i] ? 1 : 0;
      }
      if (integral)
        t.ints.push_back(int64_t(std::llround(v)));
      else
        t.floats.push_back(float(v));
    }
    offset += need;
    out[name] = std::move(t);
  }
}

// HWIO (or depthwise HW I M) to OIHW (depthwise: (I*M) 1 H W), so convolutions need no transpose.
Tensor filterToOihw(const Tensor& f, bool depthwise) {
  if (f.shape.size() != 4 || f.type != TensorType::Float32) fail(ErrorCode::InvalidInput, "a filter is not 4-D float");
  const int64_t kh = f.shape[0], kw = f.shape[1], ci = f.shape[2], co = f.shape[3];
  Tensor out;
  out.shape = depthwise ? std::vector<int64_t>{ci * co, 1, kh, kw} : std::vector<int64_t>{co, ci, kh, kw};
  out.floats.resize(f.floats.size());
  for (int64_t y = 0; y < kh; ++y)
    for (int64_t x = 0; x < kw; ++x)
      for (int64_t i = 0; i < ci; ++i)
        for (int64_t o = 0; o < co; ++o) {
          const float v = f.floats[size_t(((y * kw + x) * ci + i) * co + o)];
          // depthwise output channel i*M + o reads input channel i (TF's channel multiplier order).
          const int64_t outer = depthwise ? i * co + o : o, inner = depthwise ? 0 : i;
          const int64_t cin = depthwise ? 1 : ci;
          out.floats[size_t(((outer * cin + inner) * kh + y) * kw + x)] = v;
        }
  return out;
}

Graph parse(const std::filesystem::path& modelJson) {
  std::ifstream in(modelJson, std::ios::binary);
  if (!in) fail(ErrorCode::NotFound, "TF.js model not found: " + modelJson.string());
  ordered_json doc;
  try {
    doc = ordered_json::parse(in);
  } catch (const std::exception& e) {
    fail(ErrorCode::InvalidInput, modelJson.string() + " is not JSON: " + e.what());
  }
  if (!doc.is_object() || doc.value("format", "") != "graph-model" || !doc.contains("modelTopology") ||
      !doc.contains("weightsManifest"))
    fail(ErrorCode::InvalidInput, modelJson.string() + " is not a TF.js graph model (format graph-model)");
  Graph g;
  g.producer = "tfjs graph-model (" + doc.value("convertedBy", std::string("?")) + ")";

  std::map<std::string, Tensor> weights;
  for (const auto& group : doc.at("weightsManifest")) readWeightGroup(group, modelJson.parent_path(), weights);

  std::vector<Node> pending;
  std::set<std::string> consumed;
  for (const auto& n : doc.at("modelTopology").at("node")) {
    const std::string name = n.at("name").get<std::string>();
    const std::string op = n.at("op").get<std::string>();
    if (op == "Const") {
      auto w = weights.find(name);
      if (w == weights.end()) fail(ErrorCode::InvalidInput, "Const " + name + " has no weights in the manifest");
      g.constants[name] = w->second;
      continue;
    }
    if (op == "Placeholder") {
      ValueInfo info{name, {}};
      if (n.contains("attr") && n.at("attr").contains("shape"))
        for (const auto& d : n.at("attr").at("shape").at("shape").value("dim", ordered_json::array()))
          info.shape.push_back(toInt(d.value("size", ordered_json("-1"))));
      g.inputs.push_back(info);
      continue;
    }
    Node node;
    node.op = "tf." + op;
    node.name = name;
    node.outputs.push_back(name);
    for (const auto& i : n.value("input", ordered_json::array())) {
      const std::string v = valueName(i.get<std::string>());
      if (v.empty()) continue;
      node.inputs.push_back(v);
      consumed.insert(v);
    }
    if (n.contains("attr"))
      for (const auto& [key, value] : n.at("attr").items()) node.attributes[key] = attributeFrom(key, value);
    pending.push_back(std::move(node));
  }
  // Outputs "name:k" a node must provide: as many as its readers ask for.
  std::map<std::string, size_t> byName;
  for (size_t i = 0; i < pending.size(); ++i) byName[pending[i].name] = i;
  for (const auto& v : consumed) {
    const auto colon = v.rfind(':');
    if (colon == std::string::npos) continue;
    auto it = byName.find(v.substr(0, colon));
    if (it == byName.end()) continue;
    const size_t k = std::stoul(v.substr(colon + 1));
    auto& outs = pending[it->second].outputs;
    while (outs.size() <= k) outs.push_back(pending[it->second].name + ":" + std::to_string(outs.size()));
  }
  // Filters to OIHW once (each filter constant is read by one convolution in these models; a
  // shared one gets its own rewritten copy).
  for (auto& node : pending) {
    const bool depthwise = node.op == "tf.DepthwiseConv2dNative" || node.op == "tf.FusedDepthwiseConv2dNative";
    if (!(depthwise || node.op == "tf.Conv2D" || node.op == "tf._FusedConv2D") || node.inputs.size() < 2) continue;
    auto c = g.constants.find(node.inputs[1]);
    if (c == g.constants.end()) fail(ErrorCode::Unsupported, node.op + " " + node.name + " with a computed filter");
    const std::string rewritten = node.inputs[1] + "#oihw";
    if (!g.constants.count(rewritten)) g.constants[rewritten] = filterToOihw(c->second, depthwise);
    node.inputs[1] = rewritten;
    node.attributes["filter_layout"] = std::string("OIHW");
  }
  // Topological order (Kahn), keeping the file's order among ready nodes.
  std::set<std::string> defined;
  for (const auto& i : g.inputs) defined.insert(i.name);
  for (const auto& [name, t] : g.constants) defined.insert(name);
  std::vector<bool> placed(pending.size(), false);
  for (size_t placedCount = 0; placedCount < pending.size();) {
    bool progress = false;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const auto& v : pending[i].inputs) ready = ready && defined.count(v);
      if (!ready) continue;
      for (const auto& o : pending[i].outputs) defined.insert(o);
      g.nodes.push_back(pending[i]);
      placed[i] = true;
      ++placedCount;
      progress = true;
    }
    if (!progress) {
      for (size_t i = 0; i < pending.size(); ++i)
        if (!placed[i])
          for (const auto& v : pending[i].inputs)
            if (!defined.count(v))
              fail(ErrorCode::InvalidInput, "node " + pending[i].name + " reads '" + v + "', which nothing defines");
    }
  }
  // Outputs: the signature's (top level, or in userDefinedMetadata), else what nobody reads.
  const ordered_json* signature = nullptr;
  if (doc.contains("signature")) signature = &doc.at("signature");
  if (!signature && doc.contains("userDefinedMetadata") && doc.at("userDefinedMetadata").contains("signature"))
    signature = &doc.at("userDefinedMetadata").at("signature");
  if (signature && signature->contains("outputs")) {
    for (const auto& [key, value] : signature->at("outputs").items())
      g.outputs.push_back({valueName(value.value("name", key)), {}});
  } else {
    for (const auto& node : g.nodes)
      for (const auto& o : node.outputs)
        if (!consumed.count(o)) g.outputs.push_back({o, {}});
  }
  if (g.inputs.empty()) fail(ErrorCode::InvalidInput, "TF.js model without a Placeholder input");
  return g;
}

}  // namespace

Result<Graph> loadTfjsGraph(const std::filesystem::path& modelJson) {
  try {
    return parse(modelJson);
  } catch (const LoadError& e) {
    return makeError(e.code, e.message);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, modelJson.string() + ": " + e.what());
  }
}

}  // namespace ugc::model::graph
