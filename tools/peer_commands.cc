#include "peer_commands.h"

#include <fmt/format.h>

#include <fstream>

#include "cli_util.h"
#include "eval/peer_suites.h"

namespace dyad::cli {

struct PeerFlags {
  // validate
  CLI::App* validate = nullptr;
  std::string suite, suite_dir, events_out;
  bool quiet = false;
  // dictionary flags of code / explain / dict check
  std::vector<std::string> actors;
  std::string verbs, agents, discards, issues, options;
  bool no_defaults = false, strict = false;
};

PeerCommands::PeerCommands(CLI::App& app, CLI::App* dict, const std::vector<CLI::App*>& coding)
    : f_(std::make_unique<PeerFlags>()) {
  (void)dict;
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

}  // namespace

bool PeerCommands::Run(const std::string& data_dir, int* rc) {
  (void)data_dir;
  if (*f_->validate) {
    *rc = RunValidate(*f_);
    return true;
  }
  return false;
}

}  // namespace dyad::cli
