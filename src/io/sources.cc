#include "io/sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <istream>

#include "io/documents.h"
#include "io/encoding.h"
#include "io/fetch.h"
#include "io/html.h"
#include "io/input.h"

namespace dyad::io {

namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string FormatFromName(const std::string& path) {
  std::string ext = Lower(fs::path(WithoutCompressionSuffix(path)).extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return "jsonl";
  if (ext == ".csv") return "csv";
  if (ext == ".tsv" || ext == ".tab") return "tsv";
  if (ext == ".txt" || ext == ".text") return "text";
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return "html";
  if (ext == ".rss" || ext == ".atom" || ext == ".xml" || ext == ".feed") return "feed";
  return "";
}

std::string FormatFromContent(const std::string& head) {
  size_t i = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i != std::string::npos && head[i] == '{') return "jsonl";
  if (LooksLikeFeed(head)) return "feed";
  if (LooksLikeHtml(head)) return "html";
  return "text";
}

void Fill(Document* d, const SourceOptions& o, const std::string& source) {
  if (d->outlet.empty()) d->outlet = o.outlet;
  if (d->lang.empty()) d->lang = o.lang;
  if (d->date == kNoDate) d->date = o.date;
  d->source = source;
}

void ReadJsonl(ByteSource& in, const std::string& name, const SourceOptions& o, SourceSink* sink) {
  ByteSourceBuf buf(in);
  std::istream stream(&buf);
  JsonlReader reader(stream, name, o.max_line_bytes);
  Document doc;
  std::string error;
  uint64_t n = 0;
  while (true) {
    error.clear();
    doc = Document();
    if (!reader.Next(&doc, &error)) break;
    if (!error.empty()) {
      sink->OnProblem(error);
      continue;
    }
    Fill(&doc, o, name);
    sink->OnDocument(std::move(doc));
    if (++n % 256 == 0) sink->OnProgress(in.consumed());
  }
  if (!reader.read_error().empty())
    sink->OnProblem(fmt::format("{}: after line {}: {}", name, reader.line(), reader.read_error()));
}

void ReadCsv(ByteSource& in, const std::string& name, const SourceOptions& o, char delimiter,
             SourceSink* sink) {
  CsvOptions csv = o.csv;
  csv.delimiter = delimiter;
  CsvReader reader(in, name, csv);
  Document doc;
  std::string error;
  uint64_t n = 0;
  while (true) {
    error.clear();
    if (!reader.Next(&doc, &error)) break;
    if (!error.empty()) {
      sink->OnProblem(error);
      continue;
    }
    Fill(&doc, o, name);
    sink->OnDocument(std::move(doc));
    if (++n % 256 == 0) sink->OnProgress(in.consumed());
  }
  if (!reader.fatal().empty()) sink->OnProblem(reader.fatal());
}

bool ReadWhole(ByteSource& in, const std::string& name, const std::string& format,
               const SourceOptions& o, SourceSink* sink) {
  auto bytes = ReadAll(in, name, format == "feed" ? 64u << 20 : o.max_document_bytes);
  if (!bytes.ok()) {
    sink->OnProblem(bytes.status().message());
    return false;
  }
  if (format == "html") {
    auto doc = ParseHtml(bytes.value(), name);
    if (!doc.ok()) {
      sink->OnProblem(doc.status().message());
      return false;
    }
    if (doc->id.empty()) doc->id = doc->url.empty() ? name : doc->url;
    if (doc->url.empty() && IsUrl(name)) doc->url = name;
    if (doc->date == kNoDate) doc->date = DateFromName(name);
    Fill(&doc.value(), o, name);
    sink->OnDocument(std::move(doc).value());
    return true;
  }
  if (format == "feed") {
    std::vector<std::string> problems;
    auto docs = ParseFeed(bytes.value(), name, &problems);
    for (const auto& p : problems) sink->OnProblem(p);
    if (!docs.ok()) {
      sink->OnProblem(docs.status().message());
      return false;
    }
    for (auto& d : docs.value()) {
      Fill(&d, o, name);
      sink->OnDocument(std::move(d));
    }
    return true;
  }
  std::string from;
  auto utf8 = ToUtf8(bytes.value(), "", &from);
  if (!utf8.ok()) {
    sink->OnProblem(fmt::format("{}: {}", name, utf8.status().message()));
    return false;
  }
  if (!from.empty()) sink->OnNote(fmt::format("{}: converted from {} to UTF-8", name, from));
  Document doc;
  doc.id = name;
  doc.text = std::move(utf8).value();
  doc.date = DateFromName(name);
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink->OnProblem(fmt::format("{}: empty text", name));
    return false;
  }
  Fill(&doc, o, name);
  sink->OnDocument(std::move(doc));
  return true;
}

}  // namespace

