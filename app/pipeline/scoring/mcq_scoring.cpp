#include "pipeline/scoring/mcq_scoring.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "pipeline/scoring/json_text.h"
#include "pipeline/scoring/jsonl_reader.h"

namespace ugc::pipeline::scoring {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct ReleaseSample {
  std::string videoId;
  std::size_t truth = 0;
};

Result<std::string> readWhole(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return makeError(ErrorCode::NotFound, file.string() + ": no such file");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return makeError(ErrorCode::Io, file.string() + ": cannot read");
  return text.str();
}

tl::unexpected<Error> invalid(const fs::path& file, const std::string& what) {
  return makeError(ErrorCode::InvalidInput, file.string() + ": " + what);
}

const json* predictionText(const json& record) {
  for (const char* key : {"predict", "prediction", "answer"})
    if (auto it = record.find(key); it != record.end() && it->is_string()) return &*it;
  return nullptr;
}

}  // namespace

Result<McqTask> parseMcqTask(const std::string& name) {
  if (name == "tone") return McqTask::Tone;
  if (name == "voice_source") return McqTask::VoiceSource;
  return makeError(ErrorCode::InvalidArgument, "unknown MCQ task '" + name + "' (tone or voice_source)");
}
const char* mcqTaskName(McqTask task) { return task == McqTask::Tone ? "tone" : "voice_source"; }
const char* mcqReleaseFile(McqTask task) { return task == McqTask::Tone ? "tone.json" : "voice_source.json"; }

Result<McqScore> scoreMcqFile(const fs::path& predictions, const fs::path& releaseDir, McqTask task) {
  McqScore score;
  score.task = task;
  // The release task.
  const fs::path releaseFile = releaseDir / mcqReleaseFile(task);
  auto releaseText = readWhole(releaseFile);
  if (!releaseText) return tl::unexpected(releaseText.error());
  auto release = detail::parseJsonText(*releaseText);
  if (!release) return invalid(releaseFile, release.error());
  if (!release->is_object() || !release->contains("samples") || !(*release)["samples"].is_array())
    return invalid(releaseFile, "no \"samples\" list (not a release MCQ file)");
  std::vector<ReleaseSample> samples;
  std::unordered_map<std::string, std::size_t> sampleIndex;
  for (const auto& s : (*release)["samples"]) {
    if (!s.is_object() || !s.value("video_id", json()).is_string() || !s.value("answer", json()).is_string() ||
        !s.value("options", json()).is_array())
      return invalid(releaseFile, "a sample lacks video_id, answer or options");
    std::vector<std::string> options;
    for (const auto& o : s["options"])
      if (o.is_string()) options.push_back(o.get<std::string>());
    if (score.options.empty()) score.options = options;
    if (options != score.options) return invalid(releaseFile, "samples with different option lists");
    auto truth = annotation::scoring::answerOption(s["answer"].get<std::string>(), options);
    if (!truth) return invalid(releaseFile, "video " + s["video_id"].get<std::string>() + ": answer is none of the options");
    sampleIndex.emplace(s["video_id"].get<std::string>(), samples.size());
    samples.push_back({s["video_id"].get<std::string>(), *truth});
  }
  if (samples.empty()) return invalid(releaseFile, "no sample");

  // The predictions, by video.
  std::unordered_map<std::string, std::string> predicted;
  const auto take = [&](const json& record, const std::string& where) -> Status {
    if (!record.is_object()) return invalid(predictions, where + "not a JSON object");
    auto id = record.find("video_id");
    if (id == record.end() || !id->is_string()) return invalid(predictions, where + "no \"video_id\"");
    const json* text = predictionText(record);
    if (!text) return invalid(predictions, where + "no prediction text (\"predict\")");
    if (!predicted.emplace(id->get<std::string>(), text->get<std::string>()).second)
      return invalid(predictions, where + "video " + id->get<std::string>() + " is predicted twice");
    return {};
  };
  auto predictionsText = readWhole(predictions);
  if (!predictionsText) return tl::unexpected(predictionsText.error());
  const auto first = predictionsText->find_first_not_of(" \t\r\n");
  auto whole = first == std::string::npos ? tl::expected<json, std::string>(tl::unexpected(std::string("empty file")))
                                          : detail::parseJsonText(*predictionsText);
  if (whole && whole->is_object() && whole->contains("samples")) {
    std::size_t i = 0;
    for (const auto& s : (*whole)["samples"])
      if (auto st = take(s, "sample " + std::to_string(i++) + ": "); !st) return tl::unexpected(st.error());
  } else {
    auto status = forEachJsonlLine(predictions, [&](std::size_t line, std::string_view text) -> Status {
      auto record = detail::parseJsonText(text);
      if (!record) return tl::unexpected(lineError(predictions, line, record.error()));
      return take(*record, std::to_string(line) + ": ");
    });
    if (!status) return tl::unexpected(status.error());
  }

  std::vector<annotation::scoring::McqItem> items;
  for (const auto& sample : samples) {
    annotation::scoring::McqItem item{sample.truth, std::nullopt};
    if (auto it = predicted.find(sample.videoId); it != predicted.end()) {
      item.predicted = annotation::scoring::matchOption(it->second, score.options);
      if (!item.predicted) ++score.unmatched;
    } else {
      ++score.missing;
    }
    items.push_back(item);
  }
  for (const auto& entry : predicted)
    if (!sampleIndex.count(entry.first)) ++score.extra;
  if (score.missing == samples.size()) return invalid(predictions, "no prediction for any video of the release task");
  score.summary = annotation::scoring::summariseMcq(items, score.options.size());
  return score;
}

