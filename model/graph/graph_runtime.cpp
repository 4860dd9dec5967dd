// The graph runtime: every operator on torch ops, in this one file (torch headers are costly to
// compile). Values are at::Tensor: float32 for data, int64 for shapes and indices, bool for masks.
#include "model/graph/graph_runtime.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <unordered_map>

#include <torch/torch.h>

namespace ugc::model::graph {

namespace {

using at::Tensor;
using TensorMap = std::unordered_map<std::string, Tensor>;

struct OpError {
  std::string message;
};

[[noreturn]] void fail(const std::string& message) { throw OpError{message}; }

Tensor toTorch(const graph::Tensor& t) {
  std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
  if (t.type == TensorType::Float32)
    return torch::from_blob(const_cast<float*>(t.floats.data()), shape, torch::kFloat32).clone();
  return torch::from_blob(const_cast<int64_t*>(t.ints.data()), shape, torch::kInt64).clone();
}

graph::Tensor fromTorch(const Tensor& value) {
  graph::Tensor out;
  const auto c = value.contiguous();
  out.shape.assign(c.sizes().begin(), c.sizes().end());
  if (c.is_floating_point()) {
    const auto f = c.to(torch::kFloat32);
    out.floats.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
  } else {
    out.type = TensorType::Int64;
    const auto i = c.to(torch::kInt64);
    out.ints.assign(i.data_ptr<int64_t>(), i.data_ptr<int64_t>() + i.numel());
  }
  return out;
}

std::vector<int64_t> toInts(const Tensor& t) {
  const auto c = t.to(torch::kInt64).contiguous().flatten();
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}

int64_t normAxis(int64_t axis, int64_t rank) {
  const int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= std::max<int64_t>(rank, 1)) fail("axis " + std::to_string(axis) + " out of range");
  return a;
}

// A node's context while running: its inputs resolved to tensors ("" -> undefined).
struct Ctx {
  const Node& node;
  std::vector<Tensor> in;
  int64_t opset;

