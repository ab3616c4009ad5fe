// dyad train-parser | parse | eval parser: flag parsing and glue over src/parse.
#include "parse_commands.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "parse/conllu.h"
#include "parse/evaluate.h"
#include "parse/model.h"
#include "parse/train.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace dyad::tools {

namespace {

namespace fs = std::filesystem;
using parse::Model;

constexpr size_t kMaxParagraphBytes = 1 << 20;  // longer runs without a blank line are cut here
constexpr size_t kMaxTokensPerParagraph = 200000;

// Writes to stdout; a closed pipe ends the process quietly with 0, any other failure with 2.
void Out(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), stdout) == s.size()) return;
  if (errno == EPIPE) std::exit(0);
  fmt::print(stderr, "dyad: writing output: {}\n", std::strerror(errno));
  std::exit(2);
}

std::string ModelPath(const ParseCommands& c, const std::string& data_dir) {
  return c.model.empty() ? (fs::path(data_dir) / "models" / "en-ewt.parse").string() : c.model;
}

std::unique_ptr<Model> LoadModelOrReport(const std::string& path) {
  auto model = parse::LoadModel(path);
  if (model.ok()) return std::move(model).value();
  fmt::print(stderr, "dyad: {}\n", model.status().message());
  return nullptr;
}

// ---- train-parser ----

int RunTrain(const ParseCommands& c) {
  auto train = parse::ReadConlluFile(c.train_path);
  if (!train.ok()) {
    fmt::print(stderr, "dyad: {}\n", train.status().message());
    return 2;
  }
  std::vector<parse::Sentence> dev;
  if (!c.dev_path.empty()) {
    auto d = parse::ReadConlluFile(c.dev_path);
    if (!d.ok()) {
      fmt::print(stderr, "dyad: {}\n", d.status().message());
      return 2;
    }
    dev = std::move(d).value();
  }
  parse::TrainOptions options = c.train_options;
  std::string log;
  options.log = [&](const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);
    log += line + "\n";
  };
  auto model = parse::TrainModel(train.value(), dev, options);
  if (!model.ok()) {
    fmt::print(stderr, "dyad: {}: {}\n", c.train_path, model.status().message());
    return 2;
  }
  model.value()->info = fmt::format(
      "dyad train-parser --train {} --dev {} --epochs {} --seed {} (tagger epochs {}, folds "
      "{})\n{}",
      fs::path(c.train_path).filename().string(), fs::path(c.dev_path).filename().string(),
      options.parser_epochs, options.seed, options.tagger_epochs, options.folds, log);
  if (Status st = parse::SaveModel(*model.value(), c.output); !st.ok()) {
    fmt::print(stderr, "dyad: {}\n", st.message());
    return 2;
  }
  fmt::print("wrote {} ({:.1f} MB)\n", c.output, fs::file_size(c.output) / 1e6);
  return 0;
}

// ---- parse ----

// Appends one analysed sentence as CoNLL-U word lines.
void AppendWords(const Model& m, const parse::Analysis& a, parse::Sentence* s) {
  for (size_t i = 0; i < s->words.size(); ++i) {
    parse::Word& w = s->words[i];
    w.upos = m.tagger.upos[a.tags[i]];
    w.xpos = m.tagger.xpos[a.tags[i]];
    w.lemma = a.lemmas[i];
    w.head = a.heads[i];
    w.deprel = m.parser.labels[a.labels[i]];
    w.deps = "_";
  }
}

