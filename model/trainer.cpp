#include "model/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/captioner_network.h"
#include "model/captioner_training_access.h"
#include "model/tokenizer.h"
#include "model/torch_runtime.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kStateFile = "trainer_state.json";
constexpr const char* kOptimizerFile = "optimizer.pt";
constexpr const char* kCardFile = "card.json";

// Linear warm-up to the peak, then inverse square-root decay.
double scheduledRate(const TrainerParams& p, int step) {
  const double warm = std::max(1, p.warmupSteps);
  return p.learningRate * std::min(double(step) / warm, std::sqrt(warm / double(std::max(1, step))));
}

json curveJson(const std::vector<LossPoint>& curve) {
  json out = json::array();
  for (const auto& p : curve)
    out.push_back({{"step", p.step}, {"train_loss", p.trainLoss}, {"held_out_loss", p.heldOutLoss},
                   {"seconds", p.seconds}});
  return out;
}

std::vector<LossPoint> curveFromJson(const json& j) {
  std::vector<LossPoint> curve;
  for (const auto& p : j)
    curve.push_back({p.at("step").get<int>(), p.at("train_loss").get<double>(), p.at("held_out_loss").get<double>(),
                     p.at("seconds").get<double>()});
  return curve;
}

Status writeJson(const fs::path& path, const json& j) {
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(2) << '\n';
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

// The sample order: a seeded permutation per epoch, so step N always sees the same batch.
class SampleOrder {
 public:
  SampleOrder(size_t count, uint64_t seed) : count_(count), seed_(seed) {}
  size_t at(int64_t counter) {
    const int64_t epoch = counter / int64_t(count_);
    if (epoch != epoch_) {
      permutation_.resize(count_);
      std::iota(permutation_.begin(), permutation_.end(), size_t(0));
      std::mt19937_64 rng(seed_ * 0x9E3779B97F4A7C15ull + uint64_t(epoch));
      // Fisher-Yates by hand: std::shuffle's algorithm is implementation-defined.
      for (size_t i = count_; i > 1; --i) std::swap(permutation_[i - 1], permutation_[rng() % i]);
      epoch_ = epoch;
    }
    return permutation_[size_t(counter % int64_t(count_))];
  }

 private:
  size_t count_;
  uint64_t seed_;
  int64_t epoch_ = -1;
  std::vector<size_t> permutation_;
};

Result<double> heldOutLoss(const CaptionerNetwork& network, const std::vector<EncodedExample>& heldOut, int batchSize) {
  if (heldOut.empty()) return -1.0;
  double total = 0;
  int64_t tokens = 0;
  for (size_t start = 0; start < heldOut.size(); start += size_t(batchSize)) {
    std::vector<const EncodedExample*> batch;
    for (size_t i = start; i < std::min(heldOut.size(), start + size_t(batchSize)); ++i) batch.push_back(&heldOut[i]);
    auto loss = network.evaluate(batch);
    if (!loss) return tl::unexpected(loss.error());
    total += loss->loss * double(loss->tokens);
    tokens += loss->tokens;
  }
  return total / double(std::max<int64_t>(1, tokens));
}

}  // namespace