  const Tensor& input(size_t i) const {
    if (i >= in.size() || !in[i].defined()) fail("input " + std::to_string(i) + " is missing");
    return in[i];
  }
  bool has(size_t i) const { return i < in.size() && in[i].defined(); }
};

using OpFn = std::function<std::vector<Tensor>(const Ctx&)>;

// Pads for a spatial op: ONNX [b1, b2, ..., e1, e2, ...]. Symmetric pads go to torch's padding
// argument; asymmetric ones are applied first with constant_pad_nd.
struct SpatialPads {
  std::vector<int64_t> symmetric;
  std::vector<int64_t> extra;  // for constant_pad_nd (last dim first), empty when symmetric
};

SpatialPads splitPads(const std::vector<int64_t>& pads, size_t dims) {
  SpatialPads out;
  out.symmetric.assign(dims, 0);
  if (pads.empty()) return out;
  if (pads.size() != 2 * dims)
    fail("pads has " + std::to_string(pads.size()) + " values for " + std::to_string(dims) + " dims");
  bool symmetric = true;
  for (size_t d = 0; d < dims; ++d) symmetric = symmetric && pads[d] == pads[d + dims];
  if (symmetric) {
    for (size_t d = 0; d < dims; ++d) out.symmetric[d] = pads[d];
    return out;
  }
  for (size_t d = dims; d-- > 0;) {
    out.extra.push_back(pads[d]);
    out.extra.push_back(pads[d + dims]);
  }
  return out;
}

std::vector<int64_t> intsOr(const Node& n, const std::string& key, size_t dims, int64_t fallback) {
  auto v = n.intsAttr(key);
  if (v.empty()) v.assign(dims, fallback);
  if (v.size() != dims)
    fail(key + " has " + std::to_string(v.size()) + " values for " + std::to_string(dims) + " dims");
  return v;
}

std::vector<Tensor> opConv(const Ctx& c) {
  const auto& x = c.input(0);
  const auto& w = c.input(1);
  const size_t dims = static_cast<size_t>(w.dim()) - 2;
  if (dims != 1 && dims != 2) fail("only 1-D and 2-D convolutions are supported");
  if (x.dim() != w.dim()) fail("input rank " + std::to_string(x.dim()) + " does not match the kernel");
  const auto strides = intsOr(c.node, "strides", dims, 1);
  const auto dil = intsOr(c.node, "dilations", dims, 1);
  const auto pads = splitPads(c.node.intsAttr("pads"), dims);
  const int64_t group = c.node.intAttr("group", 1);
  if (x.size(1) != w.size(1) * group)
    fail("input has " + std::to_string(x.size(1)) + " channels, the kernel expects " +
         std::to_string(w.size(1) * group));
  Tensor input = pads.extra.empty() ? x : at::constant_pad_nd(x, pads.extra, 0.0);
  const Tensor bias = c.has(2) ? c.input(2) : Tensor();
  if (dims == 1) return {at::conv1d(input, w, bias, strides, pads.symmetric, dil, group)};
  return {at::conv2d(input, w, bias, strides, pads.symmetric, dil, group)};
}

std::vector<Tensor> opConvTranspose(const Ctx& c) {
  const auto& x = c.input(0);
  const auto& w = c.input(1);
  if (w.dim() != 4 || x.dim() != 4) fail("only 2-D transposed convolutions are supported");
  const auto strides = intsOr(c.node, "strides", 2, 1);
  const auto dil = intsOr(c.node, "dilations", 2, 1);
  const auto pads = splitPads(c.node.intsAttr("pads"), 2);
  if (!pads.extra.empty()) fail("asymmetric pads are not supported");
  const auto outPad = intsOr(c.node, "output_padding", 2, 0);
  const int64_t group = c.node.intAttr("group", 1);
  if (x.size(1) != w.size(0)) fail("input channels do not match the kernel");
  const Tensor bias = c.has(2) ? c.input(2) : Tensor();
  return {at::conv_transpose2d(x, w, bias, strides, pads.symmetric, outPad, group, dil)};
}

Tensor pool2d(const Ctx& c, bool maxPool) {
  const auto& x = c.input(0);
  if (x.dim() != 4) fail("only 2-D pooling is supported");
  const auto kernel = intsOr(c.node, "kernel_shape", 2, 1);
  const auto strides = intsOr(c.node, "strides", 2, 1);
  const auto pads = splitPads(c.node.intsAttr("pads"), 2);
  if (maxPool) {
    Tensor input =
        pads.extra.empty() ? x : at::constant_pad_nd(x, pads.extra, -std::numeric_limits<double>::infinity());
    return at::max_pool2d(input, kernel, strides, pads.symmetric, {1, 1}, c.node.intAttr("ceil_mode", 0) != 0);
  }
  if (!pads.extra.empty()) fail("asymmetric average-pool pads are not supported");
  return at::avg_pool2d(x, kernel, strides, pads.symmetric, c.node.intAttr("ceil_mode", 0) != 0,
                        c.node.intAttr("count_include_pad", 0) != 0);
}

std::vector<Tensor> opResize(const Ctx& c) {
  const auto& x = c.input(0);
  if (x.dim() != 4) fail("only 4-D (NCHW) resize is supported");
  // opset 11+: X, roi, scales, sizes; opset 10: X, scales.
  Tensor scales = c.opset >= 11 ? (c.has(2) ? c.in[2] : Tensor()) : c.input(1);
  Tensor sizes = c.opset >= 11 && c.has(3) ? c.in[3] : Tensor();
  std::vector<int64_t> out(2);
  std::vector<double> factor(2);
  if (sizes.defined() && sizes.numel() == 4) {
    const auto s = toInts(sizes);
    out = {s[2], s[3]};
    factor = {double(out[0]) / double(x.size(2)), double(out[1]) / double(x.size(3))};
  } else if (scales.defined() && scales.numel() == 4) {
    const auto f = scales.to(torch::kFloat64).contiguous();
    const double* p = f.data_ptr<double>();
    if (p[0] != 1.0 || p[1] != 1.0) fail("resize over batch or channels is not supported");
    factor = {p[2], p[3]};
    out = {static_cast<int64_t>(std::floor(x.size(2) * p[2])), static_cast<int64_t>(std::floor(x.size(3) * p[3]))};
  } else {
    fail("Resize needs 4 scales or 4 sizes");
  }
  if (out[0] <= 0 || out[1] <= 0) fail("Resize to an empty size");
  const auto mode = c.node.stringAttr("mode", "nearest");
  const auto coord = c.node.stringAttr("coordinate_transformation_mode", "half_pixel");
  if (mode == "nearest") {
    // asymmetric + floor: src = floor(dst / scale), which is torch's nearest with explicit scales.
    return {at::upsample_nearest2d(x, out, factor[0], factor[1])};
  }
  const bool alignCorners = coord == "align_corners";
  if (alignCorners) return {at::upsample_bilinear2d(x, out, true)};
  return {at::upsample_bilinear2d(x, out, false, factor[0], factor[1])};
}

std::vector<Tensor> opSlice(const Ctx& c) {
  const auto& x = c.input(0);
  std::vector<int64_t> starts, ends, axes, steps;
  if (c.opset < 10) {
    starts = c.node.intsAttr("starts");
    ends = c.node.intsAttr("ends");
    axes = c.node.intsAttr("axes");
  } else {
    starts = toInts(c.input(1));
    ends = toInts(c.input(2));
    if (c.has(3)) axes = toInts(c.in[3]);
    if (c.has(4)) steps = toInts(c.in[4]);
  }
  if (starts.size() != ends.size()) fail("starts and ends differ in length");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size()) fail("axes or steps differ in length");
  Tensor y = x;
  for (size_t i = 0; i < starts.size(); ++i) {
    const int64_t axis = normAxis(axes[i], x.dim());
    const int64_t dim = x.size(axis);
    if (steps[i] <= 0) fail("Slice with a non-positive step is not supported");
    auto clampIndex = [dim](int64_t v) {
      if (v < 0) v += dim;
      return std::clamp<int64_t>(v, 0, dim);
    };
    const int64_t s = clampIndex(starts[i]);
    const int64_t e = std::max(s, clampIndex(ends[i]));
    y = y.slice(axis, s, e, steps[i]);
  }
  return {y};
}

std::vector<int64_t> axesFrom(const Ctx& c, size_t inputIndex) {
  if (c.opset >= 13 && c.has(inputIndex)) return toInts(c.in[inputIndex]);
  return c.node.intsAttr("axes");
}

std::vector<Tensor> opSqueeze(const Ctx& c) {
  const auto& x = c.input(0);
  auto axes = axesFrom(c, 1);
  if (axes.empty()) return {x.squeeze()};
  for (auto& a : axes) a = normAxis(a, x.dim());
  std::sort(axes.rbegin(), axes.rend());
  Tensor y = x;
  for (auto a : axes) {
    if (y.size(a) != 1) fail("Squeeze of a dimension of size " + std::to_string(y.size(a)));
    y = y.squeeze(a);
  }
  return {y};
}

