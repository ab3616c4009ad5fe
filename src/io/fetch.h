// Fetching pages and feeds over HTTP(S) with libcurl.
#ifndef DYAD_IO_FETCH_H_
#define DYAD_IO_FETCH_H_

#include <string>

#include "dyad/status.h"

namespace dyad::io {

struct Fetched {
  std::string body;
  std::string content_type;
  std::string final_url;  // after redirects
};

bool IsUrl(const std::string& s);

// GETs `url` (following redirects, at most `max_bytes`, `timeout_s` seconds). Fails on network
// errors and HTTP status >= 400, naming the URL and the status.
Result<Fetched> Fetch(const std::string& url, long timeout_s = 30, size_t max_bytes = 64u << 20);

}  // namespace dyad::io

#endif  // DYAD_IO_FETCH_H_
