// The peers' commands: `validate tabari|petrarch DIR`, `dict import tabari|petrarch FILES -o DIR`,
// and the dictionary flags of `code` and `explain` (--actors, --verbs, --agents, --discards,
// --issues, --options, --no-default-dictionaries, --strict).
#ifndef DYAD_TOOLS_PEER_COMMANDS_H_
#define DYAD_TOOLS_PEER_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "dyad/coder.h"

namespace dyad::cli {

struct PeerFlags;

class PeerCommands {
 public:
  // Registers the subcommands on `app` and the dictionary flags on `code`, `explain` and `dict`'s
  // `check`.
  PeerCommands(CLI::App& app, CLI::App* dict, const std::vector<CLI::App*>& coding);
  ~PeerCommands();
  // If one of this class's subcommands was chosen: runs it, sets *rc and returns true.
  bool Run(const std::string& data_dir, int* rc);
  // The load options for `data_dir` with the dictionary flags applied.
  LoadOptions Load(const std::string& data_dir) const;

 private:
  std::unique_ptr<PeerFlags> f_;
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_PEER_COMMANDS_H_