std::vector<Tensor> opUnsqueeze(const Ctx& c) {
  const auto& x = c.input(0);
  auto axes = axesFrom(c, 1);
  const int64_t rank = x.dim() + static_cast<int64_t>(axes.size());
  for (auto& a : axes) a = normAxis(a, rank);
  std::sort(axes.begin(), axes.end());
  Tensor y = x;
  for (auto a : axes) y = y.unsqueeze(a);
  return {y};
}

std::vector<Tensor> opReshape(const Ctx& c) {
  const auto& x = c.input(0);
  auto shape = toInts(c.input(1));
  const bool allowZero = c.node.intAttr("allowzero", 0) != 0;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && !allowZero) {
      if (static_cast<int64_t>(i) >= x.dim()) fail("Reshape copies a dimension the input lacks");
      shape[i] = x.size(static_cast<int64_t>(i));
    }
  }
  return {x.reshape(shape)};
}

std::vector<Tensor> opSoftmax(const Ctx& c) {
  const auto& x = c.input(0);
  const int64_t axis = normAxis(c.node.intAttr("axis", c.opset >= 13 ? -1 : 1), x.dim());
  if (c.opset >= 13 || axis == x.dim() - 1) return {at::softmax(x, axis)};
  // opset < 13: softmax over the flattened trailing dimensions from axis on.
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= x.size(d);
  if (x.numel() == 0) return {x};
  return {at::softmax(x.reshape({outer, -1}), 1).reshape(x.sizes())};
}

std::vector<Tensor> opCast(const Ctx& c) {
  const auto& x = c.input(0);
  switch (c.node.intAttr("to", 1)) {
    case 1:
    case 10:
    case 11:
      return {x.to(torch::kFloat32)};
    case 2:
    case 3:
    case 5:
    case 6:
    case 7:
    case 12:
    case 13:
      return {x.to(torch::kInt64)};
    case 9:
      return {x.to(torch::kBool)};
    default:
      fail("Cast to type " + std::to_string(c.node.intAttr("to", 1)) + " is not supported");
  }
}

Tensor binaryDiv(const Tensor& a, const Tensor& b) {
  if (a.is_floating_point() || b.is_floating_point()) return at::div(a, b);
  return at::div(a, b, "trunc");
}

std::vector<Tensor> opClip(const Ctx& c) {
  const auto& x = c.input(0);
  double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
  if (c.opset >= 11) {
    if (c.has(1)) lo = c.in[1].item<double>();
    if (c.has(2)) hi = c.in[2].item<double>();
  } else {
    lo = c.node.floatAttr("min", -std::numeric_limits<float>::infinity());
    hi = c.node.floatAttr("max", std::numeric_limits<float>::infinity());
  }
  return {at::clamp(x, lo, hi)};
}

std::vector<Tensor> opGather(const Ctx& c) {
  const auto& x = c.input(0);
  const int64_t axis = normAxis(c.node.intAttr("axis", 0), x.dim());
  auto idx = c.input(1).to(torch::kInt64);
  idx = at::where(idx < 0, idx + x.size(axis), idx);
  if (idx.numel() && (idx.min().item<int64_t>() < 0 || idx.max().item<int64_t>() >= x.size(axis)))
    fail("Gather index out of range");
  if (idx.dim() == 0) return {x.select(axis, idx.item<int64_t>())};
  auto flat = x.index_select(axis, idx.flatten());
  std::vector<int64_t> shape(x.sizes().begin(), x.sizes().begin() + axis);
  shape.insert(shape.end(), idx.sizes().begin(), idx.sizes().end());
  shape.insert(shape.end(), x.sizes().begin() + axis + 1, x.sizes().end());
  return {flat.reshape(shape)};
}

std::vector<Tensor> opPad(const Ctx& c) {
  const auto& x = c.input(0);
  const auto mode = c.node.stringAttr("mode", "constant");
  std::vector<int64_t> pads = c.opset >= 11 ? toInts(c.input(1)) : c.node.intsAttr("pads");
  double value = c.opset >= 11 ? (c.has(2) ? c.in[2].item<double>() : 0.0) : c.node.floatAttr("value", 0.f);
  const auto rank = static_cast<size_t>(x.dim());
  if (pads.size() != 2 * rank)
    fail("Pad has " + std::to_string(pads.size()) + " pads for rank " + std::to_string(rank));
  std::vector<int64_t> torchPads;
  for (size_t d = rank; d-- > 0;) {
    torchPads.push_back(pads[d]);
    torchPads.push_back(pads[d + rank]);
  }
  while (torchPads.size() > 2 && torchPads[torchPads.size() - 1] == 0 && torchPads[torchPads.size() - 2] == 0)
    torchPads.resize(torchPads.size() - 2);
  if (mode == "constant") return {at::constant_pad_nd(x, torchPads, value)};
  if (mode == "reflect") {
    if (x.dim() == 3 && torchPads.size() == 2) return {at::reflection_pad1d(x, torchPads)};
    if (x.dim() == 4 && torchPads.size() == 4) return {at::reflection_pad2d(x, torchPads)};
  }
  fail("Pad mode " + mode + " for this rank is not supported");
}