Day DateFromName(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (size_t i = 0; i + 8 <= name.size(); ++i) {
    if ((i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) ||
        !(name.compare(i, 2, "19") == 0 || name.compare(i, 2, "20") == 0))
      continue;
    std::string digits;
    size_t j = i;
    while (j < name.size() && digits.size() < 8) {
      char c = name[j];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits += c;
      } else if (!((c == '-' || c == '_') && (digits.size() == 4 || digits.size() == 6))) {
        break;
      }
      ++j;
    }
    if (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) continue;
    Day d;
    if (digits.size() == 8 && ParseDate(digits, &d)) return d;
  }
  return kNoDate;
}

std::vector<std::string> ExpandSources(const std::vector<std::string>& sources, SourceSink* sink) {
  std::vector<std::string> out;
  for (const auto& s : sources) {
    if (IsUrl(s) || s == "-") {
      out.push_back(s);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(s, ec);
    if (ec || !fs::exists(st)) {
      sink->OnProblem(fmt::format("{}: no such file or directory", s));
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(s);
      continue;
    }
    std::vector<std::string> files;
    for (auto it =
             fs::recursive_directory_iterator(s, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string leaf = it->path().filename().string();
      if (!leaf.empty() && leaf[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path().string());
    }
    if (ec) sink->OnProblem(fmt::format("{}: {}", s, ec.message()));
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

uint64_t TotalBytes(const std::vector<std::string>& sources) {
  uint64_t total = 0;
  for (const auto& s : sources) {
    std::error_code ec;
    if (!IsUrl(s) && s != "-") {
      auto n = fs::file_size(s, ec);
      if (!ec) total += n;
    }
  }
  return total;
}

bool ReadSource(const std::string& source, const SourceOptions& options, SourceSink* sink) {
  std::unique_ptr<ByteSource> in;
  std::string format = options.format;
  if (IsUrl(source)) {
    auto got = Fetch(source);
    if (!got.ok()) {
      sink->OnProblem(got.status().message());
      return false;
    }
    std::string type = Lower(got->content_type);
    if (format.empty() &&
        (type.find("rss") != std::string::npos || type.find("atom") != std::string::npos ||
         type.find("xml") != std::string::npos))
      format = LooksLikeHtml(got->body) && !LooksLikeFeed(got->body) ? "html" : "feed";
    if (format.empty() && type.find("html") != std::string::npos) format = "html";
    if (format.empty() && type.find("json") != std::string::npos) format = "jsonl";
    if (format.empty()) format = FormatFromContent(got->body.substr(0, 1024));
    in = MemoryInput(std::move(got->body));
  } else {
    auto opened = OpenInput(source);
    if (!opened.ok()) {
      sink->OnProblem(opened.status().message());
      return false;
    }
    in = std::move(opened).value();
    if (format.empty()) format = FormatFromName(source);
    if (format.empty()) {
      // Peek at the content through a second handle, so the stream itself stays whole.
      auto peek = OpenInput(source);
      std::string head(1024, '\0');
      auto got = peek.ok() ? peek.value()->Read(head.data(), head.size()) : Result<size_t>(0);
      head.resize(got.ok() ? got.value() : 0);
      format = FormatFromContent(head);
    }
  }
  if (format == "jsonl") {
    ReadJsonl(*in, source, options, sink);
    return true;
  }
  if (format == "csv" || format == "tsv") {
    ReadCsv(*in, source, options, format == "csv" ? ',' : '\t', sink);
    return true;
  }
  return ReadWhole(*in, source, format, options, sink);
}

}  // namespace dyad::io