// Parses one paragraph of raw text into CoNLL-U sentences.
std::string ParseParagraph(const Model& m, std::string_view raw, const std::string& doc,
                           int* sentence_no, parse::Workspace* ws, std::string* error) {
  auto norm = text::Normalize(raw);
  if (!norm.ok()) {
    *error = norm.status().message();
    return "";
  }
  const std::string& t = norm->text;
  bool truncated = false;
  auto tokens = text::Tokenize(t, kMaxTokensPerParagraph, &truncated);
  if (truncated) *error = fmt::format("more than {} tokens; the rest was skipped", tokens.size());
  std::string out;
  parse::Analysis a;
  std::vector<std::string_view> words;
  for (const auto& r : text::SplitSentences(t, tokens)) {
    parse::Sentence s;
    words.clear();
    for (uint32_t k = r.first; k < r.last; ++k) {
      words.push_back(std::string_view(t).substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
      parse::Word w;
      w.form = words.back();
      w.feats = "_";
      bool glued = k + 1 < r.last && tokens[k + 1].begin == tokens[k].end;
      w.misc = glued ? "SpaceAfter=No" : "_";
      s.words.push_back(std::move(w));
    }
    std::string sentence_text(
        t.substr(tokens[r.first].begin, tokens[r.last - 1].end - tokens[r.first].begin));
    for (char& ch : sentence_text)
      if (ch == '\n') ch = ' ';
    s.comments = {fmt::format("# sent_id = {}-{}", doc, ++*sentence_no),
                  "# text = " + sentence_text};
    parse::Analyze(m, words, parse::AnalyzeOptions{}, ws, &a);
    AppendWords(m, a, &s);
    out += parse::ToConllu(s);
  }
  return out;
}

// Reads raw text paragraph by paragraph (blank lines end one), so memory stays flat. Returns false
// when something was reported and skipped.
bool ParseTextStream(const Model& m, std::istream& in, const std::string& name) {
  std::string doc = name == "<stdin>" ? "stdin" : fs::path(name).stem().string();
  parse::Workspace ws;
  bool ok = true;
  int sentence_no = 0;
  int64_t line_no = 0, first_line = 1;
  std::string para, line, bad_line;  // bad_line: "name:line: what is wrong" for the paragraph
  auto flush = [&] {
    if (!bad_line.empty()) {
      fmt::print(stderr, "dyad: {}; its paragraph was skipped\n", bad_line);
      ok = false;
    } else if (!para.empty()) {
      std::string error;
      Out(ParseParagraph(m, para, doc, &sentence_no, &ws, &error));
      if (!error.empty()) {
        fmt::print(stderr, "dyad: {}:{}: {}\n", name, first_line, error);
        ok = false;
      }
    }
    para.clear();
    bad_line.clear();
    first_line = line_no + 1;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      flush();
      continue;
    }
    if (std::string bad = text::ValidateUtf8(line); !bad.empty() && bad_line.empty())
      bad_line = fmt::format("{}:{}: {}", name, line_no, bad);
    para += line;
    para += '\n';
    if (para.size() >= kMaxParagraphBytes) flush();
  }
  flush();
  return ok;
}

// Gold tokens from CoNLL-U: predicted columns replace the input's; DEPS and empty nodes (the
// enhanced graph, which is not predicted) are dropped, multiword-token lines kept.
bool ParseConlluStream(const Model& m, std::istream& in, const std::string& name) {
  parse::ConlluReader reader(in, name);
  parse::Workspace ws;
  parse::Analysis a;
  parse::Sentence s;
  std::string error;
  std::vector<std::string_view> words;
  bool ok = true;
  while (reader.Next(&s, &error)) {
    if (!error.empty()) {
      fmt::print(stderr, "dyad: {}; sentence skipped\n", error);
      ok = false;
      continue;
    }
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    parse::Analyze(m, words, parse::AnalyzeOptions{}, &ws, &a);
    AppendWords(m, a, &s);
    std::erase_if(s.extras, [](const parse::ExtraLine& e) { return e.empty_node; });
    Out(parse::ToConllu(s));
  }
  return ok;
}

int RunParse(const ParseCommands& c, const std::string& data_dir) {
  auto model = LoadModelOrReport(ModelPath(c, data_dir));
  if (!model) return 2;
  std::vector<std::string> files = c.files.empty() ? std::vector<std::string>{"-"} : c.files;
  bool ok = true;
  for (const auto& file : files) {
    std::ifstream fin;
    std::istream* in = &std::cin;
    std::string name = file == "-" ? "<stdin>" : file;
    if (file != "-") {
      if (fs::is_directory(file)) {
        fmt::print(stderr, "dyad: {}: is a directory\n", file);
        ok = false;
        continue;
      }
      fin.open(file, std::ios::binary);
      if (!fin) {
        fmt::print(stderr, "dyad: {}: cannot open file\n", file);
        ok = false;
        continue;
      }
      in = &fin;
    }
    bool file_ok = c.input == "conllu" ? ParseConlluStream(*model, *in, name)
                                       : ParseTextStream(*model, *in, name);
    if (in->bad()) {
      fmt::print(stderr, "dyad: {}: read error\n", name);
      file_ok = false;
    }
    ok &= file_ok;
  }
  if (std::fflush(stdout) != 0) Out("");
  return ok ? 0 : 1;
}

// ---- eval parser ----