const std::map<std::string, OpFn>& operators() {
  static const std::map<std::string, OpFn> ops = {
      {"Add", [](const Ctx& c) { return std::vector<Tensor>{at::add(c.input(0), c.input(1))}; }},
      {"Sub", [](const Ctx& c) { return std::vector<Tensor>{at::sub(c.input(0), c.input(1))}; }},
      {"Mul", [](const Ctx& c) { return std::vector<Tensor>{at::mul(c.input(0), c.input(1))}; }},
      {"Div", [](const Ctx& c) { return std::vector<Tensor>{binaryDiv(c.input(0), c.input(1))}; }},
      {"Pow", [](const Ctx& c) { return std::vector<Tensor>{at::pow(c.input(0), c.input(1))}; }},
      {"Sqrt", [](const Ctx& c) { return std::vector<Tensor>{at::sqrt(c.input(0))}; }},
      {"Relu", [](const Ctx& c) { return std::vector<Tensor>{at::relu(c.input(0))}; }},
      {"Sigmoid", [](const Ctx& c) { return std::vector<Tensor>{at::sigmoid(c.input(0))}; }},
      {"HardSigmoid",
       [](const Ctx& c) {
         const double alpha = c.node.floatAttr("alpha", 0.2f), beta = c.node.floatAttr("beta", 0.5f);
         return std::vector<Tensor>{at::clamp(c.input(0) * alpha + beta, 0.0, 1.0)};
       }},
      {"Clip", opClip},
      {"Identity", [](const Ctx& c) { return std::vector<Tensor>{c.input(0)}; }},
      {"Conv", opConv},
      {"ConvTranspose", opConvTranspose},
      {"BatchNormalization",
       [](const Ctx& c) {
         return std::vector<Tensor>{at::batch_norm(c.input(0), c.input(1), c.input(2), c.input(3), c.input(4), false,
                                                   0.0, c.node.floatAttr("epsilon", 1e-5f), false)};
       }},
      {"GlobalAveragePool",
       [](const Ctx& c) {
         const auto& x = c.input(0);
         std::vector<int64_t> dims;
         for (int64_t d = 2; d < x.dim(); ++d) dims.push_back(d);
         return std::vector<Tensor>{x.mean(dims, true)};
       }},
      {"AveragePool", [](const Ctx& c) { return std::vector<Tensor>{pool2d(c, false)}; }},
      {"MaxPool", [](const Ctx& c) { return std::vector<Tensor>{pool2d(c, true)}; }},
      {"Resize", opResize},
      {"Concat",
       [](const Ctx& c) {
         std::vector<Tensor> parts;
         for (const auto& t : c.in)
           if (t.defined()) parts.push_back(t);
         if (parts.empty()) fail("Concat of nothing");
         return std::vector<Tensor>{at::cat(parts, normAxis(c.node.intAttr("axis", 0), parts[0].dim()))};
       }},
      {"MatMul", [](const Ctx& c) { return std::vector<Tensor>{at::matmul(c.input(0), c.input(1))}; }},
      {"Softmax", opSoftmax},
      {"ReduceMean",
       [](const Ctx& c) {
         const auto& x = c.input(0);
         auto axes = axesFrom(c, 1);
         const bool keep = c.node.intAttr("keepdims", 1) != 0;
         if (axes.empty())
           for (int64_t d = 0; d < x.dim(); ++d) axes.push_back(d);
         for (auto& a : axes) a = normAxis(a, x.dim());
         return std::vector<Tensor>{x.mean(axes, keep)};
       }},
      {"Reshape", opReshape},
      {"Shape",
       [](const Ctx& c) {
         auto sizes = c.input(0).sizes().vec();
         return std::vector<Tensor>{torch::tensor(sizes, torch::kInt64)};
       }},
      {"Size",
       [](const Ctx& c) { return std::vector<Tensor>{torch::scalar_tensor(c.input(0).numel(), torch::kInt64)}; }},
      {"Slice", opSlice},
      {"Squeeze", opSqueeze},
      {"Unsqueeze", opUnsqueeze},
      {"Transpose",
       [](const Ctx& c) {
         const auto& x = c.input(0);
         auto perm = c.node.intsAttr("perm");
         if (perm.empty())
           for (int64_t d = x.dim(); d-- > 0;) perm.push_back(d);
         if (static_cast<int64_t>(perm.size()) != x.dim()) fail("perm does not match the rank");
         return std::vector<Tensor>{x.permute(perm)};
       }},
      {"Cast", opCast},
      {"Gather", opGather},
      {"Pad", opPad},
      {"Equal", [](const Ctx& c) { return std::vector<Tensor>{at::eq(c.input(0), c.input(1))}; }},
      {"Not", [](const Ctx& c) { return std::vector<Tensor>{at::logical_not(c.input(0))}; }},
  };
  return ops;
}


// ---- TensorFlow (TF.js graph model) operators: NHWC tensors, TF padding rules ------------------
// The loader (tfjs_loader.cpp) has already turned convolution filters into OIHW. An NHWC tensor
// permuted to NCHW is torch's channels_last layout, so convolutions run without copies.

// SAME: total padding max((ceil(in/stride) - 1) * stride + (k - 1) * dilation + 1 - in, 0),
// the smaller half before (TF's rule). VALID: none.
std::pair<int64_t, int64_t> tfPadding(const std::string& padding, int64_t in, int64_t kernel, int64_t stride,
                                      int64_t dilation) {
  if (padding == "VALID") return {0, 0};
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + (kernel - 1) * dilation + 1 - in, 0);
  return {total / 2, total - total / 2};
}

std::vector<int64_t> nhwcPair(const Node& n, const std::string& key) {
  auto v = n.intsAttr(key);
  if (v.empty()) return {1, 1};
  if (v.size() != 4) fail(key + " must have 4 values (NHWC)");
  if (v[0] != 1 || v[3] != 1) fail(key + " over batch or channels is not supported");
  return {v[1], v[2]};
}

