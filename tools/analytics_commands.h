// The analytics commands: series, turns, story, report, alerts.
#ifndef DYAD_TOOLS_ANALYTICS_COMMANDS_H_
#define DYAD_TOOLS_ANALYTICS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace dyad::cli {

struct AnalyticsFlags;

class AnalyticsCommands {
 public:
  // `data_flag` receives --data (the dimension table lives in data/analytics/).
  AnalyticsCommands(CLI::App& app, std::string* data_flag);
  ~AnalyticsCommands();
  // If one of these subcommands was chosen: runs it, sets *rc and returns true. Exit codes: 0 ok,
  // 2 usage or store failure; `alerts` returns 3 when an alert fired.
  bool Run(const std::string& data_dir, int* rc);

 private:
  std::unique_ptr<AnalyticsFlags> f_;
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_ANALYTICS_COMMANDS_H_
