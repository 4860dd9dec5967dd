// `ugccap judge` against a chat-completions server this test starts on 127.0.0.1: good replies,
// malformed replies (scored as the protocol says), 429, 5xx, slow replies (timeouts), dropped
// connections and bodies that are not chat completions; the cache makes a rerun free.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli/exit_codes.h"
#include "core/subprocess.h"
#include "pipeline/judge/judge_runner.h"
#include "support/test_support.h"

namespace ugc::pipeline::judge {
namespace {

using annotation::scoring::JudgeTask;
using nlohmann::json;

// A one-connection-at-a-time HTTP/1.1 server. Behaviour per sample id (its prefix), on the
// first request for that id; later requests get a good reply:
//   good* always good; malformed* always a reply the protocol cannot parse; ratelimit* 429;
//   error* 500; slow* answers after 1.5 s; drop* closes the connection without answering;
//   garbage* always 200 with a body that is not a chat completion; unauthorized* always 401.
class FakeJudgeServer {
 public:
  FakeJudgeServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(listener_, 16), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeJudgeServer() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
    std::vector<std::thread> workers;
    {
      std::lock_guard lock(mutex_);
      workers.swap(workers_);
    }
    for (auto& worker : workers) worker.join();  // a slow reply may still be sleeping
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/chat/completions"; }
  int requestsFor(const std::string& id) {
    std::lock_guard lock(mutex_);
    return counts_[id];
  }
  int totalRequests() {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (auto& [id, c] : counts_) n += c;
    return n;
  }
  std::string lastAuthorization() {
    std::lock_guard lock(mutex_);
    return authorization_;
  }
  std::string lastModel() {
    std::lock_guard lock(mutex_);
    return model_;
  }

 private:
  void serve() {
    while (!stop_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      std::lock_guard lock(mutex_);
      workers_.emplace_back([this, client] { handle(client); });
    }
  }

  static void sendAll(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += std::size_t(n);
    }
  }

  static std::string response(int status, const std::string& body, const std::string& extra = "") {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n" + extra + "\r\n" + body;
  }

  static std::string completion(const std::string& content) {
    return json{{"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}}}}}.dump();
  }

  void handle(int fd) {
    std::string data;
    char buffer[65536];
    std::size_t headerEnd = std::string::npos, length = 0;
    while (true) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      data.append(buffer, std::size_t(n));
      if (headerEnd == std::string::npos && (headerEnd = data.find("\r\n\r\n")) != std::string::npos) {
        auto pos = data.find("Content-Length: ");
        if (pos != std::string::npos) length = std::stoul(data.substr(pos + 16));
      }
      if (headerEnd != std::string::npos && data.size() >= headerEnd + 4 + length) break;
    }
    if (headerEnd == std::string::npos) {
      ::close(fd);
      return;
    }
    const json request = json::parse(data.substr(headerEnd + 4), nullptr, false);
    std::string id = "?";
    if (request.is_object()) {
      const std::string user = request["messages"][1]["content"].get<std::string>();
      const auto start = user.find("Sample ID: ") + 11;
      id = user.substr(start, user.find('\n', start) - start);
    }
    int count = 0;
    {
      std::lock_guard lock(mutex_);
      count = ++counts_[id];
      auto auth = data.find("Authorization: ");
      authorization_ = auth == std::string::npos ? "" : data.substr(auth + 15, data.find("\r\n", auth) - auth - 15);
      if (request.is_object()) model_ = request.value("model", "");
    }
    const auto is = [&](const char* prefix) { return id.rfind(prefix, 0) == 0; };
    const std::string good = completion("Scores: {'visual': 4, 'audio': 3, 'details': 5}");
    if (is("unauthorized")) {
      sendAll(fd, response(401, "{\"error\": \"bad key\"}"));
    } else if (is("malformed")) {
      sendAll(fd, response(200, completion("I would rate this caption highly.")));
    } else if (is("garbage")) {
      sendAll(fd, response(200, "<html>gateway</html>"));
    } else if (count == 1 && is("ratelimit")) {
      sendAll(fd, response(429, "{\"error\": \"slow down\"}", "Retry-After: 0\r\n"));
    } else if (count == 1 && is("error")) {
      sendAll(fd, response(500, "{\"error\": \"oops\"}"));
    } else if (count == 1 && is("slow")) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      sendAll(fd, response(200, good));
    } else if (count == 1 && is("drop")) {
      // close without a byte of response
    } else {
      sendAll(fd, response(200, good));
    }
    ::close(fd);
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::map<std::string, int> counts_;
  std::string authorization_, model_;
};

JudgeProtocol captionProtocol() {
  JudgeProtocol p;
  p.task = JudgeTask::FinalCaption;
  p.model = "gpt-4o-2024-08-06";
  p.temperature = 1;
  p.system = "judge";
  p.user = "Sample ID: {sample_id}\nPredicted Description: {prediction}\nGround Truth Description: {reference}\n";
  p.hash = "protocol-hash";
  return p;
}

JudgeParams fastParams(const FakeJudgeServer& server, const std::filesystem::path& cache) {
  auto params = JudgeParams::defaultParams();
  params.endpoint = server.url();
  params.apiKey = "test-key";
  params.concurrency = 3;
  params.maxAttempts = 3;
  params.initialBackoff = std::chrono::milliseconds(10);
  params.timeout = std::chrono::milliseconds(500);
  params.cacheFile = cache;
  return params;
}

TEST(Judge, RetriesTransientFailuresScoresMalformedRepliesAndCaches) {
  FakeJudgeServer server;
  test::TempDir dir;
  std::vector<JudgeSample> samples;
  for (const char* id : {"good-1", "good-2", "malformed-1", "ratelimit-1", "error-1", "slow-1", "drop-1"})
    samples.push_back({id, std::string("caption of ") + id, "the reference"});
  auto result = runJudge(captionProtocol(), samples, fastParams(server, dir / "cache.jsonl"));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->failedVideos.empty());
  ASSERT_EQ(result->entries.size(), samples.size());
  for (const auto& e : result->entries) {
    if (e.videoId == "malformed-1") {
      EXPECT_FALSE(e.parsed);
      EXPECT_EQ(e.caption.visual + e.caption.audio + e.caption.details, 0.0);  // the protocol's 0s
    } else {
      EXPECT_TRUE(e.parsed) << e.videoId;
      EXPECT_EQ(e.caption.visual, 4) << e.videoId;
      EXPECT_EQ(e.caption.audio, 3);
      EXPECT_EQ(e.caption.details, 5);
      EXPECT_DOUBLE_EQ(e.caption.average, 4.0);
    }
  }
  EXPECT_EQ(result->unparsed, 1u);
  for (const char* id : {"ratelimit-1", "error-1", "slow-1", "drop-1"}) EXPECT_EQ(server.requestsFor(id), 2) << id;
  EXPECT_EQ(server.requestsFor("good-1"), 1);
  EXPECT_EQ(result->retries, 4u);
  EXPECT_EQ(server.lastAuthorization(), "Bearer test-key");
  EXPECT_EQ(server.lastModel(), "gpt-4o-2024-08-06");
  EXPECT_EQ(test::readFile(dir / "cache.jsonl").find("test-key"), std::string::npos);  // the key is never stored

