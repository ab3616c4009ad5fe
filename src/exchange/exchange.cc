#include "exchange/exchange.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace dyad::exchange {

namespace {

using nlohmann::json;

std::string Compact(Day d) {
  std::string s = FormatDate(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string Clean(std::string s) {  // tabs and newlines would break a row
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// The GDELT actor fields we know: code, name (empty), country, and type from the role letters.
void ActorColumns(const std::string& code, std::vector<std::string>* cols) {
  std::string country = code.size() >= 3 && code != "---" ? code.substr(0, 3) : "";
  std::string type = code.size() >= 6 ? code.substr(3, 3) : "";
  bool igo = country.rfind("IGO", 0) == 0 || country.rfind("NGO", 0) == 0;
  cols->push_back(code == "---" ? "" : code);
  cols->push_back("");                         // Name
  cols->push_back(igo ? "" : country);         // CountryCode
  cols->push_back(igo ? code.substr(3) : "");  // KnownGroupCode
  cols->push_back("");                         // EthnicCode
  cols->push_back("");                         // Religion1Code
  cols->push_back("");                         // Religion2Code
  cols->push_back(igo ? country : type);       // Type1Code
  cols->push_back("");                         // Type2Code
  cols->push_back("");                         // Type3Code
}

std::string CameoPad(std::string code) {
  code.erase(std::remove_if(code.begin(), code.end(), ::isspace), code.end());
  if (!code.empty() && code.size() <= 2 && std::all_of(code.begin(), code.end(), ::isdigit))
    code = std::string(3 - code.size(), '0') + code;
  return code;
}

bool ValidCameo(const std::string& code) {
  return code.size() >= 3 && code.size() <= 4 &&
         std::isdigit(static_cast<unsigned char>(code[0])) &&
         std::isdigit(static_cast<unsigned char>(code[1]));
}

// ---- GDELT 2.0 --------------------------------------------------------------------------------

class GdeltImporter : public Importer {
 public:
  using Importer::Importer;
  std::string Parse(const std::string& line, store::ImportedEvent* out) override {
    if (line.empty() || line == "\r") return "skip";
    auto f = SplitTabs(line);
    if (f.size() != kGdeltColumns)
      return fmt::format("{} columns, a GDELT 2.0 event row has {}", f.size(), kGdeltColumns);
    *out = store::ImportedEvent();
    Event& e = out->event;
    out->origin_id = f[0];
    if (out->origin_id.empty()) return "empty GLOBALEVENTID";
    if (!ParseDate(f[1], &e.date)) return fmt::format("bad SQLDATE '{}'", f[1].substr(0, 20));
    e.source = !f[5].empty() ? f[5] : (!f[7].empty() ? f[7] : "---");
    e.target = !f[15].empty() ? f[15] : (!f[17].empty() ? f[17] : "---");
    e.code = CameoPad(f[26]);
    if (!ValidCameo(e.code)) return fmt::format("bad EventCode '{}'", f[26].substr(0, 20));
    DescribeCode(lexicon_, &e);  // PLOVER type and contexts; quad and Goldstein from the row
    char* end = nullptr;
    e.quad = static_cast<int>(std::strtol(f[29].c_str(), &end, 10));
    if (end == f[29].c_str() || e.quad < 1 || e.quad > 4)
      return fmt::format("bad QuadClass '{}'", f[29].substr(0, 20));
    e.goldstein = std::strtod(f[30].c_str(), &end);
    if (end == f[30].c_str()) return fmt::format("bad GoldsteinScale '{}'", f[30].substr(0, 20));
    out->reports = std::max<int64_t>(1, std::atoll(f[33].c_str()));
    out->outlets = std::max<int64_t>(1, std::atoll(f[32].c_str()));
    out->url = f[60];
    return "";
  }
};

// ---- ICEWS ------------------------------------------------------------------------------------

// ICEWS sectors, first match wins, to dyad's three-letter roles.
std::string RoleFromSectors(const std::string& name, const std::string& sectors) {
  static const std::pair<const char*, const char*> kRoles[] = {
      {"Military", "MIL"},   {"Police", "COP"},     {"Legislative", "LEG"}, {"Judicial", "JUD"},
      {"Government", "GOV"}, {"Executive", "GOV"},  {"Cabinet", "GOV"},     {"Business", "BUS"},
      {"Media", "MED"},      {"Opposition", "OPP"}, {"Rebel", "REB"},       {"Insurgent", "INS"},
      {"Education", "EDU"},  {"Religious", "REL"},  {"Labor", "LAB"},       {"Protest", "OPP"}};
  for (const auto& [key, role] : kRoles)
    if (sectors.find(key) != std::string::npos) return role;
  if (name.rfind("Citizen", 0) == 0) return "CVL";
  return "";
}

class IcewsImporter : public Importer {
 public:
  using Importer::Importer;
  std::string Parse(const std::string& line, store::ImportedEvent* out) override {
    if (line.empty() || line == "\r") return "skip";
    auto f = SplitTabs(line);
    if (columns_.empty()) {
      for (size_t i = 0; i < f.size(); ++i) columns_[f[i]] = static_cast<int>(i);
      for (const char* need : {"Event ID", "Event Date", "Source Name", "Source Country",
                               "CAMEO Code", "Target Name", "Target Country"})
        if (!columns_.count(need)) {
          std::string missing = need;
          columns_.clear();
          return fmt::format("header has no '{}' column (is this an ICEWS event file?)", missing);
        }
      width_ = f.size();
      return "skip";
    }
    if (f.size() != width_) return fmt::format("{} columns, the header has {}", f.size(), width_);
    auto col = [&](const char* name) -> std::string {
      auto it = columns_.find(name);
      return it == columns_.end() ? "" : f[it->second];
    };
    *out = store::ImportedEvent();
    Event& e = out->event;
    out->origin_id = col("Event ID");
    if (!ParseDate(col("Event Date").substr(0, 10), &e.date))
      return fmt::format("bad Event Date '{}'", col("Event Date").substr(0, 20));
    e.source = Actor(col("Source Name"), col("Source Sectors"), col("Source Country"), e.date);
    e.target = Actor(col("Target Name"), col("Target Sectors"), col("Target Country"), e.date);
    e.code = CameoPad(col("CAMEO Code"));
    if (!ValidCameo(e.code)) return fmt::format("bad CAMEO Code '{}'", col("CAMEO Code"));
    DescribeCode(lexicon_, &e);
    std::string intensity = col("Intensity");
    if (!intensity.empty()) e.goldstein = std::strtod(intensity.c_str(), nullptr);
    return "";
  }

 private:
  std::string Actor(const std::string& name, const std::string& sectors, const std::string& country,
                    Day date) {
    std::string code = CountryCode(country);
    if (code.empty()) code = CountryCode(name);
    if (code.empty()) return "---";
    std::string person = ActorCodeFor(lexicon_, name, date);
    if (person.size() > 3 && person.substr(0, 3) == code) return person;
    return code + RoleFromSectors(name, sectors);
  }
  std::map<std::string, int> columns_;
  size_t width_ = 0;
};

// ---- PLOVER / POLECAT JSON --------------------------------------------------------------------

std::string Str(const json& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = obj.find(k);
    if (it == obj.end() || it->is_null()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    if (it->is_array() && !it->empty() && it->front().is_string())
      return it->front().get<std::string>();
  }
  return "";
}

class PloverImporter : public Importer {
 public:
  using Importer::Importer;
  std::string Parse(const std::string& line, store::ImportedEvent* out) override {
    if (line.find_first_not_of(" \t\r") == std::string::npos) return "skip";
    json obj = json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.is_object()) return "invalid JSON object";
    *out = store::ImportedEvent();
    Event& e = out->event;
    out->origin_id = Str(obj, {"id", "event_id", "Event ID"});
    if (out->origin_id.empty()) return "no 'id'";
    std::string date = Str(obj, {"date", "event_date", "story_date", "Event Date"});
    if (!ParseDate(date.substr(0, 10), &e.date))
      return fmt::format("bad date '{}'", date.substr(0, 20));
    e.source = Side(obj, {"source", "actor", "source_actor"},
                    {"source_country", "actor_country", "Actor Country"}, e.date);
    e.target = Side(obj, {"target", "recipient", "target_actor"},
                    {"target_country", "recipient_country", "Recipient Country"}, e.date);
    e.code = CameoPad(Str(obj, {"cameo", "code", "cameo_code"}));
    std::string type = Str(obj, {"event", "event_type", "Event Type"});
    for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!e.code.empty() && DescribeCode(lexicon_, &e)) {
      if (!type.empty()) e.plover = type;
    } else if (!type.empty()) {
      e.code.clear();
      if (!DescribePloverType(lexicon_, type, &e))
        return fmt::format("unknown event type '{}'", type);
    } else {
      return "no 'event' type and no CAMEO 'code'";
    }
    std::string mode = Str(obj, {"mode", "event_mode", "Event Mode"});
    if (!mode.empty()) e.mode = mode;
    std::string context = Str(obj, {"context", "contexts", "Contexts"});
    if (!context.empty()) e.contexts = {context};
    if (auto it = obj.find("goldstein"); it != obj.end() && it->is_number())
      e.goldstein = it->get<double>();
    if (auto it = obj.find("reports"); it != obj.end() && it->is_number_integer())
      out->reports = std::max<int64_t>(1, it->get<int64_t>());
    if (auto it = obj.find("outlets"); it != obj.end() && it->is_number_integer())
      out->outlets = std::max<int64_t>(1, it->get<int64_t>());
    out->url = Str(obj, {"url", "source_url"});
    return "";
  }

 private:
  std::string Side(const json& obj, std::initializer_list<const char*> actor_keys,
                   std::initializer_list<const char*> country_keys, Day date) {
    std::string actor = Str(obj, actor_keys);
    // A code already ("JPNGOV", "---") is kept; a name is looked up.
    bool is_code =
        !actor.empty() && actor.size() <= 12 && std::all_of(actor.begin(), actor.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || c == '-';
        });
    if (is_code) return actor;
    std::string code = actor.empty() ? "" : ActorCodeFor(lexicon_, actor, date);
    if (!code.empty()) return code;
    std::string country = Str(obj, country_keys);
    if (country.size() == 3 && std::all_of(country.begin(), country.end(), ::isupper))
      return country;
    code = CountryCode(country);
    return code.empty() ? "---" : code;
  }
};

}  // namespace

