#include "io/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "io/encoding.h"
#include "text/normalize.h"

namespace dyad::io {

namespace {

const std::vector<std::pair<std::string, std::vector<std::string>>>& Aliases() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kAliases = {
      {"id", {"id", "doc_id", "docid", "guid"}},
      {"date", {"date", "published", "pubdate", "publish_date", "published_at", "datetime"}},
      {"text", {"text", "body", "content", "article", "story"}},
      {"title", {"title", "headline"}},
      {"url", {"url", "link", "source_url"}},
      {"outlet", {"outlet", "source", "publisher", "media"}},
      {"lang", {"lang", "language"}},
  };
  return kAliases;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string ParseColumnFlag(const std::string& flag, CsvOptions* options) {
  size_t eq = flag.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == flag.size())
    return fmt::format("--column '{}': want FIELD=COLUMN, e.g. text=body or date=3", flag);
  std::string field = Lower(flag.substr(0, eq));
  bool known = std::any_of(Aliases().begin(), Aliases().end(),
                           [&](const auto& a) { return a.first == field; });
  if (!known)
    return fmt::format(
        "--column '{}': unknown field '{}' (id, date, text, title, url, outlet, lang)", flag,
        field);
  options->columns[field] = flag.substr(eq + 1);
  return "";
}

CsvReader::CsvReader(ByteSource& in, std::string name, CsvOptions options)
    : in_(in), name_(std::move(name)), options_(std::move(options)), buf_(1 << 16) {}

bool CsvReader::Fill() {
  if (eof_) return false;
  auto got = in_.Read(buf_.data(), buf_.size());
  if (!got.ok()) {
    fatal_ = got.status().message();
    eof_ = true;
    return false;
  }
  len_ = got.value();
  pos_ = 0;
  if (len_ == 0) eof_ = true;
  return len_ > 0;
}

// One record into *fields. Returns false at end of input.
bool CsvReader::ReadRecord(std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  std::string field;
  bool quoted = false, any = false, after_quote = false;
  const size_t kMaxRecord = 16u << 20;
  size_t size = 0;
  while (true) {
    if (pos_ == len_ && !Fill()) {
      if (!any) return false;
      if (quoted) *error = "unterminated quoted field at end of file";
      fields->push_back(std::move(field));
      return true;
    }
    char c = buf_[pos_++];
    any = true;
    if (++size > kMaxRecord && error->empty()) *error = "record longer than 16 MB";
    if (quoted) {
      if (c == '"') {
        if (pos_ == len_) Fill();
        if (pos_ < len_ && buf_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        if (error->empty()) field += c;
      }
      continue;
    }
    if (c == options_.delimiter) {
      fields->push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\n') {
      ++line_;
      if (!field.empty() && field.back() == '\r') field.pop_back();
      fields->push_back(std::move(field));
      return true;
    } else if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
    } else if (error->empty()) {
      field += c;
    }
  }
}

std::string CsvReader::MapHeader(const std::vector<std::string>& header) {
  std::map<std::string, int> by_name;
  for (size_t i = 0; i < header.size(); ++i) by_name.emplace(Lower(Trim(header[i])), int(i));
  for (const auto& [field, aliases] : Aliases()) {
    auto mapped = options_.columns.find(field);
    if (mapped != options_.columns.end()) {
      const std::string& col = mapped->second;
      if (!col.empty() && std::all_of(col.begin(), col.end(), ::isdigit)) {
        int n = std::stoi(col);
        if (n < 1 || size_t(n) > header.size())
          return fmt::format("column {} for '{}' is out of range (the header has {} columns)", n,
                             field, header.size());
        index_[field] = n - 1;
      } else {
        auto it = by_name.find(Lower(col));
        if (it == by_name.end())
          return fmt::format("no column named '{}' for '{}' in the header", col, field);
        index_[field] = it->second;
      }
      continue;
    }
    for (const auto& a : aliases) {
      auto it = by_name.find(a);
      if (it != by_name.end()) {
        index_[field] = it->second;
        break;
      }
    }
  }
  if (!index_.count("text"))
    return "no text column in the header (name one with --column text=NAME)";
  return "";
}

bool CsvReader::Next(Document* doc, std::string* error) {
  std::vector<std::string> fields;
  while (true) {
    int64_t start = line_;
    std::string problem;
    if (!ReadRecord(&fields, &problem)) return false;
    if (!header_done_) {
      header_done_ = true;
      width_ = fields.size();
      if (std::string e = MapHeader(fields); !e.empty()) {
        fatal_ = fmt::format("{}:{}: {}", name_, start, e);
        eof_ = true;
        pos_ = len_;
        return false;
      }
      continue;
    }
    if (fields.size() == 1 && fields[0].empty() && problem.empty()) continue;  // blank line
    if (problem.empty() && fields.size() != width_) {
      problem = fmt::format("{} fields, the header has {}", fields.size(), width_);
    }
    if (!problem.empty()) {
      *error = fmt::format("{}:{}: {}", name_, start, problem);
      return true;
    }
    *doc = Document();
    for (const auto& [field, col] : index_) {
      std::string value = fields[col];
      if (!charset_.empty() || !text::ValidateUtf8(value).empty()) {
        std::string from;
        auto utf8 = ToUtf8(value, charset_, &from);
        if (!utf8.ok()) {
          *error =
              fmt::format("{}:{}: column '{}': {}", name_, start, field, utf8.status().message());
          return true;
        }
        if (!from.empty()) charset_ = from;
        value = std::move(utf8).value();
      }
      if (field == "id") doc->id = Trim(value);
      if (field == "text") doc->text = std::move(value);
      if (field == "title") doc->title = Trim(value);
      if (field == "url") doc->url = Trim(value);
      if (field == "outlet") doc->outlet = Trim(value);
      if (field == "lang") doc->lang = Trim(value);
      if (field == "date") {
        std::string d = Trim(value).substr(0, 10);
        if (!d.empty() && !ParseDate(d, &doc->date)) {
          *error = fmt::format("{}:{}: bad date '{}' (want YYYY-MM-DD)", name_, start,
                               Trim(value).substr(0, 40));
          return true;
        }
      }
    }
    if (Trim(doc->text).empty()) {
      *error = fmt::format("{}:{}: empty text", name_, start);
      return true;
    }
    if (doc->id.empty()) doc->id = fmt::format("{}:{}", name_, start);
    return true;
  }
}

}  // namespace dyad::io
