// Reading the dictionary files under data/ into a compiled Lexicon.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lexicon/lexicon.h"
#include "peers/convert.h"
#include "peers/user_files.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad {

std::string Problem::ToString() const {
  return line > 0 ? fmt::format("{}:{}: {}", file, line, message)
                  : fmt::format("{}: {}", file, message);
}

namespace lexicon {
namespace fs = std::filesystem;

const ActorRow& ActorEntry::RowFor(Day date) const {
  const ActorRow* fallback = nullptr;
  const ActorRow* nearest = nullptr;
  int64_t best = INT64_MAX;
  for (const ActorRow& r : rows) {
    if (!r.dated) {
      if (fallback == nullptr) fallback = &r;
      continue;
    }
    if (date == kNoDate) continue;
    if (date >= r.from && date <= r.to) return r;
    int64_t dist = date < r.from ? int64_t{r.from} - date : int64_t{date} - r.to;
    if (dist < best) best = dist, nearest = &r;
  }
  if (fallback != nullptr) return *fallback;
  if (nearest != nullptr) return *nearest;
  return rows.front();
}

void PhraseIndex::Add(const Phrase& phrase, uint32_t entry) {
  if (phrase[0].id >= by_first_.size()) by_first_.resize(phrase[0].id + 1);
  by_first_[phrase[0].id].push_back(entry);
}

void PhraseIndex::Finish(const std::vector<size_t>& lengths) {
  for (auto& list : by_first_) {
    std::stable_sort(list.begin(), list.end(),
                     [&](uint32_t a, uint32_t b) { return lengths[a] > lengths[b]; });
  }
}

const std::vector<uint32_t>* PhraseIndex::Candidates(uint32_t first_id) const {
  if (first_id >= by_first_.size() || by_first_[first_id].empty()) return nullptr;
  return &by_first_[first_id];
}

bool IsRoleCode(const std::string& s) {
  static const std::set<std::string> kRoles = {
      "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "ELI", "OPP", "BUS", "MED", "CVL", "EDU",
      "HLH", "REL", "LAB", "AGR", "ENV", "HRI", "NGO", "REF", "CRM", "REB", "INS", "SEP", "UAF",
      "DEV", "SCI", "IGO", "MOD", "RAD", "AMN", "IRC", "GRN", "UIS", "PKO", "NGM", "IMG"};
  return kRoles.count(s) > 0;
}

const std::set<std::string>& KnownContexts() {
  static const std::set<std::string> k = {"military",      "intelligence",
                                          "executive",     "legislative",
                                          "election",      "political_institutions",
                                          "pro_democracy", "pro_autocracy",
                                          "economic",      "legal",
                                          "human_rights",  "rights_freedoms",
                                          "repression",    "human_security",
                                          "lgbt",          "religion_ethnicity",
                                          "inequality",    "diplomatic",
                                          "territory",     "health",
                                          "asylum",        "migration",
                                          "disasters",     "natural_resource",
                                          "environment",   "technology",
                                          "terrorism",     "cbrn",
                                          "cyber",         "misinformation",
                                          "crime",         "corruption",
                                          "illegal_drugs", "trafficking",
                                          "history",       "maritime",
                                          "humanitarian",  "peacekeeping",
                                          "refugees",      "resource"};
  return k;
}

namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Removes a comment: '#' at the start or after whitespace.
std::string StripComment(const std::string& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
      return line.substr(0, i);
  }
  return line;
}

// A dictionary line with its number, and its file when it came from another one (converted).
struct NumberedLine {
  std::string file;
  int number = 0;
  std::string text;
};
using Lines = std::vector<NumberedLine>;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(Trim(cur));
  if (!s.empty() && s.back() == sep) out.push_back("");
  return out;
}