Result<TrainingReport> trainCaptioner(const TrainerParams& params, const TrainingCorpus& corpus,
                                      const ProgressSink& progress, const CancelToken& cancel) {
  if (params.outDir.empty()) return makeError(ErrorCode::InvalidArgument, "training: no output folder");
  if (params.steps <= 0 || params.batchSize <= 0 || params.evalEvery <= 0 || params.checkpointEvery <= 0)
    return makeError(ErrorCode::InvalidArgument, "training: steps, batch size and intervals must be positive");
  const auto runtime = configureTorchRuntime(std::max(1, params.threads));
  const fs::path out(params.outDir);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + params.outDir + ": " + ec.message());

  TrainingReport result;
  double previousSeconds = 0;
  Result<Captioner> captioner = makeError(ErrorCode::Internal, "unset");
  const bool resuming = params.resume && fs::exists(out / kStateFile, ec);
  if (params.resume && !resuming)
    return makeError(ErrorCode::NotFound, "nothing to resume in " + params.outDir + " (no " + kStateFile + ")");
  if (resuming) {
    std::ifstream in(out / kStateFile);
    json state = json::parse(in, nullptr, false);
    if (state.is_discarded()) return makeError(ErrorCode::InvalidInput, std::string(kStateFile) + " is not JSON");
    try {
      if (state.at("data_hash").get<std::string>() != corpus.dataHash)
        return makeError(ErrorCode::Conflict, "resume: the training data changed since the checkpoint");
      result.steps = state.at("step").get<int>();
      previousSeconds = state.at("seconds").get<double>();
      result.curve = curveFromJson(state.at("curve"));
    } catch (const json::exception& e) {
      return makeError(ErrorCode::InvalidInput, std::string(kStateFile) + ": " + e.what());
    }
    captioner = Captioner::load(params.outDir);
  } else {
    auto tokenizer = Tokenizer::load(params.tokenizerPath);
    if (!tokenizer) return tl::unexpected(tokenizer.error());
    captioner = Captioner::create(params.config, *tokenizer, params.seed);
  }
  if (!captioner) return tl::unexpected(captioner.error());
  auto& network = CaptionerTrainingAccess::network(*captioner);
  if (auto s = network.configureOptimizer({params.learningRate, 0.9, 0.98, params.weightDecay}); !s)
    return tl::unexpected(s.error());
  if (resuming)
    if (auto s = network.loadOptimizer((out / kOptimizerFile).string()); !s) return tl::unexpected(s.error());

  std::vector<EncodedExample> train, heldOut;
  for (size_t i = 0; i < corpus.samples.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& sample = corpus.samples[i];
    auto example = CaptionerTrainingAccess::encodeExample(*captioner, sample.input, sample.target);
    if (!example) continue;  // an empty caption teaches nothing
    const bool held = sample.origin == "release-dev" && isHeldOutVideo(sample.videoId, params.heldOutFraction);
    (held ? heldOut : train).push_back(std::move(*example));
    if (i % 256 == 0) report(progress, "tokenising", int64_t(i), int64_t(corpus.samples.size()));
  }
  if (train.empty()) return makeError(ErrorCode::InvalidInput, "training: no usable training samples");
  result.trainSamples = train.size();
  result.heldOutSamples = heldOut.size();
  result.parameters = network.parameterCount();
  // A fixed, evenly spread subset keeps evaluation cheap and comparable across points.
  std::vector<EncodedExample> evalSet;
  const size_t evalCount = std::min(heldOut.size(), size_t(std::max(0, params.evalSamples)));
  for (size_t i = 0; i < evalCount; ++i) evalSet.push_back(heldOut[i * heldOut.size() / evalCount]);

  const auto started = Clock::now();
  auto elapsed = [&] { return previousSeconds + std::chrono::duration<double>(Clock::now() - started).count(); };
  auto checkpoint = [&]() -> Status {
    if (auto s = captioner->save(params.outDir); !s) return s;
    if (auto s = network.saveOptimizer((out / kOptimizerFile).string()); !s) return s;
    json state{{"step", result.steps}, {"seconds", elapsed()}, {"data_hash", corpus.dataHash},
               {"seed", params.seed}, {"curve", curveJson(result.curve)}};
    if (auto s = writeJson(out / kStateFile, state); !s) return s;
    json card{{"model", "ugc-videocap captioner"},
              {"config", json::parse(CaptionerTrainingAccess::configJson(captioner->config()))},
              {"parameters", result.parameters},
              {"tokenizer_vocab", captioner->tokenizer().vocabSize()},
              {"data_hash", corpus.dataHash},
              {"data_files", corpus.files},
              {"train_samples", result.trainSamples},
              {"held_out_samples", result.heldOutSamples},
              {"held_out_fraction", params.heldOutFraction},
              {"command", params.command},
              {"steps", result.steps},
              {"target_steps", params.steps},
              {"batch_size", params.batchSize},
              {"learning_rate", params.learningRate},
              {"warmup_steps", params.warmupSteps},
              {"clip_norm", params.clipNorm},
              {"seed", params.seed},
              {"threads", runtime.intraOpThreads},
              {"torch", runtime.version},
              {"seconds", elapsed()},
              {"loss_curve", curveJson(result.curve)}};
    return writeJson(out / kCardFile, card);
  };

  SampleOrder order(train.size(), params.seed);
  double lossSum = 0;
  int lossSteps = 0;
  while (result.steps < params.steps) {
    if (cancel.isCancelled()) {
      if (auto s = checkpoint(); !s) return tl::unexpected(s.error());
      return cancelledError();
    }
    if (params.maxMinutes > 0 && elapsed() > params.maxMinutes * 60.0) {
      result.stoppedByTime = true;
      break;
    }
    std::vector<const EncodedExample*> batch;
    for (int i = 0; i < params.batchSize; ++i)
      batch.push_back(&train[order.at(int64_t(result.steps) * params.batchSize + i)]);
    const int step = result.steps + 1;
    auto loss = network.trainStep(batch, scheduledRate(params, step), params.clipNorm,
                                  params.seed * 1000003ull + uint64_t(step));
    if (!loss) return tl::unexpected(loss.error());
    if (!std::isfinite(loss->loss)) return makeError(ErrorCode::Internal, "training diverged (loss is not finite)");
    result.steps = step;
    lossSum += loss->loss;
    ++lossSteps;
    if (step % params.evalEvery == 0 || step == params.steps) {
      auto held = heldOutLoss(network, evalSet, params.batchSize);
      if (!held) return tl::unexpected(held.error());
      result.curve.push_back({step, lossSum / lossSteps, *held, elapsed()});
      lossSum = 0;
      lossSteps = 0;
    }
    if (step % params.checkpointEvery == 0)
      if (auto s = checkpoint(); !s) return tl::unexpected(s.error());
    report(progress, "training", step, params.steps);
  }
  if (lossSteps > 0) {
    auto held = heldOutLoss(network, evalSet, params.batchSize);
    if (!held) return tl::unexpected(held.error());
    result.curve.push_back({result.steps, lossSum / lossSteps, *held, elapsed()});
  }
  if (auto s = checkpoint(); !s) return tl::unexpected(s.error());
  result.seconds = elapsed();
  return result;
}

}  // namespace ugc::model
