// External captioners (docs/model.md, "External TorchScript models"): the test builds TorchScript
// modules in C++ (torch::jit::Module::define), saves them next to a tokenizer and loads the folder
// through Captioner::load, the way a user's exported model would be.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>
#include <torch/script.h>

#include "core/sha256.h"
#include "model/torch_runtime.h"
#include "model/trainer.h"
#include "model_fixtures.h"
#include "support/test_support.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSignature =
    "def draft(self, stage: int, tokens: Tensor, segments: Tensor, log_mel: Tensor, frames: Tensor, "
    "max_tokens: int)";

// Answers with a report of what it was given (written with byte pieces, so it decodes to exactly
// these characters), then the source tokens with each item separator turned into a newline, then
// EOS and one more token the captioner must cut off.
// Without a Python resolver `torch.int64` is no value here: dtypes are compared as ScalarType
// numbers (uint8 0, int64 4, float32 6).
const std::string kReportModel = std::string(kSignature) + R"( -> Tuple[Tensor, float]:
    report = "max=" + str(max_tokens) + " stage=" + str(stage)
    report += " tokens=" + str(tokens.size(0)) + "/" + str(segments.size(0))
    if tokens.dtype == 4 and segments.dtype == 4:
        report += " i64"
    report += " seg="
    for i in range(tokens.size(0)):
        if int(tokens[i]) == 3:
            report += str(int(segments[i]))
    report += " mel=" + str(log_mel.size(0)) + "x" + str(log_mel.size(1))
    if log_mel.dtype == 6:
        report += " f32"
    if log_mel.size(0) > 2:
        report += " v=" + str(int(float(log_mel[2, 3]) * 1000.0))
    report += " frames=" + str(frames.size(0)) + "x" + str(frames.size(1)) + "x" + str(frames.size(2))
    report += "x" + str(frames.size(3))
    if frames.dtype == 0:
        report += " u8"
    if frames.size(0) > 2:
        report += " p=" + str(int(frames[2, 1, 3, 0]))
    report += "\n"
    out: List[int] = []
    for i in range(len(report)):
        out.append(self.byte_ids[ord(report[i])])
    for i in range(tokens.size(0)):
        t = int(tokens[i])
        if t == 3:
            out.append(self.byte_ids[10])
        else:
            out.append(t)
    out.append(3)
    out.append(5)
    return torch.tensor(out, dtype=4), -1.5
)";

const Tokenizer& tokenizer() { return test::excerptTokenizer(); }

// The id of each byte's fallback piece "<0xHH>" (byte_fallback is on in every project tokenizer).
std::vector<int64_t> bytePieceIds() {
  std::vector<int64_t> ids(256, Tokenizer::kUnkId);
  for (int id = 0; id < tokenizer().vocabSize(); ++id) {
    const auto piece = tokenizer().piece(id);
    unsigned value = 0;
    if (piece.size() == 6 && std::sscanf(piece.c_str(), "<0x%2X>", &value) == 1) ids[value] = id;
  }
  return ids;
}

std::vector<int> bytesOf(const std::string& text) {
  static const auto ids = bytePieceIds();
  std::vector<int> out;
  for (unsigned char c : text) out.push_back(int(ids[c]));
  return out;
}

// A model folder as a user would ship it: config.json, tokenizer.model, model.pt.
fs::path writeModel(const fs::path& dir, const std::string& source, const std::string& config,
                    bool withParameter = false) {
  fs::create_directories(dir);
  torch::jit::Module module("ExternalCaptioner");
  module.register_attribute("byte_ids", c10::ListType::ofInts(), c10::List<int64_t>(bytePieceIds()));
  if (withParameter) module.register_parameter("scale", torch::ones({3, 4}), false);
  module.define(source);
  module.save((dir / "model.pt").string());
  EXPECT_TRUE(tokenizer().save((dir / "tokenizer.model").string()));
  std::ofstream(dir / "config.json") << config;
  return dir;
}

constexpr const char* kConfig =
    R"({"format": "torchscript", "name": "report-copy", "contract": 1, "max_target_tokens": 400, "max_frames": 4})";

LogMelInput mel(int frames) {
  LogMelInput m;
  m.frames = frames;
  for (int t = 0; t < frames; ++t)
    for (int b = 0; b < 80; ++b) m.values.push_back(0.25f * float(t) - 0.01f * float(b));
  return m;
}

