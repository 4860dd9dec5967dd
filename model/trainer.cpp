#include "model/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
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

// Linear warm-up to the peak, then inverse square-root decay or a cosine to 10 % at the last step.
double scheduledRate(const TrainerParams& p, int step) {
  const double warm = std::max(1, p.warmupSteps);
  if (step < warm) return p.learningRate * double(step) / warm;
  if (p.schedule == RateSchedule::Cosine) {
    const double progress = std::min(1.0, double(step - warm) / std::max(1.0, double(p.steps) - warm));
    constexpr double kFloor = 0.1;
    return p.learningRate * (kFloor + (1 - kFloor) * 0.5 * (1 + std::cos(std::numbers::pi * progress)));
  }
  return p.learningRate * std::min(double(step) / warm, std::sqrt(warm / double(std::max(1, step))));
}

const char* scheduleName(RateSchedule schedule) { return schedule == RateSchedule::Cosine ? "cosine" : "inverse-sqrt"; }

json curveJson(const std::vector<LossPoint>& curve) {
  json out = json::array();
  for (const auto& p : curve)
    out.push_back({{"step", p.step},
                   {"train_loss", p.trainLoss},
                   {"held_out_loss", p.heldOutLoss},
                   {"media_loss", p.mediaLoss},
                   {"seconds", p.seconds}});
  return out;
}

std::vector<LossPoint> curveFromJson(const json& j) {
  std::vector<LossPoint> curve;
  for (const auto& p : j)
    curve.push_back({p.at("step").get<int>(), p.at("train_loss").get<double>(), p.at("held_out_loss").get<double>(),
                     p.value("media_loss", -1.0), p.at("seconds").get<double>()});
  return curve;
}

Status writeJson(const fs::path& path, const json& j) {
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(2) << '\n';
  if (!out) return makeError(ErrorCode::Io, "cannot write " + path.string());
  return {};
}

// The sample order: a seeded permutation per epoch, so step N always sees the same batch. With
// lengths, each window of `window` batches is sorted by length and its batches shuffled again:
// batches of similar lengths pad far less (an audio caption is a third of a final caption, an
// instruction sample has no input at all), which is most of the time a step takes.
class SampleOrder {
 public:
  SampleOrder(size_t count, uint64_t seed, std::vector<int64_t> lengths = {}, int batch = 1, int window = 64)
      : count_(count),
        seed_(seed),
        lengths_(std::move(lengths)),
        batch_(size_t(std::max(1, batch))),
        window_(size_t(std::max(1, window)) * size_t(std::max(1, batch))) {}
  size_t at(int64_t counter) {
    const int64_t epoch = counter / int64_t(count_);
    if (epoch != epoch_) {
      permutation_.resize(count_);
      std::iota(permutation_.begin(), permutation_.end(), size_t(0));
      std::mt19937_64 rng(seed_ * 0x9E3779B97F4A7C15ull + uint64_t(epoch));
      // Fisher-Yates by hand: std::shuffle's algorithm is implementation-defined.
      for (size_t i = count_; i > 1; --i) std::swap(permutation_[i - 1], permutation_[rng() % i]);
      if (lengths_.size() == count_) bucket(rng);
      epoch_ = epoch;
    }
    return permutation_[size_t(counter % int64_t(count_))];
  }

 private:
  void bucket(std::mt19937_64& rng) {
    for (size_t start = 0; start < count_; start += window_) {
      const auto first = permutation_.begin() + std::ptrdiff_t(start);
      const auto last = permutation_.begin() + std::ptrdiff_t(std::min(count_, start + window_));
      std::stable_sort(first, last, [&](size_t a, size_t b) { return lengths_[a] < lengths_[b]; });
      const size_t blocks = size_t(last - first) / batch_;  // a ragged tail stays where it is
      for (size_t i = blocks; i > 1; --i) {
        const size_t j = rng() % i;
        if (j != i - 1)
          std::swap_ranges(first + std::ptrdiff_t((i - 1) * batch_), first + std::ptrdiff_t(i * batch_),
                           first + std::ptrdiff_t(j * batch_));
      }
    }
  }

