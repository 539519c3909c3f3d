#include "runtime/sim_command.hpp"

#include <exception>
#include <iostream>
#include <spdlog/spdlog.h>
#include <system_error>

#include "config/config_error.hpp"
#include "config/config_loader.hpp"
#include "config/environment.hpp"
#include "io/sim/simulators.hpp"
#include "runtime/logging/logging.hpp"
#include "runtime/shutdown_latch.hpp"
#include "runtime/signals.hpp"

namespace switchboard {

namespace {

int serve_until_signal(const simulator_settings& settings) {
  shutdown_latch latch;
  signal_watcher signals{latch};
  sim::simulators sims{settings};
  for (auto p : sim::all_platforms())
    spdlog::info("sim: {} listening on {}:{}", sim::platform_name(p),
                 settings.bind, sims.get(p).port());
  auto reason = latch.wait();
  spdlog::info("sim: stopping ({})", reason);
  sims.stop();
  return 0;
}

} // namespace

int run_simulators(const cli_overrides& opts) {
  block_termination_signals();
  config cfg;
  try {
    cfg = load_config(opts.config_file, process_environment());
    if (!opts.log_format.empty()) cfg.log.format = opts.log_format;
    if (!opts.log_level.empty()) cfg.log.level = opts.log_level;
  } catch (const config_error& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  int rc = 1;
  try {
    setup_logging(cfg.log);
    rc = serve_until_signal(cfg.simulators);
  } catch (const std::system_error& e) {
    // Most likely a node holds the ports: `run` starts the simulators itself.
    spdlog::error("sim: cannot run: {} (is a `switchboard run` holding the "
                  "port? with simulators.enabled, the default, it serves the "
                  "simulators itself and needs no `sim`)",
                  e.what());
  } catch (const std::exception& e) {
    spdlog::error("sim: cannot run: {}", e.what());
  }
  flush_logging();
  return rc;
}

} // namespace switchboard
