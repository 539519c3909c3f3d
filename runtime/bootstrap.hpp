#pragma once

// Entry points of the command line: each returns the process exit code
// (0 success, 1 failure at run time, 2 bad configuration).

#include <string>

namespace switchboard {

/// Command-line settings that override the configuration file and the
/// environment.
struct cli_overrides {
  std::string config_file;
  std::string log_format;
  std::string log_level;
};

/// `switchboard run`: starts the node and blocks until it has shut down.
int run_node(const cli_overrides& opts);

/// `switchboard migrate`: applies pending migrations and exits.
int run_migrate(const cli_overrides& opts);

} // namespace switchboard