int RunEval(const ParseCommands& c, const std::string& data_dir) {
  std::string path = ModelPath(c, data_dir);
  auto start = std::chrono::steady_clock::now();
  auto model = LoadModelOrReport(path);
  if (!model) return 2;
  double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::ifstream in(c.eval_path, std::ios::binary);
  if (!in || fs::is_directory(c.eval_path)) {
    fmt::print(stderr, "dyad: {}: cannot open file\n", c.eval_path);
    return 2;
  }
  parse::ConlluReader reader(in, c.eval_path);
  std::vector<parse::Sentence> sentences;
  parse::Sentence s;
  std::string error;
  bool ok = true;
  while (reader.Next(&s, &error)) {
    if (!error.empty()) {
      fmt::print(stderr, "dyad: {}; sentence skipped\n", error);
      ok = false;
    } else if (c.sent_id_prefix.empty() || s.Comment("sent_id").starts_with(c.sent_id_prefix)) {
      sentences.push_back(std::move(s));
    }
  }
  start = std::chrono::steady_clock::now();
  parse::ParseScores scores = parse::Evaluate(*model, sentences, c.gold_tags);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Out(fmt::format("{}: {}\n", c.eval_path, scores.Summary()));
  Out(
      fmt::format("LAS compares the universal part of relations (CoNLL 2018); punctuation counts; "
                  "model {} loaded in {:.0f} ms; {:.0f} sentences/s\n",
                  path, load_ms, secs > 0 ? scores.sentences / secs : 0.0));
  return ok ? 0 : 1;
}

}  // namespace

std::unique_ptr<ParseCommands> AddParseCommands(CLI::App* app, CLI::App* eval) {
  auto c = std::make_unique<ParseCommands>();
  c->train = app->add_subcommand(
      "train-parser", "train the tagger, lemmatiser and dependency parser on a CoNLL-U treebank");
  c->train->add_option("--train", c->train_path, "training treebank (CoNLL-U)")->required();
  c->train->add_option("--dev", c->dev_path, "development treebank, scored after every epoch");
  c->train->add_option("-o,--output", c->output, "model file to write")->required();
  c->train->add_option("--epochs", c->train_options.parser_epochs, "parser epochs")
      ->check(CLI::Range(1, 1000));
  c->train->add_option("--tagger-epochs", c->train_options.tagger_epochs, "tagger epochs")
      ->check(CLI::Range(1, 1000));
  c->train
      ->add_option("--folds", c->train_options.folds,
                   "jackknife folds for the parser's training tags (1: gold tags)")
      ->check(CLI::Range(1, 100));
  c->train->add_option("--seed", c->train_options.seed, "random seed (same seed, same model)");
  c->train->add_option("--wordnet", c->train_options.wordnet,
                       "WordNet dictionary directory (e.g. /usr/share/wordnet): word categories "
                       "for tagging unseen words, stored in the model");

  c->parse =
      app->add_subcommand("parse", "tag, lemmatise and parse text or CoNLL-U; writes CoNLL-U");
  c->parse->add_option("files", c->files, "input files (none or '-' for stdin)");
  c->parse->add_option("--format", c->format, "output format")->check(CLI::IsMember({"conllu"}));
  c->parse
      ->add_option("--input", c->input,
                   "text (tokenised and split into sentences here) or conllu (gold tokens)")
      ->check(CLI::IsMember({"text", "conllu"}));
  c->parse->add_option("--model", c->model, "model file (default: <data>/models/en-ewt.parse)");

  c->eval = eval->add_subcommand("parser",
                                 "score the tagger and parser on a CoNLL-U file with gold tokens");
  c->eval->add_option("file", c->eval_path, "gold CoNLL-U file")->required();
  c->eval->add_option("--model", c->model, "model file (default: <data>/models/en-ewt.parse)");
  c->eval->add_option("--sent-id-prefix", c->sent_id_prefix,
                      "score only sentences whose sent_id starts with this (e.g. GUM_news)");
  c->eval->add_flag("--gold-tags", c->gold_tags,
                    "parse with the gold UPOS+XPOS (shows what tagging errors cost)");
  return c;
}

bool RunParseCommands(const ParseCommands& c, const std::string& data_dir, int* exit_code) {
  if (c.train->parsed())
    *exit_code = RunTrain(c);
  else if (c.parse->parsed())
    *exit_code = RunParse(c, data_dir);
  else if (c.eval->parsed())
    *exit_code = RunEval(c, data_dir);
  else
    return false;
  return true;
}

}  // namespace dyad::tools
