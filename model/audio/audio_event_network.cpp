// The audio-event classifier's network, inference and training: the only torch file of
// model/audio/. A small CNN over a 1 s log-mel window (80 x 100): a 2x2 average pool, three conv-BN-ReLU-pool stages,
// a mean over time, and two linear layers to four independent logits.
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/log_mel.h"
#include "core/sha256.h"
#include "model/audio/audio_event_model.h"
#include "model/torch_guard.h"
#include "model/torch_runtime.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;
constexpr const char* kConfigFormat = "ugc-audio-events/1";

struct EventNetImpl : torch::nn::Module {
  torch::nn::Sequential features{nullptr};
  torch::nn::Linear hidden{nullptr}, out{nullptr};

  explicit EventNetImpl(const AudioEventNetConfig& config) {
    torch::nn::Sequential stages;
    // 20 ms x 2 mel bands first: the blocks are 0.5 s, finer detail costs time and helps little.
    stages->push_back(torch::nn::AvgPool2d(2));
    int in = 1;
    for (int width : config.channels) {
      stages->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, width, 3).padding(1).bias(false)));
      stages->push_back(torch::nn::BatchNorm2d(width));
      stages->push_back(torch::nn::ReLU());
      stages->push_back(torch::nn::MaxPool2d(2));
      in = width;
    }
    features = register_module("features", stages);
    const int freq = media::kMelBins / 16;  // four poolings of 80 bins
    hidden = register_module("hidden", torch::nn::Linear(in * freq, config.hidden));
    out = register_module("out", torch::nn::Linear(config.hidden, kAudioEventClasses));
  }

  // x: [batch, 80, frames] -> logits [batch, classes]
  torch::Tensor forward(torch::Tensor x) {
    auto h = features->forward(x.unsqueeze(1));  // [B, C, 5, T/16]
    h = h.mean(3).flatten(1);
    return out->forward(torch::relu(hidden->forward(h)));
  }
};
TORCH_MODULE(EventNet);

torch::Tensor batchTensor(const std::vector<const std::vector<float>*>& windows) {
  auto t = torch::empty({int64_t(windows.size()), media::kMelBins, kAudioEventWindowFrames});
  float* dst = t.data_ptr<float>();
  const size_t each = size_t(media::kMelBins) * kAudioEventWindowFrames;
  for (size_t i = 0; i < windows.size(); ++i) std::copy(windows[i]->begin(), windows[i]->end(), dst + i * each);
  return t;
}

Result<std::string> readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

const char* audioEventClassName(AudioEventClass c) {
  switch (c) {
    case AudioEventClass::Speech:
      return "speech";
    case AudioEventClass::Music:
      return "music";
    case AudioEventClass::Other:
      return "other";
    case AudioEventClass::Silence:
      return "silence";
  }
  return "other";
}

struct AudioEventClassifier::Impl {
  AudioEventNetConfig config;
  EventNet net{nullptr};
  std::string weightsSha;
};

AudioEventClassifier::AudioEventClassifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AudioEventClassifier::AudioEventClassifier(AudioEventClassifier&&) noexcept = default;
AudioEventClassifier& AudioEventClassifier::operator=(AudioEventClassifier&&) noexcept = default;
AudioEventClassifier::~AudioEventClassifier() = default;

Result<AudioEventClassifier> AudioEventClassifier::create(const AudioEventNetConfig& config, uint64_t seed) {
  for (int c : config.channels)
    if (c < 1 || c > 512) return makeError(ErrorCode::InvalidArgument, "audio-event channels must be in 1..512");
  if (config.hidden < 1 || config.hidden > 4096)
    return makeError(ErrorCode::InvalidArgument, "audio-event hidden size must be in 1..4096");
  return guarded("creating the audio-event network", [&]() -> Result<AudioEventClassifier> {
    torch::manual_seed(seed);
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    impl->net = EventNet(config);
    impl->net->eval();
    return AudioEventClassifier(std::move(impl));
  });
}

