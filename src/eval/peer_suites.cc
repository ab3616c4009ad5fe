#include "eval/peer_suites.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "peers/coder.h"
#include "peers/dictionary.h"

namespace dyad::eval {

namespace fs = std::filesystem;

namespace {

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

Status Load(const fs::path& path, peers::Kind kind, peers::PeerDictionary* dict,
            std::vector<Problem>* problems) {
  std::string content;
  if (!ReadFile(path, &content))
    return Status::NotFound(fmt::format("{}: cannot read", path.string()));
  std::string name = path.filename().string();
  peers::Format f = peers::DetectFormat(kind, content);
  if (f != peers::Format::kTabari && f != peers::Format::kPetrarch && kind != peers::Kind::kOptions)
    return Status::InvalidInput(
        fmt::format("{}: not a TABARI or PETRARCH-2 {} file", name, peers::KindName(kind)));
  switch (kind) {
    case peers::Kind::kActors:
      peers::ReadActors(content, name, f, dict, problems);
      break;
    case peers::Kind::kAgents:
      peers::ReadAgents(content, name, f, dict, problems);
      break;
    case peers::Kind::kVerbs:
      peers::ReadVerbs(content, name, f, dict, problems);
      break;
    case peers::Kind::kDiscards:
      peers::ReadDiscards(content, name, dict, problems);
      break;
    case peers::Kind::kIssues:
      peers::ReadIssues(content, name, dict, problems);
      break;
    case peers::Kind::kOptions:
      peers::ReadOptions(content, name, dict, problems);
      break;
  }
  return Status::Ok();
}

std::vector<Tuple> Tuples(const nlohmann::json& list) {
  std::vector<Tuple> out;
  if (!list.is_array()) return out;
  for (const auto& e : list) {
    out.push_back({e.value("source", ""), e.value("target", ""), e.value("code", "")});
  }
  return out;
}

// "PATTERN-12a" -> "PATTERN"; "FBIS-001-001  CEP..." -> "FBIS"; "950101  AGENTS-11" -> "AGENTS".
std::string Family(const std::string& id) {
  std::smatch m;
  static const std::regex kName(R"(([A-Za-z]+))");
  if (std::regex_search(id, m, kName)) {
    std::string f = m[1];
    for (auto& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return f;
  }
  return "OTHER";
}

void Score(SuiteRecord* rec, SuiteResult* r) {
  std::set<Tuple> want(rec->expected.begin(), rec->expected.end());
  std::set<Tuple> got(rec->got.begin(), rec->got.end());
  for (const auto& t : got) (want.count(t) ? r->tp : r->fp)++;
  for (const auto& t : want) r->fn += got.count(t) ? 0 : 1;
  if (rec->more_events) {
    bool prefix = true;
    for (const auto& t : want) prefix = prefix && got.count(t);
    rec->passed = prefix && got.size() > want.size();
  } else {
    rec->passed = got == want;
  }
  ++r->total;
  r->passed += rec->passed;
  auto& c = r->by_category[rec->category];
  c.first += rec->passed;
  ++c.second;
  auto& k = r->by_kind[rec->kind];
  k.first += rec->passed;
  ++k.second;
}

std::map<std::string, std::string> ProjectFiles(const fs::path& dir) {
  std::map<std::string, std::string> out = {{"actorsfile", "TABARI.Demo.actors"},
                                            {"verbsfile", "TABARI.Demo.verbs"},
                                            {"optionsfile", "Validate.options"},
                                            {"agentsfile", "Validate.agents"}};
  std::string content;
  if (!ReadFile(dir / "Validate.project", &content)) return out;
  static const std::regex kTag(R"(<(actorsfile|verbsfile|optionsfile|agentsfile)>\s*(\S+))");
  for (std::sregex_iterator it(content.begin(), content.end(), kTag), end; it != end; ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

std::string StoryOf(const std::string& id) {
  size_t dash = id.rfind('-');
  return dash == std::string::npos ? id : id.substr(0, dash);
}

// Calls each(record, line) for every JSON object of a suite's JSONL file, in order. A missing file
// or a line that is not an object fails, naming the file (and line).
Status ForEachRecord(const fs::path& path, const std::string& shown,
                     const std::function<void(const nlohmann::json&, int)>& each) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot read", shown));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::InvalidInput(
          fmt::format("{}:{}: not a JSON object", path.filename().string(), n));
    each(j, n);
  }
  return Status::Ok();
}

}  // namespace

Result<SuiteResult> RunTabariSuite(const std::string& dir_name, const SuiteOptions& options,
                                   std::vector<Problem>* problems) {
  fs::path dir(dir_name);
  auto files = ProjectFiles(dir);
  peers::PeerDictionary dict;
  for (auto [key, kind] :
       {std::pair{"verbsfile", peers::Kind::kVerbs}, std::pair{"actorsfile", peers::Kind::kActors},
        std::pair{"agentsfile", peers::Kind::kAgents},
        std::pair{"optionsfile", peers::Kind::kOptions}}) {
    if (kind == peers::Kind::kOptions) dict.options = peers::DefaultOptions(dict.flavor);
    Status st = Load(dir / files[key], kind, &dict, problems);
    if (!st.ok()) return st;
  }
  dict.Compile();
  peers::ShallowCoder coder(dict);
  peers::Options opts = dict.options;
  peers::StoryMemory story;
  std::string story_key;
  SuiteResult result;
  Status read = ForEachRecord(
      dir / "validate.jsonl", dir_name + "/validate.jsonl", [&](const nlohmann::json& j, int n) {
        SuiteRecord rec;
        rec.seq = j.value("seq", n);
        rec.id = j.value("id", "");
        rec.kind = j.value("kind", "");
        rec.text = j.value("text", "");
        rec.category = Family(rec.id);
        Day date = kNoDate;
        ParseDate(j.value("date", ""), &date);
        std::string key = StoryOf(rec.id);
        if (key != story_key) story.Clear();
        story_key = key;
        std::vector<std::string> trace;
        auto coded = coder.Code(rec.text, date, opts, &story, options.explain ? &trace : nullptr);
        if (rec.kind == "option") {
          for (const auto& cmd : j.value("options", std::vector<std::string>{})) {
            std::string msg = peers::ApplyOptionCommand(cmd, &opts);
            if (!msg.empty() && msg.rfind("ignored", 0) != 0)
              problems->push_back({"validate.jsonl", n, msg});
          }
          ++result.options;
          return;
        }
        if (rec.kind == "skip") {
          ++result.skipped;
          return;
        }
        if (rec.kind == "events") rec.expected = Tuples(j["expected"]);
        rec.more_events = j.value("more_events", false);
        for (const auto& e : coded.events) rec.got.push_back({e.source, e.target, e.code});
        rec.status = peers::StatusName(coded.status);
        Score(&rec, &result);
        if (!rec.passed) rec.trace = std::move(trace);
        result.records.push_back(std::move(rec));
      });
  if (!read.ok()) return read;
  return result;
}

Result<SuiteResult> RunPetrarchSuite(const std::string& dir_name, const SuiteOptions& options,
                                     std::vector<Problem>* problems) {
  fs::path dir(dir_name);
  fs::path dicts = dir / "dictionaries";
  peers::PeerDictionary dict;
  fs::path actors = dicts / "UniversalPetrarch" / "PETR.Validate.actors.txt";
  if (!fs::exists(actors)) actors = dicts / "PETR.Validate.actors.txt";
  for (auto [path, kind] :
       {std::pair{actors, peers::Kind::kActors},
        std::pair{dicts / "PETR.Validate.agents.txt", peers::Kind::kAgents},
        std::pair{dicts / "PETR.Validate.discards.txt", peers::Kind::kDiscards},
        std::pair{dicts / "PETR.Validate.verbs.2.0.txt", peers::Kind::kVerbs}}) {
    Status st = Load(path, kind, &dict, problems);
    if (!st.ok()) return st;
  }
  dict.Compile();
  peers::Options base = peers::DefaultOptions(peers::Flavor::kPetrarch);
  peers::ShallowCoder coder(dict);
  SuiteResult result;
  Status read = ForEachRecord(
      dir / "unit.jsonl", dir_name + "/unit.jsonl", [&](const nlohmann::json& j, int n) {
        SuiteRecord rec;
        rec.seq = j.value("seq", n);
        rec.id = j.value("id", "");
        rec.text = j.value("text", "");
        rec.category = j.value("category", "");
        rec.kind = j.contains("error") ? "error" : j.value("noevent", false) ? "noevent" : "events";
        if (rec.kind == "events") rec.expected = Tuples(j["expected"]);
        peers::Options opts = base;
        if (j.contains("config") && j["config"].is_object()) {
          const auto& c = j["config"];
          opts.require_dyad = c.value("require_dyad", opts.require_dyad);
          opts.new_actor_length = c.value("new_actor_length", opts.new_actor_length);
          opts.comma_min = c.value("comma_min", opts.comma_min);
          opts.comma_max = c.value("comma_max", opts.comma_max);
          opts.comma_bmin = c.value("comma_bmin", opts.comma_bmin);
          opts.comma_bmax = c.value("comma_bmax", opts.comma_bmax);
          opts.comma_emin = c.value("comma_emin", opts.comma_emin);
          opts.comma_emax = c.value("comma_emax", opts.comma_emax);
        }
        Day date = kNoDate;
        ParseDate(j.value("date", ""), &date);
        std::vector<std::string> trace;
        auto coded = coder.Code(rec.text, date, opts, nullptr, options.explain ? &trace : nullptr);
        for (const auto& e : coded.events) rec.got.push_back({e.source, e.target, e.code});
        rec.status = peers::StatusName(coded.status);
        Score(&rec, &result);
        if (!rec.passed) rec.trace = std::move(trace);
        result.records.push_back(std::move(rec));
      });
  if (!read.ok()) return read;
  return result;
}

std::string SuiteEventsJsonl(const SuiteResult& r) {
  std::string out;
  for (const auto& rec : r.records) {
    nlohmann::json j;
    j["seq"] = rec.seq;
    j["id"] = rec.id;
    j["events"] = nlohmann::json::array();
    for (const auto& t : rec.got)
      j["events"].push_back({{"source", t.source}, {"target", t.target}, {"code", t.code}});
    out += j.dump() + "\n";
  }
  return out;
}

}  // namespace dyad::eval
