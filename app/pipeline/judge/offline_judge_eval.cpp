#include "pipeline/judge/offline_judge_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "annotation/scoring/judge_aggregation.h"
#include "pipeline/judge/offline_features.h"
#include "pipeline/scoring/caption_scoring.h"
#include "pipeline/scoring/json_text.h"
#include "pipeline/scoring/jsonl_reader.h"

namespace ugc::pipeline::judge {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SystemFiles {
  const char* name;
  const char* captions;
  const char* scores;
};
constexpr SystemFiles kSystems[] = {
    {"gemini_2.5_pro", "gemini_2.5_pro.jsonl", "gemini_2.5_pro_4o.json"},
    {"minicpm", "minicpm_captions.jsonl", "minicpm_4o.json"},
    {"gemma3n-e2b", "gemma3n-e2b_results.jsonl", "gemma3n-e2b_4o.json"},
    {"omni_baseline", "omni_baseline.jsonl", "omni_baseline_4o.json"},
    {"1k_sft", "1k_sft_inference.jsonl", "1k_sft_4o.json"},
};

// The table's average cell of per-video (visual, audio, details): mean of the three / 5 * 100.
double averageCell(const std::vector<model::JudgeScores3>& scores) {
  double sum = 0;
  for (const auto& s : scores) sum += (double(s[0]) + s[1] + s[2]) / 3;
  return scores.empty() ? 0 : sum / double(scores.size()) / 5 * 100;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = double(a.size());
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i] / n, mb += b[i] / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

// y = a + b x per dimension, least squares on the training rows.
struct LinearMap {
  std::array<double, 3> a{}, b{};
};
LinearMap fitLinear(const std::vector<double>& x, const std::vector<model::JudgeScores3>& y) {
  LinearMap map;
  const double n = double(x.size());
  double mx = 0;
  for (double v : x) mx += v / n;
  for (int k = 0; k < 3; ++k) {
    double my = 0;
    for (const auto& s : y) my += s[std::size_t(k)] / n;
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      sxy += (x[i] - mx) * (y[i][std::size_t(k)] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    map.b[std::size_t(k)] = sxx > 0 ? sxy / sxx : 0;
    map.a[std::size_t(k)] = my - map.b[std::size_t(k)] * mx;
  }
  return map;
}

}  // namespace

Result<std::vector<JudgeSystemData>> loadJudgeTrainingData(const fs::path& dataDir) {
  const fs::path results = dataDir / "results-dev";
  const fs::path releaseFile = dataDir / "release-dev" / "final_caption_qa.json";
  std::ifstream in(releaseFile, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, releaseFile.string() + ": no such file");
  std::stringstream text;
  text << in.rdbuf();
  auto release = scoring::detail::parseJsonText(text.str());
  if (!release || !release->contains("samples"))
    return makeError(ErrorCode::InvalidInput, releaseFile.string() + ": not a release caption file");
  std::unordered_map<std::string, std::string> references;
  for (const auto& s : (*release)["samples"])
    if (s.value("video_id", json()).is_string() && s.value("answer", json()).is_string())
      references[s["video_id"].get<std::string>()] = s["answer"].get<std::string>();

  std::vector<JudgeSystemData> systems;
  for (const auto& files : kSystems) {
    auto scores = scoring::readCaptionScoreFile(results / "caption_score" / files.scores);
    if (!scores) return tl::unexpected(scores.error());
    std::unordered_map<std::string, model::JudgeScores3> byVideo;
    for (const auto& e : *scores)
      byVideo[e.videoId] = {float(e.scores.visual), float(e.scores.audio), float(e.scores.details)};
    JudgeSystemData data;
    data.name = files.name;
    const fs::path captions = results / "captions" / files.captions;
    auto status = scoring::forEachJsonlLine(captions, [&](std::size_t line, std::string_view row) -> Status {
      auto record = scoring::detail::parseJsonText(row);
      if (!record || !record->is_object() || !record->value("video_id", json()).is_string() ||
          !record->value("caption", json()).is_string())
        return tl::unexpected(scoring::lineError(captions, line, "not a {video_id, caption} record"));
      const std::string id = (*record)["video_id"].get<std::string>();
      auto ref = references.find(id);
      auto score = byVideo.find(id);
      if (ref == references.end() || score == byVideo.end()) return {};
      if (score->second[0] == 0) return {};  // the judge's reply was not parsed: no target
      data.videoIds.push_back(id);
      data.features.push_back(offlineJudgeFeatures((*record)["caption"].get<std::string>(), ref->second));
      data.scores.push_back(score->second);
      return {};
    });
    if (!status) return tl::unexpected(status.error());
    systems.push_back(std::move(data));
  }
  return systems;
}

Result<model::OfflineJudge> trainOfflineJudge(const std::vector<JudgeSystemData>& systems,
                                              const model::OfflineJudgeParams& params, const CancelToken& cancel) {
  std::vector<std::vector<float>> x;
  std::vector<model::JudgeScores3> y;
  for (const auto& s : systems) {
    x.insert(x.end(), s.features.begin(), s.features.end());
    y.insert(y.end(), s.scores.begin(), s.scores.end());
  }
  return model::OfflineJudge::train(x, y, offlineFeatureNames(), params, cancel);
}

Result<LosoReport> leaveOneSystemOut(const std::vector<JudgeSystemData>& systems,
                                     const model::OfflineJudgeParams& params, const ProgressSink& progress,
                                     const CancelToken& cancel) {
  if (systems.size() < 3) return makeError(ErrorCode::InvalidArgument, "leave-one-system-out needs 3 or more systems");
  LosoReport report;
  // Estimators: the network, then single features through a linear map.
  const std::vector<std::pair<std::string, int>> baselines = {{"ROUGE-L", 0}, {"BLEU-1", 5}, {"length", 6}};
  const auto addEstimator = [&](const std::string& name) {
    EstimatorReport e;
    e.estimator = name;
    report.estimators.push_back(std::move(e));
  };
  addEstimator("offline judge");
  for (const auto& baseline : baselines) addEstimator(baseline.first);
  std::vector<std::array<double, 3>> absErrorSum(report.estimators.size());
  std::size_t totalSamples = 0;

  for (std::size_t held = 0; held < systems.size(); ++held) {
    report.systems.push_back(systems[held].name);
    report.samples.push_back(systems[held].scores.size());
    std::vector<JudgeSystemData> training;
    for (std::size_t s = 0; s < systems.size(); ++s)
      if (s != held) training.push_back(systems[s]);
    auto judge = trainOfflineJudge(training, params, cancel);
    if (!judge) return tl::unexpected(judge.error());
    const auto& test = systems[held];
    std::vector<std::vector<model::JudgeScores3>> predicted(report.estimators.size());
    for (const auto& f : test.features) predicted[0].push_back(judge->predict(f));
    for (std::size_t b = 0; b < baselines.size(); ++b) {
      std::vector<double> x;
      std::vector<model::JudgeScores3> y;
      for (const auto& t : training)
        for (std::size_t i = 0; i < t.features.size(); ++i) {
          x.push_back(t.features[i][std::size_t(baselines[b].second)]);
          y.push_back(t.scores[i]);
        }
      const LinearMap map = fitLinear(x, y);
      for (const auto& f : test.features) {
        model::JudgeScores3 s{};
        for (int k = 0; k < 3; ++k)
          s[std::size_t(k)] = float(std::clamp(map.a[std::size_t(k)] + map.b[std::size_t(k)] * f[std::size_t(baselines[b].second)], 1.0, 5.0));
        predicted[b + 1].push_back(s);
      }
    }
    for (std::size_t e = 0; e < report.estimators.size(); ++e) {
      for (std::size_t i = 0; i < test.scores.size(); ++i)
        for (int k = 0; k < 3; ++k)
          absErrorSum[e][std::size_t(k)] += std::abs(double(predicted[e][i][std::size_t(k)]) - test.scores[i][std::size_t(k)]);
      report.estimators[e].predictedAverage.push_back(averageCell(predicted[e]));
      report.estimators[e].actualAverage.push_back(averageCell(test.scores));
    }
    totalSamples += test.scores.size();
    ugc::report(progress, "leave-one-system-out", std::int64_t(held + 1), std::int64_t(systems.size()));
  }
  for (std::size_t e = 0; e < report.estimators.size(); ++e) {
    auto& est = report.estimators[e];
    for (int k = 0; k < 3; ++k) est.sampleMae[std::size_t(k)] = absErrorSum[e][std::size_t(k)] / double(totalSamples);
    double err = 0;
    for (std::size_t s = 0; s < est.predictedAverage.size(); ++s) err += std::abs(est.predictedAverage[s] - est.actualAverage[s]);
    est.systemMae = err / double(est.predictedAverage.size());
    est.systemPearson = pearson(est.predictedAverage, est.actualAverage);
  }
  return report;
}

std::string losoReportMarkdown(const LosoReport& report) {
  std::string out;
  char b[256];
  out += "| estimator | MAE visual | MAE audio | MAE details | system MAE (avg cell, 0-100) | system Pearson |\n"
         "|---|---|---|---|---|---|\n";
  for (const auto& e : report.estimators) {
    std::snprintf(b, sizeof b, "| %s | %.3f | %.3f | %.3f | %.2f | %.3f |\n", e.estimator.c_str(), e.sampleMae[0],
                  e.sampleMae[1], e.sampleMae[2], e.systemMae, e.systemPearson);
    out += b;
  }
  out += "\n| held-out system | samples | GPT-4o avg cell |";
  for (const auto& e : report.estimators) out += " " + e.estimator + " |";
  out += "\n|---|---|---|";
  for (std::size_t i = 0; i < report.estimators.size(); ++i) out += "---|";
  out += "\n";
  for (std::size_t s = 0; s < report.systems.size(); ++s) {
    std::snprintf(b, sizeof b, "| %s | %zu | %.2f |", report.systems[s].c_str(), report.samples[s],
                  report.estimators[0].actualAverage[s]);
    out += b;
    for (const auto& e : report.estimators) {
      std::snprintf(b, sizeof b, " %.2f |", e.predictedAverage[s]);
      out += b;
    }
    out += "\n";
  }
  return out;
}

JudgeResult runOfflineJudge(const model::OfflineJudge& judge, const std::vector<JudgeSample>& samples) {
  JudgeResult result;
  result.task = annotation::scoring::JudgeTask::FinalCaption;
  result.estimatedBy = "offline judge";
  for (const auto& s : samples) {
    const auto p = judge.predict(offlineJudgeFeatures(s.prediction, s.reference));
    JudgeResult::Entry e;
    e.videoId = s.videoId;
    e.parsed = true;
    // The released format holds integers: the estimate rounded to the nearest score.
    e.caption.visual = std::round(p[0]);
    e.caption.audio = std::round(p[1]);
    e.caption.details = std::round(p[2]);
    e.caption.average = (e.caption.visual + e.caption.audio + e.caption.details) / 3;
    result.entries.push_back(std::move(e));
  }
  return result;
}

}  // namespace ugc::pipeline::judge
