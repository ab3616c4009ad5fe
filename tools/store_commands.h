// The store's commands: ingest, watch, events, export, import, recode, diff-runs, runs.
#ifndef DYAD_TOOLS_STORE_COMMANDS_H_
#define DYAD_TOOLS_STORE_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace dyad::cli {

struct StoreFlags;

// Registers the store subcommands on `app` (flags bound to members), then runs the chosen one.
class StoreCommands {
 public:
  // `data_flag` receives --data on the subcommands that load dictionaries.
  StoreCommands(CLI::App& app, std::string* data_flag);
  ~StoreCommands();
  // If one of these subcommands was chosen: runs it, sets *rc (0 ok, 1 some input skipped, 2 usage
  // or store failure) and returns true.
  bool Run(const std::string& data_dir, int* rc);
  // The command line, recorded with each run in the store.
  void SetCommandLine(int argc, char** argv);

 private:
  std::unique_ptr<StoreFlags> f_;
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_STORE_COMMANDS_H_
