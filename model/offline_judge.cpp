// Training is the only torch code of the offline judge; predict() is a plain two-layer
// evaluation of the saved weights.
#include "model/offline_judge.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace ugc::model {

Result<OfflineJudge> OfflineJudge::train(const std::vector<std::vector<float>>& features,
                                         const std::vector<JudgeScores3>& targets, std::vector<std::string> featureNames,
                                         const OfflineJudgeParams& params, const CancelToken& cancel) {
  if (features.empty() || features.size() != targets.size())
    return makeError(ErrorCode::InvalidArgument, "offline judge: features and targets differ in size or are empty");
  const std::size_t inputs = features.front().size();
  if (inputs == 0 || featureNames.size() != inputs)
    return makeError(ErrorCode::InvalidArgument, "offline judge: feature names do not match the features");
  for (const auto& row : features)
    if (row.size() != inputs) return makeError(ErrorCode::InvalidArgument, "offline judge: ragged feature rows");
  if (params.hidden < 1 || params.epochs < 1) return makeError(ErrorCode::InvalidArgument, "offline judge: bad params");

  try {
    torch::manual_seed(params.seed);
    const auto n = static_cast<int64_t>(features.size());
    auto x = torch::empty({n, static_cast<int64_t>(inputs)});
    auto y = torch::empty({n, 3});
    auto xa = x.accessor<float, 2>();
    auto ya = y.accessor<float, 2>();
    for (int64_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < inputs; ++j) xa[i][j] = features[i][j];
      for (int k = 0; k < 3; ++k) ya[i][k] = targets[i][k];
    }
    auto mean = x.mean(0);
    auto scale = x.std(0).clamp_min(1e-6);
    auto xs = (x - mean) / scale;

    torch::nn::Sequential net(torch::nn::Linear(int64_t(inputs), params.hidden), torch::nn::Tanh(),
                              torch::nn::Linear(params.hidden, 3));
    torch::optim::Adam optimiser(net->parameters(),
                                 torch::optim::AdamOptions(params.learningRate).weight_decay(params.weightDecay));
    for (int epoch = 0; epoch < params.epochs; ++epoch) {
      if (cancel.isCancelled()) return cancelledError();
      optimiser.zero_grad();
      auto loss = torch::mse_loss(net->forward(xs), y);
      loss.backward();
      optimiser.step();
    }

    OfflineJudge judge;
    judge.names_ = std::move(featureNames);
    judge.hidden_ = params.hidden;
    const auto copy = [](const torch::Tensor& t) {
      auto c = t.detach().contiguous().to(torch::kFloat);
      return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    };
    judge.mean_ = copy(mean);
    judge.scale_ = copy(scale);
    auto* first = net[0]->as<torch::nn::Linear>();
    auto* second = net[2]->as<torch::nn::Linear>();
    judge.w1_ = copy(first->weight);
    judge.b1_ = copy(first->bias);
    judge.w2_ = copy(second->weight);
    judge.b2_ = copy(second->bias);
    return judge;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("offline judge training: ") + e.what());
  }
}

JudgeScores3 OfflineJudge::predict(const std::vector<float>& features) const {
  const std::size_t inputs = names_.size();
  std::vector<float> h(std::size_t(hidden_), 0.f);
  for (int r = 0; r < hidden_; ++r) {
    float sum = b1_[std::size_t(r)];
    for (std::size_t j = 0; j < inputs && j < features.size(); ++j)
      sum += w1_[std::size_t(r) * inputs + j] * ((features[j] - mean_[j]) / scale_[j]);
    h[std::size_t(r)] = std::tanh(sum);
  }
  JudgeScores3 out{};
  for (int k = 0; k < 3; ++k) {
    float sum = b2_[std::size_t(k)];
    for (int r = 0; r < hidden_; ++r) sum += w2_[std::size_t(k) * std::size_t(hidden_) + std::size_t(r)] * h[std::size_t(r)];
    out[std::size_t(k)] = std::clamp(sum, 1.f, 5.f);
  }
  return out;
}

Status OfflineJudge::save(const std::filesystem::path& dir, const std::string& about) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  nlohmann::json j = {{"about", about}, {"format", "ugc-offline-judge-1"}, {"features", names_}, {"hidden", hidden_},
                      {"mean", mean_}, {"scale", scale_}, {"w1", w1_}, {"b1", b1_}, {"w2", w2_}, {"b2", b2_}};
  std::ofstream out(dir / "offline_judge.json", std::ios::binary | std::ios::trunc);
  out << j.dump(1) << "\n";
  if (!out) return makeError(ErrorCode::Io, (dir / "offline_judge.json").string() + ": cannot write");
  return {};
}

Result<OfflineJudge> OfflineJudge::load(const std::filesystem::path& dir) {
  const auto file = dir / "offline_judge.json";
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return makeError(ErrorCode::NotFound, file.string() + ": no offline judge weights (train them with `ugccap "
                                                          "offline-judge train --out " + dir.string() + "`)");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  OfflineJudge judge;
  try {
    if (j.is_discarded() || j.value("format", "") != "ugc-offline-judge-1") throw std::runtime_error("format");
    judge.names_ = j.at("features").get<std::vector<std::string>>();
    judge.hidden_ = j.at("hidden").get<int>();
    judge.mean_ = j.at("mean").get<std::vector<float>>();
    judge.scale_ = j.at("scale").get<std::vector<float>>();
    judge.w1_ = j.at("w1").get<std::vector<float>>();
    judge.b1_ = j.at("b1").get<std::vector<float>>();
    judge.w2_ = j.at("w2").get<std::vector<float>>();
    judge.b2_ = j.at("b2").get<std::vector<float>>();
  } catch (const std::exception&) {
    return makeError(ErrorCode::InvalidInput, file.string() + ": not an offline judge weights file");
  }
  const std::size_t n = judge.names_.size(), h = std::size_t(judge.hidden_);
  if (h == 0 || judge.mean_.size() != n || judge.scale_.size() != n || judge.w1_.size() != h * n ||
      judge.b1_.size() != h || judge.w2_.size() != 3 * h || judge.b2_.size() != 3)
    return makeError(ErrorCode::InvalidInput, file.string() + ": weights of inconsistent shapes");
  return judge;
}

}  // namespace ugc::model
