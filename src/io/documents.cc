#include "io/documents.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "text/normalize.h"

namespace dyad::io {

using text::ValidateUtf8;

JsonlReader::JsonlReader(std::istream& in, std::string name, size_t max_line_bytes)
    : in_(in),
      name_(std::move(name)),
      max_line_bytes_(max_line_bytes),
      parser_(std::make_unique<simdjson::dom::parser>()) {}
JsonlReader::~JsonlReader() = default;

namespace {
std::string Excerpt(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 40))
    out +=
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80) ? '?' : c;
  return s.size() > 40 ? out + "..." : out;
}
}  // namespace

namespace {
// A JSON scalar as text: strings as they are, numbers as written.
bool ScalarText(simdjson::dom::element e, std::string* out) {
  switch (e.type()) {
    case simdjson::dom::element_type::STRING:
      *out = std::string(std::string_view(e.get_string().value_unsafe()));
      return true;
    case simdjson::dom::element_type::INT64:
      *out = std::to_string(int64_t(e.get_int64().value_unsafe()));
      return true;
    case simdjson::dom::element_type::UINT64:
      *out = std::to_string(uint64_t(e.get_uint64().value_unsafe()));
      return true;
    default:
      return false;
  }
}
}  // namespace

std::string ParseDocument(simdjson::dom::parser& parser, const std::string& line, Document* doc) {
  if (std::string bad = ValidateUtf8(line); !bad.empty()) return bad + " of the line";
  simdjson::dom::element root;
  if (parser.parse(line).get(root) != simdjson::SUCCESS)
    return fmt::format("invalid JSON: '{}'", Excerpt(line));
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS)
    return fmt::format("expected a JSON object, got '{}'", Excerpt(line));
  simdjson::dom::element text;
  if (obj["text"].get(text) != simdjson::SUCCESS || text.is_null()) return "missing field 'text'";
  std::string_view tv;
  if (text.get_string().get(tv) != simdjson::SUCCESS) {
    return fmt::format("field 'text' is not a string: {}", Excerpt(simdjson::to_string(text)));
  }
  doc->text = std::string(tv);
  simdjson::dom::element id;
  if (obj["id"].get(id) == simdjson::SUCCESS) ScalarText(id, &doc->id);
  // Provenance: optional strings (a wrong type is ignored rather than losing the document).
  std::pair<const char*, std::string*> meta[] = {
      {"title", &doc->title}, {"url", &doc->url}, {"outlet", &doc->outlet}, {"lang", &doc->lang}};
  for (auto& [key, field] : meta) {
    field->clear();
    simdjson::dom::element v;
    if (obj[key].get(v) == simdjson::SUCCESS && v.is_string()) ScalarText(v, field);
  }
  doc->date = kNoDate;
  simdjson::dom::element date;
  if (obj["date"].get(date) == simdjson::SUCCESS && !date.is_null()) {
    std::string d;
    if (!ScalarText(date, &d) || !ParseDate(d, &doc->date)) {
      return fmt::format("bad date '{}' (want YYYY-MM-DD or YYYYMMDD)",
                         Excerpt(d.empty() ? simdjson::to_string(date) : d));
    }
  }
  return "";
}

bool JsonlReader::ReadLine(bool* too_long) {
  buf_.clear();
  *too_long = false;
  bool any = false;
  if (chunk_.empty()) chunk_.resize(1 << 16);
  while (true) {
    if (pos_ == len_) {
      if (eof_) return any;
      try {
        len_ = static_cast<size_t>(
            in_.rdbuf()->sgetn(chunk_.data(), static_cast<std::streamsize>(chunk_.size())));
      } catch (const std::exception& e) {  // e.g. the path is a directory
        read_error_ = e.what();
        len_ = 0;
      }
      pos_ = 0;
      if (len_ == 0) {
        eof_ = true;
        return any;
      }
    }
    any = true;
    const char* start = chunk_.data() + pos_;
    const void* nl = std::memchr(start, '\n', len_ - pos_);
    size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : len_ - pos_;
    size_t room = buf_.size() < max_line_bytes_ ? max_line_bytes_ - buf_.size() : 0;
    buf_.append(start, std::min(n, room));
    if (n > room) *too_long = true;
    pos_ += n;
    if (nl) {
      ++pos_;
      return true;
    }
  }
}

bool JsonlReader::Next(Document* doc, std::string* error) {
  error->clear();
  while (true) {
    bool too_long = false;
    if (!ReadLine(&too_long)) return false;
    ++line_;
    if (too_long) {
      *error =
          fmt::format("{}:{}: line longer than {} bytes; skipped", name_, line_, max_line_bytes_);
      return true;
    }
    if (!buf_.empty() && buf_.back() == '\r') buf_.pop_back();
    if (line_ == 1 && buf_.rfind("\xEF\xBB\xBF", 0) == 0)
      buf_.erase(0, 3);  // a UTF-8 byte-order mark
    if (buf_.find_first_not_of(" \t") == std::string::npos) continue;
    *doc = Document{};
    std::string e = ParseDocument(*parser_, buf_, doc);
    if (!e.empty()) {
      *error = fmt::format("{}:{}: {}", name_, line_, e);
      return true;
    }
    if (doc->id.empty()) doc->id = fmt::format("{}:{}", name_, line_);
    return true;
  }
}

}  // namespace dyad::io