// x NHWC, filter OIHW (depthwise: (C*M) 1 H W) -> NHWC.
Tensor tfConv(const Ctx& c, bool depthwise) {
  const auto& x = c.input(0);
  const auto& w = c.input(1);
  if (x.dim() != 4 || w.dim() != 4) fail("only 2-D NHWC convolutions are supported");
  const auto strides = nhwcPair(c.node, "strides");
  const auto dil = nhwcPair(c.node, "dilations");
  const auto padding = c.node.stringAttr("padding", "VALID");
  const int64_t channels = x.size(3);
  const int64_t groups = depthwise ? channels : 1;
  if ((depthwise && w.size(0) % channels != 0) || (!depthwise && w.size(1) != channels))
    fail("input has " + std::to_string(channels) + " channels, the filter does not match");
  const auto [top, bottom] = tfPadding(padding, x.size(1), w.size(2), strides[0], dil[0]);
  const auto [left, right] = tfPadding(padding, x.size(2), w.size(3), strides[1], dil[1]);
  Tensor nchw = x.permute({0, 3, 1, 2});
  std::vector<int64_t> pads{0, 0};
  if (top == bottom && left == right) {
    pads = {top, left};
  } else {
    nchw = at::constant_pad_nd(nchw, {left, right, top, bottom}, 0.0);
  }
  Tensor bias;
  const auto fused = c.node.stringAttr("fused_ops", "");
  if (!fused.empty()) bias = c.input(2);
  Tensor y = at::conv2d(nchw, w, bias, strides, pads, dil, groups);
  if (fused == "BiasAdd,Relu") y = at::relu(y);
  if (fused == "BiasAdd,Relu6") y = at::clamp(y, 0.0, 6.0);
  return y.permute({0, 2, 3, 1});
}

std::vector<Tensor> tfMaxPool(const Ctx& c) {
  const auto& x = c.input(0);
  if (x.dim() != 4) fail("only 4-D NHWC pooling is supported");
  const auto kernel = nhwcPair(c.node, "ksize");
  const auto strides = nhwcPair(c.node, "strides");
  const auto padding = c.node.stringAttr("padding", "VALID");
  const auto [top, bottom] = tfPadding(padding, x.size(1), kernel[0], strides[0], 1);
  const auto [left, right] = tfPadding(padding, x.size(2), kernel[1], strides[1], 1);
  Tensor nchw = x.permute({0, 3, 1, 2});
  // TF's SAME max-pool never picks padding: pad with -inf.
  if (top || bottom || left || right)
    nchw = at::constant_pad_nd(nchw, {left, right, top, bottom}, -std::numeric_limits<double>::infinity());
  return {at::max_pool2d(nchw, kernel, strides).permute({0, 2, 3, 1})};
}

// ResizeBilinear on NHWC: align_corners: src = dst * (in-1)/(out-1); half_pixel_centers:
// src = (dst + 0.5) * in/out - 0.5 (clamped at 0); neither (TF1's legacy rule): src = dst * in/out.
std::vector<Tensor> tfResizeBilinear(const Ctx& c) {
  const auto& x = c.input(0);
  if (x.dim() != 4) fail("ResizeBilinear needs an NHWC tensor");
  const auto size = toInts(c.input(1));
  if (size.size() != 2 || size[0] <= 0 || size[1] <= 0) fail("ResizeBilinear size must be two positive values");
  const bool alignCorners = c.node.intAttr("align_corners", 0) != 0;
  const bool halfPixel = c.node.intAttr("half_pixel_centers", 0) != 0;
  auto axis = [&](int64_t in, int64_t out) {
    std::vector<int64_t> lo(static_cast<size_t>(out)), hi(static_cast<size_t>(out));
    std::vector<float> frac(static_cast<size_t>(out));
    for (int64_t d = 0; d < out; ++d) {
      double src;
      if (alignCorners)
        src = out > 1 ? double(d) * double(in - 1) / double(out - 1) : 0.0;
      else if (halfPixel)
        src = std::max(0.0, (d + 0.5) * double(in) / double(out) - 0.5);
      else
        src = double(d) * double(in) / double(out);
      const int64_t l = std::min<int64_t>(int64_t(std::floor(src)), in - 1);
      lo[size_t(d)] = l;
      hi[size_t(d)] = std::min<int64_t>(l + 1, in - 1);
      frac[size_t(d)] = float(src - double(l));
    }
    return std::tuple{torch::tensor(lo, torch::kInt64), torch::tensor(hi, torch::kInt64), torch::tensor(frac)};
  };
  const auto [y0, y1, fy] = axis(x.size(1), size[0]);
  const auto [x0, x1, fx] = axis(x.size(2), size[1]);
  const Tensor top = x.index_select(1, y0), bottom = x.index_select(1, y1);
  const Tensor wy = fy.view({1, -1, 1, 1}), wx = fx.view({1, 1, -1, 1});
  const Tensor rows = top + (bottom - top) * wy;
  const Tensor left = rows.index_select(2, x0), right = rows.index_select(2, x1);
  return {left + (right - left) * wx};
}

