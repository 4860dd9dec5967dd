// Every operator of the graph runtime against small hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "model/graph/graph_runtime.h"

namespace ugc::model::graph {
namespace {

Tensor f32(std::vector<int64_t> shape, std::vector<float> data) {
  Tensor t;
  t.shape = std::move(shape);
  t.floats = std::move(data);
  return t;
}
Tensor i64(std::vector<int64_t> shape, std::vector<int64_t> data) {
  Tensor t;
  t.type = TensorType::Int64;
  t.shape = std::move(shape);
  t.ints = std::move(data);
  return t;
}

Node node(std::string op, std::vector<std::string> in, std::map<std::string, Attribute> attrs = {}) {
  Node n;
  n.op = std::move(op);
  n.name = n.op + "_0";
  n.inputs = std::move(in);
  n.outputs = {"y"};
  n.attributes = std::move(attrs);
  return n;
}

// One node y = op(x, constants...), run on x.
Result<Tensor> runOne(const Node& n, const Tensor& x, std::map<std::string, Tensor> constants = {},
                      int64_t opset = 11) {
  Graph g;
  g.opsetVersion = opset;
  g.inputs = {{"x", x.shape}};
  g.outputs = {{"y", {}}};
  g.nodes = {n};
  g.constants = std::move(constants);
  auto rt = GraphRuntime::create(std::move(g));
  if (!rt) return tl::unexpected(rt.error());
  auto out = rt->run({{"x", x}});
  if (!out) return tl::unexpected(out.error());
  return out->at(0);
}

void expectFloats(const Result<Tensor>& t, std::vector<int64_t> shape, std::vector<float> want, float tol = 1e-5f) {
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->shape, shape);
  ASSERT_EQ(t->floats.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(t->floats[i], want[i], tol) << "at " << i;
}

const Tensor kImage3x3 = f32({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});

TEST(GraphRuntimeConv, KnownWeightsAndBias) {
  auto y = runOne(node("Conv", {"x", "w", "b"}, {{"kernel_shape", std::vector<int64_t>{2, 2}}}), kImage3x3,
                  {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}, {"b", f32({1}, {0.5f})}});
  expectFloats(y, {1, 1, 2, 2}, {12.5f, 16.5f, 24.5f, 28.5f});
}

TEST(GraphRuntimeConv, SymmetricPadsWithStride) {
  auto y = runOne(node("Conv", {"x", "w", "b"},
                       {{"pads", std::vector<int64_t>{1, 1, 1, 1}}, {"strides", std::vector<int64_t>{2, 2}}}),
                  kImage3x3, {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}, {"b", f32({1}, {0.5f})}});
  expectFloats(y, {1, 1, 2, 2}, {1.5f, 5.5f, 11.5f, 28.5f});
}

TEST(GraphRuntimeConv, AsymmetricPadsPadBottomRightOnly) {
  auto y = runOne(node("Conv", {"x", "w"}, {{"pads", std::vector<int64_t>{0, 0, 1, 1}}}), kImage3x3,
                  {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}});
  expectFloats(y, {1, 1, 3, 3}, {12, 16, 9, 24, 28, 15, 15, 17, 9});
}

TEST(GraphRuntimeConv, DepthwiseGroups) {
  // Two channels, each scaled by its own 1x1 kernel.
  auto y = runOne(node("Conv", {"x", "w"}, {{"group", int64_t{2}}}), f32({1, 2, 1, 2}, {1, 2, 3, 4}),
                  {{"w", f32({2, 1, 1, 1}, {10, -1})}});
  expectFloats(y, {1, 2, 1, 2}, {10, 20, -3, -4});
}

TEST(GraphRuntimeConv, WrongChannelCountIsAnErrorNotACrash) {
  auto y = runOne(node("Conv", {"x", "w"}), f32({1, 2, 3, 3}, std::vector<float>(18, 1.f)),
                  {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}});
  ASSERT_FALSE(y);
  EXPECT_EQ(y.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(y.error().message.find("Conv"), std::string::npos);
}

TEST(GraphRuntimeConv, KernelLargerThanA1x1InputIsAnError) {
  auto y =
      runOne(node("Conv", {"x", "w"}), f32({1, 1, 1, 1}, {1}), {{"w", f32({1, 1, 3, 3}, std::vector<float>(9, 1.f))}});
  ASSERT_FALSE(y);
  EXPECT_EQ(y.error().code, ErrorCode::InvalidArgument);
}

