// An external TorchScript captioner: signature check at load, tensors in, token ids out.
// No torch exception leaves this file: every call catches at its boundary and returns an error value.
#include "model/torchscript_captioner.h"

#include <cstring>
#include <sstream>

#include <torch/script.h>

namespace ugc::model {
namespace {

struct ExpectedArgument {
  const char* name;
  c10::TypeKind kind;
  const char* typeName;
};

// Contract 1: draft(self, stage: int, tokens: Tensor, segments: Tensor, log_mel: Tensor,
//                   frames: Tensor, max_tokens: int) -> Tensor | Tuple[Tensor, float]
constexpr ExpectedArgument kArguments[] = {
    {"stage", c10::TypeKind::IntType, "int"},          {"tokens", c10::TypeKind::TensorType, "Tensor"},
    {"segments", c10::TypeKind::TensorType, "Tensor"}, {"log_mel", c10::TypeKind::TensorType, "Tensor"},
    {"frames", c10::TypeKind::TensorType, "Tensor"},   {"max_tokens", c10::TypeKind::IntType, "int"},
};
constexpr const char* kSignature =
    "draft(self, stage: int, tokens: Tensor, segments: Tensor, log_mel: Tensor, frames: Tensor, max_tokens: int)"
    " -> Tensor or Tuple[Tensor, float]";

// c10::Error::what() carries a C++ backtrace; the first lines are what a user can act on.
std::string shortMessage(const std::exception& e) {
  std::string text = e.what();
  if (const auto* c10Error = dynamic_cast<const c10::Error*>(&e)) text = c10Error->what_without_backtrace();
  constexpr size_t kLimit = 600;
  if (text.size() > kLimit) text = text.substr(0, kLimit) + " ...";
  return text;
}

Status checkSignature(const torch::jit::Module& module) {
  auto method = module.find_method(TorchScriptCaptioner::kMethod);
  if (!method)
    return makeError(ErrorCode::InvalidInput,
                     std::string("TorchScript model has no method 'draft'; contract 1 expects ") + kSignature);
  const auto& schema = method->function().getSchema();
  const auto& arguments = schema.arguments();
  const size_t first = (!arguments.empty() && arguments[0].name() == "self") ? 1 : 0;
  const size_t expected = std::size(kArguments);
  for (size_t i = 0; i < expected; ++i) {
    const auto& want = kArguments[i];
    if (first + i >= arguments.size())
      return makeError(ErrorCode::InvalidInput, "TorchScript draft() lacks argument " + std::to_string(i + 1) + " '" +
                                                    want.name + ": " + want.typeName + "'; contract 1 expects " +
                                                    kSignature);
    const auto& got = arguments[first + i];
    if (got.type()->kind() != want.kind)
      return makeError(ErrorCode::InvalidInput, "TorchScript draft() argument " + std::to_string(i + 1) + " '" +
                                                    got.name() + "' is " + got.type()->annotation_str() +
                                                    ", contract 1 expects '" + want.name + ": " + want.typeName +
                                                    "'; full signature " + kSignature);
  }
  for (size_t i = first + expected; i < arguments.size(); ++i)
    if (!arguments[i].default_value())
      return makeError(ErrorCode::InvalidInput, "TorchScript draft() has an extra argument '" + arguments[i].name() +
                                                    "' without a default; contract 1 expects " + kSignature);
  const auto& returns = schema.returns();
  bool returnsOk = returns.size() == 1;
  if (returnsOk) {
    const auto& type = returns[0].type();
    if (type->kind() == c10::TypeKind::TupleType) {
      const auto elements = type->containedTypes();
      returnsOk = elements.size() == 2 && elements[0]->kind() == c10::TypeKind::TensorType &&
                  elements[1]->kind() == c10::TypeKind::FloatType;
    } else {
      returnsOk = type->kind() == c10::TypeKind::TensorType;
    }
  }
  if (!returnsOk) {
    std::string got = returns.empty() ? "nothing" : returns[0].type()->annotation_str();
    return makeError(ErrorCode::InvalidInput, "TorchScript draft() returns " + got +
                                                  "; contract 1 expects Tensor (token ids) or Tuple[Tensor, float]");
  }
  return {};
}

at::Tensor logMelTensor(const EncodedSource& source, int melBins) {
  if (!source.logMel || !stageHears(source.stage) || source.logMel->frames <= 0 ||
      source.logMel->values.size() != size_t(source.logMel->frames) * size_t(melBins))
    return torch::empty({0, melBins}, torch::kFloat);
  const auto& mel = *source.logMel;
  auto out = torch::empty({mel.frames, melBins}, torch::kFloat);
  std::memcpy(out.data_ptr<float>(), mel.values.data(), mel.values.size() * sizeof(float));
  return out;
}

at::Tensor framesTensor(const EncodedSource& source, int maxFrames) {
  const auto empty = [] { return torch::empty({0, 0, 0, 3}, torch::kUInt8); };
  if (!source.frames || !stageSees(source.stage) || source.frames->rgb.empty()) return empty();
  const auto& f = *source.frames;
  const size_t bytes = size_t(std::max(0, f.width)) * size_t(std::max(0, f.height)) * 3;
  if (bytes == 0) return empty();
  const size_t count = std::min(f.rgb.size(), size_t(std::max(1, maxFrames)));
  auto out = torch::empty({int64_t(count), f.height, f.width, 3}, torch::kUInt8);
  for (size_t i = 0; i < count; ++i) {
    const auto& rgb = f.rgb[i * f.rgb.size() / count];  // uniform over the clip, as the built-in network
    if (rgb.size() != bytes) return empty();            // Captioner validated; never copy out of bounds
    std::memcpy(out[int64_t(i)].data_ptr<uint8_t>(), rgb.data(), bytes);
  }
  return out;
}

}  // namespace

struct TorchScriptCaptioner::Impl {
  torch::jit::Module module;
  int64_t parameters = 0;
};

TorchScriptCaptioner::TorchScriptCaptioner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TorchScriptCaptioner::TorchScriptCaptioner(TorchScriptCaptioner&&) noexcept = default;
TorchScriptCaptioner& TorchScriptCaptioner::operator=(TorchScriptCaptioner&&) noexcept = default;
TorchScriptCaptioner::~TorchScriptCaptioner() = default;

Result<TorchScriptCaptioner> TorchScriptCaptioner::load(const std::string& path) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->module = torch::jit::load(path, torch::kCPU);
    impl->module.eval();
    if (auto signature = checkSignature(impl->module); !signature) return tl::unexpected(signature.error());
    for (const auto& parameter : impl->module.parameters(/*recurse=*/true)) impl->parameters += parameter.numel();
    return TorchScriptCaptioner(std::move(impl));
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, "cannot load TorchScript model " + path + ": " + shortMessage(e));
  }
}

