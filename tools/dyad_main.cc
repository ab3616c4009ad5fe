// dyad: the command line. Flag parsing and glue only; the work is in the library.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "analytics_commands.h"
#include "cli_util.h"
#include "dyad/coder.h"
#include "eval/eval.h"
#include "io/documents.h"
#include "io/event_writer.h"
#include "parse_commands.h"
#include "peer_commands.h"
#include "store_commands.h"

namespace {
using dyad::cli::FindDataDir;
using dyad::cli::FlushOut;
using dyad::cli::LoadOrDie;
using dyad::cli::Out;

namespace fs = std::filesystem;

struct CodeFlags {
  std::vector<std::string> files;
  std::string format = "json";
  int jobs = 1;
  size_t max_line = 64u << 20;
  bool with_sentence = false;
};

// Codes a batch of documents on `jobs` threads, one Coder each; results stay in input order.
// Entries with a reader error (skip[i] non-empty) are not coded.
void CodeBatch(std::vector<std::unique_ptr<dyad::Coder>>& coders,
               const std::vector<dyad::Document>& docs, const std::vector<std::string>& skip,
               std::vector<dyad::Result<dyad::CodedDocument>>* results) {
  results->clear();
  results->reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) results->emplace_back(dyad::CodedDocument{});
  auto work = [&](size_t w) {
    for (size_t i = w; i < docs.size(); i += coders.size()) {
      if (skip[i].empty()) (*results)[i] = coders[w]->Code(docs[i]);
    }
  };
  if (coders.size() == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> threads;
  for (size_t w = 0; w < coders.size(); ++w) threads.emplace_back(work, w);
  for (auto& t : threads) t.join();
}

int RunCode(const CodeFlags& flags, const dyad::Lexicon& lex) {
  dyad::io::EventFormat format = flags.format == "tsv"     ? dyad::io::EventFormat::kTsv
                                 : flags.format == "table" ? dyad::io::EventFormat::kTable
                                                           : dyad::io::EventFormat::kJson;
  std::vector<std::unique_ptr<dyad::Coder>> coders;
  for (int j = 0; j < std::max(1, flags.jobs); ++j)
    coders.push_back(std::make_unique<dyad::Coder>(lex));
  if (format == dyad::io::EventFormat::kTsv) Out(dyad::io::TsvHeader() + "\n");
  std::vector<std::string> files =
      flags.files.empty() ? std::vector<std::string>{"-"} : flags.files;
  bool had_errors = false;
  std::vector<dyad::Event> table;
  size_t documents = 0, skipped = 0;
  for (const auto& file : files) {
    std::ifstream fin;
    std::istream* in = &std::cin;
    std::string name = file == "-" ? "<stdin>" : file;
    if (file != "-") {
      if (fs::is_directory(file)) {
        fmt::print(stderr, "dyad: {}: is a directory (give the JSONL files inside it)\n", file);
        had_errors = true;
        continue;
      }
      fin.open(file, std::ios::binary);
      if (!fin) {
        fmt::print(stderr, "dyad: {}: cannot open file\n", file);
        had_errors = true;
        continue;
      }
      in = &fin;
    }
    dyad::io::JsonlReader reader(*in, name, flags.max_line);
    std::vector<dyad::Document> batch;
    std::vector<int> lines;
    std::vector<std::string> read_errors;  // per batch entry: "" or the reader's error
    size_t batch_bytes = 0;  // a batch is cut by count and by size, so memory stays flat
    std::vector<dyad::Result<dyad::CodedDocument>> results;
    auto flush = [&] {
      CodeBatch(coders, batch, read_errors, &results);
      std::string out;
      for (size_t i = 0; i < batch.size(); ++i) {
        ++documents;
        if (!read_errors[i].empty()) {
          fmt::print(stderr, "dyad: {}; skipped\n", read_errors[i]);
          had_errors = true;
          ++skipped;
          continue;
        }
        if (!results[i].ok()) {
          ++skipped;
          fmt::print(stderr, "dyad: {}:{}: document '{}': {}; skipped\n", name, lines[i],
                     batch[i].id, results[i].status().message());
          had_errors = true;
          continue;
        }
        for (const auto& w : results[i]->warnings) {
          fmt::print(stderr, "dyad: {}:{}: document '{}': {}\n", name, lines[i], batch[i].id, w);
          had_errors = true;
        }
        for (const auto& e : results[i]->events) {
          if (format == dyad::io::EventFormat::kJson)
            out += dyad::io::EventToJson(e, flags.with_sentence) + "\n";
          else if (format == dyad::io::EventFormat::kTsv)
            out += dyad::io::EventToTsv(e) + "\n";
          else
            table.push_back(e);
        }
      }
      Out(out);
      FlushOut();
      batch.clear();
      batch_bytes = 0;
      lines.clear();
      read_errors.clear();
    };
    dyad::Document doc;
    std::string error;
    while (reader.Next(&doc, &error)) {
      if (!error.empty()) doc = dyad::Document{};  // the slot keeps the order; it is not coded
      batch_bytes += doc.text.size();
      batch.push_back(std::move(doc));
      lines.push_back(reader.line());
      read_errors.push_back(error);
      if (batch.size() >= 256 || batch_bytes >= (16u << 20)) flush();
    }
    flush();
    if (!reader.read_error().empty()) {
      fmt::print(stderr, "dyad: {}: read error: {}\n", name, reader.read_error());
      had_errors = true;
    }
  }
  if (format == dyad::io::EventFormat::kTable) {
    Out(dyad::io::EventsToTable(table));
    Out(fmt::format(
        "{} events from {} documents{}\n", table.size(), documents,
        skipped > 0 ? fmt::format(" ({} skipped, see the messages above)", skipped) : ""));
  }
  FlushOut();
  return had_errors ? 1 : 0;
}

int RunExplain(const std::string& sentence, const std::string& date, const dyad::Lexicon& lex) {
  dyad::Document doc;
  doc.id = "explain";
  doc.text = sentence;
  if (!date.empty() && !dyad::ParseDate(date, &doc.date)) {
    fmt::print(stderr, "dyad: --date: bad date '{}' (want YYYY-MM-DD)\n", date);
    return 2;
  }
  dyad::Coder coder(lex);
  dyad::Explanation ex;
  auto r = coder.Code(doc, &ex);
  if (!r.ok()) {
    fmt::print(stderr, "dyad: {}\n", r.status().message());
    return 1;
  }
  std::string out;
  for (const auto& l : ex.lines) out += l + "\n";
  out += fmt::format("{} event(s)\n", r->events.size());
  for (const auto& e : r->events) out += "  " + dyad::io::EventToJson(e, true) + "\n";
  for (const auto& w : r->warnings) out += "warning: " + w + "\n";
  Out(out);
  return 0;
}

int RunDictCheck(const dyad::LoadOptions& options) {
  const std::string& data_dir = options.data_dir;
  std::vector<dyad::Problem> problems;
  auto lex = dyad::LoadLexicon(options, &problems);
  for (const auto& p : problems) Out(p.ToString() + "\n");
  if (!lex.ok()) {
    fmt::print(stderr, "dyad: {}\n", lex.status().message());
    return 2;
  }
  auto st = dyad::Stats(*lex.value());
  Out(
      fmt::format("{}: {} actor names, {} agent names, {} verb patterns, {} issue keywords, {} "
                  "CAMEO codes; {} problem(s)\n",
                  data_dir, st.actor_names, st.agent_names, st.patterns, st.issues, st.cameo_codes,
                  problems.size()));
  return problems.empty() ? 0 : 1;
}

int RunEvalGolden(const std::vector<std::string>& paths, const dyad::Lexicon& lex, bool verbose) {
  std::vector<dyad::eval::GoldenCase> cases;
  std::vector<std::string> problems;
  for (const auto& p : paths) {
    if (!fs::exists(p)) {
      fmt::print(stderr, "dyad: {}: no such file or directory\n", p);
      return 2;
    }
    if (fs::is_directory(p)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(p))
        if (e.path().extension() == ".txt") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        auto c = dyad::eval::ReadGolden(f.string(), &problems);
        cases.insert(cases.end(), c.begin(), c.end());
      }
    } else {
      auto c = dyad::eval::ReadGolden(p, &problems);
      cases.insert(cases.end(), c.begin(), c.end());
    }
  }
  for (const auto& p : problems) fmt::print(stderr, "dyad: {}\n", p);
  dyad::Coder coder(lex);
  auto r = dyad::eval::RunGolden(cases, coder);
  std::string out;
  if (verbose)
    for (const auto& f : r.failures) out += "FAIL " + f + "\n";
  double p = r.tp + r.fp ? double(r.tp) / (r.tp + r.fp) : 0,
         rc = r.tp + r.fn ? double(r.tp) / (r.tp + r.fn) : 0;
  out += fmt::format("golden: {} cases, {} passed ({:.1f}%); event tuples P={:.3f} R={:.3f}\n",
                     r.total, r.passed, r.total ? 100.0 * r.passed / r.total : 0.0, p, rc);
  out += fmt::format("passed={} total={}\n", r.passed, r.total);
  Out(out);
  return problems.empty() ? 0 : 1;
}