FrameInput frames(int count) {
  FrameInput f;
  f.width = 40;
  f.height = 72;
  for (int i = 0; i < count; ++i) {
    std::vector<uint8_t> rgb(size_t(f.width * f.height * 3));
    for (size_t p = 0; p < rgb.size(); ++p) rgb[p] = uint8_t((p + size_t(i) * 50) % 256);
    f.rgb.push_back(std::move(rgb));
  }
  return f;
}

CaptionerInput fullInput(annotation::Stage stage) {
  CaptionerInput in;
  in.stage = stage;
  in.fields = {{"tone", "Positive"},
               {"voice_source", "Narration"},
               {"objects", "dog (count: 1, color: brown)"},
               {"background", "a kitchen"}};
  in.ocrLines = {"BEST PUPPY EVER", "follow for more"};
  in.audioEvents = {"speech 0.0-9.5 s"};
  in.sceneChanges = {"cut at 4.2 s"};
  in.audioCaption = "A woman laughs while a dog barks.";
  in.visualCaption = "A brown puppy runs across a kitchen floor.";
  in.logMel = mel(300);
  in.frames = frames(6);
  return in;
}

// What the report model must answer: its header, then the stage's items in the order the built-in
// model encodes them (captions, OCR, fields by key, audio events, scene changes), newline-separated.
std::vector<int> expectedTokens(const std::string& header, const std::vector<std::string>& items) {
  auto out = bytesOf(header + "\n");
  for (const auto& item : items) {
    auto ids = tokenizer().encode(item);
    out.insert(out.end(), ids.begin(), ids.end());
    out.push_back(bytesOf("\n")[0]);
  }
  return out;
}

size_t tokenCount(const std::vector<std::string>& items) {
  size_t n = 0;
  for (const auto& item : items) n += tokenizer().encode(item).size() + 1;
  return n;
}

std::string header(int maxTokens, int stage, const std::vector<std::string>& items, const std::string& segments,
                   const std::string& media) {
  const auto n = std::to_string(tokenCount(items));
  return "max=" + std::to_string(maxTokens) + " stage=" + std::to_string(stage) + " tokens=" + n + "/" + n +
         " i64 seg=" + segments + media;
}

class TorchScriptCaptionerTest : public ::testing::Test {
 protected:
  void SetUp() override { configureTorchRuntime(1); }
  ugc::test::TempDir dir;
};

