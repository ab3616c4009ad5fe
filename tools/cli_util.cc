#include "cli_util.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace dyad::cli {

namespace fs = std::filesystem;

// Where the dictionaries are: --data, $DYAD_DATA, beside the binary (../data), or ./data.
std::string FindDataDir(const std::string& flag, const char* argv0) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("DYAD_DATA"); env != nullptr && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  for (fs::path dir :
       {exe.parent_path() / ".." / "data", exe.parent_path() / ".." / "share" / "dyad" / "data"}) {
    if (fs::exists(dir / "ontology" / "cameo.tsv")) return fs::weakly_canonical(dir).string();
  }
  return "data";
}

// Exits after a failed write to stdout: quietly with 0 on a closed pipe, as a filter should; with a
// message and 2 otherwise (a full disk must not look like success).
namespace {
[[noreturn]] void WriteFailed() {
  if (errno == EPIPE) std::exit(0);
  fmt::print(stderr, "dyad: writing output: {}\n", std::strerror(errno));
  std::exit(2);
}

}  // namespace

void Out(const std::string& s) {
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size()) WriteFailed();
}

void FlushOut() {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) WriteFailed();
}

LexiconPtr LoadOrDie(const std::string& data_dir, bool strict, bool quiet) {
  LoadOptions o;
  o.data_dir = data_dir;
  o.strict = strict;
  return LoadOrDie(o, quiet);
}

namespace {
struct SyntaxChoice {
  std::string mode = "none";
  std::string model;  // default: models/en-ewt.parse in the dictionary directory
};
SyntaxChoice& Syntax() {
  static SyntaxChoice choice;
  return choice;
}
}  // namespace

void AddSyntaxOptions(CLI::App* cmd) {
  cmd->add_option("--syntax", Syntax().mode,
                  "none: roles from word order (fastest); parse: tag and parse sentences that have "
                  "an actor and a matched pattern, and take roles from the parse")
      ->check(CLI::IsMember({"none", "parse"}));
  cmd->add_option("--parser-model", Syntax().model,
                  "model for --syntax parse (default: models/en-ewt.parse under the dictionaries)");
}

LexiconPtr LoadOrDie(const LoadOptions& given, bool quiet) {
  std::vector<Problem> problems;
  LoadOptions options = given;
  if (Syntax().mode == "parse" && options.parser_model.empty()) {
    options.parser_model =
        !Syntax().model.empty()
            ? Syntax().model
            : (std::filesystem::path(options.data_dir) / "models" / "en-ewt.parse").string();
  }
  auto lex = LoadLexicon(options, &problems);
  if (!quiet || !lex.ok()) {
    for (const auto& p : problems) fmt::print(stderr, "dyad: {}\n", p.ToString());
  }
  if (!lex.ok()) {
    fmt::print(stderr, "dyad: cannot load dictionaries: {}\n", lex.status().message());
    std::exit(2);
  }
  return std::move(lex).value();
}

}  // namespace dyad::cli