Result<AudioEventClassifier> AudioEventClassifier::load(const fs::path& folder) {
  const auto configPath = folder / "config.json", weightsPath = folder / "weights.pt";
  std::error_code ec;
  if (!fs::exists(weightsPath, ec) || !fs::exists(configPath, ec))
    return makeError(ErrorCode::NotFound, "audio-event model missing: " + weightsPath.string() + " or " +
                                              configPath.string() +
                                              " (the default ships in resources/models/audio-events; retrain with "
                                              "`ugccap train-audio-events`)");
  auto text = readText(configPath);
  if (!text) return tl::unexpected(text.error());
  AudioEventNetConfig config;
  try {
    const auto doc = nlohmann::json::parse(*text);
    if (doc.value("format", "") != kConfigFormat)
      return makeError(ErrorCode::InvalidInput, configPath.string() + ": not a " + kConfigFormat + " config");
    const auto channels = doc.at("channels").get<std::vector<int>>();
    if (channels.size() != 3) return makeError(ErrorCode::InvalidInput, configPath.string() + ": 3 channel counts expected");
    for (int i = 0; i < 3; ++i) config.channels[size_t(i)] = channels[size_t(i)];
    config.hidden = doc.at("hidden").get<int>();
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, configPath.string() + ": " + e.what());
  }
  auto created = create(config, 0);
  if (!created) return created;
  try {
    auto& net = created->impl_->net;
    std::vector<std::vector<int64_t>> shapes;
    for (const auto& t : net->parameters()) shapes.push_back(t.sizes().vec());
    for (const auto& t : net->buffers()) shapes.push_back(t.sizes().vec());
    torch::serialize::InputArchive archive;
    archive.load_from(weightsPath.string());
    net->load(archive);
    net->eval();
    // The archive's tensors replace the module's whatever their shape: check them against config.json.
    size_t i = 0;
    for (const auto& t : net->parameters())
      if (t.sizes().vec() != shapes[i++]) throw std::runtime_error("tensor shapes differ from config.json");
    for (const auto& t : net->buffers())
      if (t.sizes().vec() != shapes[i++]) throw std::runtime_error("tensor shapes differ from config.json");
  } catch (const std::exception& e) {
    std::string message = e.what();
    if (auto cut = message.find('\n'); cut != std::string::npos) message.resize(cut);
    return makeError(ErrorCode::InvalidInput, "audio-event weights " + weightsPath.string() +
                                                  " are corrupt or do not match config.json: " + message);
  }
  auto sha = sha256File(weightsPath);
  if (sha) created->impl_->weightsSha = *sha;
  return created;
}

Result<AudioEventFrames> AudioEventClassifier::classify(const std::vector<float>& samples,
                                                        const CancelToken& cancel) const {
  return guarded("classifying audio events", [&]() -> Result<AudioEventFrames> {
    AudioEventFrames out;
    out.seconds = double(samples.size()) / media::kMelSampleRate;
    if (samples.empty()) return out;
    c10::InferenceMode guard;
    at::globalContext().setFlushDenormal(true);
    impl_->net->eval();
    const size_t piece = size_t(kAudioEventPieceSeconds * media::kMelSampleRate);
    const size_t minimum = size_t(0.1 * media::kMelSampleRate);  // a sliver still gets one block
    for (size_t start = 0; start < samples.size(); start += piece) {
      if (cancel.isCancelled()) return cancelledError();
      const size_t end = std::min(samples.size(), start + piece);
      std::vector<float> part(samples.begin() + std::ptrdiff_t(start), samples.begin() + std::ptrdiff_t(end));
      if (part.size() < minimum) {
        if (start > 0) break;  // a tail under 0.1 s after full pieces adds no block
        part.resize(minimum, 0.0f);
      }
      const auto mel = media::computeLogMel(part);
      const auto windows = audioEventWindows(mel.values, mel.frames);
      if (windows.empty()) continue;
      std::vector<const std::vector<float>*> pointers;
      for (const auto& w : windows) pointers.push_back(&w);
      const auto probs = torch::sigmoid(impl_->net->forward(batchTensor(pointers))).contiguous();
      const float* p = probs.data_ptr<float>();
      for (size_t i = 0; i < windows.size(); ++i) {
        std::array<float, kAudioEventClasses> row{};
        for (int c = 0; c < kAudioEventClasses; ++c) row[size_t(c)] = p[i * kAudioEventClasses + size_t(c)];
        out.probabilities.push_back(row);
      }
    }
    return out;
  });
}

Status AudioEventClassifier::save(const fs::path& folder, const std::string& cardJson) const {
  return guarded("saving the audio-event model", [&]() -> Status {
    fs::create_directories(folder);
    torch::serialize::OutputArchive archive;
    impl_->net->save(archive);
    archive.save_to((folder / "weights.pt").string());
    nlohmann::json config = {{"format", kConfigFormat},
                             {"channels", std::vector<int>(impl_->config.channels.begin(), impl_->config.channels.end())},
                             {"hidden", impl_->config.hidden},
                             {"classes", {"speech", "music", "other", "silence"}},
                             {"hop_seconds", kAudioEventHopSeconds},
                             {"piece_seconds", kAudioEventPieceSeconds},
                             {"window_frames", kAudioEventWindowFrames}};
    std::ofstream(folder / "config.json") << config.dump(2) << "\n";
    if (!cardJson.empty()) std::ofstream(folder / "card.json") << cardJson << "\n";
    return {};
  });
}