bool IsActorCode(const std::string& s) {
  if (s.size() < 3 || s.size() % 3 != 0 || s.size() > 15) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || c == '-' || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Everything the readers share while loading.
struct Loader {
  Lexicon* lex;
  Stemmer stemmer;
  std::vector<Problem>* problems;
  std::string file;  // relative name for messages
  int line = 0;

  void Report(std::string msg) { problems->push_back({file, line, std::move(msg)}); }

  // Turns a dictionary name into a phrase; empty on failure (reported). Names (actors, agents)
  // match by noun form, keywords (issues) by stem.
  Phrase Compile(const std::string& name, bool by_stem = false) {
    Phrase out;
    auto norm = text::Normalize(name);
    if (!norm.ok()) {
      Report(fmt::format("name '{}': {}", name, norm.status().message()));
      return out;
    }
    bool truncated = false;
    auto tokens = text::Tokenize(norm->text, 64, &truncated);
    for (const auto& t : tokens) {
      std::string_view w = std::string_view(norm->text).substr(t.begin, t.end - t.begin);
      size_t letters = 0;
      for (char c : w) letters += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      bool exact = t.all_caps && letters >= 2 && letters <= 4;
      uint32_t id = exact     ? lex->vocab.InternExact(w)
                    : by_stem ? lex->vocab.Intern(w, stemmer)
                              : lex->vocab.InternName(w);
      out.push_back({id, exact, t.capitalized});
    }
    if (truncated) {
      Report(fmt::format("name '{}' is too long", name));
      out.clear();
    }
    return out;
  }

  bool ReadLines(const fs::path& path, std::vector<std::string>* lines) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string l;
    while (std::getline(in, l)) lines->push_back(l);
    return true;
  }

  // The lines of a file, numbered; false when it cannot be read (reported).
  bool Read(const fs::path& path, Lines* lines) {
    std::vector<std::string> raw;
    if (!ReadLines(path, &raw)) {
      Report("cannot read file");
      return false;
    }
    for (size_t n = 0; n < raw.size(); ++n) lines->push_back({"", static_cast<int>(n + 1), raw[n]});
    return true;
  }

  // Moves to line `l`: reports name its file (its own, for lines converted from another file).
  void At(const NumberedLine& l) {
    line = l.number;
    if (!l.file.empty()) file = l.file;
  }
};

void LoadActors(Loader& ld, const Lines& lines, bool person_file, bool place_file) {
  std::unordered_map<std::string, uint32_t> by_name;  // same names on several lines: one entry
  for (const NumberedLine& l : lines) {
    ld.At(l);
    std::string body = Trim(StripComment(l.text));
    if (body.empty()) continue;
    auto f = Split(body, '|');
    if (f.size() < 2 || f.size() > 5) {
      ld.Report(fmt::format("expected 'names | code [| from | to | role]', got {} field(s): '{}'",
                            f.size(), body));
      continue;
    }
    ActorRow row;
    row.code = f[1];
    row.origin = fmt::format("{}:{}", ld.file, ld.line);
    if (row.code != "-" && !IsActorCode(row.code)) {
      ld.Report(
          fmt::format("bad actor code '{}' (want 3-letter country plus 3-letter roles)", row.code));
      continue;
    }
    bool bad = false;
    if (f.size() >= 3 && !f[2].empty()) {
      if (!ParseDate(f[2], &row.from)) {
        ld.Report(fmt::format("bad from-date '{}'", f[2]));
        bad = true;
      }
      row.dated = true;
    }
    if (f.size() >= 4 && !f[3].empty()) {
      if (!ParseDate(f[3], &row.to)) {
        ld.Report(fmt::format("bad to-date '{}'", f[3]));
        bad = true;
      }
      row.dated = true;
    }
    if (!bad && row.from > row.to) {
      ld.Report(fmt::format("from-date {} is after to-date {}", f[2], f[3]));
      bad = true;
    }
    if (bad) continue;
    if (f.size() >= 5) row.role = f[4];
    for (const std::string& name : Split(f[0], ';')) {
      if (name.empty()) continue;
      Phrase p = ld.Compile(name);
      if (p.empty()) continue;
      std::string key;
      for (auto& w : p) key += fmt::format("{}{},", w.exact ? "=" : "", w.id);
      auto it = by_name.find(key);
      if (it == by_name.end()) {
        it = by_name.emplace(key, static_cast<uint32_t>(ld.lex->actors.size())).first;
        ActorEntry e;
        e.words = std::move(p);
        e.name = name;
        e.person =
            person_file;  // organisations may have dated rows too; only people files hold persons
        e.place = place_file;
        ld.lex->actors.push_back(std::move(e));
      }
      ActorEntry& e = ld.lex->actors[it->second];
      e.rows.push_back(row);
    }
  }
}

