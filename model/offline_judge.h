#pragma once
// The offline judge: a small network that estimates the GPT-4o judge's visual / audio / details
// scores (1-5) of a caption from features of the (prediction, reference) pair. The features are
// computed by the caller (app/pipeline/judge/offline_features.h); this library only trains
// (LibTorch) and evaluates (plain C++, no torch at inference) the network, so `judge --offline`
// starts fast. Weights are a small JSON file.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::model {

struct OfflineJudgeParams {
  int hidden = 16;
  int epochs = 600;
  double learningRate = 0.01;
  double weightDecay = 1e-4;
  std::uint64_t seed = 16;
  static OfflineJudgeParams defaultParams() { return {}; }
};

using JudgeScores3 = std::array<float, 3>;  // visual, audio, details

class OfflineJudge {
 public:
  // Full-batch Adam on the mean squared error; features are standardised with the training
  // set's mean and deviation (kept with the weights). InvalidArgument on empty or ragged input.
  static Result<OfflineJudge> train(const std::vector<std::vector<float>>& features,
                                    const std::vector<JudgeScores3>& targets, std::vector<std::string> featureNames,
                                    const OfflineJudgeParams& params, const CancelToken& cancel = {});
  // <dir>/offline_judge.json. NotFound / InvalidInput.
  static Result<OfflineJudge> load(const std::filesystem::path& dir);
  Status save(const std::filesystem::path& dir, const std::string& about) const;

  // Scores clamped to [1, 5]. The feature vector must have featureNames().size() entries.
  JudgeScores3 predict(const std::vector<float>& features) const;
  const std::vector<std::string>& featureNames() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<float> mean_, scale_;
  int hidden_ = 0;
  std::vector<float> w1_, b1_, w2_, b2_;  // row-major: w1 [hidden x inputs], w2 [3 x hidden]
};

}  // namespace ugc::model