Result<ScriptDraft> TorchScriptCaptioner::draft(const EncodedSource& source, int melBins, int maxFrames,
                                                int maxTokens) const {
  try {
    c10::InferenceMode guard;
    std::vector<int64_t> tokens, segments;
    for (size_t i = 0; i < source.tokens.size() && i < source.segments.size(); ++i) {
      if (!segmentAllowed(source.stage, Segment(source.segments[i]))) continue;
      tokens.push_back(source.tokens[i]);
      segments.push_back(source.segments[i]);
    }
    std::vector<c10::IValue> inputs{
        int64_t(source.stage),         torch::tensor(tokens, torch::kLong), torch::tensor(segments, torch::kLong),
        logMelTensor(source, melBins), framesTensor(source, maxFrames),     int64_t(maxTokens),
    };
    c10::IValue answer;
    try {
      answer = impl_->module.get_method(kMethod)(std::move(inputs));
    } catch (const std::exception& e) {
      return makeError(ErrorCode::Internal, std::string("TorchScript draft() failed: ") + shortMessage(e));
    }
    ScriptDraft out;
    at::Tensor ids;
    if (answer.isTuple()) {
      const auto& elements = answer.toTupleRef().elements();
      if (elements.size() != 2 || !elements[0].isTensor() || !elements[1].isDouble())
        return makeError(ErrorCode::InvalidInput, "TorchScript draft() must return Tensor or Tuple[Tensor, float]");
      ids = elements[0].toTensor();
      out.score = elements[1].toDouble();
    } else if (answer.isTensor()) {
      ids = answer.toTensor();
    } else {
      return makeError(ErrorCode::InvalidInput, "TorchScript draft() must return Tensor or Tuple[Tensor, float]");
    }
    if (ids.dim() != 1 || !at::isIntegralType(ids.scalar_type(), /*includeBool=*/false)) {
      std::ostringstream shape;
      shape << ids.sizes() << " " << ids.scalar_type();
      return makeError(ErrorCode::InvalidInput,
                       "TorchScript draft() must return a 1-D int64 tensor of token ids, got " + shape.str());
    }
    ids = ids.to(torch::kLong).contiguous();
    out.tokens.assign(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
    return out;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("TorchScript captioner: ") + shortMessage(e));
  }
}

int64_t TorchScriptCaptioner::parameterCount() const { return impl_->parameters; }

}  // namespace ugc::model
