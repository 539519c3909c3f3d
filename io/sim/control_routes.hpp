#pragma once

// Every simulator's control routes (API.md "Simulators"): GET /_sim/stats,
// GET and POST /_sim/faults, POST /_sim/reset, POST /_sim/clock. JSON in and
// out; bad input is a 400 JSON error. No token: simulators serve loopback.

#include <memory>

#include "io/http/router.hpp"

namespace switchboard::sim {

class sim_core;
struct stats_snapshot;
struct fault_rule;

void add_control_routes(http::router& routes, std::shared_ptr<sim_core> core);

/// The body of GET /_sim/stats.
nlohmann::json stats_json(const stats_snapshot& stats);

/// One rule as GET /_sim/faults lists it.
nlohmann::json fault_json(const fault_rule& rule);

} // namespace switchboard::sim