std::vector<std::string> SplitTabs(const std::string& raw) {
  // A CRLF line ending is not part of the last field.
  std::string_view line = raw;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.emplace_back(line.substr(start));
      return out;
    }
    out.emplace_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::string Importer::CountryCode(const std::string& name) {
  if (name.empty()) return "";
  auto it = countries_.find(name);
  if (it != countries_.end()) return it->second;
  std::string code = ActorCodeFor(lexicon_, name, kNoDate);
  if (code.size() > 3) code.clear();  // a country name gives a bare country code
  countries_.emplace(name, code);
  return code;
}

std::unique_ptr<Importer> Importer::Make(const std::string& format, const Lexicon& lexicon) {
  if (format == "gdelt") return std::unique_ptr<Importer>(new GdeltImporter(lexicon));
  if (format == "icews") return std::unique_ptr<Importer>(new IcewsImporter(lexicon));
  if (format == "plover" || format == "polecat")
    return std::unique_ptr<Importer>(new PloverImporter(lexicon));
  return nullptr;
}

std::string GdeltRow(const store::StoredEvent& se) {
  const Event& e = se.event;
  int y = 0;
  unsigned m = 0, d = 0;
  if (e.date != kNoDate) CivilFromDays(e.date, &y, &m, &d);
  std::vector<std::string> c;
  c.reserve(kGdeltColumns);
  c.push_back(std::to_string(se.id));
  c.push_back(e.date == kNoDate ? "" : Compact(e.date));
  c.push_back(e.date == kNoDate ? "" : fmt::format("{:04}{:02}", y, m));
  c.push_back(e.date == kNoDate ? "" : std::to_string(y));
  c.push_back(e.date == kNoDate ? "" : fmt::format("{:.4f}", y + (m - 1) / 12.0 + (d - 1) / 365.0));
  ActorColumns(e.source, &c);
  ActorColumns(e.target, &c);
  c.push_back("1");  // IsRootEvent: dyad codes the main event of a clause
  c.push_back(e.code);
  c.push_back(e.code.substr(0, 3));
  c.push_back(e.code.substr(0, 2));
  c.push_back(std::to_string(e.quad));
  c.push_back(fmt::format("{:.1f}", e.goldstein));
  c.push_back(std::to_string(se.reports));       // NumMentions
  c.push_back(std::to_string(se.outlets));       // NumSources
  c.push_back(std::to_string(se.reports));       // NumArticles
  c.push_back("");                               // AvgTone
  for (int i = 0; i < 24; ++i) c.push_back("");  // three geography blocks of 8
  c.push_back(e.date == kNoDate ? "" : Compact(e.date) + "000000");
  c.push_back(Clean(!se.url.empty() ? se.url : "doc:" + e.doc_id));
  std::string out;
  for (size_t i = 0; i < c.size(); ++i) out += (i ? "\t" : "") + Clean(c[i]);
  return out + "\n";
}

