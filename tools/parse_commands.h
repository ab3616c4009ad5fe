// The tagger/parser subcommands of dyad: train-parser, parse, eval parser. Kept apart from
// dyad_main.cc so the main only registers and dispatches them.
#ifndef DYAD_TOOLS_PARSE_COMMANDS_H_
#define DYAD_TOOLS_PARSE_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "parse/train.h"

namespace dyad::tools {

// The flags of the parser subcommands and the CLI::App objects they were registered as.
struct ParseCommands {
  CLI::App* train = nullptr;
  CLI::App* parse = nullptr;
  CLI::App* eval = nullptr;

  std::string train_path, dev_path, output;
  parse::TrainOptions train_options;

  std::vector<std::string> files;
  std::string format = "conllu", input = "text", model;

  std::string eval_path, sent_id_prefix;
  bool gold_tags = false;
};

// Registers `train-parser` and `parse` on `app`, and `parser` under the existing `eval`
// subcommand. The returned object holds the parsed flags; it must outlive app.parse().
std::unique_ptr<ParseCommands> AddParseCommands(CLI::App* app, CLI::App* eval);

// Runs the parser subcommand chosen on the command line, if any: returns false when none was
// chosen, else true with *exit_code set (0 ok, 1 some input reported and skipped, 2 usage or
// configuration error). `data_dir` is where the default model is looked for (models/en-ewt.parse).
bool RunParseCommands(const ParseCommands& commands, const std::string& data_dir, int* exit_code);

}  // namespace dyad::tools

#endif  // DYAD_TOOLS_PARSE_COMMANDS_H_