TEST(GraphRuntimeConvTranspose, StrideTwoExpandsEachPixelToABlock) {
  auto y = runOne(node("ConvTranspose", {"x", "w"}, {{"strides", std::vector<int64_t>{2, 2}}}),
                  f32({1, 1, 2, 2}, {1, 2, 3, 4}), {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}});
  expectFloats(y, {1, 1, 4, 4}, {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
}

TEST(GraphRuntimeResize, NearestAsymmetricFloorDoubles) {
  Node n = node("Resize", {"x", "", "scales"},
                {{"mode", std::string("nearest")},
                 {"coordinate_transformation_mode", std::string("asymmetric")},
                 {"nearest_mode", std::string("floor")}});
  auto y = runOne(n, f32({1, 1, 2, 2}, {1, 2, 3, 4}), {{"scales", f32({4}, {1, 1, 2, 2})}});
  expectFloats(y, {1, 1, 4, 4}, {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
}

TEST(GraphRuntimeResize, LinearHalfPixelClampsAtTheEdges) {
  Node n = node("Resize", {"x", "", "scales"},
                {{"mode", std::string("linear")}, {"coordinate_transformation_mode", std::string("half_pixel")}});
  auto y = runOne(n, f32({1, 1, 1, 2}, {0, 1}), {{"scales", f32({4}, {1, 1, 1, 2})}});
  expectFloats(y, {1, 1, 1, 4}, {0, 0.25f, 0.75f, 1});
}

TEST(GraphRuntimeResize, SizesInputAndAlignCorners) {
  Node n = node("Resize", {"x", "", "", "sizes"},
                {{"mode", std::string("linear")}, {"coordinate_transformation_mode", std::string("align_corners")}});
  auto y = runOne(n, f32({1, 1, 1, 2}, {0, 1}), {{"sizes", i64({4}, {1, 1, 1, 3})}});
  expectFloats(y, {1, 1, 1, 3}, {0, 0.5f, 1});
}

TEST(GraphRuntimeResize, UnimplementedModesAreRefusedAtLoad) {
  Graph g;
  g.inputs = {{"x", {1, 1, 2, 2}}};
  g.outputs = {{"y", {}}};
  g.nodes = {node("Resize", {"x"}, {{"mode", std::string("cubic")}})};
  auto rt = GraphRuntime::create(g);
  ASSERT_FALSE(rt);
  EXPECT_EQ(rt.error().code, ErrorCode::Unsupported);
  EXPECT_NE(rt.error().message.find("cubic"), std::string::npos);
  g.nodes = {node("Resize", {"x"}, {{"mode", std::string("nearest")}})};  // half_pixel + round_prefer_floor
  EXPECT_FALSE(GraphRuntime::create(g));
}

TEST(GraphRuntimePooling, MaxAveragePadsAndGlobal) {
  expectFloats(runOne(node("MaxPool", {"x"},
                           {{"kernel_shape", std::vector<int64_t>{2, 2}},
                            {"strides", std::vector<int64_t>{2, 2}},
                            {"pads", std::vector<int64_t>{0, 0, 1, 1}}}),
                      kImage3x3),
               {1, 1, 2, 2}, {5, 6, 8, 9});
  // count_include_pad=0: the padded corner window averages only its one real pixel.
  expectFloats(runOne(node("AveragePool", {"x"},
                           {{"kernel_shape", std::vector<int64_t>{2, 2}},
                            {"strides", std::vector<int64_t>{2, 2}},
                            {"pads", std::vector<int64_t>{1, 1, 1, 1}},
                            {"count_include_pad", int64_t{0}}}),
                      kImage3x3),
               {1, 1, 2, 2}, {1, 2.5f, 5.5f, 7});
  expectFloats(runOne(node("GlobalAveragePool", {"x"}), kImage3x3), {1, 1, 1, 1}, {5});
}

TEST(GraphRuntimeElementwise, ActivationsAndArithmetic) {
  const auto x = f32({4}, {-2, -0.5f, 0.5f, 4});
  expectFloats(runOne(node("Relu", {"x"}), x), {4}, {0, 0, 0.5f, 4});
  expectFloats(
      runOne(node("Sigmoid", {"x"}), x), {4},
      {1 / (1 + std::exp(2.f)), 1 / (1 + std::exp(0.5f)), 1 / (1 + std::exp(-0.5f)), 1 / (1 + std::exp(-4.f))});
  expectFloats(runOne(node("HardSigmoid", {"x"}, {{"alpha", 0.2f}, {"beta", 0.5f}}), x), {4}, {0.1f, 0.4f, 0.6f, 1});
  expectFloats(runOne(node("Clip", {"x", "lo", "hi"}), x, {{"lo", f32({}, {0})}, {"hi", f32({}, {1})}}), {4},
               {0, 0, 0.5f, 1});
  expectFloats(runOne(node("Clip", {"x"}, {{"min", -1.f}, {"max", 0.f}}), x, {}, 9), {4}, {-1, -0.5f, 0, 0});
  const std::map<std::string, Tensor> two{{"c", f32({1}, {2})}};
  expectFloats(runOne(node("Add", {"x", "c"}), x, two), {4}, {0, 1.5f, 2.5f, 6});
  expectFloats(runOne(node("Sub", {"x", "c"}), x, two), {4}, {-4, -2.5f, -1.5f, 2});
  expectFloats(runOne(node("Mul", {"x", "c"}), x, two), {4}, {-4, -1, 1, 8});
  expectFloats(runOne(node("Div", {"x", "c"}), x, two), {4}, {-1, -0.25f, 0.25f, 2});
  expectFloats(runOne(node("Pow", {"x", "c"}), x, two), {4}, {4, 0.25f, 0.25f, 16});
  expectFloats(runOne(node("Sqrt", {"x"}), f32({2}, {4, 9})), {2}, {2, 3});
  expectFloats(runOne(node("Identity", {"x"}), x), {4}, {-2, -0.5f, 0.5f, 4});
}

TEST(GraphRuntimeElementwise, IntegerDivisionTruncatesAndCastConverts) {
  auto y = runOne(node("Div", {"x", "c"}), i64({3}, {7, -7, 6}), {{"c", i64({}, {2})}});
  ASSERT_TRUE(y) << y.error().describe();
  EXPECT_EQ(y->ints, (std::vector<int64_t>{3, -3, 3}));
  expectFloats(runOne(node("Cast", {"x"}, {{"to", int64_t{1}}}), i64({2}, {3, -1})), {2}, {3, -1});
  auto ints = runOne(node("Cast", {"x"}, {{"to", int64_t{7}}}), f32({2}, {2.7f, -2.7f}));
  ASSERT_TRUE(ints);
  EXPECT_EQ(ints->ints, (std::vector<int64_t>{2, -2}));
}

TEST(GraphRuntimeNormalisation, BatchNormalizationPerChannel) {
  // y = scale * (x - mean) / sqrt(var + eps) + bias, per channel.
  auto y = runOne(
      node("BatchNormalization", {"x", "s", "b", "m", "v"}, {{"epsilon", 0.f}}), f32({1, 2, 1, 2}, {1, 3, 10, 20}),
      {{"s", f32({2}, {2, 1})}, {"b", f32({2}, {1, 0})}, {"m", f32({2}, {1, 10})}, {"v", f32({2}, {4, 100})}});
  expectFloats(y, {1, 2, 1, 2}, {1, 3, 0, 1});
}

TEST(GraphRuntimeShapes, CtcHeadReshapes) {
  // The recogniser's head: [N, C, 1, W] -> squeeze H -> [N, W, C] -> softmax over the classes.
  const auto x = f32({1, 2, 1, 3}, {0, 1, 2, 0, 1, 2});
  auto sq = runOne(node("Squeeze", {"x"}, {{"axes", std::vector<int64_t>{2}}}), x, {}, 9);
  expectFloats(sq, {1, 2, 3}, {0, 1, 2, 0, 1, 2});
  auto tr = runOne(node("Transpose", {"x"}, {{"perm", std::vector<int64_t>{0, 2, 1}}}), *sq);
  expectFloats(tr, {1, 3, 2}, {0, 0, 1, 1, 2, 2});
  expectFloats(runOne(node("Softmax", {"x"}, {{"axis", int64_t{2}}}), *tr, {}, 9), {1, 3, 2},
               {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
  // Opset < 13 with an inner axis flattens the trailing dimensions: one softmax over all 6 values.
  auto flat = runOne(node("Softmax", {"x"}, {{"axis", int64_t{1}}}), *tr, {}, 9);
  ASSERT_TRUE(flat);
  float sum = 0;
  for (float v : flat->floats) sum += v;
  EXPECT_NEAR(sum, 1.f, 1e-5f);
  // Reshape: 0 copies a dimension, -1 infers one.
  expectFloats(runOne(node("Reshape", {"x", "s"}), x, {{"s", i64({3}, {0, -1, 3})}}), {1, 2, 3}, {0, 1, 2, 0, 1, 2});
  expectFloats(runOne(node("Unsqueeze", {"x"}, {{"axes", std::vector<int64_t>{0}}}), f32({2}, {1, 2}), {}, 9), {1, 2},
               {1, 2});
  expectFloats(runOne(node("Unsqueeze", {"x", "a"}), f32({2}, {1, 2}), {{"a", i64({1}, {-1})}}, 13), {2, 1}, {1, 2});
  auto shape = runOne(node("Shape", {"x"}), x);
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->ints, (std::vector<int64_t>{1, 2, 1, 3}));
  auto gathered =
      runOne(node("Gather", {"x", "i"}, {{"axis", int64_t{0}}}), i64({4}, {1, 2, 1, 3}), {{"i", i64({}, {-1})}});
  ASSERT_TRUE(gathered);
  EXPECT_EQ(gathered->ints, (std::vector<int64_t>{3}));
  EXPECT_TRUE(gathered->shape.empty());
  EXPECT_FALSE(runOne(node("Gather", {"x", "i"}), i64({2}, {1, 2}), {{"i", i64({1}, {5})}}));
  auto size = runOne(node("Size", {"x"}), x);
  ASSERT_TRUE(size);
  EXPECT_EQ(size->ints, (std::vector<int64_t>{6}));
}

TEST(GraphRuntimeShapes, SliceAttributeAndInputForms) {
  const auto x = f32({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7});
  expectFloats(runOne(node("Slice", {"x"},
                           {{"starts", std::vector<int64_t>{1}},
                            {"ends", std::vector<int64_t>{-1}},
                            {"axes", std::vector<int64_t>{1}}}),
                      x, {}, 9),
               {2, 2}, {1, 2, 5, 6});
  expectFloats(runOne(node("Slice", {"x", "s", "e", "a", "st"}), x,
                      {{"s", i64({1}, {0})},
                       {"e", i64({1}, {std::numeric_limits<int64_t>::max()})},
                       {"a", i64({1}, {1})},
                       {"st", i64({1}, {2})}}),
               {2, 2}, {0, 2, 4, 6});
}

TEST(GraphRuntimeShapes, ConcatMatMulReduceMeanPad) {
  const auto x = f32({1, 2}, {1, 2});
  expectFloats(runOne(node("Concat", {"x", "c"}, {{"axis", int64_t{-1}}}), x, {{"c", f32({1, 1}, {3})}}), {1, 3},
               {1, 2, 3});
  expectFloats(runOne(node("MatMul", {"x", "w"}), x, {{"w", f32({2, 2}, {1, 2, 3, 4})}}), {1, 2}, {7, 10});
  expectFloats(runOne(node("ReduceMean", {"x"}, {{"axes", std::vector<int64_t>{-1}}}), x), {1, 1}, {1.5f});
  expectFloats(runOne(node("ReduceMean", {"x"}, {{"axes", std::vector<int64_t>{1}}, {"keepdims", int64_t{0}}}), x), {1},
               {1.5f});
  expectFloats(runOne(node("Pad", {"x", "p"}), x, {{"p", i64({4}, {0, 1, 0, 2})}}), {1, 5}, {0, 1, 2, 0, 0});
  auto eq = runOne(node("Equal", {"x", "c"}), i64({2}, {1, 2}), {{"c", i64({}, {2})}});
  ASSERT_TRUE(eq);
  EXPECT_EQ(eq->ints, (std::vector<int64_t>{0, 1}));
}

TEST(GraphRuntimeLoad, UnsupportedOperatorIsNamedAtLoad) {
  Graph g;
  g.inputs = {{"x", {1}}};
  g.outputs = {{"y", {}}};
  g.nodes = {node("LSTM", {"x"})};
  auto rt = GraphRuntime::create(g);
  ASSERT_FALSE(rt);
  EXPECT_EQ(rt.error().code, ErrorCode::Unsupported);
  EXPECT_NE(rt.error().message.find("LSTM"), std::string::npos) << rt.error().message;
}

TEST(GraphRuntimeLoad, UndefinedInputsAndMissingOutputsAreRefused) {
  Graph g;
  g.inputs = {{"x", {1}}};
  g.outputs = {{"y", {}}};
  g.nodes = {node("Add", {"x", "nowhere"})};
  EXPECT_EQ(GraphRuntime::create(g).error().code, ErrorCode::InvalidInput);
  g.nodes = {node("Relu", {"x"})};
  g.outputs = {{"z", {}}};
  EXPECT_EQ(GraphRuntime::create(g).error().code, ErrorCode::InvalidInput);
}

TEST(GraphRuntimeRun, MissingOrMalformedInputsAreErrors) {
  Graph g;
  g.inputs = {{"x", {2}}};
  g.outputs = {{"y", {}}};
  g.nodes = {node("Relu", {"x"})};
  auto rt = GraphRuntime::create(g);
  ASSERT_TRUE(rt);
  EXPECT_EQ(rt->run({}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(rt->run({{"x", f32({3}, {1, 2})}}).error().code, ErrorCode::InvalidArgument);
  const float data[2] = {-1, 1};
  auto y = rt->runFloat("x", data, {2});
  ASSERT_TRUE(y);
  EXPECT_EQ(y->at(0).floats, (std::vector<float>{0, 1}));
  EXPECT_FALSE(rt->runFloat("x", data, {0}));
}

}  // namespace
}  // namespace ugc::model::graph
