#pragma once
// A small blocking HTTP POST client over libcurl (PImpl: no curl header outside http_client.cpp).
// One client per thread; each keeps its connection alive between requests.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace ugc::pipeline::judge {

struct HttpResponse {
  long status = 0;
  std::string body;
  long retryAfterSeconds = -1;  // the Retry-After header, when the server sent one
};

enum class HttpFailure { None, Timeout, Connection, Other };

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // POSTs `body` as application/json. A transport failure (no connection, dropped connection,
  // timeout) is an Io error; `failure` (when given) says which. Any HTTP status is a response.
  Result<HttpResponse> postJson(const std::string& url, const std::string& body,
                                const std::vector<std::string>& headers, std::chrono::milliseconds timeout,
                                HttpFailure* failure = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ugc::pipeline::judge
