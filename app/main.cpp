// The `switchboard` command line: parses arguments and hands over to the
// runtime. Exit codes: 0 success, 1 failure at run time, 2 bad usage or
// configuration.

#include <CLI/CLI.hpp>
#include <iostream>

#include "runtime/bootstrap.hpp"
#include "runtime/sim_command.hpp"

#include "version.hpp"

namespace {

using switchboard::cli_overrides;

void add_config_options(CLI::App& cmd, cli_overrides& opts) {
  cmd.add_option("--config,-c", opts.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  cmd.add_option("--log-format", opts.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd.add_option("--log-level", opts.log_level,
                 "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
}

int not_yet(const char* what) {
  std::cerr << "switchboard " << what
            << ": not available in this version yet (see the README)\n";
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"switchboard: a messaging hub's background work as one "
               "supervised tree of actors"};
  app.require_subcommand(1);
  cli_overrides opts;

  auto run = app.add_subcommand("run", "run a node");
  add_config_options(*run, opts);
  auto migrate = app.add_subcommand("migrate", "apply migrations and exit");
  add_config_options(*migrate, opts);
  auto version = app.add_subcommand("version", "print version and build");
  auto sim = app.add_subcommand("sim", "run the platform simulators");
  add_config_options(*sim, opts);
  auto inspect = app.add_subcommand("inspect", "inspect a running node");
  inspect->allow_extras();
  auto load = app.add_subcommand("load", "run a scripted load test");
  load->allow_extras();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    auto rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*run) return switchboard::run_node(opts);
  if (*migrate) return switchboard::run_migrate(opts);
  if (*version) {
    std::cout << "switchboard " << switchboard::version << " ("
              << switchboard::build_type << ")\n";
    return 0;
  }
  if (*sim) return switchboard::run_simulators(opts);
  if (*inspect) return not_yet("inspect");
  if (*load) return not_yet("load");
  return 2;
}
