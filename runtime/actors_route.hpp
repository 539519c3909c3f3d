#pragma once

// GET /api/actors: the live supervision tree, asked of the supervisors
// themselves (the node supervisor, then each domain supervisor found in the
// registry) by a one-shot actor per request.

#include <caf/fwd.hpp>

#include "io/http/router.hpp"
#include "messages/supervision.hpp"

namespace switchboard {

/// Most children listed per domain supervisor; `children_truncated` says
/// when there are more.
constexpr uint32_t actors_route_page = 100;

/// Adds GET /api/actors (admin token) to `r`. The node supervisor is looked
/// up in the registry (`node_atom`) per request; 503 while there is none.
void add_actors_route(http::router& r, caf::actor_system& sys);

} // namespace switchboard