void LoadAgents(Loader& ld, const Lines& lines) {
  for (const NumberedLine& l : lines) {
    ld.At(l);
    std::string body = Trim(StripComment(l.text));
    if (body.empty()) continue;
    auto f = Split(body, '|');
    if (f.size() != 2) {
      ld.Report(fmt::format("expected 'names | ROLE', got '{}'", body));
      continue;
    }
    if (f[1] != "-" && !IsRoleCode(f[1])) {
      ld.Report(fmt::format("unknown role code '{}'", f[1]));
      continue;
    }
    for (const std::string& name : Split(f[0], ';')) {
      if (name.empty()) continue;
      Phrase p = ld.Compile(name);
      if (p.empty()) continue;
      ld.lex->agents.push_back({std::move(p), name, f[1], fmt::format("{}:{}", ld.file, ld.line)});
    }
  }
}

void LoadIssues(Loader& ld, const Lines& lines) {
  for (const NumberedLine& l : lines) {
    ld.At(l);
    std::string body = Trim(StripComment(l.text));
    if (body.empty()) continue;
    auto f = Split(body, '|');
    if (f.size() != 2) {
      ld.Report(fmt::format("expected 'keywords | context', got '{}'", body));
      continue;
    }
    if (!KnownContexts().count(f[1])) {
      ld.Report(fmt::format("unknown context '{}'", f[1]));
      continue;
    }
    for (const std::string& name : Split(f[0], ';')) {
      if (name.empty()) continue;
      Phrase p = ld.Compile(name, /*by_stem=*/true);
      if (p.empty()) continue;
      ld.lex->issues.push_back({std::move(p), name, f[1], fmt::format("{}:{}", ld.file, ld.line)});
    }
  }
}

}  // namespace

// Defined in patterns.cc.
bool ParsePattern(const std::string& body, Vocabulary& vocab, Stemmer& stemmer, Pattern* out,
                  std::string* error);

namespace {

void LoadVerbs(Loader& ld, const Lines& lines, const std::string& stem) {
  std::vector<std::string> bodies;
  std::vector<Pattern> parsed;
  for (const NumberedLine& l : lines) {
    ld.At(l);
    std::string body = Trim(StripComment(l.text));
    if (body.empty()) continue;
    std::string error;
    if (!ExpandPhrases(body, &bodies, &error)) {
      ld.Report(error);
      continue;
    }
    if (auto warning = SuspiciousAlternatives(body); !warning.empty()) ld.Report(warning);
    // A line with phrase alternatives becomes several patterns sharing its id and text.
    parsed.assign(bodies.size(), Pattern{});
    bool ok = true;
    for (size_t i = 0; i < bodies.size() && ok; ++i) {
      ok = ParsePattern(bodies[i], ld.lex->vocab, ld.stemmer, &parsed[i], &error);
      if (!ok) ld.Report(error);
    }
    if (!ok) continue;
    if (ld.lex->Cameo(parsed[0].code) == nullptr) {
      ld.Report(fmt::format("unknown CAMEO code '{}'", parsed[0].code));
      continue;
    }
    for (const auto& c : parsed[0].contexts) {
      if (!KnownContexts().count(c)) ld.Report(fmt::format("unknown context '{}'", c));
    }
    for (auto& p : parsed) {
      p.id = fmt::format("{}:{}", stem, ld.line);
      if (bodies.size() > 1) p.text = PatternText(body);
      ld.lex->patterns.push_back(std::move(p));
    }
  }
}

void LoadCameo(Loader& ld, const fs::path& path) {
  std::vector<std::string> lines;
  if (!ld.ReadLines(path, &lines)) return ld.Report("cannot read file");
  for (size_t n = 0; n < lines.size(); ++n) {
    ld.line = static_cast<int>(n + 1);
    if (lines[n].empty() || lines[n][0] == '#') continue;
    auto f = Split(lines[n], '\t');
    if (f.size() != 7) {
      ld.Report(fmt::format("expected 7 tab-separated fields, got {}", f.size()));
      continue;
    }
    CameoInfo c;
    c.code = f[0];
    c.name = f[1];
    try {
      c.goldstein = std::stod(f[2]);
      c.quad = std::stoi(f[3]);
    } catch (...) {
      ld.Report(fmt::format("bad goldstein '{}' or quad '{}'", f[2], f[3]));
      continue;
    }
    c.plover = f[4];
    c.mode = f[5];
    for (auto& ctx : Split(f[6], ','))
      if (!ctx.empty()) c.contexts.push_back(ctx);
    if (!ld.lex->cameo.emplace(c.code, c).second)
      ld.Report(fmt::format("duplicate code '{}'", c.code));
  }
}

std::vector<fs::path> TextFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void IndexAll(Lexicon* lex) {
  std::vector<size_t> lengths;
  for (uint32_t i = 0; i < lex->actors.size(); ++i) {
    lex->actor_index.Add(lex->actors[i].words, i);
    lengths.push_back(lex->actors[i].words.size());
  }
  lex->actor_index.Finish(lengths);
  lengths.clear();
  for (uint32_t i = 0; i < lex->agents.size(); ++i) {
    lex->agent_index.Add(lex->agents[i].words, i);
    lengths.push_back(lex->agents[i].words.size());
  }
  lex->agent_index.Finish(lengths);
  lengths.clear();
  for (uint32_t i = 0; i < lex->issues.size(); ++i) {
    lex->issue_index.Add(lex->issues[i].words, i);
    lengths.push_back(lex->issues[i].words.size());
  }
  lex->issue_index.Finish(lengths);
  for (uint32_t i = 0; i < lex->patterns.size(); ++i) {
    for (uint32_t id : lex->patterns[i].elems[lex->patterns[i].anchor].ids) {
      if (id >= lex->patterns_by_anchor.size()) lex->patterns_by_anchor.resize(id + 1);
      const auto& bits = lex->patterns[i].required_bits;
      // The two most selective masks (fewest bits set) reject the most candidates.
      std::vector<uint64_t> sorted = bits;
      std::sort(sorted.begin(), sorted.end(), [](uint64_t a, uint64_t b) {
        return __builtin_popcountll(a) < __builtin_popcountll(b);
      });
      uint64_t n0 = sorted.size() > 0 ? sorted[0] : ~uint64_t{0};
      uint64_t n1 = sorted.size() > 1 ? sorted[1] : ~uint64_t{0};
      lex->patterns_by_anchor[id].push_back({i, n0, n1});
    }
  }
}

uint64_t Fnv1a(const std::string& bytes, uint64_t h) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  return h;
}

