// The TF.js graph-model loader and the TensorFlow operators of the graph runtime, each against
// small hand-computed cases (NHWC layout, SAME/VALID padding, TF's resize rules), plus the
// loader's weight formats (float32, int32, float16, uint8) on files the test writes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "model/graph/graph_runtime.h"
#include "model/graph/tfjs_loader.h"
#include "support/test_support.h"

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

Node tfNode(std::string op, std::vector<std::string> in, std::map<std::string, Attribute> attrs = {},
            std::vector<std::string> outputs = {"y"}) {
  Node n;
  n.op = "tf." + op;
  n.name = op + "_0";
  n.inputs = std::move(in);
  n.outputs = std::move(outputs);
  n.attributes = std::move(attrs);
  return n;
}

Result<std::vector<Tensor>> runTf(const Node& n, const Tensor& x, std::map<std::string, Tensor> constants = {}) {
  Graph g;
  g.inputs = {{"x", x.shape}};
  for (const auto& o : n.outputs) g.outputs.push_back({o, {}});
  g.nodes = {n};
  g.constants = std::move(constants);
  auto rt = GraphRuntime::create(std::move(g));
  if (!rt) return tl::unexpected(rt.error());
  return rt->run({{"x", x}});
}

void expectFloats(const Result<std::vector<Tensor>>& t, std::vector<int64_t> shape, std::vector<float> want,
                  float tol = 1e-5f) {
  ASSERT_TRUE(t) << t.error().describe();
  const Tensor& y = t->at(0);
  EXPECT_EQ(y.shape, shape);
  ASSERT_EQ(y.floats.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(y.floats[i], want[i], tol) << "at " << i;
}

// 3x3 single-channel image, NHWC.
const Tensor kImage = f32({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
const Attribute kOihw = std::string("OIHW");
Attribute ints(std::vector<int64_t> v) { return v; }

TEST(TfOps, Conv2DSamePaddingKnownWeights) {
  // 2x2 ones kernel, SAME with stride 1: TF pads 0 before and 1 after (the odd pixel goes after).
  auto y = runTf(tfNode("Conv2D", {"x", "w"},
                        {{"padding", std::string("SAME")}, {"strides", ints({1, 1, 1, 1})}, {"filter_layout", kOihw}}),
                 kImage, {{"w", f32({1, 1, 2, 2}, {1, 1, 1, 1})}});
  expectFloats(y, {1, 3, 3, 1}, {12, 16, 9, 24, 28, 15, 15, 17, 9});
}

TEST(TfOps, FusedConvBiasReluValidStrideTwo) {
  // 2x2 kernel [1, 0; 0, -1] + bias 1, VALID, stride 2 on 3x3: one output = 1 - 5 + 1 = -3 -> relu 0;
  // with the kernel negated: 5 - 1 + 1 = 5.
  auto attrs = std::map<std::string, Attribute>{{"padding", std::string("VALID")},
                                                {"strides", ints({1, 2, 2, 1})},
                                                {"fused_ops", std::string("BiasAdd,Relu")},
                                                {"filter_layout", kOihw}};
  expectFloats(runTf(tfNode("_FusedConv2D", {"x", "w", "b"}, attrs), kImage,
                     {{"w", f32({1, 1, 2, 2}, {1, 0, 0, -1})}, {"b", f32({1}, {1})}}),
               {1, 1, 1, 1}, {0});
  expectFloats(runTf(tfNode("_FusedConv2D", {"x", "w", "b"}, attrs), kImage,
                     {{"w", f32({1, 1, 2, 2}, {-1, 0, 0, 1})}, {"b", f32({1}, {1})}}),
               {1, 1, 1, 1}, {5});
}

TEST(TfOps, DepthwiseConvKeepsChannelsApartAndSamePadsBothSidesForOddKernels) {
  // Two channels: channel 0 = 1..9, channel 1 = 10 * that; 3x3 box filter per channel, SAME
  // (1 pixel each side): the centre sums all 9 pixels, the corner 4.
  Tensor x = f32({1, 3, 3, 2}, {});
  for (int i = 1; i <= 9; ++i) {
    x.floats.push_back(float(i));
    x.floats.push_back(float(10 * i));
  }
  auto y = runTf(tfNode("DepthwiseConv2dNative", {"x", "w"}, {{"padding", std::string("SAME")}, {"filter_layout", kOihw}}),
                 x, {{"w", f32({2, 1, 3, 3}, std::vector<float>(18, 1.f))}});
  ASSERT_TRUE(y) << y.error().describe();
  EXPECT_EQ(y->at(0).shape, (std::vector<int64_t>{1, 3, 3, 2}));
  EXPECT_FLOAT_EQ(y->at(0).floats[0], 1 + 2 + 4 + 5);          // corner, channel 0
  EXPECT_FLOAT_EQ(y->at(0).floats[1], 10 * (1 + 2 + 4 + 5));   // corner, channel 1
  EXPECT_FLOAT_EQ(y->at(0).floats[4 * 2], 45);                 // centre, channel 0
  EXPECT_FLOAT_EQ(y->at(0).floats[4 * 2 + 1], 450);            // centre, channel 1
}

TEST(TfOps, LoaderRewritesHwioFiltersToOihw) {
  // A 1x1 conv from 2 to 3 channels, filter HWIO [1,1,2,3] = [[a0 a1 a2],[b0 b1 b2]]: out_o = x0*a_o + x1*b_o.
  test::TempDir dir;
  const std::vector<float> filter{1, 2, 3, 10, 20, 30};
  std::string bin(reinterpret_cast<const char*>(filter.data()), filter.size() * 4);
  std::ofstream(dir / "w.bin", std::ios::binary) << bin;
  nlohmann::json model = {
      {"format", "graph-model"},
      {"modelTopology",
       {{"node",
         {{{"name", "x"}, {"op", "Placeholder"}},
          {{"name", "w"}, {"op", "Const"}},
          {{"name", "y"},
           {"op", "Conv2D"},
           {"input", {"x", "w"}},
           {"attr",
            {{"padding", {{"s", "VkFMSUQ="}}},  // "VALID"
             {"data_format", {{"s", "TkhXQw=="}}},
             {"strides", {{"list", {{"i", {"1", "1", "1", "1"}}}}}}}}}}}}},
      {"weightsManifest",
       {{{"paths", {"w.bin"}}, {"weights", {{{"name", "w"}, {"shape", {1, 1, 2, 3}}, {"dtype", "float32"}}}}}}}};
  std::ofstream(dir / "model.json") << model.dump();
  auto g = loadTfjsGraph(dir / "model.json");
  ASSERT_TRUE(g) << g.error().describe();
  ASSERT_EQ(g->outputs.size(), 1u);
  EXPECT_EQ(g->outputs[0].name, "y");
  auto rt = GraphRuntime::create(std::move(*g));
  ASSERT_TRUE(rt) << rt.error().describe();
  auto y = rt->run({{"x", f32({1, 1, 1, 2}, {1, 2})}});
  expectFloats(y, {1, 1, 1, 3}, {21, 42, 63});
}

TEST(TfOps, MaxPoolSameNeverPicksThePadding) {
  Tensor x = f32({1, 3, 3, 1}, {-1, -2, -3, -4, -5, -6, -7, -8, -9});
  auto y = runTf(tfNode("MaxPool", {"x"},
                        {{"ksize", ints({1, 2, 2, 1})}, {"strides", ints({1, 2, 2, 1})}, {"padding", std::string("SAME")}}),
                 x);
  expectFloats(y, {1, 2, 2, 1}, {-1, -3, -7, -9});
}

TEST(TfOps, ResizeBilinearLegacyHalfPixelAndAlignCorners) {
  // 1x2 row [0, 10] resized to width 4.
  const Tensor row = f32({1, 1, 2, 1}, {0, 10});
  const std::map<std::string, Tensor> size{{"s", i64({2}, {1, 4})}};
  // Legacy (TF1 default): src = dst * 2/4 = 0, 0.5, 1, 1.5 (clamped to the last pixel).
  expectFloats(runTf(tfNode("ResizeBilinear", {"x", "s"}), row, size), {1, 1, 4, 1}, {0, 5, 10, 10});
  // Half-pixel centres: src = (dst + 0.5) / 2 - 0.5 = -0.25 (-> 0), 0.25, 0.75, 1.25.
  expectFloats(runTf(tfNode("ResizeBilinear", {"x", "s"}, {{"half_pixel_centers", int64_t(1)}}), row, size),
               {1, 1, 4, 1}, {0, 2.5f, 7.5f, 10});
  // Align corners: src = dst * 1/3.
  expectFloats(runTf(tfNode("ResizeBilinear", {"x", "s"}, {{"align_corners", int64_t(1)}}), row, size), {1, 1, 4, 1},
               {0, 10.f / 3, 20.f / 3, 10});
}

TEST(TfOps, MeanRelu6SigmoidAndArithmetic) {
  const Tensor x = f32({1, 2, 2, 1}, {-3, 1, 7, 11});
  expectFloats(runTf(tfNode("Mean", {"x", "a"}, {{"keep_dims", int64_t(1)}}), x, {{"a", i64({2}, {1, 2})}}),
               {1, 1, 1, 1}, {4});
  expectFloats(runTf(tfNode("Relu6", {"x"}), x), {1, 2, 2, 1}, {0, 1, 6, 6});
  expectFloats(runTf(tfNode("Sigmoid", {"x"}), f32({1}, {0})), {1}, {0.5f});
  expectFloats(runTf(tfNode("AddV2", {"x", "c"}), x, {{"c", f32({}, {1})}}), {1, 2, 2, 1}, {-2, 2, 8, 12});
  expectFloats(runTf(tfNode("Sub", {"x", "c"}), x, {{"c", f32({}, {1})}}), {1, 2, 2, 1}, {-4, 0, 6, 10});
  expectFloats(runTf(tfNode("Mul", {"x", "c"}), x, {{"c", f32({}, {2})}}), {1, 2, 2, 1}, {-6, 2, 14, 22});
}

TEST(TfOps, FloorDivAndFloorModRoundTowardsMinusInfinity) {
  const Tensor x = i64({4}, {7, -7, 7, -7});
  auto d = runTf(tfNode("FloorDiv", {"x", "c"}), x, {{"c", i64({4}, {2, 2, -2, -2})}});
  ASSERT_TRUE(d) << d.error().describe();
  EXPECT_EQ(d->at(0).ints, (std::vector<int64_t>{3, -4, -4, 3}));
  auto m = runTf(tfNode("FloorMod", {"x", "c"}), x, {{"c", i64({4}, {2, 2, -2, -2})}});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at(0).ints, (std::vector<int64_t>{1, 1, -1, -1}));
}

TEST(TfOps, TopKGatherExpandDimsConcatCastEqual) {
  const Tensor x = f32({1, 5}, {0.1f, 0.9f, 0.3f, 0.7f, 0.5f});
  auto top = runTf(tfNode("TopKV2", {"x", "k"}, {}, {"v", "v:1"}), x, {{"k", i64({}, {2})}});
  ASSERT_TRUE(top) << top.error().describe();
  EXPECT_EQ(top->at(0).floats, (std::vector<float>{0.9f, 0.7f}));
  EXPECT_EQ(top->at(1).ints, (std::vector<int64_t>{1, 3}));
  auto gathered = runTf(tfNode("GatherV2", {"x", "i", "a"}), f32({3, 2}, {1, 2, 3, 4, 5, 6}),
                        {{"i", i64({2}, {2, 0})}, {"a", i64({}, {0})}});
  expectFloats(gathered, {2, 2}, {5, 6, 1, 2});
  auto outOfRange = runTf(tfNode("GatherV2", {"x", "i", "a"}), f32({3, 2}, {1, 2, 3, 4, 5, 6}),
                          {{"i", i64({1}, {3})}, {"a", i64({}, {0})}});
  ASSERT_FALSE(outOfRange);
  EXPECT_NE(outOfRange.error().message.find("out of range"), std::string::npos);
  expectFloats(runTf(tfNode("ExpandDims", {"x", "a"}), f32({2}, {1, 2}), {{"a", i64({}, {-1})}}), {2, 1}, {1, 2});
  expectFloats(runTf(tfNode("ConcatV2", {"x", "x", "a"}), f32({1, 2}, {1, 2}), {{"a", i64({}, {1})}}), {1, 4},
               {1, 2, 1, 2});
  auto equal = runTf(tfNode("Equal", {"x", "c"}), f32({3}, {1, 2, 3}), {{"c", f32({3}, {1, 0, 3})}});
  ASSERT_TRUE(equal);
  EXPECT_EQ(equal->at(0).ints, (std::vector<int64_t>{1, 0, 1}));  // bool comes back as 0/1
  Graph g;  // Equal -> Cast(DT_FLOAT)
  g.inputs = {{"x", {3}}};
  g.constants = {{"c", f32({3}, {1, 0, 3})}};
  g.nodes = {tfNode("Equal", {"x", "c"}, {}, {"e"}), tfNode("Cast", {"e"}, {{"DstT", std::string("DT_FLOAT")}})};
  g.outputs = {{"y", {}}};
  auto rt = GraphRuntime::create(std::move(g));
  ASSERT_TRUE(rt);
  expectFloats(rt->run({{"x", f32({3}, {1, 2, 3})}}), {3}, {1, 0, 1});
}

TEST(TfOps, StridedSliceMasksReshapeAndPad) {
  const Tensor x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  // x[:, 1:] with begin_mask on axis 0.
  expectFloats(runTf(tfNode("StridedSlice", {"x", "b", "e", "s"}, {{"begin_mask", int64_t(1)}, {"end_mask", int64_t(3)}}),
                     x, {{"b", i64({2}, {0, 1})}, {"e", i64({2}, {0, 0})}, {"s", i64({2}, {1, 1})}}),
               {2, 2}, {2, 3, 5, 6});
  // x[1, ::2]: shrink axis 0.
  expectFloats(
      runTf(tfNode("StridedSlice", {"x", "b", "e", "s"}, {{"shrink_axis_mask", int64_t(1)}, {"end_mask", int64_t(2)}}), x,
            {{"b", i64({2}, {1, 0})}, {"e", i64({2}, {2, 0})}, {"s", i64({2}, {1, 2})}}),
      {2}, {4, 6});
  // TF Reshape: -1 infers; no ONNX-style 0-copy.
  expectFloats(runTf(tfNode("Reshape", {"x", "s"}), x, {{"s", i64({2}, {3, -1})}}), {3, 2}, {1, 2, 3, 4, 5, 6});
  // Pad [[0,0],[1,0]]: one zero column before.
  expectFloats(runTf(tfNode("Pad", {"x", "p"}), x, {{"p", i64({2, 2}, {0, 0, 1, 0})}}), {2, 4},
               {0, 1, 2, 3, 0, 4, 5, 6});
}

TEST(TfOps, UnsupportedOperatorsAndAttributesAreLoadErrors) {
  Graph g;
  g.inputs = {{"x", {1}}};
  g.outputs = {{"y", {}}};
  g.nodes = {tfNode("NonMaxSuppressionV5", {"x"})};
  auto rt = GraphRuntime::create(g);
  ASSERT_FALSE(rt);
  EXPECT_EQ(rt.error().code, ErrorCode::Unsupported);
  EXPECT_NE(rt.error().message.find("tf.NonMaxSuppressionV5"), std::string::npos) << rt.error().message;
  g.nodes = {tfNode("_FusedConv2D", {"x", "w", "b"},
                    {{"fused_ops", std::string("BiasAdd,Prelu")}, {"padding", std::string("SAME")}, {"filter_layout", kOihw}})};
  g.constants = {{"w", f32({1, 1, 1, 1}, {1})}, {"b", f32({1}, {0})}};
  rt = GraphRuntime::create(g);
  ASSERT_FALSE(rt);
  EXPECT_NE(rt.error().message.find("Prelu"), std::string::npos) << rt.error().message;
  g.nodes = {tfNode("Conv2D", {"x", "w"}, {{"padding", std::string("EXPLICIT")}, {"filter_layout", kOihw}})};
  rt = GraphRuntime::create(g);
  ASSERT_FALSE(rt);
  EXPECT_NE(rt.error().message.find("EXPLICIT"), std::string::npos) << rt.error().message;
}

// Weight formats: float16 (IEEE half) and uint8 (q * scale + min) dequantised, int32 kept, and
// a shard shorter than the manifest refused.
TEST(TfjsLoader, DequantisesFloat16AndUint8) {
  test::TempDir dir;
  std::string bin;
  const uint16_t halves[3] = {0x3C00, 0xC000, 0x3555};  // 1.0, -2.0, 0.333251953125
  bin.append(reinterpret_cast<const char*>(halves), 6);
  const uint8_t bytes[3] = {0, 128, 255};  // min -1, scale 0.01 -> -1, 0.28, 1.55
  bin.append(reinterpret_cast<const char*>(bytes), 3);
  const int32_t shape[2] = {3, -1};
  bin.append(reinterpret_cast<const char*>(shape), 8);
  std::ofstream(dir / "group1-shard1of1.bin", std::ios::binary) << bin;
  nlohmann::json model = {
      {"format", "graph-model"},
      {"modelTopology",
       {{"node",
         {{{"name", "x"}, {"op", "Placeholder"}},
          {{"name", "h"}, {"op", "Const"}},
          {{"name", "q"}, {"op", "Const"}},
          {{"name", "s"}, {"op", "Const"}},
          {{"name", "sum"}, {"op", "AddV2"}, {"input", {"h", "q"}}},
          {{"name", "out"}, {"op", "Mul"}, {"input", {"sum", "x"}}},
          {{"name", "shaped"}, {"op", "Reshape"}, {"input", {"out", "s", "^sum"}}}}}}},
      {"weightsManifest",
       {{{"paths", {"group1-shard1of1.bin"}},
         {"weights",
          {{{"name", "h"}, {"shape", {3}}, {"dtype", "float32"}, {"quantization", {{"dtype", "float16"}}}},
           {{"name", "q"},
            {"shape", {3}},
            {"dtype", "float32"},
            {"quantization", {{"dtype", "uint8"}, {"scale", 0.01}, {"min", -1.0}}}},
           {{"name", "s"}, {"shape", {2}}, {"dtype", "int32"}}}}}}}};
  std::ofstream(dir / "model.json") << model.dump();
  auto g = loadTfjsGraph(dir / "model.json");
  ASSERT_TRUE(g) << g.error().describe();
  EXPECT_NEAR(g->constants.at("h").floats[2], 0.333251953125f, 1e-7);
  EXPECT_NEAR(g->constants.at("q").floats[1], 0.28f, 1e-6);
  EXPECT_EQ(g->constants.at("s").ints, (std::vector<int64_t>{3, -1}));
  ASSERT_EQ(g->outputs.size(), 1u);
  EXPECT_EQ(g->outputs[0].name, "shaped");
  auto rt = GraphRuntime::create(std::move(*g));
  ASSERT_TRUE(rt) << rt.error().describe();
  expectFloats(rt->run({{"x", f32({1}, {2})}}), {3, 1}, {2 * (1 - 1), 2 * (-2 + 0.28f), 2 * (0.333251953125f + 1.55f)});

  // Truncated: the shard loses its last 4 bytes.
  std::ofstream(dir / "group1-shard1of1.bin", std::ios::binary) << bin.substr(0, bin.size() - 4);
  auto truncated = loadTfjsGraph(dir / "model.json");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(truncated.error().message.find("truncated"), std::string::npos) << truncated.error().message;
  std::filesystem::remove(dir / "group1-shard1of1.bin");
  auto missing = loadTfjsGraph(dir / "model.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(TfjsLoader, NotAGraphModelIsAClearError) {
  test::TempDir dir;
  std::ofstream(dir / "model.json") << "{\"format\": \"layers-model\"}";
  auto wrong = loadTfjsGraph(dir / "model.json");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(wrong.error().message.find("graph-model"), std::string::npos);
  std::ofstream(dir / "model.json") << "{\"format\": \"graph-mo";
  EXPECT_FALSE(loadTfjsGraph(dir / "model.json"));
  EXPECT_EQ(loadTfjsGraph(dir / "absent.json").error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace ugc::model::graph