std::string PloverJson(const store::StoredEvent& se) {
  const Event& e = se.event;
  auto country = [](const std::string& code) { return code == "---" ? "" : code.substr(0, 3); };
  auto sector = [](const std::string& code) { return code.size() > 3 ? code.substr(3) : ""; };
  json j = {{"id", fmt::format("dyad-{}", se.id)},
            {"date", FormatDate(e.date)},
            {"source", e.source},
            {"target", e.target},
            {"source_country", country(e.source)},
            {"source_sector", sector(e.source)},
            {"target_country", country(e.target)},
            {"target_sector", sector(e.target)},
            {"event", e.plover},
            {"mode", e.mode},
            {"context", e.contexts},
            {"cameo", e.code},
            {"goldstein", e.goldstein},
            {"quad", e.quad},
            {"reports", se.reports},
            {"outlets", se.outlets},
            {"stories", se.stories},
            {"origin", se.origin}};
  if (!se.origin_id.empty()) j["origin_id"] = se.origin_id;
  if (!se.url.empty()) j["url"] = se.url;
  if (!e.doc_id.empty()) {
    j["doc_id"] = e.doc_id;
    j["sentence"] = e.sentence;
    j["evidence"] = e.evidence_text;
    j["evidence_span"] = {e.evidence.begin, e.evidence.end};
    j["pattern"] = e.pattern;
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dyad::exchange
