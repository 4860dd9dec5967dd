// The captioner network: text / audio / visual encoders, a transformer decoder with a
// pointer-generator copy head over the text input, teacher-forced training and cached decoding.
// The only captioner file that compiles LibTorch (plus torch_runtime.cpp).
#include "model/captioner_network.h"
#include "model/torch_guard.h"

#include <algorithm>
#include <cmath>

#include <torch/torch.h>

#include "model/tokenizer.h"

namespace ugc::model {
namespace {

using torch::Tensor;
namespace nn = torch::nn;
namespace F = torch::nn::functional;

constexpr double kMasked = -1e9;  // additive mask; finite so fully masked rows stay NaN-free
constexpr int kMaxPositions = 4096;

Tensor sinusoidTable(int length, int dim) {
  auto position = torch::arange(length, torch::kFloat).unsqueeze(1);
  auto rate = torch::exp(torch::arange(0, dim, 2, torch::kFloat) * (-std::log(10000.0) / dim));
  auto table = torch::zeros({length, dim});
  table.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, torch::indexing::None, 2)},
                   torch::sin(position * rate));
  table.index_put_({torch::indexing::Slice(), torch::indexing::Slice(1, torch::indexing::None, 2)},
                   torch::cos(position * rate).narrow(1, 0, dim / 2));
  return table;
}

struct AttentionImpl : nn::Module {
  AttentionImpl(int dim, int heads) : heads(heads), headDim(dim / heads) {
    q = register_module("q", nn::Linear(dim, dim));
    k = register_module("k", nn::Linear(dim, dim));
    v = register_module("v", nn::Linear(dim, dim));
    o = register_module("o", nn::Linear(dim, dim));
  }
  Tensor split(const Tensor& x) const { return x.view({x.size(0), x.size(1), heads, headDim}).transpose(1, 2); }
  std::pair<Tensor, Tensor> project(const Tensor& source) { return {split(k(source)), split(v(source))}; }
  // mask: additive, broadcastable to (B, H, Lq, Lk), or undefined.
  Tensor attend(const Tensor& query, const Tensor& keys, const Tensor& values, const Tensor& mask) {
    auto scores = torch::matmul(split(q(query)), keys.transpose(-2, -1)) / std::sqrt(double(headDim));
    if (mask.defined()) scores = scores + mask;
    auto mixed = torch::matmul(torch::softmax(scores, -1), values).transpose(1, 2).contiguous();
    return o(mixed.view({query.size(0), query.size(1), heads * headDim}));
  }
  int heads, headDim;
  nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
};
TORCH_MODULE(Attention);