// StridedSlice with begin / end / shrink-axis masks (ellipsis and new-axis masks are refused at load).
std::vector<Tensor> tfStridedSlice(const Ctx& c) {
  const auto& x = c.input(0);
  const auto begin = toInts(c.input(1)), end = toInts(c.input(2)), strides = toInts(c.input(3));
  if (begin.size() != end.size() || begin.size() != strides.size() || int64_t(begin.size()) > x.dim())
    fail("begin, end and strides must match and not exceed the rank");
  const int64_t beginMask = c.node.intAttr("begin_mask", 0), endMask = c.node.intAttr("end_mask", 0);
  const int64_t shrinkMask = c.node.intAttr("shrink_axis_mask", 0);
  Tensor y = x;
  std::vector<int64_t> shrink;
  for (size_t i = 0; i < begin.size(); ++i) {
    const int64_t dim = x.size(int64_t(i));
    const int64_t step = strides[i];
    if (step <= 0) fail("StridedSlice with a non-positive stride is not supported");
    auto clampIndex = [dim](int64_t v) {
      if (v < 0) v += dim;
      return std::clamp<int64_t>(v, 0, dim);
    };
    int64_t s = (beginMask >> i) & 1 ? 0 : clampIndex(begin[i]);
    int64_t e = (endMask >> i) & 1 ? dim : clampIndex(end[i]);
    if ((shrinkMask >> i) & 1) {
      if (s >= dim) fail("StridedSlice shrinks an index out of range");
      e = s + 1;
      shrink.push_back(int64_t(i));
    }
    y = y.slice(int64_t(i), s, std::max(s, e), step);
  }
  for (auto it = shrink.rbegin(); it != shrink.rend(); ++it) y = y.squeeze(*it);
  return {y};
}

std::vector<Tensor> tfConcat(const Ctx& c) {
  if (c.in.size() < 2) fail("ConcatV2 needs values and an axis");
  std::vector<Tensor> parts(c.in.begin(), c.in.end() - 1);
  const int64_t axis = normAxis(c.in.back().item<int64_t>(), parts[0].dim());
  return {at::cat(parts, axis)};
}

std::vector<Tensor> tfReshape(const Ctx& c) {
  auto shape = toInts(c.input(1));  // TF: -1 infers, 0 is a real zero (no ONNX-style copy)
  return {c.input(0).reshape(shape)};
}

std::vector<Tensor> tfCast(const Ctx& c) {
  const auto to = c.node.stringAttr("DstT", "DT_FLOAT");
  if (to == "DT_FLOAT") return {c.input(0).to(torch::kFloat32)};
  if (to == "DT_INT32" || to == "DT_INT64") return {c.input(0).to(torch::kInt64)};
  if (to == "DT_BOOL") return {c.input(0).to(torch::kBool)};
  fail("Cast to " + to + " is not supported");
}

std::vector<Tensor> tfTopK(const Ctx& c) {
  const auto& x = c.input(0);
  const int64_t k = c.input(1).item<int64_t>();
  if (x.dim() < 1 || k < 0 || k > x.size(-1)) fail("TopKV2 k out of range");
  auto [values, indices] = at::topk(x, k, -1, true, true);
  return {values, indices};
}

std::vector<Tensor> tfGather(const Ctx& c) {
  const auto& x = c.input(0);
  const int64_t axis = normAxis(c.input(2).item<int64_t>(), x.dim());
  auto idx = c.input(1).to(torch::kInt64);
  if (idx.numel() && (idx.min().item<int64_t>() < 0 || idx.max().item<int64_t>() >= x.size(axis)))
    fail("GatherV2 index out of range");
  auto flat = x.index_select(axis, idx.flatten());
  std::vector<int64_t> shape(x.sizes().begin(), x.sizes().begin() + axis);
  shape.insert(shape.end(), idx.sizes().begin(), idx.sizes().end());
  shape.insert(shape.end(), x.sizes().begin() + axis + 1, x.sizes().end());
  return {flat.reshape(shape)};
}

std::vector<Tensor> tfPad(const Ctx& c) {
  const auto& x = c.input(0);
  const auto pads = toInts(c.input(1));  // [rank, 2]: before, after per dimension
  if (int64_t(pads.size()) != 2 * x.dim()) fail("Pad paddings must be [rank, 2]");
  std::vector<int64_t> torchPads;
  for (int64_t d = x.dim(); d-- > 0;) {
    torchPads.push_back(pads[size_t(2 * d)]);
    torchPads.push_back(pads[size_t(2 * d + 1)]);
  }
  return {at::constant_pad_nd(x, torchPads, 0.0)};
}

std::vector<Tensor> tfMean(const Ctx& c) {
  const auto& x = c.input(0);
  auto axes = toInts(c.input(1));
  for (auto& a : axes) a = normAxis(a, x.dim());
  return {x.mean(axes, c.node.intAttr("keep_dims", 0) != 0)};
}