  size_t count_;
  uint64_t seed_;
  std::vector<int64_t> lengths_;
  size_t batch_, window_;
  int64_t epoch_ = -1;
  std::vector<size_t> permutation_;
};

// Sort key of a sample for length bucketing: its (capped) target length, then its input length.
int64_t lengthKey(const EncodedExample& e, const CaptionerConfig& config) {
  const int64_t target = std::min<int64_t>(int64_t(e.target.size()), config.maxTargetTokens);
  return target * 100000 + int64_t(e.source.tokens.size());
}

bool carriesMedia(const EncodedExample& example) {
  return example.source.logMel.has_value() || example.source.frames.has_value();
}

// A fixed, evenly spread subset keeps evaluation cheap and comparable across points.
std::vector<EncodedExample> evenSubset(const std::vector<EncodedExample>& from, int wanted) {
  std::vector<EncodedExample> out;
  const size_t count = std::min(from.size(), size_t(std::max(0, wanted)));
  for (size_t i = 0; i < count; ++i) out.push_back(from[i * from.size() / count]);
  return out;
}

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
  if (!(params.mediaShare >= 0 && params.mediaShare <= 1))
    return makeError(ErrorCode::InvalidArgument, "training: the media share must be within 0..1");
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
  // Only the built-in network trains here; an external TorchScript folder is someone else's model.
  if (captioner->kind() != CaptionerKind::BuiltIn)
    return makeError(ErrorCode::Unsupported, params.outDir + " holds a TorchScript model; it cannot be trained here");
  auto& network = CaptionerTrainingAccess::network(*captioner);
  if (auto s = network.configureOptimizer({params.learningRate, 0.9, 0.98, params.weightDecay}); !s)
    return tl::unexpected(s.error());
  if (resuming)
    if (auto s = network.loadOptimizer((out / kOptimizerFile).string()); !s) return tl::unexpected(s.error());

  std::vector<EncodedExample> train, heldOut, media;
  for (size_t i = 0; i < corpus.samples.size(); ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& sample = corpus.samples[i];
    auto example = CaptionerTrainingAccess::encodeExample(*captioner, sample.input, sample.target);
    if (!example) continue;  // an empty caption teaches nothing
    const bool held = sample.origin == "release-dev" && isHeldOutVideo(sample.videoId, params.heldOutFraction);
    const bool mixed = params.mediaShare > 0 && params.batchSize > 1 && !held && carriesMedia(*example);
    (held ? heldOut : mixed ? media : train).push_back(std::move(*example));
    if (i % 256 == 0) report(progress, "tokenising", int64_t(i), int64_t(corpus.samples.size()));
  }
  if (train.empty() && media.empty()) return makeError(ErrorCode::InvalidInput, "training: no usable training samples");
  // Media samples get their own order and a fixed number of slots per batch (all of them when
  // there is nothing else); with mediaShare 0 they stay in the one order over everything.
  const int mediaSlots =
      media.empty()   ? 0
      : train.empty() ? params.batchSize
                      : std::clamp(int(std::lround(params.mediaShare * params.batchSize)), 1, params.batchSize - 1);
  const int textSlots = params.batchSize - mediaSlots;
  result.trainSamples = train.size() + media.size();
  result.heldOutSamples = heldOut.size();
  result.mediaSamples = media.size();
  for (const auto& e : train) result.mediaSamples += carriesMedia(e);
  result.parameters = network.parameterCount();
  const std::vector<EncodedExample> evalSet = evenSubset(heldOut, params.evalSamples);
  const std::vector<EncodedExample> mediaEvalSet = evenSubset(media, params.evalSamples);

  const auto started = Clock::now();
  auto elapsed = [&] { return previousSeconds + std::chrono::duration<double>(Clock::now() - started).count(); };
  auto checkpoint = [&]() -> Status {
    if (auto s = captioner->save(params.outDir); !s) return s;
    if (auto s = network.saveOptimizer((out / kOptimizerFile).string()); !s) return s;
    json state{{"step", result.steps},
               {"seconds", elapsed()},
               {"data_hash", corpus.dataHash},
               {"seed", params.seed},
               {"curve", curveJson(result.curve)}};
    if (auto s = writeJson(out / kStateFile, state); !s) return s;
    json card{{"model", "ugc-videocap captioner"},
              {"config", json::parse(CaptionerTrainingAccess::configJson(captioner->config()))},
              {"parameters", result.parameters},
              {"tokenizer_vocab", captioner->tokenizer().vocabSize()},
              {"data_hash", corpus.dataHash},
              {"data_files", corpus.files},
              {"train_samples", result.trainSamples},
              {"held_out_samples", result.heldOutSamples},
              {"media_samples", result.mediaSamples},
              {"media_slots_per_batch", mediaSlots},
              {"held_out_fraction", params.heldOutFraction},
              {"command", params.command},
              {"steps", result.steps},
              {"target_steps", params.steps},
              {"batch_size", params.batchSize},
              {"learning_rate", params.learningRate},
              {"warmup_steps", params.warmupSteps},
              {"schedule", scheduleName(params.schedule)},
              {"length_buckets", params.lengthBuckets},
              {"clip_norm", params.clipNorm},
              {"seed", params.seed},
              {"threads", runtime.intraOpThreads},
              {"torch", runtime.version},
              {"seconds", elapsed()},
              {"loss_curve", curveJson(result.curve)}};
    return writeJson(out / kCardFile, card);
  };

  std::vector<int64_t> lengths;
  if (params.lengthBuckets)
    for (const auto& e : train) lengths.push_back(lengthKey(e, captioner->config()));
  SampleOrder order(std::max<size_t>(1, train.size()), params.seed, std::move(lengths), textSlots);
  SampleOrder mediaOrder(std::max<size_t>(1, media.size()), params.seed + 0x5DEECE66Dull);
  auto evaluatePoint = [&](double trainLoss) -> Status {
    auto held = heldOutLoss(network, evalSet, params.batchSize);
    if (!held) return tl::unexpected(held.error());
    auto mediaLoss = mediaEvalSet.empty() ? Result<double>(-1.0) : heldOutLoss(network, mediaEvalSet, params.batchSize);
    if (!mediaLoss) return tl::unexpected(mediaLoss.error());
    result.curve.push_back({result.steps, trainLoss, *held, *mediaLoss, elapsed()});
    return {};
  };
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
    for (int i = 0; i < textSlots; ++i) batch.push_back(&train[order.at(int64_t(result.steps) * textSlots + i)]);
    for (int i = 0; i < mediaSlots; ++i) batch.push_back(&media[mediaOrder.at(int64_t(result.steps) * mediaSlots + i)]);
    const int step = result.steps + 1;
    auto loss = network.trainStep(batch, scheduledRate(params, step), params.clipNorm,
                                  params.seed * 1000003ull + uint64_t(step));
    if (!loss) return tl::unexpected(loss.error());
    if (!std::isfinite(loss->loss)) return makeError(ErrorCode::Internal, "training diverged (loss is not finite)");
    result.steps = step;
    lossSum += loss->loss;
    ++lossSteps;
    if (step % params.evalEvery == 0 || step == params.steps) {
      if (auto s = evaluatePoint(lossSum / lossSteps); !s) return tl::unexpected(s.error());
      lossSum = 0;
      lossSteps = 0;
    }
    if (step % params.checkpointEvery == 0)
      if (auto s = checkpoint(); !s) return tl::unexpected(s.error());
    report(progress, "training", step, params.steps);
  }
  if (lossSteps > 0)
    if (auto s = evaluatePoint(lossSum / lossSteps); !s) return tl::unexpected(s.error());
  if (auto s = checkpoint(); !s) return tl::unexpected(s.error());
  result.seconds = elapsed();
  return result;
}

}  // namespace ugc::model
