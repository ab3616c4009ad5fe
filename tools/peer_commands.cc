#include "peer_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli_util.h"
#include "eval/peer_suites.h"
#include "lexicon/lexicon.h"
#include "peers/convert.h"
#include "peers/user_files.h"

namespace dyad::cli {

struct PeerFlags {
  // validate
  CLI::App* validate = nullptr;
  std::string suite, suite_dir, events_out;
  bool quiet = false;
  // dict import
  CLI::App* import = nullptr;
  std::string import_peer, import_out;
  std::vector<std::string> import_files;
  // dictionary flags of code / explain / dict check
  std::vector<std::string> actors;
  std::string verbs, agents, discards, issues, options;
  bool no_defaults = false, strict = false;
};

PeerCommands::PeerCommands(CLI::App& app, CLI::App* dict, const std::vector<CLI::App*>& coding)
    : f_(std::make_unique<PeerFlags>()) {
  f_->import = dict->add_subcommand(
      "import",
      "convert TABARI or PETRARCH-2 dictionaries into dyad's own format (a --data folder)");
  f_->import->add_option("peer", f_->import_peer, "tabari or petrarch")
      ->required()
      ->check(CLI::IsMember({"tabari", "petrarch"}));
  f_->import
      ->add_option("files", f_->import_files, "actor, agent, verb, issue, discard or options files")
      ->required();
  f_->import
      ->add_option("-o,--out", f_->import_out,
                   "output folder: actors/, agents.txt, verbs/, issues.txt, the ontology, "
                   "and IMPORT-REPORT.txt")
      ->required();
  f_->validate = app.add_subcommand(
      "validate", "run a peer's own test suite with its own dictionaries: tabari or petrarch");
  f_->validate->add_option("suite", f_->suite, "tabari or petrarch")
      ->required()
      ->check(CLI::IsMember({"tabari", "petrarch"}));
  f_->validate
      ->add_option("dir", f_->suite_dir,
                   "the suite's folder (../shared/eval/tabari or ../shared/eval/petrarch)")
      ->required();
  f_->validate->add_option("--events-out", f_->events_out,
                           "write the coded events of each record here as JSONL");
  f_->validate->add_flag("-q,--quiet", f_->quiet, "list failures without their explanation");
  for (CLI::App* cmd : coding) {
    cmd->add_option("--actors", f_->actors,
                    "actor dictionaries (dyad, TABARI or PETRARCH-2 format)")
        ->delimiter(',');
    cmd->add_option("--verbs", f_->verbs, "a verb dictionary (dyad, TABARI or PETRARCH-2 format)");
    cmd->add_option("--agents", f_->agents, "an agent dictionary (any of the formats)");
    cmd->add_option("--discards", f_->discards, "a PETRARCH-2 discard list");
    cmd->add_option("--issues", f_->issues, "an issues dictionary (dyad or PETRARCH-2)");
    cmd->add_option("--options", f_->options, "a TABARI .options file");
    cmd->add_flag("--no-default-dictionaries", f_->no_defaults,
                  "use only the dictionaries given (not those under --data)");
    cmd->add_flag("--strict", f_->strict, "fail when any dictionary line has a problem");
  }
}

PeerCommands::~PeerCommands() = default;

LoadOptions PeerCommands::Load(const std::string& data_dir) const {
  LoadOptions o;
  o.data_dir = data_dir;
  o.strict = f_->strict;
  o.actor_files = f_->actors;
  o.verb_file = f_->verbs;
  o.agent_file = f_->agents;
  o.discard_file = f_->discards;
  o.issue_file = f_->issues;
  o.options_file = f_->options;
  o.no_default_dictionaries = f_->no_defaults;
  return o;
}

namespace {

std::string Show(const std::vector<eval::Tuple>& ts) {
  if (ts.empty()) return "none";
  std::string out;
  for (const auto& t : ts)
    out += fmt::format("{}{}/{}/{}", out.empty() ? "" : " ", t.source, t.target, t.code);
  return out;
}

int RunValidate(const PeerFlags& f) {
  std::vector<Problem> problems;
  eval::SuiteOptions so;
  so.explain = !f.quiet;
  auto r = f.suite == "tabari" ? eval::RunTabariSuite(f.suite_dir, so, &problems)
                               : eval::RunPetrarchSuite(f.suite_dir, so, &problems);
  if (!r.ok()) {
    fmt::print(stderr, "dyad: {}\n", r.status().message());
    return 2;
  }
  std::string out;
  out += fmt::format(
      "{} dictionary problem(s) reported while loading (the suites' files hold some "
      "on purpose):\n",
      problems.size());
  for (const auto& p : problems) out += "  " + p.ToString() + "\n";
  for (const auto& rec : r->records) {
    if (rec.passed) continue;
    out += fmt::format("FAIL #{} {} [{}] expected {} got {} ({})\n  text: {}\n", rec.seq, rec.id,
                       rec.kind, Show(rec.expected), Show(rec.got), rec.status, rec.text);
    for (const auto& l : rec.trace) out += "  |" + l + "\n";
  }
  out += fmt::format("{} suite: by kind\n", f.suite);
  for (const auto& [k, v] : r->by_kind)
    out += fmt::format("  {:<12} {:>4}/{:<4} {:5.1f}%\n", k, v.first, v.second,
                       v.second ? 100.0 * v.first / v.second : 0.0);
  out += fmt::format("{} suite: by category\n", f.suite);
  for (const auto& [k, v] : r->by_category)
    out += fmt::format("  {:<12} {:>4}/{:<4} {:5.1f}%\n", k, v.first, v.second,
                       v.second ? 100.0 * v.first / v.second : 0.0);
  if (r->options > 0 || r->skipped > 0) {
    out += fmt::format(
        "{} suite: {} option record(s) applied in order, {} skip record(s) not checked\n", f.suite,
        r->options, r->skipped);
  }
  out += fmt::format("{} suite: {} of {} records pass ({:.1f}%); event tuples P={:.3f} R={:.3f}\n",
                     f.suite, r->passed, r->total, r->total ? 100.0 * r->passed / r->total : 0.0,
                     r->precision(), r->recall());
  out += fmt::format("passed={} total={}\n", r->passed, r->total);
  if (!f.events_out.empty()) {
    std::ofstream ev(f.events_out, std::ios::binary);
    ev << eval::SuiteEventsJsonl(r.value());
    if (!ev) {
      fmt::print(stderr, "dyad: {}: cannot write\n", f.events_out);
      return 2;
    }
  }
  Out(out);
  return 0;
}

namespace fs = std::filesystem;

struct Written {
  std::string path;
  std::string text;
};

// Writes the dyad lines of one kind, with a header naming where they came from.
std::string DyadFile(const std::string& source, const std::string& peer,
                     const std::vector<peers::DyadLine>& lines) {
  std::string out = fmt::format(
      "# Converted by `dyad dict import {}` from {}. Each line names its origin; what could not "
      "be carried\n# is listed in IMPORT-REPORT.txt.\n",
      peer, source);
  for (const auto& l : lines) out += fmt::format("{}  # {}:{}\n", l.text, l.file, l.line);
  return out;
}

int RunImport(const PeerFlags& f, const std::string& data_dir) {
  std::error_code ec;
  if (fs::exists(data_dir) && fs::exists(f.import_out) &&
      fs::equivalent(fs::path(data_dir), fs::path(f.import_out), ec)) {
    fmt::print(stderr, "dyad: {}: is dyad's own data folder; choose another --out\n", f.import_out);
    return 2;
  }
  // dyad's vocabulary decides what converted entries may say.
  std::vector<Problem> ignored;
  LoadOptions lo;
  lo.data_dir = data_dir;
  auto lex = LoadLexicon(lo, &ignored);
  if (!lex.ok()) {
    fmt::print(stderr, "dyad: {}\n", lex.status().message());
    return 2;
  }
  const Lexicon& dyad = *lex.value();
  peers::DyadVocabulary vocab{
      [&](const std::string& c) { return dyad.Cameo(c) != nullptr; }, lexicon::IsRoleCode,
      [](const std::string& c) { return lexicon::KnownContexts().count(c) > 0; }};
  const peers::Format want =
      f.import_peer == "tabari" ? peers::Format::kTabari : peers::Format::kPetrarch;
  std::vector<Written> files;
  std::string agents, issues, report, summary;
  int problems_total = 0;
  for (const auto& path : f.import_files) {
    std::string content;
    {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        fmt::print(stderr, "dyad: {}: cannot read\n", path);
        return 2;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      content = ss.str();
    }
    std::string name = fs::path(path).filename().string();
    peers::Kind kind = peers::DetectKind(name, content);
    peers::Format format = peers::DetectFormat(kind, content);
    if (format != peers::Format::kTabari && format != peers::Format::kPetrarch) {
      fmt::print(stderr, "dyad: {}: not a TABARI or PETRARCH-2 {} file\n", path,
                 peers::KindName(kind));
      return 2;
    }
    if (format != want && kind != peers::Kind::kOptions && kind != peers::Kind::kDiscards &&
        kind != peers::Kind::kIssues) {
      report += fmt::format("{}: read as {} (its content), not {}\n", name,
                            peers::FormatName(format), peers::FormatName(want));
    }
    peers::PeerDictionary dict;
    std::vector<Problem> problems;
    switch (kind) {
      case peers::Kind::kActors:
        peers::ReadActors(content, name, format, &dict, &problems);
        break;
      case peers::Kind::kAgents:
        peers::ReadAgents(content, name, format, &dict, &problems);
        break;
      case peers::Kind::kVerbs:
        peers::ReadVerbs(content, name, format, &dict, &problems);
        break;
      case peers::Kind::kDiscards:
        peers::ReadDiscards(content, name, &dict, &problems);
        break;
      case peers::Kind::kIssues:
        peers::ReadIssues(content, name, &dict, &problems);
        break;
      case peers::Kind::kOptions:
        report +=
            fmt::format("{}: options dropped: TABARI's options have no dyad equivalent\n", name);
        summary += fmt::format("{:<36} options: not carried (dyad has no options file)\n", name);
        continue;
    }
    auto conv = peers::ToDyad(dict, vocab);
    for (const auto& p : problems) report += "not read: " + p.ToString() + "\n";
    for (const auto& p : conv.lost) report += p.ToString() + "\n";
    problems_total += static_cast<int>(problems.size() + conv.lost.size());
    std::string stem = fs::path(name).stem().string();
    for (char& c : stem) {
      if (c == '.' || c == ' ') c = '-';
    }
    if (!conv.actors.empty())
      files.push_back({"actors/" + stem + ".txt", DyadFile(name, f.import_peer, conv.actors)});
    if (!conv.verbs.empty())
      files.push_back({"verbs/" + stem + ".txt", DyadFile(name, f.import_peer, conv.verbs)});
    if (!conv.agents.empty()) agents += DyadFile(name, f.import_peer, conv.agents);
    if (!conv.issues.empty()) issues += DyadFile(name, f.import_peer, conv.issues);
    summary += fmt::format(
        "{:<36} {}: {} carried whole, {} carried with a loss, {} dropped, {} unreadable line(s)\n",
        name, peers::KindName(kind), conv.carried, conv.lossy, conv.dropped, problems.size());
  }
  if (!agents.empty()) files.push_back({"agents.txt", agents});
  if (!issues.empty()) files.push_back({"issues.txt", issues});
  files.push_back(
      {"IMPORT-REPORT.txt",
       "# What `dyad dict import` could not carry into dyad's format, entry by entry.\n" + summary +
           report});
  fs::create_directories(fs::path(f.import_out) / "actors", ec);
  fs::create_directories(fs::path(f.import_out) / "verbs", ec);
  // The ontology and word tables come along, so that the folder works as --data.
  for (const char* sub : {"ontology", "lexicon"}) {
    fs::copy(fs::path(data_dir) / sub, fs::path(f.import_out) / sub,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) {
      fmt::print(stderr, "dyad: {}: cannot copy {}: {}\n", f.import_out, sub, ec.message());
      return 2;
    }
  }
  for (const auto& w : files) {
    std::ofstream out(fs::path(f.import_out) / w.path, std::ios::binary);
    out << w.text;
    if (!out) {
      fmt::print(stderr, "dyad: {}/{}: cannot write\n", f.import_out, w.path);
      return 2;
    }
  }
  Out(summary +
      fmt::format("{} entries not carried or carried with a loss: see {}/IMPORT-REPORT.txt\n",
                  problems_total, f.import_out));
  return 0;
}

}  // namespace

bool PeerCommands::Run(const std::string& data_dir, int* rc) {
  if (*f_->import) {
    *rc = RunImport(*f_, data_dir);
    return true;
  }
  if (*f_->validate) {
    *rc = RunValidate(*f_);
    return true;
  }
  return false;
}

}  // namespace dyad::cli