struct FeedForwardImpl : nn::Module {
  FeedForwardImpl(int dim, int hidden, double dropout) {
    up = register_module("up", nn::Linear(dim, hidden));
    down = register_module("down", nn::Linear(hidden, dim));
    drop = register_module("drop", nn::Dropout(dropout));
  }
  Tensor forward(const Tensor& x) { return down(drop(F::gelu(up(x)))); }
  nn::Linear up{nullptr}, down{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(FeedForward);

// Pre-norm transformer encoder layer.
struct EncoderBlockImpl : nn::Module {
  EncoderBlockImpl(const CaptionerConfig& c) {
    norm1 = register_module("norm1", nn::LayerNorm(nn::LayerNormOptions({c.modelDim})));
    norm2 = register_module("norm2", nn::LayerNorm(nn::LayerNormOptions({c.modelDim})));
    attention = register_module("attention", Attention(c.modelDim, c.heads));
    feedForward = register_module("ff", FeedForward(c.modelDim, c.feedForwardDim, c.dropout));
    drop = register_module("drop", nn::Dropout(c.dropout));
  }
  Tensor forward(Tensor x, const Tensor& keyMask) {
    auto h = norm1(x);
    auto [keys, values] = attention->project(h);
    x = x + drop(attention->attend(h, keys, values, keyMask));
    return x + drop(feedForward(norm2(x)));
  }
  nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  Attention attention{nullptr};
  FeedForward feedForward{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(EncoderBlock);

// Pre-norm decoder layer; self-attention keys/values can come from a cache (incremental decoding).
struct DecoderBlockImpl : nn::Module {
  DecoderBlockImpl(const CaptionerConfig& c) {
    norm1 = register_module("norm1", nn::LayerNorm(nn::LayerNormOptions({c.modelDim})));
    norm2 = register_module("norm2", nn::LayerNorm(nn::LayerNormOptions({c.modelDim})));
    norm3 = register_module("norm3", nn::LayerNorm(nn::LayerNormOptions({c.modelDim})));
    self = register_module("self", Attention(c.modelDim, c.heads));
    cross = register_module("cross", Attention(c.modelDim, c.heads));
    feedForward = register_module("ff", FeedForward(c.modelDim, c.feedForwardDim, c.dropout));
    drop = register_module("drop", nn::Dropout(c.dropout));
  }
  // cache: on input the previous steps' self keys/values (may be undefined), on output extended.
  Tensor forward(Tensor x, const Tensor& selfMask, std::pair<Tensor, Tensor>& cache,
                 const std::pair<Tensor, Tensor>& memoryKeysValues, const Tensor& memoryMask) {
    auto h = norm1(x);
    auto [keys, values] = self->project(h);
    if (cache.first.defined()) {
      keys = torch::cat({cache.first, keys}, 2);
      values = torch::cat({cache.second, values}, 2);
    }
    cache = {keys, values};
    x = x + drop(self->attend(h, keys, values, selfMask));
    x = x + drop(cross->attend(norm2(x), memoryKeysValues.first, memoryKeysValues.second, memoryMask));
    return x + drop(feedForward(norm3(x)));
  }
  nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
  Attention self{nullptr}, cross{nullptr};
  FeedForward feedForward{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(DecoderBlock);

// What the decoder attends to, for a batch of sources.
struct EncodedMemory {
  Tensor memory;      // (B, M, D): stage token, text, audio tokens, visual tokens
  Tensor memoryMask;  // (B, 1, 1, M) additive
  Tensor text;        // (B, S, D) encoded text input (the copy head's keys)
  Tensor textIds;     // (B, S) token ids the copy head scatters onto
  Tensor copyMask;    // (B, 1, S) additive: pads and special tokens cannot be copied
  Tensor canCopy;     // (B, 1, 1) 1 when the source has a copyable token
  Tensor stage;       // (B) stage ids
};

struct NetworkImpl : nn::Module {
  NetworkImpl(const CaptionerConfig& c, int vocab) : config(c), vocabSize(vocab) {
    const int d = c.modelDim;
    tokens = register_module("tokens", nn::Embedding(vocab, d));
    nn::init::normal_(tokens->weight, 0.0, 1.0 / std::sqrt(double(d)));
    segments = register_module("segments", nn::Embedding(kSegmentCount, d));
    stages = register_module("stages", nn::Embedding(3, d));
    modalities = register_module("modalities", nn::Embedding(3, d));  // text, audio, visual
    framePositions = register_module("frame_positions", nn::Embedding(c.maxFrames, d));
    patchPositions = register_module("patch_positions", nn::Embedding(c.tokensPerFrame, d));
    positions = register_buffer("positions", sinusoidTable(kMaxPositions, d));
    for (int i = 0; i < c.textLayers; ++i) textBlocks->push_back(EncoderBlock(c));
    register_module("text_blocks", textBlocks);
    textNorm = register_module("text_norm", nn::LayerNorm(nn::LayerNormOptions({d})));
    // Audio: x4 convolutional subsampling over (time, mel), then transformer layers.
    const int channels = 32;
    audioConv1 = register_module("audio_conv1", nn::Conv2d(nn::Conv2dOptions(1, channels, 3).stride(2).padding(1)));
    audioConv2 =
        register_module("audio_conv2", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).stride(2).padding(1)));
    const int melOut = ((c.melBins - 1) / 2 + 1 - 1) / 2 + 1;
    audioProjection = register_module("audio_projection", nn::Linear(channels * melOut, d));
    for (int i = 0; i < c.audioLayers; ++i) audioBlocks->push_back(EncoderBlock(c));
    register_module("audio_blocks", audioBlocks);
    audioNorm = register_module("audio_norm", nn::LayerNorm(nn::LayerNormOptions({d})));
    // Visual: a small strided CNN per frame, pooled to a grid of tokensPerFrame tokens.
    visual = register_module("visual",
                             nn::Sequential(nn::Conv2d(nn::Conv2dOptions(3, 32, 3).stride(2).padding(1)), nn::GELU(),
                                            nn::Conv2d(nn::Conv2dOptions(32, 64, 3).stride(2).padding(1)), nn::GELU(),
                                            nn::Conv2d(nn::Conv2dOptions(64, 128, 3).stride(2).padding(1)), nn::GELU(),
                                            nn::Conv2d(nn::Conv2dOptions(128, d, 3).stride(2).padding(1)), nn::GELU()));
    visualNorm = register_module("visual_norm", nn::LayerNorm(nn::LayerNormOptions({d})));
    for (int i = 0; i < c.decoderLayers; ++i) decoderBlocks->push_back(DecoderBlock(c));
    register_module("decoder_blocks", decoderBlocks);
    decoderNorm = register_module("decoder_norm", nn::LayerNorm(nn::LayerNormOptions({d})));
    copyQuery = register_module("copy_query", nn::Linear(d, d));
    copyKey = register_module("copy_key", nn::Linear(d, d));
    generationGate = register_module("generation_gate", nn::Linear(3 * d, 1));
    drop = register_module("drop", nn::Dropout(c.dropout));
  }

  Tensor embedTokens(const Tensor& ids) { return tokens(ids) * std::sqrt(double(config.modelDim)); }

  Tensor encodeAudio(const LogMelInput& mel) {
    if (mel.frames <= 0 || mel.values.size() != size_t(mel.frames) * size_t(config.melBins))
      throw std::invalid_argument("log-mel input is not frames x " + std::to_string(config.melBins));
    auto x = torch::from_blob(const_cast<float*>(mel.values.data()), {1, 1, mel.frames, config.melBins}, torch::kFloat)
                 .clone();
    x = F::gelu(audioConv2(F::gelu(audioConv1(x))));  // (1, C, T/4, mel/4)
    x = x.permute({0, 2, 1, 3}).flatten(2);           // (1, T/4, C*mel/4)
    x = audioProjection(x);
    if (x.size(1) > config.maxAudioTokens)
      x = F::adaptive_avg_pool1d(x.transpose(1, 2), F::AdaptiveAvgPool1dFuncOptions(config.maxAudioTokens))
              .transpose(1, 2);
    x = drop(x + positions.narrow(0, 0, x.size(1)) + modalities->weight[1]);
    for (auto& block : *audioBlocks) x = block->as<EncoderBlock>()->forward(x, Tensor());
    return audioNorm(x).squeeze(0);
  }

  Tensor encodeFrames(const FrameInput& frames) {
    if (frames.width <= 0 || frames.height <= 0 || frames.rgb.empty())
      throw std::invalid_argument("frames input is empty");
    const size_t bytes = size_t(frames.width) * size_t(frames.height) * 3;
    const size_t count = std::min<size_t>(frames.rgb.size(), size_t(config.maxFrames));
    std::vector<Tensor> sampled;
    for (size_t i = 0; i < count; ++i) {
      const auto& rgb = frames.rgb[i * frames.rgb.size() / count];  // uniform over the clip
      if (rgb.size() != bytes) throw std::invalid_argument("a frame is not width x height x 3 bytes");
      sampled.push_back(
          torch::from_blob(const_cast<uint8_t*>(rgb.data()), {frames.height, frames.width, 3}, torch::kUInt8)
              .permute({2, 0, 1})
              .to(torch::kFloat));
    }
    auto x = torch::stack(sampled) / 255.0 - 0.5;
    x = F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{config.frameSize, config.frameSize})
                              .mode(torch::kBilinear)
                              .align_corners(false));
    const int grid = std::max(1, int(std::lround(std::sqrt(double(config.tokensPerFrame)))));
    x = F::adaptive_avg_pool2d(visual->forward(x), F::AdaptiveAvgPool2dFuncOptions({grid, grid}));
    x = x.flatten(2).transpose(1, 2);  // (F, grid*grid, D)
    auto frameIndex = torch::arange(int64_t(count), torch::kLong);
    x = x + framePositions(frameIndex).unsqueeze(1) + patchPositions->weight.narrow(0, 0, x.size(1)).unsqueeze(0);
    return visualNorm(drop(x.flatten(0, 1) + modalities->weight[2]));
  }

  EncodedMemory encode(const std::vector<const EncodedSource*>& sources) {
    const int64_t batch = int64_t(sources.size());
    // Text: only the segments the stage may read (the masking rule, enforced here too).
    std::vector<std::vector<int64_t>> ids(sources.size()), segs(sources.size());
    int64_t length = 1;
    for (size_t b = 0; b < sources.size(); ++b) {
      const auto& s = *sources[b];
      for (size_t i = 0; i < s.tokens.size() && i < s.segments.size(); ++i) {
        if (!segmentAllowed(s.stage, Segment(s.segments[i]))) continue;
        if (s.tokens[i] < 0 || s.tokens[i] >= vocabSize) throw std::invalid_argument("token id out of range");
        if (int64_t(ids[b].size()) >= config.maxSourceTokens) break;
        ids[b].push_back(s.tokens[i]);
        segs[b].push_back(s.segments[i]);
      }
      length = std::max<int64_t>(length, int64_t(ids[b].size()));
    }
    auto textIds = torch::zeros({batch, length}, torch::kLong);
    auto textSegs = torch::zeros({batch, length}, torch::kLong);
    std::vector<Tensor> stageIds;
    for (int64_t b = 0; b < batch; ++b) {
      if (!ids[b].empty()) {
        textIds[b].narrow(0, 0, int64_t(ids[b].size())).copy_(torch::tensor(ids[b], torch::kLong));
        textSegs[b].narrow(0, 0, int64_t(segs[b].size())).copy_(torch::tensor(segs[b], torch::kLong));
      }
      stageIds.push_back(torch::tensor({int64_t(sources[b]->stage)}, torch::kLong));
    }
    auto textPad = textIds.eq(Tokenizer::kPadId);
    auto textMask = torch::zeros({batch, 1, 1, length}).masked_fill(textPad.view({batch, 1, 1, length}), kMasked);
    auto x = embedTokens(textIds) + segments(textSegs) + positions.narrow(0, 0, length) + modalities->weight[0];
    x = drop(x);
    for (auto& block : *textBlocks) x = block->as<EncoderBlock>()->forward(x, textMask);
    auto text = textNorm(x);

    EncodedMemory out;
    out.stage = torch::cat(stageIds);
    auto stageTokens = stages(out.stage);  // (B, D)
    std::vector<Tensor> rows, rowMasks;
    int64_t memoryLength = 0;
    for (int64_t b = 0; b < batch; ++b) {
      const auto& s = *sources[b];
      std::vector<Tensor> parts{stageTokens[b].unsqueeze(0), text[b]};
      std::vector<Tensor> maskParts{torch::zeros({1}), textMask[b].view({length})};
      if (s.logMel && stageHears(s.stage)) parts.push_back(encodeAudio(*s.logMel));
      if (s.frames && stageSees(s.stage)) parts.push_back(encodeFrames(*s.frames));
      for (size_t p = 2; p < parts.size(); ++p) maskParts.push_back(torch::zeros({parts[p].size(0)}));
      rows.push_back(torch::cat(parts));
      rowMasks.push_back(torch::cat(maskParts));
      memoryLength = std::max(memoryLength, rows.back().size(0));
    }
    for (int64_t b = 0; b < batch; ++b) {
      const int64_t missing = memoryLength - rows[b].size(0);
      rows[b] = F::pad(rows[b], F::PadFuncOptions({0, 0, 0, missing}));
      rowMasks[b] = F::pad(rowMasks[b], F::PadFuncOptions({0, missing}).value(kMasked));
    }
    out.memory = torch::stack(rows);
    out.memoryMask = torch::stack(rowMasks).view({batch, 1, 1, memoryLength});
    out.text = text;
    out.textIds = textIds;
    auto copyable = textIds.gt(Tokenizer::kEosId);
    out.copyMask = torch::zeros({batch, 1, length}).masked_fill(copyable.logical_not().unsqueeze(1), kMasked);
    out.canCopy = copyable.any(1).to(torch::kFloat).view({batch, 1, 1});
    return out;
  }

  // Decoder states -> log-probabilities with the copy head. h, inputs: (B, L, D); returns (B, L, V)
  // and the generation weight (B, L, 1).
  std::pair<Tensor, Tensor> output(const Tensor& h, const Tensor& inputs, const EncodedMemory& m,
                                   const Tensor& copyKeys) {
    auto vocabProbs = torch::softmax(torch::matmul(h, tokens->weight.t()), -1);
    auto copyScores = torch::matmul(copyQuery(h), copyKeys.transpose(1, 2)) / std::sqrt(double(config.modelDim));
    auto copyWeights = torch::softmax(copyScores + m.copyMask, -1);  // (B, L, S)
    auto context = torch::matmul(copyWeights, m.text);
    auto gate = torch::sigmoid(generationGate(torch::cat({h, context, inputs}, -1)));
    gate = gate * m.canCopy + (1 - m.canCopy);  // nothing to copy: all mass from the vocabulary
    const auto b = h.size(0), l = h.size(1), s = m.textIds.size(1);
    auto copied = torch::zeros_like(vocabProbs)
                      .scatter_add(2, m.textIds.unsqueeze(1).expand({b, l, s}), copyWeights * (1 - gate));
    return {torch::log((gate * vocabProbs + copied).clamp_min(1e-9)), gate};
  }

  // log p(target) under the same mixture as output(), without building the (B, L, V) mixed
  // distribution: the vocabulary term is gathered from log_softmax and the copy term sums the copy
  // weights of the input positions holding the target id. Training spends most of its time here.
  Tensor targetLogProbs(const Tensor& h, const Tensor& inputs, const EncodedMemory& m, const Tensor& copyKeys,
                        const Tensor& targets) {
    auto vocabLogProb = torch::log_softmax(torch::matmul(h, tokens->weight.t()), -1).gather(2, targets.unsqueeze(2));
    auto copyScores = torch::matmul(copyQuery(h), copyKeys.transpose(1, 2)) / std::sqrt(double(config.modelDim));
    auto copyWeights = torch::softmax(copyScores + m.copyMask, -1);  // (B, L, S)
    auto context = torch::matmul(copyWeights, m.text);
    auto gate = torch::sigmoid(generationGate(torch::cat({h, context, inputs}, -1)));
    gate = gate * m.canCopy + (1 - m.canCopy);
    auto matches = m.textIds.unsqueeze(1).eq(targets.unsqueeze(2)).to(torch::kFloat);  // (B, L, S)
    auto copied = (copyWeights * matches).sum(-1, true);
    return torch::log((gate * vocabLogProb.exp() + (1 - gate) * copied).clamp_min(1e-9)).squeeze(2);
  }

  Tensor decoderInputs(const Tensor& ids, int64_t firstPosition, const Tensor& stage) {
    auto x = embedTokens(ids) + positions.narrow(0, firstPosition, ids.size(1)) + stages(stage).unsqueeze(1);
    return drop(x);
  }

  std::pair<Tensor, int64_t> loss(const std::vector<const EncodedExample*>& batch) {
    std::vector<const EncodedSource*> sources;
    int64_t length = 1;
    for (const auto* example : batch) {
      sources.push_back(&example->source);
      length = std::max<int64_t>(length, std::min<int64_t>(int64_t(example->target.size()), config.maxTargetTokens));
    }
    auto m = encode(sources);
    const int64_t n = int64_t(batch.size());
    auto targets = torch::zeros({n, length}, torch::kLong);
    auto inputs = torch::full({n, length}, int64_t(Tokenizer::kBosId), torch::kLong);
    for (int64_t b = 0; b < n; ++b) {
      const auto& t = batch[size_t(b)]->target;
      const int64_t len = std::min<int64_t>(int64_t(t.size()), length);
      if (len == 0) continue;
      auto row = torch::tensor(std::vector<int64_t>(t.begin(), t.begin() + len), torch::kLong);
      targets[b].narrow(0, 0, len).copy_(row);
      if (len > 1) inputs[b].narrow(0, 1, len - 1).copy_(row.narrow(0, 0, len - 1));
    }
    auto x = decoderInputs(inputs, 0, m.stage);
    auto embedded = x;
    auto causal = torch::full({length, length}, kMasked).triu(1).view({1, 1, length, length});
    for (auto& block : *decoderBlocks) {
      auto* layer = block->as<DecoderBlock>();
      std::pair<Tensor, Tensor> cache;
      x = layer->forward(x, causal, cache, layer->cross->project(m.memory), m.memoryMask);
    }
    auto valid = targets.ne(Tokenizer::kPadId);
    auto nll = -targetLogProbs(decoderNorm(x), embedded, m, copyKey(m.text), targets);
    const int64_t count = valid.sum().item<int64_t>();
    return {(nll * valid).sum() / double(std::max<int64_t>(1, count)), count};
  }

  CaptionerConfig config;
  int vocabSize;
  nn::Embedding tokens{nullptr}, segments{nullptr}, stages{nullptr}, modalities{nullptr};
  nn::Embedding framePositions{nullptr}, patchPositions{nullptr};
  Tensor positions;
  nn::ModuleList textBlocks, audioBlocks, decoderBlocks;
  nn::LayerNorm textNorm{nullptr}, audioNorm{nullptr}, visualNorm{nullptr}, decoderNorm{nullptr};
  nn::Conv2d audioConv1{nullptr}, audioConv2{nullptr};
  nn::Linear audioProjection{nullptr}, copyQuery{nullptr}, copyKey{nullptr}, generationGate{nullptr};
  nn::Sequential visual{nullptr};
  nn::Dropout drop{nullptr};
};
TORCH_MODULE(Network);

}  // namespace

// ---------------------------------------------------------------------------------------------
struct CaptionerNetwork::Impl {
  Network network{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer;
};

struct DecoderSession::Impl {
  Network network{nullptr};
  EncodedMemory memory;
  Tensor copyKeys;
  std::vector<std::pair<Tensor, Tensor>> memoryKeysValues;  // per decoder layer
  std::vector<std::pair<Tensor, Tensor>> selfCaches;        // per decoder layer, (N, H, L, dh)
  int64_t hypotheses = 1;
  int64_t position = 0;
};

DecoderSession::DecoderSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DecoderSession::DecoderSession(DecoderSession&&) noexcept = default;
DecoderSession& DecoderSession::operator=(DecoderSession&&) noexcept = default;
DecoderSession::~DecoderSession() = default;

Result<DecodeStep> DecoderSession::step(const std::vector<int>& tokens, const std::vector<int>& parents) {
  return guarded("decoding step", [&]() -> Result<DecodeStep> {
    auto& s = *impl_;
    const int64_t n = int64_t(tokens.size());
    if (n == 0 || (s.position > 0 && parents.size() != tokens.size()))
      return makeError(ErrorCode::InvalidArgument, "decoding step: tokens and parents disagree");
    if (s.position + 1 >= kMaxPositions || s.position >= s.network->config.maxTargetTokens + 8)
      return makeError(ErrorCode::InvalidArgument, "decoding step: past the length limit");
    c10::InferenceMode guard;
    auto& net = *s.network;
    if (s.position > 0) {
      std::vector<int64_t> order(parents.begin(), parents.end());
      for (auto p : order)
        if (p < 0 || p >= s.hypotheses) return makeError(ErrorCode::InvalidArgument, "decoding step: bad parent");
      auto index = torch::tensor(order, torch::kLong);
      for (auto& cache : s.selfCaches)
        cache = {cache.first.index_select(0, index), cache.second.index_select(0, index)};
    }
    s.hypotheses = n;
    auto ids = torch::tensor(std::vector<int64_t>(tokens.begin(), tokens.end()), torch::kLong).view({n, 1});
    auto x = net.decoderInputs(ids, s.position, s.memory.stage.expand({n}));
    auto embedded = x;
    for (size_t i = 0; i < net.decoderBlocks->size(); ++i) {
      auto* layer = (*net.decoderBlocks)[i]->as<DecoderBlock>();
      const auto& kv = s.memoryKeysValues[i];
      std::pair<Tensor, Tensor> expanded{kv.first.expand({n, -1, -1, -1}), kv.second.expand({n, -1, -1, -1})};
      x = layer->forward(x, Tensor(), s.selfCaches[i], expanded, s.memory.memoryMask);
    }
    EncodedMemory m = s.memory;
    m.text = m.text.expand({n, -1, -1});
    m.textIds = m.textIds.expand({n, -1});
    auto [logProbs, gate] = net.output(net.decoderNorm(x), embedded, m, s.copyKeys.expand({n, -1, -1}));
    ++s.position;
    DecodeStep out;
    auto flat = logProbs.squeeze(1).contiguous();
    auto gates = gate.view({n}).contiguous();
    for (int64_t i = 0; i < n; ++i) {
      const float* row = flat[i].data_ptr<float>();
      out.logProbs.emplace_back(row, row + flat.size(1));
      out.generationWeight.push_back(gates[i].item<float>());
    }
    return out;
  });
}

CaptionerNetwork::CaptionerNetwork(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaptionerNetwork::CaptionerNetwork(CaptionerNetwork&&) noexcept = default;
CaptionerNetwork& CaptionerNetwork::operator=(CaptionerNetwork&&) noexcept = default;
CaptionerNetwork::~CaptionerNetwork() = default;

Result<CaptionerNetwork> CaptionerNetwork::create(const CaptionerConfig& config, int vocabSize, uint64_t seed) {
  if (config.modelDim <= 0 || config.heads <= 0 || config.modelDim % config.heads != 0 || config.modelDim % 2 != 0)
    return makeError(ErrorCode::InvalidArgument, "captioner config: modelDim must be even and divisible by heads");
  if (config.maxFrames <= 0 || config.tokensPerFrame <= 0 || config.melBins < 4 || config.maxTargetTokens < 2 ||
      config.maxSourceTokens < 1 || config.maxAudioTokens < 1 || config.frameSize < 16)
    return makeError(ErrorCode::InvalidArgument, "captioner config: a size is out of range");
  if (vocabSize <= 4) return makeError(ErrorCode::InvalidArgument, "captioner: vocabulary too small");
  return guarded("creating the network", [&]() -> Result<CaptionerNetwork> {
    // Debian's LibTorch 1.13 computes garbage conv2d weight gradients through oneDNN (MKL-DNN) for
    // the audio subsampling (norms of 1e17, or exactly 0, depending on the length; reproduced in a
    // 20-line program). The native convolution is correct and fast enough for these small layers.
    at::globalContext().setUserEnabledMkldnn(false);
    torch::manual_seed(seed);
    auto impl = std::make_unique<Impl>();
    impl->network = Network(config, vocabSize);
    impl->network->eval();
    return CaptionerNetwork(std::move(impl));
  });
}

Status CaptionerNetwork::configureOptimizer(const OptimizerParams& params) {
  return guarded("optimizer", [&]() -> Status {
    impl_->optimizer = std::make_unique<torch::optim::Adam>(impl_->network->parameters(),
                                                            torch::optim::AdamOptions(params.learningRate)
                                                                .betas({params.beta1, params.beta2})
                                                                .weight_decay(params.weightDecay));
    return {};
  });
}

Result<BatchLoss> CaptionerNetwork::trainStep(const std::vector<const EncodedExample*>& batch, double learningRate,
                                              double clipNorm, uint64_t seed) {
  if (!impl_->optimizer) return makeError(ErrorCode::InvalidArgument, "trainStep before configureOptimizer");
  if (batch.empty()) return makeError(ErrorCode::InvalidArgument, "empty batch");
  return guarded("training step", [&]() -> Result<BatchLoss> {
    torch::manual_seed(seed);
    impl_->network->train();
    auto [loss, count] = impl_->network->loss(batch);
    impl_->optimizer->zero_grad();
    loss.backward();
    const double norm = torch::nn::utils::clip_grad_norm_(impl_->network->parameters(), clipNorm);
    for (auto& group : impl_->optimizer->param_groups())
      static_cast<torch::optim::AdamOptions&>(group.options()).lr(learningRate);
    impl_->optimizer->step();
    impl_->network->eval();
    return BatchLoss{loss.item<double>(), count, norm};
  });
}

Result<BatchLoss> CaptionerNetwork::evaluate(const std::vector<const EncodedExample*>& batch) const {
  if (batch.empty()) return makeError(ErrorCode::InvalidArgument, "empty batch");
  return guarded("evaluation", [&]() -> Result<BatchLoss> {
    c10::InferenceMode guard;
    impl_->network->eval();
    auto [loss, count] = impl_->network->loss(batch);
    return BatchLoss{loss.item<double>(), count, 0.0};
  });
}

Result<DecoderSession> CaptionerNetwork::beginDecoding(const EncodedSource& source, int hypotheses) const {
  return guarded("encoding the input", [&]() -> Result<DecoderSession> {
    c10::InferenceMode guard;
    auto& net = *impl_->network;
    net.eval();
    auto session = std::make_unique<DecoderSession::Impl>();
    session->network = impl_->network;
    session->memory = net.encode({&source});
    session->copyKeys = net.copyKey(session->memory.text);
    for (auto& block : *net.decoderBlocks) {
      session->memoryKeysValues.push_back(block->as<DecoderBlock>()->cross->project(session->memory.memory));
      session->selfCaches.emplace_back();
    }
    session->hypotheses = std::max(1, hypotheses);
    return DecoderSession(std::move(session));
  });
}

Status CaptionerNetwork::saveWeights(const std::string& path) const {
  return guarded("saving weights", [&]() -> Status {
    torch::serialize::OutputArchive archive;
    impl_->network->save(archive);
    archive.save_to(path);
    return {};
  });
}

Status CaptionerNetwork::loadWeights(const std::string& path) {
  return guarded("loading weights", [&]() -> Status {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    impl_->network->load(archive);
    impl_->network->eval();
    return {};
  });
}

Status CaptionerNetwork::saveOptimizer(const std::string& path) const {
  if (!impl_->optimizer) return makeError(ErrorCode::InvalidArgument, "no optimizer to save");
  return guarded("saving optimizer", [&]() -> Status {
    torch::serialize::OutputArchive archive;
    impl_->optimizer->save(archive);
    archive.save_to(path);
    return {};
  });
}

Status CaptionerNetwork::loadOptimizer(const std::string& path) {
  if (!impl_->optimizer) return makeError(ErrorCode::InvalidArgument, "configure the optimizer before loading it");
  return guarded("loading optimizer", [&]() -> Status {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    impl_->optimizer->load(archive);
    return {};
  });
}

int64_t CaptionerNetwork::parameterCount() const {
  int64_t count = 0;
  for (const auto& p : impl_->network->parameters()) count += p.numel();
  return count;
}

int CaptionerNetwork::vocabSize() const { return impl_->network->vocabSize; }

}  // namespace ugc::model
