#include "eval/eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace dyad::eval {
namespace {

std::string Trim(const std::string& s) {  // NOLINT: tiny, local to test-suite parsing
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string Show(const std::vector<Tuple>& ts) {
  if (ts.empty()) return "none";
  std::string out;
  for (const auto& t : ts)
    out += fmt::format("{}{} {} {}", out.empty() ? "" : "; ", t.source, t.target, t.code);
  return out;
}

}  // namespace

std::vector<GoldenCase> ReadGolden(const std::string& path, std::vector<std::string>* problems) {
  std::vector<GoldenCase> out;
  std::ifstream in(path);
  if (!in) {
    problems->push_back(fmt::format("{}: cannot open", path));
    return out;
  }
  std::string name = path.substr(path.find_last_of('/') + 1);
  GoldenCase cur;
  bool open = false, expect_seen = false;
  auto close = [&](int line) {
    if (!open) return;
    if (cur.text.empty())
      problems->push_back(fmt::format("{}:{}: record has no text", name, cur.line));
    else if (!expect_seen)
      problems->push_back(fmt::format("{}:{}: record has no expect line", name, cur.line));
    else
      out.push_back(cur);
    cur = GoldenCase{};
    open = expect_seen = false;
  };
  std::string l;
  int n = 0;
  while (std::getline(in, l)) {
    ++n;
    std::string t = Trim(l);
    if (t.empty()) {
      close(n);
      continue;
    }
    if (t[0] == '#') continue;
    if (!open) {
      cur.file = name;
      cur.line = n;
      open = true;
    }
    size_t colon = t.find(':');
    if (colon == std::string::npos) {
      problems->push_back(fmt::format("{}:{}: expected 'key: value'", name, n));
      continue;
    }
    std::string key = t.substr(0, colon), value = Trim(t.substr(colon + 1));
    if (key == "date")
      cur.date = value;
    else if (key == "text")
      cur.text = value;
    else if (key == "id")
      cur.id = value;
    else if (key == "note") {
    } else if (key == "expect") {
      expect_seen = true;
      if (value == "none") continue;
      std::istringstream vs(value);
      Tuple tu;
      std::string extra;
      if (!(vs >> tu.source >> tu.target >> tu.code) || (vs >> extra)) {
        problems->push_back(
            fmt::format("{}:{}: expected 'expect: SOURCE TARGET CODE', got '{}'", name, n, value));
        continue;
      }
      cur.expected.push_back(tu);
    } else {
      problems->push_back(fmt::format("{}:{}: unknown key '{}'", name, n, key));
    }
  }
  close(n);
  return out;
}

GoldenResult RunGolden(const std::vector<GoldenCase>& cases, Coder& coder) {
  GoldenResult r;
  for (const auto& c : cases) {
    Document doc;
    doc.id = c.id.empty() ? fmt::format("{}:{}", c.file, c.line) : c.id;
    doc.text = c.text;
    if (!c.date.empty() && !ParseDate(c.date, &doc.date)) {
      r.failures.push_back(fmt::format("{}:{}: bad date '{}'", c.file, c.line, c.date));
    }
    std::set<Tuple> got, want(c.expected.begin(), c.expected.end());
    auto coded = coder.Code(doc);
    if (coded.ok()) {
      for (const auto& e : coded->events) got.insert({e.source, e.target, e.code});
    }
    ++r.total;
    for (const auto& t : got) (want.count(t) ? r.tp : r.fp)++;
    for (const auto& t : want) r.fn += got.count(t) ? 0 : 1;
    if (got == want) {
      ++r.passed;
    } else {
      r.failures.push_back(fmt::format("{}:{}: expected [{}] got [{}]  | {}", c.file, c.line,
                                       Show({want.begin(), want.end()}),
                                       Show({got.begin(), got.end()}), c.text));
    }
  }
  return r;
}

namespace {

std::string FixCountry(const std::string& c) {
  static const std::map<std::string, std::string> kFix = {
      {"JAP", "JPN"}, {"ITL", "ITA"}, {"VTN", "VNM"}};
  auto it = kFix.find(c);
  return it == kFix.end() ? c : it->second;
}

std::string ModernType(const std::string& t) {
  if (t == "DEMAND") return "REQUEST";
  if (t == "DISAPPROVE" || t == "INVESTIGATE") return "ACCUSE";
  if (t == "FIGHT") return "ASSAULT";
  return t;
}

}  // namespace

Result<PloverResult> RunPlover(const std::string& path, Coder& coder) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  PloverResult r;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (Trim(line).empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::InvalidInput(fmt::format("{}:{}: not a JSON object", path, n));
    }
    auto str = [&](const char* key) {
      auto it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto list = [&](const char* key, std::set<std::string>* out) {
      auto it = j.find(key);
      if (it == j.end() || !it->is_array()) return;
      for (const auto& v : *it)
        if (v.is_string()) out->insert(FixCountry(v.get<std::string>()));
    };
    std::string type = ModernType(str("event"));
    std::set<std::string> sources, targets;
    list("sources", &sources);
    list("targets", &targets);
    Document doc;
    doc.id = str("id");
    doc.text = str("text");
    if (doc.text.empty())
      return Status::InvalidInput(fmt::format("{}:{}: missing field 'text'", path, n));
    std::string date = str("date");
    if (!date.empty() && !ParseDate(date, &doc.date)) {
      return Status::InvalidInput(fmt::format("{}:{}: bad date '{}'", path, n, date));
    }
    ++r.total;
    auto coded = coder.Code(doc);
    bool type_ok = false, full_ok = false;
    std::string got;
    if (coded.ok()) {
      for (const auto& e : coded->events) {
        got += fmt::format("{}{}>{} {} {}", got.empty() ? "" : "; ", e.source, e.target, e.code,
                           e.plover);
        if (e.plover != type) continue;
        type_ok = true;
        const std::string sc = e.source_country(), tc = e.target_country();
        bool full = targets.empty() ? (sources.count(sc) && sources.count(tc))
                                    : (sources.count(sc) && targets.count(tc));
        full_ok = full_ok || full;
      }
    }
    r.type_correct += type_ok;
    r.full_correct += full_ok;
    if (!full_ok) {
      std::string want =
          fmt::format("{} {}>{}", type, fmt::join(sources, ","), fmt::join(targets, ","));
      r.misses.push_back(fmt::format("{}: want {} got [{}] | {}", doc.id, want, got, doc.text));
    }
  }
  return r;
}

}  // namespace dyad::eval