const std::map<std::string, OpFn>& tfOperators() {
  static const std::map<std::string, OpFn> ops = {
      {"tf.Add", [](const Ctx& c) { return std::vector<Tensor>{at::add(c.input(0), c.input(1))}; }},
      {"tf.AddV2", [](const Ctx& c) { return std::vector<Tensor>{at::add(c.input(0), c.input(1))}; }},
      {"tf.Sub", [](const Ctx& c) { return std::vector<Tensor>{at::sub(c.input(0), c.input(1))}; }},
      {"tf.Mul", [](const Ctx& c) { return std::vector<Tensor>{at::mul(c.input(0), c.input(1))}; }},
      {"tf.FloorDiv", [](const Ctx& c) { return std::vector<Tensor>{at::div(c.input(0), c.input(1), "floor")}; }},
      {"tf.FloorMod", [](const Ctx& c) { return std::vector<Tensor>{at::remainder(c.input(0), c.input(1))}; }},
      {"tf.Equal", [](const Ctx& c) { return std::vector<Tensor>{at::eq(c.input(0), c.input(1))}; }},
      {"tf.Relu", [](const Ctx& c) { return std::vector<Tensor>{at::relu(c.input(0))}; }},
      {"tf.Relu6", [](const Ctx& c) { return std::vector<Tensor>{at::clamp(c.input(0), 0.0, 6.0)}; }},
      {"tf.Sigmoid", [](const Ctx& c) { return std::vector<Tensor>{at::sigmoid(c.input(0))}; }},
      {"tf.Identity", [](const Ctx& c) { return std::vector<Tensor>{c.input(0)}; }},
      {"tf.Conv2D", [](const Ctx& c) { return std::vector<Tensor>{tfConv(c, false)}; }},
      {"tf._FusedConv2D", [](const Ctx& c) { return std::vector<Tensor>{tfConv(c, false)}; }},
      {"tf.DepthwiseConv2dNative", [](const Ctx& c) { return std::vector<Tensor>{tfConv(c, true)}; }},
      {"tf.FusedDepthwiseConv2dNative", [](const Ctx& c) { return std::vector<Tensor>{tfConv(c, true)}; }},
      {"tf.MaxPool", tfMaxPool},
      {"tf.Mean", tfMean},
      {"tf.ResizeBilinear", tfResizeBilinear},
      {"tf.ConcatV2", tfConcat},
      {"tf.Reshape", tfReshape},
      {"tf.Cast", tfCast},
      {"tf.ExpandDims",
       [](const Ctx& c) {
         const auto& x = c.input(0);
         return std::vector<Tensor>{x.unsqueeze(normAxis(c.input(1).item<int64_t>(), x.dim() + 1))};
       }},
      {"tf.StridedSlice", tfStridedSlice},
      {"tf.TopKV2", tfTopK},
      {"tf.GatherV2", tfGather},
      {"tf.Pad", tfPad},
  };
  return ops;
}

std::string unsupportedTfAttribute(const Node& n) {
  const bool conv = n.op == "tf.Conv2D" || n.op == "tf._FusedConv2D" || n.op == "tf.DepthwiseConv2dNative" ||
                    n.op == "tf.FusedDepthwiseConv2dNative";
  if (conv || n.op == "tf.MaxPool") {
    if (n.stringAttr("data_format", "NHWC") != "NHWC") return "data_format " + n.stringAttr("data_format", "");
    const auto padding = n.stringAttr("padding", "VALID");
    if (padding != "SAME" && padding != "VALID") return "padding " + padding;
  }
  if (conv && n.stringAttr("filter_layout", "") != "OIHW") return "a filter the loader did not rewrite to OIHW";
  if (n.op == "tf._FusedConv2D" || n.op == "tf.FusedDepthwiseConv2dNative") {
    const auto fused = n.stringAttr("fused_ops", "");
    if (fused != "BiasAdd" && fused != "BiasAdd,Relu" && fused != "BiasAdd,Relu6") return "fused_ops " + fused;
    if (n.inputs.size() != 3) return "fused arguments other than one bias";
  }
  if (n.op == "tf.StridedSlice" && (n.intAttr("ellipsis_mask", 0) != 0 || n.intAttr("new_axis_mask", 0) != 0))
    return "StridedSlice with an ellipsis or new-axis mask";
  if (n.op == "tf.GatherV2" && n.intAttr("batch_dims", 0) != 0) return "GatherV2 batch_dims";
  if (n.op == "tf.ResizeBilinear" && n.intAttr("align_corners", 0) && n.intAttr("half_pixel_centers", 0))
    return "ResizeBilinear with both align_corners and half_pixel_centers";
  return {};
}

// Attribute values each operator implements; anything else is refused at load.
std::string unsupportedAttribute(const Node& n) {
  if (n.op.rfind("tf.", 0) == 0) return unsupportedTfAttribute(n);
  if (n.op == "Resize") {
    const auto mode = n.stringAttr("mode", "nearest");
    const auto coord = n.stringAttr("coordinate_transformation_mode", "half_pixel");
    if (mode == "nearest") {
      if (coord != "asymmetric" || n.stringAttr("nearest_mode", "round_prefer_floor") != "floor")
        return "nearest Resize needs coordinate_transformation_mode=asymmetric and nearest_mode=floor";
    } else if (mode == "linear") {
      if (coord != "half_pixel" && coord != "align_corners" && coord != "pytorch_half_pixel")
        return "linear Resize with coordinate_transformation_mode=" + coord;
    } else {
      return "Resize mode " + mode;
    }
  }
  if ((n.op == "Conv" || n.op == "ConvTranspose" || n.op == "MaxPool" || n.op == "AveragePool") &&
      n.stringAttr("auto_pad", "NOTSET") != "NOTSET")
    return n.op + " auto_pad=" + n.stringAttr("auto_pad", "");
  if (n.op == "MaxPool" && n.outputs.size() > 1) return "MaxPool with an Indices output";
  if (n.op == "BatchNormalization" && n.outputs.size() > 1) return "BatchNormalization in training mode";
  return {};
}

}  // namespace

struct GraphRuntime::Impl {
  Graph graph;
  std::unordered_map<std::string, at::Tensor> constants;
  std::vector<const OpFn*> fns;  // per node
};