TEST_F(TorchScriptCaptionerTest, DraftIsTheModulesAnswerOnTheMaskedSource) {
  auto captioner = Captioner::load(writeModel(dir / "report", kReportModel, kConfig).string());
  ASSERT_TRUE(captioner) << captioner.error().describe();
  EXPECT_EQ(captioner->kind(), CaptionerKind::TorchScript);
  EXPECT_EQ(captioner->config().maxTargetTokens, 400);
  EXPECT_EQ(captioner->config().maxFrames, 4);

  const auto in = fullInput(annotation::Stage::Audio);
  const int melValue = int(double(in.logMel->values[2 * 80 + 3]) * 1000.0);
  // 6 frames, max_frames 4: frames 0, 1, 3, 4 (uniform, as the built-in network samples); the
  // module reads frame 2 of what it got, i.e. the clip's frame 3, pixel (y 1, x 3, red).
  const int pixel = int(in.frames->rgb[3][(1 * 40 + 3) * 3]);
  const std::string melShown = " mel=300x80 f32 v=" + std::to_string(melValue);
  const std::string noFrames = " frames=0x0x0x3 u8", someFrames = " frames=4x72x40x3 u8 p=" + std::to_string(pixel);

  const std::vector<std::string> audioItems{"tone: Positive", "voice source: Narration", "speech 0.0-9.5 s"};
  const std::vector<std::string> visualItems{"BEST PUPPY EVER", "follow for more", "background: a kitchen",
                                             "objects: dog (count: 1, color: brown)", "cut at 4.2 s"};
  const std::vector<std::string> jointItems{"A woman laughs while a dog barks.",
                                            "A brown puppy runs across a kitchen floor.",
                                            "BEST PUPPY EVER",
                                            "follow for more",
                                            "background: a kitchen",
                                            "objects: dog (count: 1, color: brown)",
                                            "tone: Positive",
                                            "voice source: Narration",
                                            "speech 0.0-9.5 s",
                                            "cut at 4.2 s"};
  struct Case {
    annotation::Stage stage;
    std::vector<std::string> items;
    std::string segments, media;
  };
  const Case cases[] = {
      {annotation::Stage::Audio, audioItems, "003", melShown + noFrames},
      {annotation::Stage::Visual, visualItems, "22114", " mel=0x80 f32" + someFrames},
      {annotation::Stage::Joint, jointItems, "5622110034", melShown + someFrames},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(annotation::stageName(c.stage)));
    auto draft = captioner->draft(fullInput(c.stage));
    ASSERT_TRUE(draft) << draft.error().describe();
    const auto head = header(400, int(c.stage), c.items, c.segments, c.media);
    EXPECT_EQ(draft->tokens, expectedTokens(head, c.items)) << draft->text;  // EOS and what follows it are cut
    EXPECT_EQ(draft->text, tokenizer().decode(draft->tokens));
    EXPECT_EQ(draft->text.rfind(head + "\n", 0), 0u) << draft->text;
    EXPECT_DOUBLE_EQ(draft->logProb, -1.5);
  }

  // Masking reached the module: no text of the other modality, whatever the input carried.
  auto audio = captioner->draft(fullInput(annotation::Stage::Audio));
  auto visual = captioner->draft(fullInput(annotation::Stage::Visual));
  ASSERT_TRUE(audio && visual);
  for (const char* seen : {"Positive", "Narration", "speech"}) {
    EXPECT_NE(audio->text.find(seen), std::string::npos) << seen;
    EXPECT_EQ(visual->text.find(seen), std::string::npos) << seen;
  }
  for (const char* seen : {"PUPPY", "follow", "kitchen", "dog", "cut at"}) {
    EXPECT_NE(visual->text.find(seen), std::string::npos) << seen;
    EXPECT_EQ(audio->text.find(seen), std::string::npos) << seen;
  }

  // A clip without audio: the joint stage gets an empty (0 x 80) log-mel.
  auto silent = fullInput(annotation::Stage::Joint);
  silent.logMel.reset();
  auto joint = captioner->draft(silent);
  ASSERT_TRUE(joint);
  EXPECT_NE(joint->text.find(" mel=0x80 f32 frames=4x72x40x3"), std::string::npos) << joint->text;
}

TEST_F(TorchScriptCaptionerTest, MaxTokensReachesTheModuleAndBoundsTheDraft) {
  auto captioner = Captioner::load(writeModel(dir / "report", kReportModel, kConfig).string());
  ASSERT_TRUE(captioner) << captioner.error().describe();
  auto params = DraftParams::defaultParams();
  params.maxTokens = 7;  // the module ignores its max_tokens; the captioner still stops at 7
  auto shortDraft = captioner->draft(fullInput(annotation::Stage::Visual), params);
  ASSERT_TRUE(shortDraft) << shortDraft.error().describe();
  EXPECT_EQ(shortDraft->text, "max=7 s");
  EXPECT_EQ(shortDraft->tokens.size(), 7u);
  params.maxTokens = 150;
  auto draft = captioner->draft(fullInput(annotation::Stage::Visual), params);
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->text.rfind("max=150 stage=1", 0), 0u);
  EXPECT_LT(draft->tokens.size(), 150u);
  params.maxTokens = 5000;  // capped by the model's max_target_tokens
  draft = captioner->draft(fullInput(annotation::Stage::Visual), params);
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->text.rfind("max=400 stage=1", 0), 0u);
}

