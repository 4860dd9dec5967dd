#include "pipeline/judge/judge_runner.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/sha256.h"
#include "pipeline/judge/http_client.h"
#include "pipeline/scoring/json_text.h"
#include "pipeline/scoring/jsonl_reader.h"

namespace ugc::pipeline::judge {
namespace {

using annotation::scoring::JudgeTask;
using nlohmann::json;
namespace fs = std::filesystem;

Result<std::string> readWhole(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return makeError(ErrorCode::NotFound, file.string() + ": no such file");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<json> readJsonFile(const fs::path& file) {
  auto text = readWhole(file);
  if (!text) return tl::unexpected(text.error());
  auto parsed = scoring::detail::parseJsonText(*text);
  if (!parsed) return makeError(ErrorCode::InvalidInput, file.string() + ": " + parsed.error());
  return std::move(*parsed);
}

// The reply cache: one JSON line per reply, {"key", "video_id", "reply"}; a torn last line (a
// killed run) is ignored.
class ReplyCache {
 public:
  explicit ReplyCache(fs::path file) : file_(std::move(file)) {
    if (file_.empty()) return;
    std::ifstream in(file_, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      json entry = json::parse(line, nullptr, false);
      if (entry.is_object() && entry.contains("key") && entry.contains("reply") && entry["reply"].is_string())
        replies_[entry["key"].get<std::string>()] = entry["reply"].get<std::string>();
    }
  }
  bool find(const std::string& key, std::string& reply) const {
    auto it = replies_.find(key);
    if (it == replies_.end()) return false;
    reply = it->second;
    return true;
  }
  Status add(const std::string& key, const std::string& videoId, const std::string& reply) {
    if (file_.empty()) return {};
    std::lock_guard lock(mutex_);
    if (!out_.is_open()) {
      if (file_.has_parent_path()) fs::create_directories(file_.parent_path());
      out_.open(file_, std::ios::binary | std::ios::app);
      if (!out_) return makeError(ErrorCode::Io, file_.string() + ": cannot write the judge cache");
    }
    out_ << json{{"key", key}, {"video_id", videoId}, {"reply", reply}}.dump() << '\n';
    out_.flush();
    return {};
  }

 private:
  fs::path file_;
  std::unordered_map<std::string, std::string> replies_;  // read before the workers start
  std::mutex mutex_;
  std::ofstream out_;
};

bool sleepUnlessCancelled(std::chrono::milliseconds total, const CancelToken& cancel) {
  const auto until = std::chrono::steady_clock::now() + total;
  while (std::chrono::steady_clock::now() < until) {
    if (cancel.isCancelled()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(std::chrono::milliseconds(50), total));
  }
  return !cancel.isCancelled();
}

// The reply text of a chat-completions response, or "" when the body is not one.
bool replyContent(const std::string& body, std::string& content) {
  json value = json::parse(body, nullptr, false);
  if (!value.is_object() || !value.contains("choices") || !value["choices"].is_array() || value["choices"].empty())
    return false;
  const json& choice = value["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) return false;
  const json& message = choice["message"];
  if (!message.contains("content") || !message["content"].is_string()) return false;
  content = message["content"].get<std::string>();
  return true;
}

void interpret(JudgeTask task, JudgeResult::Entry& entry) {
  switch (task) {
    case JudgeTask::FinalCaption: {
      auto reply = annotation::scoring::parseCaptionReply(entry.reply);
      entry.caption = reply.scores;
      entry.parsed = reply.parsed;
      break;
    }
    case JudgeTask::Background: entry.consistent = annotation::scoring::parseBackgroundReply(entry.reply, &entry.parsed); break;
    case JudgeTask::Objects: entry.matchScore = annotation::scoring::parseObjectsReply(entry.reply, &entry.parsed); break;
  }
}

}  // namespace

Result<JudgeProtocol> loadJudgeProtocol(const fs::path& file, JudgeTask task) {
  auto root = readJsonFile(file);
  if (!root) return tl::unexpected(root.error());
  const char* name = annotation::scoring::judgeTaskName(task);
  if (!root->is_object() || !root->contains(name) || !(*root)[name].is_object())
    return makeError(ErrorCode::InvalidInput, file.string() + ": no \"" + name + "\" task");
  const json& entry = (*root)[name];
  JudgeProtocol protocol;
  protocol.task = task;
  for (auto [key, target] : {std::pair<const char*, std::string*>{"model", &protocol.model},
                             {"system", &protocol.system},
                             {"user", &protocol.user}}) {
    if (!entry.contains(key) || !entry[key].is_string())
      return makeError(ErrorCode::InvalidInput, file.string() + ": task " + name + " has no string \"" + key + "\"");
    *target = entry[key].get<std::string>();
  }
  protocol.temperature = entry.value("temperature", 0.0);
  protocol.hash = sha256Hex(entry.dump());
  return protocol;
}

Result<JudgeInputs> loadFinalCaptionInputs(const fs::path& predictions, const fs::path& releaseDir) {
  const fs::path releaseFile = releaseDir / "final_caption_qa.json";
  auto release = readJsonFile(releaseFile);
  if (!release) return tl::unexpected(release.error());
  if (!release->is_object() || !release->contains("samples") || !(*release)["samples"].is_array())
    return makeError(ErrorCode::InvalidInput, releaseFile.string() + ": no \"samples\" list");
  std::unordered_map<std::string, std::string> references;
  for (const auto& s : (*release)["samples"])
    if (s.is_object() && s.value("video_id", json()).is_string() && s.value("answer", json()).is_string())
      references[s["video_id"].get<std::string>()] = s["answer"].get<std::string>();

  JudgeInputs inputs;
  std::unordered_map<std::string, std::size_t> seen;
  auto status = scoring::forEachJsonlLine(predictions, [&](std::size_t line, std::string_view text) -> Status {
    auto record = scoring::detail::parseJsonText(text);
    if (!record) return tl::unexpected(scoring::lineError(predictions, line, record.error()));
    if (!record->is_object() || !record->value("video_id", json()).is_string())
      return tl::unexpected(scoring::lineError(predictions, line, "no \"video_id\""));
    const std::string id = (*record)["video_id"].get<std::string>();
    if (!record->value("caption", json()).is_string())
      return tl::unexpected(scoring::lineError(predictions, line, "no \"caption\" text"));
    if (auto [it, inserted] = seen.emplace(id, line); !inserted)
      return tl::unexpected(scoring::lineError(predictions, line,
                                               "duplicate video_id " + id + " (first on line " + std::to_string(it->second) + ")"));
    auto ref = references.find(id);
    if (ref == references.end()) {
      ++inputs.unreferenced;
      return {};
    }
    inputs.samples.push_back({id, (*record)["caption"].get<std::string>(), ref->second});
    return {};
  });
  if (!status) return tl::unexpected(status.error());
  inputs.unpredicted = references.size() - inputs.samples.size();
  if (inputs.samples.empty())
    return makeError(ErrorCode::InvalidInput, predictions.string() + ": no prediction for a video of " + releaseFile.string());
  return inputs;
}

Result<JudgeInputs> loadAnswerPredictInputs(const fs::path& predictions) {
  auto root = readJsonFile(predictions);
  if (!root) return tl::unexpected(root.error());
  if (!root->is_object() || !root->contains("samples") || !(*root)["samples"].is_array())
    return makeError(ErrorCode::InvalidInput, predictions.string() + ": no \"samples\" list");
  JudgeInputs inputs;
  std::unordered_map<std::string, bool> seen;
  std::size_t index = 0;
  for (const auto& s : (*root)["samples"]) {
    const std::string where = predictions.string() + ": sample " + std::to_string(index++) + ": ";
    if (!s.is_object() || !s.value("video_id", json()).is_string())
      return makeError(ErrorCode::InvalidInput, where + "no \"video_id\"");
    const std::string id = s["video_id"].get<std::string>();
    if (!seen.emplace(id, true).second) return makeError(ErrorCode::InvalidInput, where + "duplicate video_id " + id);
    const std::string answer = s.value("answer", json()).is_string() ? s["answer"].get<std::string>() : "";
    const std::string predict = s.value("predict", json()).is_string() ? s["predict"].get<std::string>() : "";
    if (answer.empty() || predict.empty()) {
      ++inputs.unpredicted;
      continue;
    }
    inputs.samples.push_back({id, predict, answer});
  }
  return inputs;
}

std::string judgeCacheKey(const JudgeProtocol& protocol, const std::string& model, const JudgeSample& sample) {
  const std::string predictionHash = sha256Hex(sample.prediction + '\0' + sample.reference);
  return sha256Hex(std::string(annotation::scoring::judgeTaskName(protocol.task)) + '\0' + sample.videoId + '\0' +
                   predictionHash + '\0' + protocol.hash + '\0' + model);
}

Result<JudgeResult> runJudge(const JudgeProtocol& protocol, const std::vector<JudgeSample>& samples,
                             const JudgeParams& params, const ProgressSink& progress, const CancelToken& cancel) {
  if (params.endpoint.empty()) return makeError(ErrorCode::InvalidArgument, "judge: no endpoint");
  const std::string model = params.model.empty() ? protocol.model : params.model;
  ReplyCache cache(params.cacheFile);
  JudgeResult result;
  result.task = protocol.task;
  std::vector<JudgeResult::Entry> entries(samples.size());
  std::vector<char> done(samples.size(), 0);
  std::atomic<std::size_t> next{0}, finished{0}, requests{0}, retries{0}, cached{0};
  std::mutex failureMutex;
  std::optional<Error> fatal;
  std::atomic<bool> stop{false};  // a refused request stops the other workers (not the caller's token)
  const auto stopped = [&] { return stop.load() || cancel.isCancelled(); };

  std::vector<std::string> headers;
  if (!params.apiKey.empty()) headers.push_back("Authorization: Bearer " + params.apiKey);

  const auto worker = [&] {
    HttpClient client;
    while (!stopped()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= samples.size()) return;
      const JudgeSample& sample = samples[i];
      const std::string key = judgeCacheKey(protocol, model, sample);
      JudgeResult::Entry entry;
      entry.videoId = sample.videoId;
      bool have = cache.find(key, entry.reply);
      if (have) {
        ++cached;
      } else {
        const json body = {{"model", model},
                           {"temperature", protocol.temperature},
                           {"messages",
                            {{{"role", "system"}, {"content", protocol.system}},
                             {{"role", "user"},
                              {"content", annotation::scoring::fillJudgeTemplate(protocol.user, sample.videoId,
                                                                                 sample.prediction, sample.reference)}}}}};
        const std::string payload = body.dump();
        auto backoff = params.initialBackoff;
        for (int attempt = 1; attempt <= params.maxAttempts && !stopped(); ++attempt) {
          ++requests;
          HttpFailure failure = HttpFailure::None;
          auto response = client.postJson(params.endpoint, payload, headers, params.timeout, &failure);
          bool retry = false;
          auto wait = backoff;
          if (!response) {
            retry = failure != HttpFailure::Other;
          } else if (response->status == 200) {
            if (replyContent(response->body, entry.reply)) {
              have = true;
              break;
            }
            retry = true;  // a body that is not a chat completion: try again
          } else if (response->status == 429 || response->status >= 500) {
            retry = true;
            if (response->retryAfterSeconds >= 0)
              wait = std::min<std::chrono::milliseconds>(std::chrono::seconds(response->retryAfterSeconds), params.maxBackoff);
          } else {
            std::lock_guard lock(failureMutex);
            if (!fatal)
              fatal = Error{ErrorCode::InvalidInput, "the endpoint refused the request with HTTP " +
                                                         std::to_string(response->status) + " (check --endpoint, --model and the key)"};
            stop = true;
            return;
          }
          if (!retry || attempt == params.maxAttempts) break;
          ++retries;
          if (!sleepUnlessCancelled(wait, cancel)) break;
          backoff = std::min(backoff * 2, params.maxBackoff);
        }
        if (have) {
          if (auto s = cache.add(key, sample.videoId, entry.reply); !s) {
            std::lock_guard lock(failureMutex);
            if (!fatal) fatal = s.error();
          }
        }
      }
      if (have) {
        interpret(protocol.task, entry);
        entries[i] = std::move(entry);
        done[i] = 1;
      }
      report(progress, "judging", std::int64_t(++finished), std::int64_t(samples.size()));
    }
  };

  const int threads = std::max(1, std::min<int>(params.concurrency, int(std::max<std::size_t>(samples.size(), 1))));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (fatal) return tl::unexpected(*fatal);
  if (cancel.isCancelled()) return cancelledError();

  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (!done[i]) {
      result.failedVideos.push_back(samples[i].videoId);
      continue;
    }
    if (!entries[i].parsed) ++result.unparsed;
    result.entries.push_back(std::move(entries[i]));
  }
  result.fromCache = cached;
  result.requests = requests;
  result.retries = retries;
  return result;
}

std::string judgeResultJson(const JudgeResult& result) {
  json evaluations = json::object();
  double sum = 0;
  for (const auto& e : result.entries) {
    switch (result.task) {
      case JudgeTask::FinalCaption:
        evaluations[e.videoId] = {{"visual_score", int(e.caption.visual)},
                                  {"audio_score", int(e.caption.audio)},
                                  {"details_score", int(e.caption.details)},
                                  {"average_score", e.caption.average}};
        break;
      case JudgeTask::Background:
        evaluations[e.videoId] = {{"consistent", e.consistent ? "yes" : "no"}};
        sum += e.consistent ? 1 : 0;
        break;
      case JudgeTask::Objects:
        evaluations[e.videoId] = {{"match_score", e.matchScore}};
        sum += e.matchScore;
        break;
    }
  }
  json out = {{"evaluations", evaluations}};
  if (!result.estimatedBy.empty()) out["estimated_by"] = result.estimatedBy;
  const double n = double(std::max<std::size_t>(result.entries.size(), 1));
  if (result.task == JudgeTask::Background) out["accuracy"] = sum / n * 100;
  if (result.task == JudgeTask::Objects) out["mean_match_score"] = sum / n * 100;
  return out.dump(2) + "\n";
}

}  // namespace ugc::pipeline::judge