  // A rerun costs nothing: every reply comes from the cache, the scores are the same.
  const int before = server.totalRequests();
  auto again = runJudge(captionProtocol(), samples, fastParams(server, dir / "cache.jsonl"));
  ASSERT_TRUE(again);
  EXPECT_EQ(server.totalRequests(), before);
  EXPECT_EQ(again->fromCache, samples.size());
  EXPECT_EQ(judgeResultJson(*again), judgeResultJson(*result));

  // Another model or another prediction is another key.
  auto otherModel = fastParams(server, dir / "cache.jsonl");
  otherModel.model = "other-model";
  auto third = runJudge(captionProtocol(), {samples[0]}, otherModel);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->fromCache, 0u);
  EXPECT_EQ(server.lastModel(), "other-model");
}

TEST(Judge, GivesUpOnEndlessGarbageAndResumesLater) {
  FakeJudgeServer server;
  test::TempDir dir;
  std::vector<JudgeSample> samples = {{"good-a", "p", "r"}, {"garbage-a", "p", "r"}};
  auto result = runJudge(captionProtocol(), samples, fastParams(server, dir / "cache.jsonl"));
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->failedVideos.size(), 1u);
  EXPECT_EQ(result->failedVideos[0], "garbage-a");
  EXPECT_EQ(server.requestsFor("garbage-a"), 3);  // maxAttempts
  // Resume: the good one comes from the cache, only the failed one is asked again.
  auto resumed = runJudge(captionProtocol(), samples, fastParams(server, dir / "cache.jsonl"));
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->fromCache, 1u);
  EXPECT_EQ(server.requestsFor("good-a"), 1);
}

TEST(Judge, ARefusedRequestStopsTheRunWithTheStatus) {
  FakeJudgeServer server;
  test::TempDir dir;
  auto result = runJudge(captionProtocol(), {{"unauthorized-1", "p", "r"}, {"good-b", "p", "r"}},
                         fastParams(server, dir / "cache.jsonl"));
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("HTTP 401"), std::string::npos) << result.error().message;
  EXPECT_EQ(server.requestsFor("unauthorized-1"), 1);  // not retried
}

TEST(Judge, NoServerIsAFailedVideoNotACrash) {
  test::TempDir dir;
  auto params = JudgeParams::defaultParams();
  params.endpoint = "http://127.0.0.1:9/v1/chat/completions";  // discard port: nothing listens
  params.maxAttempts = 2;
  params.initialBackoff = std::chrono::milliseconds(1);
  params.timeout = std::chrono::milliseconds(500);
  auto result = runJudge(captionProtocol(), {{"v", "p", "r"}}, params);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->failedVideos.size(), 1u);
}