TEST_F(TorchScriptCaptionerTest, IdentityIsTheConfigNameAndTheModuleFilesHash) {
  const auto folder = writeModel(dir / "report", kReportModel, kConfig, /*withParameter=*/true);
  auto captioner = Captioner::load(folder.string());
  ASSERT_TRUE(captioner) << captioner.error().describe();
  auto hash = ugc::sha256File(folder / "model.pt");
  ASSERT_TRUE(hash);
  EXPECT_EQ(captioner->name(), "report-copy");
  EXPECT_EQ(captioner->weightsHash(), hash->substr(0, 12));
  EXPECT_EQ(captioner->parameterCount(), 12);

  // Without a name the folder names it; another module is another hash. This one is the example of
  // docs/model.md (the body of its draft()), so the documented example is known to compile.
  const auto other = writeModel(dir / "my-export", std::string(kSignature) + R"( -> Tuple[Tensor, float]:
    separators = (tokens == 3).nonzero()
    end = int(separators[0, 0]) if separators.numel() > 0 else int(tokens.size(0))
    return tokens[:min(end, max_tokens)], 0.0
)",
                                R"({"format": "torchscript", "contract": 1})");
  auto unnamed = Captioner::load(other.string() + "/");
  ASSERT_TRUE(unnamed) << unnamed.error().describe();
  EXPECT_EQ(unnamed->name(), "my-export");
  EXPECT_NE(unnamed->weightsHash(), captioner->weightsHash());
  auto first = unnamed->draft(fullInput(annotation::Stage::Visual));
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->text, "BEST PUPPY EVER");  // the visual stage's first item
  // A bare Tensor answer is a draft without a score.
  auto bare = Captioner::load(writeModel(dir / "bare", std::string(kSignature) + " -> Tensor:\n    return tokens\n",
                                         R"({"format": "torchscript", "contract": 1})")
                                  .string());
  ASSERT_TRUE(bare) << bare.error().describe();
  auto plain = bare->draft(fullInput(annotation::Stage::Audio));
  ASSERT_TRUE(plain) << plain.error().describe();
  EXPECT_EQ(plain->text, "tone: Positive");  // the module's ids up to the first separator (EOS)
  EXPECT_EQ(plain->logProb, 0.0);

  // save() copies the module's bytes: the copy drafts the same and records the same hash.
  ASSERT_TRUE(captioner->save((dir / "copy").string()));
  auto copy = Captioner::load((dir / "copy").string());
  ASSERT_TRUE(copy) << copy.error().describe();
  EXPECT_EQ(copy->weightsHash(), captioner->weightsHash());
  EXPECT_EQ(copy->name(), "report-copy");
  EXPECT_EQ(copy->draft(fullInput(annotation::Stage::Joint))->tokens,
            captioner->draft(fullInput(annotation::Stage::Joint))->tokens);

  // Whole-caption models have no next-token distribution; a cancelled token is honoured.
  auto next = captioner->nextToken(fullInput(annotation::Stage::Audio), {});
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, ErrorCode::Unsupported);
  CancelToken cancel;
  cancel.cancel();
  auto cancelled = captioner->draft(fullInput(annotation::Stage::Audio), {}, cancel);
  ASSERT_FALSE(cancelled);
  EXPECT_TRUE(cancelled.error().isCancelled());
}

void expectLoadError(const fs::path& folder, ErrorCode code, const std::string& mentions) {
  auto loaded = Captioner::load(folder.string());
  ASSERT_FALSE(loaded) << folder;
  EXPECT_EQ(loaded.error().code, code) << loaded.error().describe();
  EXPECT_NE(loaded.error().message.find(mentions), std::string::npos) << loaded.error().describe();
}