std::string mcqScoreText(const McqScore& score) {
  const auto& s = score.summary;
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "%s: accuracy %.1f%% (%zu of %zu)  [always \"%s\": %.1f%%]\n"
                "no option named %zu, no prediction %zu, predictions outside the task %zu\n",
                mcqTaskName(score.task), s.accuracy * 100, s.correct, s.items,
                score.options[s.constantOption].c_str(), s.constantAccuracy * 100, score.unmatched, score.missing,
                score.extra);
  std::string out = buffer;
  out += "confusion (rows: truth, columns: predicted)\n";
  std::string header = "                ";
  for (const auto& o : score.options) header += " " + o.substr(0, 15);
  out += header + " (none)\n";
  for (std::size_t t = 0; t < score.options.size(); ++t) {
    std::snprintf(buffer, sizeof buffer, "%-16s", score.options[t].substr(0, 16).c_str());
    out += buffer;
    for (std::size_t p = 0; p <= score.options.size(); ++p) {
      const int width = p < score.options.size() ? int(std::min<std::size_t>(score.options[p].size(), 15)) : 6;
      std::snprintf(buffer, sizeof buffer, " %*zu", width, s.confusion[t][p]);
      out += buffer;
    }
    out += "\n";
  }
  return out;
}

std::string mcqScoreJson(const McqScore& score) {
  const auto& s = score.summary;
  json confusion = json::object();
  for (std::size_t t = 0; t < score.options.size(); ++t) {
    json row = json::object();
    for (std::size_t p = 0; p < score.options.size(); ++p) row[score.options[p]] = s.confusion[t][p];
    row["(none)"] = s.confusion[t][score.options.size()];
    confusion[score.options[t]] = row;
  }
  json out = {{"task", mcqTaskName(score.task)},
              {"accuracy", s.accuracy * 100},
              {"correct", s.correct},
              {"items", s.items},
              {"unmatched", score.unmatched},
              {"missing", score.missing},
              {"extra", score.extra},
              {"constant_answer", score.options[s.constantOption]},
              {"constant_accuracy", s.constantAccuracy * 100},
              {"confusion", confusion}};
  return out.dump(2) + "\n";
}

}  // namespace ugc::pipeline::scoring
