#include "parse/conllu.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>

#include "text/normalize.h"

namespace dyad::parse {
namespace {

// Splits at tabs; returns the number of fields written (at most `max`).
size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max) {
  size_t n = 0, start = 0;
  while (n < max) {
    size_t tab = line.find('\t', start);
    fields[n++] = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
    if (tab == std::string_view::npos) return n;
    start = tab + 1;
  }
  return n + 1;  // more fields than max
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string Sentence::Comment(std::string_view key) const {
  for (const auto& c : comments) {
    std::string_view v(c);
    if (v.size() < 2 || v[0] != '#') continue;
    v.remove_prefix(v[1] == ' ' ? 2 : 1);
    if (v.substr(0, key.size()) != key) continue;
    v.remove_prefix(key.size());
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    if (v.empty() || v.front() != '=') continue;
    v.remove_prefix(1);
    if (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    return std::string(v);
  }
  return "";
}

ConlluReader::ConlluReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

bool ConlluReader::ReadLine(std::string* line) {
  if (!std::getline(in_, *line)) return false;
  ++line_no_;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

// Parses one line whose first field is an ID. Returns "" or a message without the location.
std::string ConlluReader::ParseWordLine(const std::string& line, Sentence* s) {
  std::string_view f[10];
  size_t n = SplitTabs(line, f, 10);
  if (n != 10) return fmt::format("expected 10 tab-separated fields, found {}", n);
  std::string_view id = f[0];
  size_t dash = id.find('-'), dot = id.find('.');
  if (dash != std::string_view::npos || dot != std::string_view::npos) {
    size_t cut = dash != std::string_view::npos ? dash : dot;
    if (!IsDigits(id.substr(0, cut)) || !IsDigits(id.substr(cut + 1)))
      return fmt::format("bad ID '{}'", id);
    s->extras.push_back({s->words.size(), line, dot != std::string_view::npos});
    return "";
  }
  int num = 0;
  if (!ParseInt(id, &num)) return fmt::format("bad ID '{}'", id);
  if (num != static_cast<int>(s->words.size()) + 1)
    return fmt::format("word ID {} out of sequence (expected {})", num, s->words.size() + 1);
  Word w;
  w.form = f[1];
  w.lemma = f[2];
  w.upos = f[3];
  w.xpos = f[4];
  w.feats = f[5];
  if (f[6] != "_" && (!ParseInt(f[6], &w.head) || w.head < 0))
    return fmt::format("bad HEAD '{}'", f[6]);
  w.deprel = f[7];
  w.deps = f[8];
  w.misc = f[9];
  if (w.form.empty()) return "empty FORM";
  s->words.push_back(std::move(w));
  return "";
}

bool ConlluReader::Next(Sentence* s, std::string* error) {
  *s = Sentence{};
  error->clear();
  std::string line;
  bool started = false;
  while (ReadLine(&line)) {
    if (line.empty()) {
      if (!started) continue;  // blank lines between sentences
      break;
    }
    if (!started) s->line = line_no_;
    started = true;
    if (!error->empty()) continue;  // skipping the rest of a broken sentence
    if (std::string bad = text::ValidateUtf8(line); !bad.empty()) {
      *error = fmt::format("{}:{}: invalid UTF-8: {}", name_, line_no_, bad);
      continue;
    }
    if (line[0] == '#') {
      if (!s->words.empty()) {
        *error = fmt::format("{}:{}: comment line inside a sentence", name_, line_no_);
        continue;
      }
      s->comments.push_back(line);
      continue;
    }
    if (std::string bad = ParseWordLine(line, s); !bad.empty())
      *error = fmt::format("{}:{}: {}", name_, line_no_, bad);
  }
  if (!started) return false;
  if (error->empty()) {
    int n = static_cast<int>(s->words.size());
    if (n == 0) *error = fmt::format("{}:{}: sentence has no words", name_, s->line);
    for (size_t i = 0; i < s->words.size() && error->empty(); ++i) {
      if (s->words[i].head > n)
        *error = fmt::format("{}:{}: word {}: HEAD {} is beyond the sentence's {} words", name_,
                             s->line, i + 1, s->words[i].head, n);
    }
  }
  return true;
}

Result<std::vector<Sentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open file", path));
  ConlluReader reader(in, path);
  std::vector<Sentence> out;
  Sentence s;
  std::string error;
  while (reader.Next(&s, &error)) {
    if (!error.empty()) return Status::InvalidInput(error);
    out.push_back(std::move(s));
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", path));
  return out;
}

std::string ToConllu(const Sentence& s) {
  std::string out;
  for (const auto& c : s.comments) out += c + "\n";
  size_t e = 0;
  for (size_t i = 0; i <= s.words.size(); ++i) {
    for (; e < s.extras.size() && s.extras[e].before == i; ++e) out += s.extras[e].text + "\n";
    if (i == s.words.size()) break;
    const Word& w = s.words[i];
    std::string head = w.head < 0 ? "_" : std::to_string(w.head);
    out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", i + 1, w.form, w.lemma, w.upos,
                       w.xpos, w.feats, head, w.deprel, w.deps, w.misc);
  }
  out += "\n";
  return out;
}

std::string CheckTree(const Sentence& s) {
  int n = static_cast<int>(s.words.size());
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    int h = s.words[i].head;
    if (h < 0 || h > n) return fmt::format("word {}: HEAD missing or out of range", i + 1);
    if (h == i + 1) return fmt::format("word {}: is its own head", i + 1);
    if (h == 0) ++roots;
  }
  if (roots != 1) return fmt::format("{} words headed by 0 (want exactly 1)", roots);
  for (int i = 0; i < n; ++i) {
    int h = s.words[i].head, steps = 0;
    while (h != 0 && steps++ <= n) h = s.words[h - 1].head;
    if (h != 0) return fmt::format("word {}: on a cycle", i + 1);
  }
  return "";
}

}  // namespace dyad::parse
