#include "io/fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

namespace dyad::io {

namespace {

struct Sink {
  std::string* body;
  size_t max_bytes;
  bool too_big = false;
};

size_t Write(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body->size() + size * n > sink->max_bytes) {
    sink->too_big = true;
    return 0;
  }
  sink->body->append(data, size * n);
  return size * n;
}

}  // namespace

bool IsUrl(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

Result<Fetched> Fetch(const std::string& url, long timeout_s, size_t max_bytes) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!init) return Status::IoError("libcurl failed to initialise");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Status::IoError("libcurl: cannot create a handle");
  Fetched out;
  Sink sink{&out.body, max_bytes};
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, timeout_s);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "dyad (news event coder)");
  curl_easy_setopt(curl.get(), CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl.get());
  if (sink.too_big)
    return Status::InvalidInput(fmt::format("{}: larger than {} MB", url, max_bytes >> 20));
  if (rc != CURLE_OK)
    return Status::IoError(fmt::format("{}: {}", url, err[0] ? err : curl_easy_strerror(rc)));
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400) return Status::IoError(fmt::format("{}: HTTP status {}", url, status));
  char* type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &type);
  if (type) out.content_type = type;
  char* final_url = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_EFFECTIVE_URL, &final_url);
  out.final_url = final_url ? final_url : url;
  return out;
}

}  // namespace dyad::io
