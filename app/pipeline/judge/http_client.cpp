#include "pipeline/judge/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

namespace ugc::pipeline::judge {
namespace {

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t readHeader(char* data, std::size_t size, std::size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() > kRetryAfter.size()) {
    std::string lower(line.substr(0, kRetryAfter.size()));
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kRetryAfter) {
      const std::string value(line.substr(kRetryAfter.size()));
      char* end = nullptr;
      const long seconds = std::strtol(value.c_str(), &end, 10);
      if (end != value.c_str()) static_cast<HttpResponse*>(user)->retryAfterSeconds = seconds;
    }
  }
  return size * count;
}

}  // namespace

struct HttpClient::Impl {
  std::unique_ptr<CURL, CurlDeleter> handle;
};

HttpClient::HttpClient() : impl_(std::make_unique<Impl>()) {
  initCurlOnce();
  impl_->handle.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::postJson(const std::string& url, const std::string& body,
                                          const std::vector<std::string>& headers, std::chrono::milliseconds timeout,
                                          HttpFailure* failure) {
  if (failure) *failure = HttpFailure::None;
  CURL* curl = impl_->handle.get();
  if (!curl) return makeError(ErrorCode::Internal, "curl_easy_init failed");
  curl_easy_reset(curl);
  std::unique_ptr<curl_slist, SlistDeleter> list;
  curl_slist* raw = curl_slist_append(nullptr, "Content-Type: application/json");
  raw = curl_slist_append(raw, "Expect:");  // no 100-continue round trip for large prompts
  for (const auto& h : headers) raw = curl_slist_append(raw, h.c_str());
  list.reset(raw);
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(std::min<long long>(timeout.count(), 10000)));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, readHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    if (failure)
      *failure = code == CURLE_OPERATION_TIMEDOUT ? HttpFailure::Timeout
                 : (code == CURLE_COULDNT_CONNECT || code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR ||
                    code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE)
                     ? HttpFailure::Connection
                     : HttpFailure::Other;
    return makeError(ErrorCode::Io, std::string("HTTP request failed: ") + curl_easy_strerror(code));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace ugc::pipeline::judge
