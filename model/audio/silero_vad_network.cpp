// Silero VAD v5 (16 kHz) on LibTorch, from the ONNX file's initializers. The network, as the ONNX
// graph computes it for one 576-sample input (64 context samples + a 512-sample chunk):
//   reflect-pad 64 on the right -> conv1d with the 258 x 1 x 256 STFT basis, stride 128 (4 frames;
//   computed here as frames x basis^T)
//   -> magnitude of the 129 real / 129 imaginary rows -> four conv1d(k=3, pad 1) + ReLU with
//   strides 1, 2, 2, 1 (129 -> 128 -> 64 -> 64 -> 128 channels, 4 -> 1 frame) -> LSTM cell (128)
//   -> ReLU -> conv1d(128 -> 1, k=1) -> sigmoid.
// The encoder has no state, so the chunks of a block are encoded as one batch; only the LSTM runs
// chunk after chunk (torch::lstm over the block's sequence), its state carried between blocks.
#include <torch/torch.h>

#include <algorithm>
#include <map>

#include "core/sha256.h"
#include "model/audio/voice_activity.h"
#include "model/graph/onnx_loader.h"
#include "model/torch_guard.h"

namespace ugc::model {
namespace {

constexpr int64_t kBlockChunks = 1024;  // ~33 s of audio per batch: bounded memory on long clips
constexpr int kStftPad = 64;
constexpr int kStftHop = 128;
constexpr int kBins = 129;
constexpr int kHidden = 128;

struct Expected {
  const char* name;
  std::vector<int64_t> shape;
};

const std::vector<Expected>& expectedInitializers() {
  static const std::vector<Expected> all = {
      {"model.stft.forward_basis_buffer", {258, 1, 256}},
      {"model.encoder.0.reparam_conv.weight", {128, 129, 3}},
      {"model.encoder.0.reparam_conv.bias", {128}},
      {"model.encoder.1.reparam_conv.weight", {64, 128, 3}},
      {"model.encoder.1.reparam_conv.bias", {64}},
      {"model.encoder.2.reparam_conv.weight", {64, 64, 3}},
      {"model.encoder.2.reparam_conv.bias", {64}},
      {"model.encoder.3.reparam_conv.weight", {128, 64, 3}},
      {"model.encoder.3.reparam_conv.bias", {128}},
      {"model.decoder.rnn.weight_ih", {512, 128}},
      {"model.decoder.rnn.weight_hh", {512, 128}},
      {"model.decoder.rnn.bias_ih", {512}},
      {"model.decoder.rnn.bias_hh", {512}},
      {"model.decoder.decoder.2.weight", {1, 128, 1}},
      {"model.decoder.decoder.2.bias", {1}},
  };
  return all;
}

}  // namespace

struct SileroVad::Impl {
  std::map<std::string, torch::Tensor> weights;
  std::string sha256;
  const torch::Tensor& w(const char* name) const { return weights.at(name); }
};

SileroVad::SileroVad(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SileroVad::SileroVad(SileroVad&&) noexcept = default;
SileroVad& SileroVad::operator=(SileroVad&&) noexcept = default;
SileroVad::~SileroVad() = default;

std::string SileroVad::sha256() const { return impl_->sha256; }

Result<SileroVad> SileroVad::load(const std::filesystem::path& onnxFile) {
  auto graph = graph::loadOnnxGraph(onnxFile);
  if (!graph) {
    Error error = graph.error();
    error.message = "Silero VAD model " + onnxFile.string() + ": " + error.message +
                    " (reinstall it with scripts/fetch-models silero-vad)";
    return tl::unexpected(error);
  }
  auto impl = std::make_unique<Impl>();
  for (const auto& want : expectedInitializers()) {
    auto it = graph->constants.find(want.name);
    if (it == graph->constants.end() || it->second.type != graph::TensorType::Float32 ||
        it->second.shape != want.shape || int64_t(it->second.floats.size()) != it->second.elementCount())
      return makeError(ErrorCode::InvalidInput, onnxFile.string() + " is not Silero VAD v5 (16 kHz): initializer " +
                                                    want.name + " missing or of another shape");
  }
  auto loaded = guarded("loading Silero VAD", [&]() -> Result<SileroVad> {
    for (const auto& want : expectedInitializers()) {
      const auto& t = graph->constants.at(want.name);
      impl->weights[want.name] = torch::from_blob(const_cast<float*>(t.floats.data()), want.shape).clone();
    }
    // The decoder's 1x1 convolution is a dot product; the LSTM takes PyTorch's gate order (i, f, g, o),
    // which is how the initializers are stored (the ONNX graph reorders them for its LSTM node).
    impl->weights["decoder.w"] = impl->weights.at("model.decoder.decoder.2.weight").reshape({kHidden});
    impl->weights["stft.basis_t"] =
        impl->weights.at("model.stft.forward_basis_buffer").reshape({2 * kBins, 2 * kStftHop}).t().contiguous();
    return SileroVad(std::move(impl));
  });
  if (!loaded) return loaded;
  auto sha = sha256File(onnxFile);
  if (sha) loaded->impl_->sha256 = *sha;
  return loaded;
}

Result<std::vector<float>> SileroVad::speechProbabilities(const std::vector<float>& samples,
                                                          const CancelToken& cancel) const {
  return guarded("running Silero VAD", [&]() -> Result<std::vector<float>> {
    c10::InferenceMode inference;
    const Impl& m = *impl_;
    const int64_t chunks = int64_t((samples.size() + kVadChunkSamples - 1) / kVadChunkSamples);
    std::vector<float> out;
    out.reserve(size_t(chunks));
    auto h = torch::zeros({1, 1, kHidden}), c = torch::zeros({1, 1, kHidden});
    const int64_t window = kVadContextSamples + kVadChunkSamples;
    for (int64_t first = 0; first < chunks; first += kBlockChunks) {
      if (cancel.isCancelled()) return cancelledError();
      const int64_t count = std::min(kBlockChunks, chunks - first);
      // Each row: the 64 samples before the chunk (zeros before the clip) and the chunk (zeros after).
      auto input = torch::zeros({count, window});
      float* dst = input.data_ptr<float>();
      for (int64_t i = 0; i < count; ++i) {
        const int64_t start = (first + i) * kVadChunkSamples - kVadContextSamples;
        for (int64_t k = 0; k < window; ++k) {
          const int64_t s = start + k;
          if (s >= 0 && s < int64_t(samples.size())) dst[i * window + k] = samples[size_t(s)];
        }
      }
      // The STFT conv (one input channel, kernel 256, stride 128) as one GEMM over the 4 frames of
      // every chunk, rather than conv1d's im2col path for a single input channel.
      auto frames = torch::reflection_pad1d(input.unsqueeze(1), {0, kStftPad}).squeeze(1).unfold(1, 2 * kStftHop, kStftHop);
      auto x = frames.matmul(m.w("stft.basis_t")).transpose(1, 2);  // [chunks, 258, 4]
      auto real = x.slice(1, 0, kBins), imag = x.slice(1, kBins, 2 * kBins);
      x = torch::sqrt(real * real + imag * imag);
      const int strides[] = {1, 2, 2, 1};
      for (int layer = 0; layer < 4; ++layer) {
        const std::string prefix = "model.encoder." + std::to_string(layer) + ".reparam_conv.";
        x = torch::relu(torch::conv1d(x, m.w((prefix + "weight").c_str()), m.w((prefix + "bias").c_str()),
                                      strides[layer], 1));
      }
      auto features = x.squeeze(2).unsqueeze(1);  // [chunks, 1, 128]: a sequence of batch 1
      auto result = torch::lstm(features, {h, c},
                                {m.w("model.decoder.rnn.weight_ih"), m.w("model.decoder.rnn.weight_hh"),
                                 m.w("model.decoder.rnn.bias_ih"), m.w("model.decoder.rnn.bias_hh")},
                                /*has_biases=*/true, /*num_layers=*/1, /*dropout=*/0.0, /*train=*/false,
                                /*bidirectional=*/false, /*batch_first=*/false);
      h = std::get<1>(result);
      c = std::get<2>(result);
      auto hidden = torch::relu(std::get<0>(result).reshape({count, kHidden}));
      auto p = torch::sigmoid(hidden.matmul(m.w("decoder.w")) + m.w("model.decoder.decoder.2.bias")).contiguous();
      const float* probs = p.data_ptr<float>();
      out.insert(out.end(), probs, probs + count);
    }
    return out;
  });
}

}  // namespace ugc::model