Lines SplitContent(const std::string& content) {
  Lines out;
  size_t pos = 0;
  int n = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    out.push_back({"", ++n, content.substr(pos, nl - pos)});
    pos = nl + 1;
  }
  return out;
}

Lines Converted(const std::vector<peers::DyadLine>& lines) {
  Lines out;
  for (const auto& l : lines) out.push_back({l.file, l.line, l.text});
  return out;
}

// The user's files in dyad's format load as dyad's own do. Peer actors, agents and issues given
// with dyad verbs are converted into dyad's entries (what cannot be carried is reported); discards
// and options need a peer's verbs and are reported as unused.
void LoadUserFiles(Loader& ld, const std::vector<peers::UserFile>& user, bool peer_mode) {
  peers::DyadVocabulary vocab{
      [&](const std::string& code) { return ld.lex->Cameo(code) != nullptr; }, IsRoleCode,
      [](const std::string& c) { return KnownContexts().count(c) > 0; }};
  for (const auto& f : user) {
    ld.file = f.name;
    ld.line = 0;
    if (f.format == peers::Format::kDyad) {
      Lines lines = SplitContent(f.content);
      switch (f.kind) {
        case peers::Kind::kActors:
          LoadActors(ld, lines, false, false);
          break;
        case peers::Kind::kAgents:
          LoadAgents(ld, lines);
          break;
        case peers::Kind::kIssues:
          LoadIssues(ld, lines);
          break;
        case peers::Kind::kVerbs:
          LoadVerbs(ld, lines, fs::path(f.name).stem().string());
          break;
        default:
          break;
      }
      continue;
    }
    if (peer_mode) continue;  // compiled into the peer dictionary
    if (f.kind == peers::Kind::kDiscards || f.kind == peers::Kind::kOptions) {
      ld.Report(fmt::format("not used: {} apply only with a TABARI or PETRARCH-2 verb file",
                            peers::KindName(f.kind)));
      continue;
    }
    peers::PeerDictionary one;
    std::vector<Problem> ignored;
    if (f.kind == peers::Kind::kActors)
      peers::ReadActors(f.content, f.name, f.format, &one, ld.problems);
    if (f.kind == peers::Kind::kAgents)
      peers::ReadAgents(f.content, f.name, f.format, &one, ld.problems);
    if (f.kind == peers::Kind::kIssues) peers::ReadIssues(f.content, f.name, &one, ld.problems);
    auto conv = peers::ToDyad(one, vocab);
    for (const auto& p : conv.lost)
      ld.problems->push_back({p.file, p.line, "not carried into dyad: " + p.message});
    LoadActors(ld, Converted(conv.actors), false, false);
    LoadAgents(ld, Converted(conv.agents));
    LoadIssues(ld, Converted(conv.issues));
  }
}