int RunEvalPlover(const std::string& path, const dyad::Lexicon& lex, bool verbose) {
  dyad::Coder coder(lex);
  auto r = dyad::eval::RunPlover(path, coder);
  if (!r.ok()) {
    fmt::print(stderr, "dyad: {}\n", r.status().message());
    return 2;
  }
  std::string out;
  if (verbose)
    for (const auto& m : r->misses) out += "MISS " + m + "\n";
  out += fmt::format("plover: {} records; type accuracy {:.3f} ({}); full accuracy {:.3f} ({})\n",
                     r->total, r->type_accuracy(), r->type_correct, r->full_accuracy(),
                     r->full_correct);
  Out(out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"dyad: codes political events from news text and measures how relationships move"};
  app.set_version_flag("--version", fmt::format("dyad {}", dyad::Version()));
  app.require_subcommand(0, 1);
  std::string data_flag;
  app.add_option("--data", data_flag,
                 "dictionary directory (default: $DYAD_DATA, or data/ beside the binary)");

  CodeFlags code_flags;
  auto* code = app.add_subcommand(
      "code", "code JSONL documents ({\"id\",\"date\",\"text\"} per line) into events");
  code->add_option("files", code_flags.files, "input files (none or '-' for stdin)");
  code->add_option("--format", code_flags.format,
                   "json (default) or tsv stream; table is for reading and holds events to the end")
      ->check(CLI::IsMember({"json", "tsv", "table"}));
  code->add_option("-j,--jobs", code_flags.jobs, "threads (output stays in input order)")
      ->check(CLI::Range(1, 256));
  code->add_flag("--sentence-text", code_flags.with_sentence,
                 "add each event's whole sentence to the JSON output");
  code->add_option("--data", data_flag, "dictionary directory");
  dyad::cli::AddSyntaxOptions(code);

  std::string sentence, date;
  auto* explain = app.add_subcommand(
      "explain", "show how a sentence is coded: tokens, actors, patterns, events");
  explain->add_option("text", sentence, "the sentence or text")->required();
  explain->add_option("--date", date,
                      "document date YYYY-MM-DD (resolves people and relative dates)");
  explain->add_option("--data", data_flag, "dictionary directory");
  dyad::cli::AddSyntaxOptions(explain);

  auto* dict = app.add_subcommand("dict", "dictionary tools");
  dict->require_subcommand(1);
  auto* check = dict->add_subcommand(
      "check", "validate every dictionary; list problems as file:line: message");
  check->add_option("--data", data_flag, "dictionary directory");

  std::vector<std::string> eval_paths;
  bool eval_verbose = false;
  auto* eval = app.add_subcommand("eval", "score the coder on test suites");
  eval->require_subcommand(1);
  auto* eval_golden =
      eval->add_subcommand("golden", "run golden files (sentence -> expected events)");
  eval_golden->add_option("paths", eval_paths, "golden files or directories")->required();
  eval_golden->add_flag("-v,--verbose", eval_verbose, "list every failure");
  eval_golden->add_option("--data", data_flag, "dictionary directory");
  dyad::cli::AddSyntaxOptions(eval_golden);
  std::string plover_path;
  auto* eval_plover =
      eval->add_subcommand("plover", "score on PLOVER gold-standard records (gsr.jsonl)");
  eval_plover->add_option("file", plover_path, "gsr.jsonl")->required();
  eval_plover->add_flag("-v,--verbose", eval_verbose, "list every miss");
  eval_plover->add_option("--data", data_flag, "dictionary directory");
  dyad::cli::AddSyntaxOptions(eval_plover);

  auto parse_commands = dyad::tools::AddParseCommands(&app, eval);

  std::vector<std::string> help_topic;
  auto* help = app.add_subcommand("help", "show this help, or a subcommand's: dyad help code");
  help->add_option("subcommand", help_topic, "subcommand (and sub-subcommand) to explain");
  auto* version = app.add_subcommand("version", "print the version");
  dyad::cli::StoreCommands store_commands(app, &data_flag);
  dyad::cli::AnalyticsCommands analytics_commands(app, &data_flag);
  dyad::cli::PeerCommands peer_commands(app, dict, {code, explain, check});

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  std::string data_dir = FindDataDir(data_flag, argv[0]);
  if (*help || app.get_subcommands().empty()) {
    CLI::App* topic = &app;
    std::string usage_name = argv[0];  // "build/dyad code", as `dyad code --help` shows it
    for (const auto& name : help_topic) {
      try {
        topic = topic->get_subcommand(name);
        usage_name += " " + topic->get_name();
      } catch (const CLI::OptionNotFound&) {
        fmt::print(stderr, "dyad: help: no subcommand '{}'\n", name);
        return 2;
      }
    }
    // App::help() would describe the subcommand that was parsed (help itself); ask the formatter.
    Out(topic->get_formatter()->make_help(topic, usage_name, CLI::AppFormatMode::Normal));
    FlushOut();
    return 0;
  }
  if (*version) {
    Out(fmt::format("dyad {}\n", dyad::Version()));
    return 0;
  }
  if (int rc = 2; dyad::tools::RunParseCommands(*parse_commands, data_dir, &rc)) return rc;
  int rc = 2;
  store_commands.SetCommandLine(argc, argv);
  if (store_commands.Run(data_dir, &rc) || analytics_commands.Run(data_dir, &rc)) {
    FlushOut();
    return rc;
  }
  if (peer_commands.Run(data_dir, &rc)) {
    FlushOut();
    return rc;
  }
  if (*check) {
    rc = RunDictCheck(peer_commands.Load(data_dir));
  } else {
    // Dictionary problems are reported (file:line: what is wrong); the rest of each file loads.
    auto lex = LoadOrDie(peer_commands.Load(data_dir), false);
    if (*code)
      rc = RunCode(code_flags, *lex);
    else if (*explain)
      rc = RunExplain(sentence, date, *lex);
    else if (*eval_golden)
      rc = RunEvalGolden(eval_paths, *lex, eval_verbose);
    else if (*eval_plover)
      rc = RunEvalPlover(plover_path, *lex, eval_verbose);
  }
  FlushOut();
  return rc;
}
