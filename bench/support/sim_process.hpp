#pragma once

// A platform simulator in a child process of the benchmark, so that the
// node's CPU and memory are measured without the simulator's (and the
// simulator's CPU is reported on its own). Forks at construction: create it
// before any thread (the actor system, the database pool, io runtimes).

#include <cstdint>
#include <sys/types.h>

#include "config/config.hpp"

namespace switchboard::bench {

class sim_process {
 public:
  /// Starts the Twitter/X simulator with `settings` in a child process and
  /// waits for its port. Throws std::runtime_error when it cannot start.
  explicit sim_process(const simulator_settings& settings);

  /// Stops the child (it exits once its control pipe closes) and reaps it.
  ~sim_process();

  sim_process(const sim_process&) = delete;
  sim_process& operator=(const sim_process&) = delete;

  uint16_t port() const {
    return port_;
  }

  pid_t pid() const {
    return pid_;
  }

 private:
  pid_t pid_ = -1;
  int control_fd_ = -1;
  uint16_t port_ = 0;
};

} // namespace switchboard::bench
