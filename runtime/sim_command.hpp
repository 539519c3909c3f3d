#pragma once

// `switchboard sim`: the platform simulators on their configured ports until
// SIGINT or SIGTERM.

#include "runtime/bootstrap.hpp"

namespace switchboard {

/// Returns the exit code: 0 after a signal, 1 when a port cannot be bound,
/// 2 for a bad configuration.
int run_simulators(const cli_overrides& opts);

} // namespace switchboard
