#pragma once

// GET /api/cron: the cron table with each entry's last and next firing,
// asked of the live cron actor (registry key `cron_atom`) by a one-shot
// actor per request; 503 while no cron actor runs.

#include <caf/fwd.hpp>

#include "io/http/router.hpp"

namespace switchboard {

/// Adds GET /api/cron (admin token) to `r`.
void add_cron_route(http::router& r, caf::actor_system& sys);

} // namespace switchboard
