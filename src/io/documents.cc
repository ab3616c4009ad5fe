#include "io/documents.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "text/normalize.h"

namespace dyad::io {

using text::ValidateUtf8;

JsonlReader::JsonlReader(std::istream& in, std::string name, size_t max_line_bytes)
    : in_(in), name_(std::move(name)), max_line_bytes_(max_line_bytes) {}

namespace {
std::string Excerpt(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80) ? '?' : c;
  return s.size() > 40 ? out + "..." : out;
}
}  // namespace

std::string ParseDocument(const std::string& line, Document* doc) {
  if (std::string bad = ValidateUtf8(line); !bad.empty()) return bad + " of the line";
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fmt::format("invalid JSON: '{}'", Excerpt(line));
  if (!j.is_object()) return fmt::format("expected a JSON object, got '{}'", Excerpt(line));
  auto text = j.find("text");
  if (text == j.end() || text->is_null()) return "missing field 'text'";
  if (!text->is_string()) return fmt::format("field 'text' is not a string: {}", Excerpt(text->dump()));
  doc->text = text->get<std::string>();
  auto id = j.find("id");
  if (id != j.end() && id->is_string()) doc->id = id->get<std::string>();
  else if (id != j.end() && id->is_number()) doc->id = id->dump();
  doc->date = kNoDate;
  auto date = j.find("date");
  if (date != j.end() && !date->is_null()) {
    std::string d = date->is_string() ? date->get<std::string>() : date->dump();
    if (!ParseDate(d, &doc->date)) return fmt::format("bad date '{}' (want YYYY-MM-DD or YYYYMMDD)", Excerpt(d));
  }
  return "";
}

bool JsonlReader::Next(Document* doc, std::string* error) {
  error->clear();
  while (true) {
    buf_.clear();
    bool too_long = false;
    int c;
    bool any = false;
    while ((c = in_.get()) != EOF) {
      any = true;
      if (c == '\n') break;
      if (buf_.size() < max_line_bytes_) buf_.push_back(static_cast<char>(c));
      else too_long = true;
    }
    if (!any) return false;
    ++line_;
    if (too_long) {
      *error = fmt::format("{}:{}: line longer than {} bytes; skipped", name_, line_, max_line_bytes_);
      return true;
    }
    if (!buf_.empty() && buf_.back() == '\r') buf_.pop_back();
    if (buf_.find_first_not_of(" \t") == std::string::npos) continue;
    *doc = Document{};
    std::string e = ParseDocument(buf_, doc);
    if (!e.empty()) {
      *error = fmt::format("{}:{}: {}", name_, line_, e);
      return true;
    }
    if (doc->id.empty()) doc->id = fmt::format("{}:{}", name_, line_);
    return true;
  }
}

}  // namespace dyad::io
