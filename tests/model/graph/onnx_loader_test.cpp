#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "model/graph/onnx_loader.h"
#include "model/pretrained_models.h"
#include "model/tokenizer.h"
#include "model/torch_runtime.h"
#include "support/test_support.h"

namespace ugc::model::graph {
namespace {

namespace fs = std::filesystem;

fs::path modelOrSkip(const std::string& model, const std::string& file) {
  auto path = findPretrainedFile(model, file);
  return path ? *path : fs::path();
}

std::set<std::string> opsOf(const Graph& g) {
  std::set<std::string> ops;
  for (const auto& n : g.nodes) ops.insert(n.op);
  return ops;
}

TEST(OnnxLoader, MissingFileIsNotFound) {
  auto g = loadOnnxGraph("/nonexistent/model.onnx");
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, ErrorCode::NotFound);
}

TEST(OnnxLoader, WrongFileIsRefused) {
  test::TempDir dir;
  std::ofstream(dir / "keys.onnx") << "a\nb\nc\n这\n";
  for (const auto& bytes : {std::string(), std::string("\xff\xff\xff\xff garbage", 13)}) {
    auto g = parseOnnxGraph(bytes);
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().code, ErrorCode::InvalidInput);
  }
  EXPECT_FALSE(loadOnnxGraph(dir / "keys.onnx"));
}

// PP-OCRv4 detection keeps its weights in Constant nodes (paddle2onnx), not initializers.
TEST(OnnxLoader, ReadsPpOcrDetectionWithConstantNodeWeights) {
  const auto path = modelOrSkip("ppocr-v4", "ch_PP-OCRv4_det_infer.onnx");
  if (path.empty()) GTEST_SKIP() << "PP-OCRv4 not fetched (scripts/fetch-models ppocr-v4)";
  auto g = loadOnnxGraph(path);
  ASSERT_TRUE(g) << g.error().describe();
  ASSERT_EQ(g->inputs.size(), 1u);
  EXPECT_EQ(g->inputs[0].shape.size(), 4u);
  EXPECT_EQ(g->inputs[0].shape[1], 3);
  ASSERT_EQ(g->outputs.size(), 1u);
  EXPECT_TRUE(opsOf(*g).count("Conv"));
  EXPECT_FALSE(opsOf(*g).count("Constant"));  // folded into constants
  // Every Conv's weight is a known constant with 4 dimensions and matching data.
  int convs = 0;
  int64_t weights = 0;
  for (const auto& n : g->nodes) {
    if (n.op != "Conv") continue;
    ++convs;
    ASSERT_GE(n.inputs.size(), 2u);
    auto it = g->constants.find(n.inputs[1]);
    ASSERT_NE(it, g->constants.end()) << n.inputs[1];
    EXPECT_EQ(it->second.shape.size(), 4u);
    EXPECT_EQ(static_cast<int64_t>(it->second.floats.size()), it->second.elementCount());
    weights += it->second.elementCount();
  }
  EXPECT_GT(convs, 50);
  // ~4.7 MB of float32 weights: about a million parameters.
  EXPECT_GT(weights, 500'000);
  std::string ops;
  for (const auto& op : opsOf(*g)) ops += op + " ";
  RecordProperty("ops", ops);
}

TEST(OnnxLoader, TruncatedRealModelIsRefused) {
  const auto path = modelOrSkip("ppocr-v4", "ch_ppocr_mobile_v2.0_cls_infer.onnx");
  if (path.empty()) GTEST_SKIP() << "PP-OCR cls not fetched";
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto g = parseOnnxGraph(bytes.substr(0, bytes.size() / 3));
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, ErrorCode::InvalidInput);
}

// Silero VAD (the audio helper's model) keeps its state machine in If subgraphs.
TEST(OnnxLoader, ReadsSileroVadWithSubgraphs) {
  const auto path = modelOrSkip("silero-vad", "silero_vad_16k_op15.onnx");
  if (path.empty()) GTEST_SKIP() << "Silero VAD not fetched (scripts/fetch-models silero-vad)";
  auto g = loadOnnxGraph(path);
  ASSERT_TRUE(g) << g.error().describe();
  EXPECT_GE(g->inputs.size(), 2u);
  EXPECT_GE(g->outputs.size(), 2u);
  EXPECT_FALSE(g->nodes.empty());
}

// The protobuf clash of docs/model.md: ONNX parsing (libonnx_proto + libprotobuf), SentencePiece
// (dlmopen'ed shim) and torch all work in one process, in either order.
TEST(OnnxLoader, OnnxSentencePieceAndTorchLiveInOneProcess) {
  const auto info = configureTorchRuntime(1);
  EXPECT_FALSE(info.version.empty());
  auto tokenizer = Tokenizer::load((fs::path(UGC_RESOURCES_DIR) / "tokenizer" / "ugc_captions.model").string());
  ASSERT_TRUE(tokenizer) << tokenizer.error().describe();
  const std::string text = "a dog runs across the street";
  EXPECT_EQ(tokenizer->decode(tokenizer->encode(text)), text);
  const auto path = modelOrSkip("ppocr-v4", "ch_ppocr_mobile_v2.0_cls_infer.onnx");
  if (path.empty()) GTEST_SKIP() << "PP-OCR cls not fetched";
  auto g = loadOnnxGraph(path);
  ASSERT_TRUE(g) << g.error().describe();
  EXPECT_FALSE(g->constants.empty());
  EXPECT_EQ(tokenizer->decode(tokenizer->encode(text)), text);  // still fine after protobuf parsing
}

}  // namespace
}  // namespace ugc::model::graph
