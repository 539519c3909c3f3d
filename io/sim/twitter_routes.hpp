#pragma once

// The Twitter/X API v2 simulator's routes (specs/TWITTER-X-API-v2.md):
// GET /2/users/{id}/mentions, GET /2/dm_events, GET /2/users/me, with
// bearer auth, per-account rate-limit windows and their headers.

#include <memory>

#include "io/http/router.hpp"

namespace switchboard::sim {

class sim_core;

void add_twitter_routes(http::router& routes, std::shared_ptr<sim_core> core);

/// The numeric user id a bearer token stands for (DMs and /2/users/me): the
/// digits after the token's last '-' when there are 1 to 19 of them
/// ("user-2244994945"), else a stable 18-digit number derived from the token.
std::string user_id_of_token(std::string_view token);

} // namespace switchboard::sim