// In peer mode, dyad's own actors and agents (the defaults, or dyad-format files given) join the
// peer dictionary as whole-word phrases.
void AddDyadEntries(const Lexicon& lex, peers::PeerDictionary* peer) {
  for (const auto& e : lex.actors) {
    std::vector<peers::CodeRow> rows;
    for (const auto& r : e.rows) {
      peers::CodeRow row;
      row.code = r.code == "-" ? "---" : r.code;
      row.from = r.from;
      row.to = r.to;
      row.dated = r.dated;
      rows.push_back(row);
    }
    peers::AddPlainActor(peer, e.name, std::move(rows), e.rows.front().origin);
  }
  for (const auto& a : lex.agents) peers::AddPlainAgent(peer, a.name, a.role, a.origin);
}

}  // namespace
}  // namespace lexicon

const lexicon::CameoInfo* Lexicon::Cameo(const std::string& code) const {
  auto it = cameo.find(code);
  return it == cameo.end() ? nullptr : &it->second;
}

void LexiconDeleter::operator()(const Lexicon* lexicon) const { delete lexicon; }

Result<LexiconPtr> LoadLexicon(const LoadOptions& options, std::vector<Problem>* problems) {
  namespace fs = std::filesystem;
  auto lex = std::make_unique<Lexicon>();
  fs::path root(options.data_dir);
  const fs::path cameo = root / "ontology" / "cameo.tsv";
  if (!fs::is_regular_file(cameo)) {
    return Status::NotFound(
        fmt::format("{}: dictionary directory lacks ontology/cameo.tsv", options.data_dir));
  }
  size_t before = problems->size();
  lexicon::Loader ld{lex.get(), {}, problems, ""};
  uint64_t hash = 1469598103934665603ULL;
  auto visit = [&](const fs::path& p) {
    ld.file = fs::relative(p, root).generic_string();
    ld.line = 0;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    hash = lexicon::Fnv1a(ld.file + "\n" + ss.str(), hash);
  };
  visit(cameo);
  lexicon::LoadCameo(ld, cameo);
  // Irregular inflections, then nominalisations: both fold a form to a lemma before stemming.
  for (const char* table : {"irregular.txt", "nominal.txt"}) {
    const fs::path path = root / "lexicon" / table;
    if (!fs::is_regular_file(path)) continue;
    std::vector<std::string> lines;
    visit(path);
    ld.ReadLines(path, &lines);
    for (size_t n = 0; n < lines.size(); ++n) {
      ld.line = static_cast<int>(n + 1);
      std::string body = lexicon::Trim(lexicon::StripComment(lines[n]));
      if (body.empty()) continue;
      std::istringstream in(body);
      std::string form, lemma, extra;
      if (!(in >> form >> lemma) || (in >> extra)) {
        ld.Report(fmt::format("expected 'form lemma', got '{}'", body));
        continue;
      }
      if (std::string(table) == "nominal.txt")
        lex->vocab.AddNominal(form, lemma);
      else
        lex->vocab.AddIrregular(form, lemma);
    }
  }
  // The user's files: read and detected first, since a peer verb file changes what is loaded.
  std::vector<peers::UserFile> user;
  auto given = [&](peers::Kind kind, const std::string& path) -> Status {
    if (path.empty()) return Status::Ok();
    peers::UserFile f;
    Status st = peers::ReadUserFile(kind, path, &f);
    if (!st.ok()) return st;
    hash = lexicon::Fnv1a(f.name + "\n" + f.content, hash);
    user.push_back(std::move(f));
    return Status::Ok();
  };
  for (const auto& a : options.actor_files) {
    if (Status st = given(peers::Kind::kActors, a); !st.ok()) return st;
  }
  for (auto [kind, path] : {std::pair{peers::Kind::kVerbs, &options.verb_file},
                            std::pair{peers::Kind::kAgents, &options.agent_file},
                            std::pair{peers::Kind::kDiscards, &options.discard_file},
                            std::pair{peers::Kind::kIssues, &options.issue_file},
                            std::pair{peers::Kind::kOptions, &options.options_file}}) {
    if (Status st = given(kind, *path); !st.ok()) return st;
  }
  const bool peer_mode = std::any_of(user.begin(), user.end(), [](const peers::UserFile& f) {
    return f.kind == peers::Kind::kVerbs && f.format != peers::Format::kDyad;
  });
  if (!options.no_default_dictionaries) {
    for (const auto& p : lexicon::TextFiles(root / "actors")) {
      visit(p);
      lexicon::Lines lines;
      if (ld.Read(p, &lines))
        lexicon::LoadActors(ld, lines, p.stem().string().rfind("people", 0) == 0,
                            p.stem().string().rfind("places", 0) == 0);
    }
    for (auto [name, load] : {std::pair{"agents.txt", &lexicon::LoadAgents},
                              std::pair{"issues.txt", &lexicon::LoadIssues}}) {
      if (!fs::is_regular_file(root / name)) continue;
      visit(root / name);
      lexicon::Lines lines;
      if (ld.Read(root / name, &lines)) load(ld, lines);
    }
    // Peer verbs bring their own coding rules; dyad's patterns would never be used.
    for (const auto& p : lexicon::TextFiles(root / "verbs")) {
      if (peer_mode) break;
      visit(p);
      lexicon::Lines lines;
      if (ld.Read(p, &lines)) lexicon::LoadVerbs(ld, lines, p.stem().string());
    }
  }
  lexicon::LoadUserFiles(ld, user, peer_mode);
  if (peer_mode) {
    lex->peer = peers::BuildPeerDictionary(user, problems);
    lexicon::AddDyadEntries(*lex, lex->peer.get());
    lex->peer->Compile();
    if (lex->peer->actors.empty())
      return Status::NotFound(
          "no actor dictionaries: give --actors (or drop --no-default-dictionaries)");
    if (lex->peer->verbs.empty())
      return Status::NotFound(fmt::format("{}: no verbs read", options.verb_file));
  } else {
    // Without actors or patterns nothing can ever be coded: a configuration error, not a quiet
    // empty run.
    if (lex->actors.empty())
      return Status::NotFound(
          fmt::format("{}: no actor dictionaries (actors/*.txt or --actors)", options.data_dir));
    if (lex->patterns.empty())
      return Status::NotFound(
          fmt::format("{}: no verb patterns (verbs/*.txt or --verbs)", options.data_dir));
  }
  if (options.strict && problems->size() > before) {
    return Status::InvalidInput(
        fmt::format("{} problem(s) in the dictionaries (--strict)", problems->size() - before));
  }
  lexicon::IndexAll(lex.get());
  if (!options.parser_model.empty()) {
    auto parser = LoadParserModel(options.parser_model);
    if (!parser.ok()) return parser.status();
    lex->parser = std::move(parser).value();
    // Events coded with syntax differ from those coded by word order: the provenance says so.
    std::ifstream in(options.parser_model, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    hash = lexicon::Fnv1a("syntax\n" + ss.str(), hash);
  }
  lex->version = fmt::format("{:016x}", hash);
  lex->vocab_size = lex->vocab.size();
  return LexiconPtr(lex.release());
}

LexiconStats Stats(const Lexicon& lexicon) {
  if (lexicon.peer != nullptr) {
    const auto& p = *lexicon.peer;
    return {p.actor_phrases.size(), p.agents.size(), p.patterns.size() + p.verbs.size(),
            p.issue_phrases.size(), lexicon.cameo.size()};
  }
  return {lexicon.actors.size(), lexicon.agents.size(), lexicon.patterns.size(),
          lexicon.issues.size(), lexicon.cameo.size()};
}

}  // namespace dyad