GraphRuntime::GraphRuntime(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GraphRuntime::GraphRuntime(GraphRuntime&&) noexcept = default;
GraphRuntime& GraphRuntime::operator=(GraphRuntime&&) noexcept = default;
GraphRuntime::~GraphRuntime() = default;

const Graph& GraphRuntime::graph() const { return impl_->graph; }

std::vector<std::string> GraphRuntime::supportedOperators() {
  std::vector<std::string> names;
  for (const auto& [name, fn] : operators()) names.push_back(name);
  for (const auto& [name, fn] : tfOperators()) names.push_back(name);
  return names;
}

Result<GraphRuntime> GraphRuntime::create(Graph graph) {
  auto impl = std::make_unique<Impl>();
  std::set<std::string> defined;
  for (const auto& in : graph.inputs) defined.insert(in.name);
  for (const auto& [name, t] : graph.constants) defined.insert(name);
  for (const auto& n : graph.nodes) {
    const auto& table = n.op.rfind("tf.", 0) == 0 ? tfOperators() : operators();
    auto it = table.find(n.op);
    const std::string where = " (node '" + n.name + "')";
    if (it == table.end()) return makeError(ErrorCode::Unsupported, "unsupported graph operator " + n.op + where);
    if (auto why = unsupportedAttribute(n); !why.empty())
      return makeError(ErrorCode::Unsupported, "unsupported " + n.op + " attributes: " + why + where);
    for (const auto& in : n.inputs)
      if (!in.empty() && !defined.count(in))
        return makeError(ErrorCode::InvalidInput,
                         n.op + where + " reads '" + in + "', which nothing defines before it");
    for (const auto& out : n.outputs) defined.insert(out);
    impl->fns.push_back(&it->second);
  }
  for (const auto& out : graph.outputs)
    if (!defined.count(out.name))
      return makeError(ErrorCode::InvalidInput, "graph output '" + out.name + "' is never computed");
  try {
    for (const auto& [name, t] : graph.constants) impl->constants.emplace(name, toTorch(t));
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, std::string("graph constants: ") + e.what());
  }
  impl->graph = std::move(graph);
  return GraphRuntime(std::move(impl));
}

namespace {

struct Program {
  const Graph& graph;
  const std::unordered_map<std::string, Tensor>& constants;
  const std::vector<const OpFn*>& fns;
};

Result<std::vector<graph::Tensor>> runGraph(const Program& p, TensorMap values) {
  const auto& g = p.graph;
  for (const auto& in : g.inputs)
    if (!values.count(in.name)) return makeError(ErrorCode::InvalidArgument, "graph input '" + in.name + "' not given");
  // Values last read by a node are released after it, so peak memory stays near one layer's.
  std::unordered_map<std::string, size_t> lastUse;
  for (size_t i = 0; i < g.nodes.size(); ++i)
    for (const auto& in : g.nodes[i].inputs) lastUse[in] = i;
  for (const auto& out : g.outputs) lastUse[out.name] = g.nodes.size();
  try {
    c10::InferenceMode guard;
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      const Node& node = g.nodes[i];
      Ctx ctx{node, {}, g.opsetVersion};
      for (const auto& name : node.inputs) {
        if (name.empty()) {
          ctx.in.emplace_back();
          continue;
        }
        auto v = values.find(name);
        ctx.in.push_back(v != values.end() ? v->second : p.constants.at(name));
      }
      std::vector<Tensor> outs;
      try {
        outs = (*p.fns[i])(ctx);
      } catch (const OpError& e) {
        return makeError(ErrorCode::InvalidArgument, node.op + " (node '" + node.name + "'): " + e.message);
      } catch (const c10::Error& e) {
        return makeError(ErrorCode::InvalidArgument,
                         node.op + " (node '" + node.name + "'): " + e.what_without_backtrace());
      }
      for (size_t o = 0; o < node.outputs.size() && o < outs.size(); ++o) values[node.outputs[o]] = outs[o];
      for (const auto& name : node.inputs)
        if (auto it = lastUse.find(name); it != lastUse.end() && it->second == i) values.erase(name);
    }
    std::vector<graph::Tensor> result;
    for (const auto& out : g.outputs) {
      auto v = values.find(out.name);
      if (v == values.end()) {
        auto c = p.constants.find(out.name);
        if (c == p.constants.end()) return makeError(ErrorCode::Internal, "output '" + out.name + "' missing");
        result.push_back(fromTorch(c->second));
      } else {
        result.push_back(fromTorch(v->second));
      }
    }
    return result;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("graph runtime: ") + e.what());
  }
}

}  // namespace

Result<std::vector<graph::Tensor>> GraphRuntime::run(const std::map<std::string, graph::Tensor>& inputs) const {
  TensorMap values;
  try {
    for (const auto& [name, t] : inputs) {
      if (t.elementCount() != static_cast<int64_t>(t.type == TensorType::Float32 ? t.floats.size() : t.ints.size()))
        return makeError(ErrorCode::InvalidArgument, "input '" + name + "' data does not match its shape");
      values[name] = toTorch(t);
    }
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidArgument, std::string("graph input: ") + e.what());
  }
  return runGraph(Program{impl_->graph, impl_->constants, impl_->fns}, std::move(values));
}

Result<std::vector<graph::Tensor>> GraphRuntime::runFloat(const std::string& inputName, const float* data,
                                                          const std::vector<int64_t>& shape) const {
  for (auto d : shape)
    if (d <= 0) return makeError(ErrorCode::InvalidArgument, "input '" + inputName + "' has an empty dimension");
  TensorMap values;
  try {
    values[inputName] = torch::from_blob(const_cast<float*>(data), shape, torch::kFloat32);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidArgument, std::string("graph input: ") + e.what());
  }
  return runGraph(Program{impl_->graph, impl_->constants, impl_->fns}, std::move(values));
}

}  // namespace ugc::model::graph