const AudioEventNetConfig& AudioEventClassifier::config() const { return impl_->config; }

int64_t AudioEventClassifier::parameterCount() const {
  int64_t n = 0;
  for (const auto& p : impl_->net->parameters()) n += p.numel();
  return n;
}

std::string AudioEventClassifier::weightsSha256() const { return impl_->weightsSha; }

Result<AudioEventTrainReport> trainAudioEventClassifier(AudioEventClassifier& classifier,
                                                        const std::vector<AudioEventExample>& train,
                                                        const std::vector<AudioEventExample>& heldOut,
                                                        const AudioEventTrainParams& params,
                                                        const ProgressSink& progress, const CancelToken& cancel) {
  if (train.empty()) return makeError(ErrorCode::InvalidArgument, "no training examples");
  if (params.steps < 1 || params.batchSize < 1)
    return makeError(ErrorCode::InvalidArgument, "steps and batch size must be positive");
  for (const auto& e : train)
    if (e.window.size() != size_t(media::kMelBins) * kAudioEventWindowFrames)
      return makeError(ErrorCode::InvalidArgument, "an example's window is not 80 x 100");
  return guarded("training the audio-event classifier", [&]() -> Result<AudioEventTrainReport> {
    configureTorchRuntime(params.threads);
    // Denormal activations late in training slow the CPU kernels many times over.
    at::globalContext().setFlushDenormal(true);
    torch::manual_seed(params.seed);
    auto& net = classifier.impl_->net;
    net->train();
    torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(params.learningRate));
    std::mt19937_64 rng(params.seed);
    std::uniform_int_distribution<size_t> pick(0, train.size() - 1);
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

    auto labelsOf = [](const std::vector<const AudioEventExample*>& batch) {
      auto t = torch::empty({int64_t(batch.size()), kAudioEventClasses});
      for (size_t i = 0; i < batch.size(); ++i)
        for (int c = 0; c < kAudioEventClasses; ++c) t[int64_t(i)][c] = float(batch[i]->labels[size_t(c)]);
      return t;
    };
    auto lossOf = [&](const std::vector<const AudioEventExample*>& batch) {
      std::vector<const std::vector<float>*> windows;
      for (const auto* e : batch) windows.push_back(&e->window);
      return torch::binary_cross_entropy_with_logits(net->forward(batchTensor(windows)), labelsOf(batch));
    };
    auto evaluate = [&]() -> double {
      if (heldOut.empty()) return -1;
      c10::InferenceMode guard;
      net->eval();
      double sum = 0;
      size_t count = 0;
      const size_t limit = std::min<size_t>(heldOut.size(), 1024);
      const size_t stride = std::max<size_t>(1, heldOut.size() / limit);
      std::vector<const AudioEventExample*> batch;
      for (size_t i = 0; i < heldOut.size() && count + batch.size() < limit; i += stride) {
        batch.push_back(&heldOut[i]);
        if (batch.size() == 256) {
          sum += lossOf(batch).item<double>() * double(batch.size());
          count += batch.size();
          batch.clear();
        }
      }
      if (!batch.empty()) {
        sum += lossOf(batch).item<double>() * double(batch.size());
        count += batch.size();
      }
      net->train();
      return count ? sum / double(count) : -1;
    };

    AudioEventTrainReport summary;
    summary.parameters = classifier.parameterCount();
    double sinceSum = 0;
    int sinceCount = 0;
    for (int step = 1; step <= params.steps; ++step) {
      if (cancel.isCancelled()) {
        net->eval();
        return cancelledError();
      }
      const double progressShare = double(step - 1) / params.steps;
      const double rate = params.learningRate * (0.1 + 0.9 * 0.5 * (1 + std::cos(M_PI * progressShare)));
      for (auto& group : optimizer.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
      std::vector<const AudioEventExample*> batch;
      for (int i = 0; i < params.batchSize; ++i) batch.push_back(&train[pick(rng)]);
      optimizer.zero_grad();
      auto loss = lossOf(batch);
      loss.backward();
      optimizer.step();
      sinceSum += loss.item<double>();
      ++sinceCount;
      summary.steps = step;
      const bool timeUp = params.maxMinutes > 0 && elapsed() > params.maxMinutes * 60;
      if (step % params.evalEvery == 0 || step == params.steps || step == 1 || timeUp) {
        summary.curve.push_back({step, sinceSum / sinceCount, evaluate(), elapsed()});
        sinceSum = 0;
        sinceCount = 0;
      }
      report(progress, "training audio events", step, params.steps);
      if (timeUp) {
        summary.stoppedByTime = true;
        break;
      }
    }
    net->eval();
    summary.seconds = elapsed();
    return summary;
  });
}

}  // namespace ugc::model