TEST(JudgeReplies, ParseAsTheProtocolSays) {
  using namespace annotation::scoring;
  EXPECT_TRUE(parseCaptionReply("{'visual': 5, 'audio': 1, 'details': 3}").parsed);
  EXPECT_FALSE(parseCaptionReply("{'visual': 6, 'audio': 1, 'details': 3}").parsed);  // outside 1-5
  EXPECT_FALSE(parseCaptionReply("{'visual': 'high'}").parsed);
  EXPECT_FALSE(parseCaptionReply("no braces").parsed);
  EXPECT_TRUE(parseBackgroundReply("```json\n{\"consistent\": \"yes\"}\n```"));
  bool parsed = true;
  EXPECT_FALSE(parseBackgroundReply("Yes, they match", &parsed));
  EXPECT_FALSE(parsed);
  EXPECT_DOUBLE_EQ(parseObjectsReply("```json{\"match_score\": 0.67}```"), 0.67);
  EXPECT_DOUBLE_EQ(parseObjectsReply("{\"match_score\": 1.5}", &parsed), 0.0);
  EXPECT_FALSE(parsed);
  EXPECT_EQ(fillJudgeTemplate("{sample_id}|{prediction}|{reference}|{other}", "v", "says {reference}", "R"),
            "v|says {reference}|R|{other}");
}

TEST(Judge, CliWritesAScoreFileThatScoreCaptionsReads) {
  FakeJudgeServer server;
  test::TempDir dir;
  std::filesystem::create_directories(dir / "release");
  std::ofstream(dir / "release" / "final_caption_qa.json")
      << json{{"samples", {{{"video_id", "good-x"}, {"answer", "ref x"}}, {{"video_id", "malformed-y"}, {"answer", "ref y"}},
                           {{"video_id", "good-z"}, {"answer", "ref z"}}}}}.dump();
  std::ofstream(dir / "pred.jsonl") << json{{"video_id", "good-x"}, {"caption", "a"}}.dump() << "\n"
                                    << json{{"video_id", "malformed-y"}, {"caption", "b"}}.dump() << "\n";
  std::ofstream(dir / "protocol.json") << json{{"final_caption", {{"model", "m"}, {"temperature", 1}, {"system", "s"},
                                                                  {"user", "Sample ID: {sample_id}\n{prediction}"}}}}.dump();
  const auto out = (dir / "scores.json").string();
  auto run = runProcess({UGC_CLI_PATH, "-q", "judge", "--predictions", (dir / "pred.jsonl").string(), "--release",
                         (dir / "release").string(), "--out", out, "--endpoint", server.url(), "--protocol",
                         (dir / "protocol.json").string(), "--concurrency", "2"});
  ASSERT_TRUE(run);
  ASSERT_EQ(run->exitCode, cli::kExitOk) << run->standardError;
  EXPECT_NE(run->standardError.find("1 replies unparsable"), std::string::npos) << run->standardError;
  auto scored = runProcess({UGC_CLI_PATH, "score", "captions", out, "--json"});
  ASSERT_TRUE(scored);
  ASSERT_EQ(scored->exitCode, cli::kExitOk) << scored->standardError;
  auto j = json::parse(scored->standardOutput);
  EXPECT_EQ(j["videos"].get<int>(), 2);
  EXPECT_EQ(j["unparsed"].get<int>(), 1);
  EXPECT_DOUBLE_EQ(j["audio"].get<double>(), 30.0);  // (3 + 0) / 2 = 1.5 -> 30

  // A prediction for a video the release does not have is left out and counted; a repeated
  // video is an error naming the line.
  std::ofstream(dir / "more.jsonl") << json{{"video_id", "good-x"}, {"caption", "a"}}.dump() << "\n"
                                    << json{{"video_id", "nope"}, {"caption", "b"}}.dump() << "\n";
  auto more = runProcess({UGC_CLI_PATH, "-q", "judge", "--predictions", (dir / "more.jsonl").string(), "--release",
                          (dir / "release").string(), "--out", out, "--endpoint", server.url(), "--protocol",
                          (dir / "protocol.json").string()});
  ASSERT_TRUE(more);
  EXPECT_EQ(more->exitCode, cli::kExitOk) << more->standardError;
  EXPECT_NE(more->standardError.find("1 predictions have no reference"), std::string::npos) << more->standardError;
  std::ofstream(dir / "bad.jsonl") << json{{"video_id", "good-x"}, {"caption", "a"}}.dump() << "\n"
                                   << json{{"video_id", "good-x"}, {"caption", "b"}}.dump() << "\n";
  auto bad = runProcess({UGC_CLI_PATH, "-q", "judge", "--predictions", (dir / "bad.jsonl").string(), "--release",
                         (dir / "release").string(), "--out", out, "--endpoint", server.url(), "--protocol",
                         (dir / "protocol.json").string()});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->exitCode, cli::kExitInputError);
  EXPECT_NE(bad->standardError.find("bad.jsonl:2: duplicate video_id good-x (first on line 1)"), std::string::npos)
      << bad->standardError;
}

}  // namespace
}  // namespace ugc::pipeline::judge