TEST_F(TorchScriptCaptionerTest, ModulesBreakingTheContractAreRefusedWhenLoading) {
  const std::string config = R"({"format": "torchscript", "contract": 1})";
  expectLoadError(writeModel(dir / "no-method", "def forward(self, x: Tensor) -> Tensor:\n    return x\n", config),
                  ErrorCode::InvalidInput, "no method 'draft'");
  expectLoadError(
      writeModel(dir / "short", "def draft(self, stage: int, tokens: Tensor) -> Tensor:\n    return tokens\n", config),
      ErrorCode::InvalidInput, "lacks argument 3 'segments: Tensor'");
  expectLoadError(writeModel(dir / "wrong-type",
                             "def draft(self, stage: Tensor, tokens: Tensor, segments: Tensor, log_mel: Tensor, "
                             "frames: Tensor, max_tokens: int) -> Tensor:\n    return tokens\n",
                             config),
                  ErrorCode::InvalidInput, "argument 1 'stage' is Tensor, contract 1 expects 'stage: int'");
  expectLoadError(writeModel(dir / "extra",
                             "def draft(self, stage: int, tokens: Tensor, segments: Tensor, log_mel: Tensor, "
                             "frames: Tensor, max_tokens: int, beam: int) -> Tensor:\n    return tokens\n",
                             config),
                  ErrorCode::InvalidInput, "extra argument 'beam'");
  expectLoadError(writeModel(dir / "wrong-return", std::string(kSignature) + " -> int:\n    return stage\n", config),
                  ErrorCode::InvalidInput, "returns int");

  const auto good = writeModel(dir / "good", kReportModel, config);
  { std::ofstream(good / "config.json") << R"({"format": "torchscript", "contract": 2})"; }
  expectLoadError(good, ErrorCode::Unsupported, "contract 2");
  { std::ofstream(good / "config.json") << R"({"format": "torchscript"})"; }
  expectLoadError(good, ErrorCode::InvalidInput, "\"contract\": 1");
  { std::ofstream(good / "config.json") << R"({"format": "onnx", "contract": 1})"; }
  expectLoadError(good, ErrorCode::Unsupported, "format 'onnx'");
  { std::ofstream(good / "config.json") << config; }
  ASSERT_TRUE(Captioner::load(good.string()));
  fs::remove(good / "tokenizer.model");
  expectLoadError(good, ErrorCode::NotFound, "tokenizer.model");
  ASSERT_TRUE(tokenizer().save((good / "tokenizer.model").string()));
  { std::ofstream(good / "model.pt", std::ios::trunc) << "not a TorchScript archive"; }
  expectLoadError(good, ErrorCode::InvalidInput, "cannot load TorchScript model");
  fs::remove(good / "model.pt");
  expectLoadError(good, ErrorCode::NotFound, "model.pt");
}

TEST_F(TorchScriptCaptionerTest, BadAnswersAndFailuresAreErrorValues) {
  const std::string config = R"({"format": "torchscript", "contract": 1})";
  struct Case {
    const char* name;
    std::string body;
    ErrorCode code;
    const char* mentions;
  };
  const Case cases[] = {
      {"raises", "    assert stage < 0, \"no drafts today\"\n    return tokens\n", ErrorCode::Internal,
       "no drafts today"},
      {"float-ids", "    return log_mel\n", ErrorCode::InvalidInput, "1-D int64 tensor"},
      {"unknown-id", "    return torch.tensor([5, 100000], dtype=4)\n", ErrorCode::InvalidInput, "token id 100000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto captioner =
        Captioner::load(writeModel(dir / c.name, std::string(kSignature) + " -> Tensor:\n" + c.body, config).string());
    ASSERT_TRUE(captioner) << captioner.error().describe();
    auto draft = captioner->draft(fullInput(annotation::Stage::Audio));
    ASSERT_FALSE(draft);
    EXPECT_EQ(draft.error().code, c.code) << draft.error().describe();
    EXPECT_NE(draft.error().message.find(c.mentions), std::string::npos) << draft.error().describe();
  }
  // Input errors are the captioner's, before any module runs.
  auto captioner = Captioner::load(writeModel(dir / "report", kReportModel, config).string());
  ASSERT_TRUE(captioner);
  auto in = fullInput(annotation::Stage::Audio);
  in.fields["favourite_colour"] = "blue";
  auto draft = captioner->draft(in);
  ASSERT_FALSE(draft);
  EXPECT_EQ(draft.error().code, ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace ugc::model

namespace ugc::model {
namespace {

// `ugccap train --resume` pointed at an external model's folder is refused, not crashed into.
TEST(TorchScriptTraining, ResumingIntoATorchScriptFolderIsRefused) {
  ugc::test::TempDir dir;
  const auto folder = writeModel(dir / "external", kReportModel, kConfig);
  auto corpus = test::excerptCorpus();
  nlohmann::json state{{"data_hash", corpus.dataHash}, {"step", 5}, {"seconds", 1.0}, {"curve", nlohmann::json::array()}};
  std::ofstream(folder / "trainer_state.json") << state.dump();
  TrainerParams params;
  params.config = CaptionerConfig::tinyConfig();
  params.outDir = folder.string();
  params.steps = 10;
  params.resume = true;
  auto trained = trainCaptioner(params, corpus, {}, {});
  ASSERT_FALSE(trained);
  EXPECT_EQ(trained.error().code, ErrorCode::Unsupported);
  EXPECT_NE(trained.error().message.find("TorchScript"), std::string::npos) << trained.error().message;
}

}  // namespace
}  // namespace ugc::model
