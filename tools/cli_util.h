// What every command of the CLI shares: finding the dictionaries, loading them, writing output.
#ifndef DYAD_TOOLS_CLI_UTIL_H_
#define DYAD_TOOLS_CLI_UTIL_H_

#include <CLI/CLI.hpp>
#include <string>

#include "dyad/coder.h"

namespace dyad::cli {

// Where the dictionaries are: --data, $DYAD_DATA, beside the binary (../data), or ./data.
std::string FindDataDir(const std::string& flag, const char* argv0);

// `--syntax none|parse` (and `--parser-model FILE`) on a command that codes text. The choice is
// process-wide: LoadOrDie applies it to every lexicon it loads.
void AddSyntaxOptions(CLI::App* cmd);

// Loads the dictionaries or exits with 2, printing every problem (unless quiet and loading worked).
LexiconPtr LoadOrDie(const std::string& data_dir, bool strict, bool quiet);
LexiconPtr LoadOrDie(const LoadOptions& options, bool quiet);

// Writes to stdout. A closed pipe exits 0, as a filter should; any other failure exits 2 with a
// message (a full disk must not look like success).
void Out(const std::string& s);
void FlushOut();

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_CLI_UTIL_H_
