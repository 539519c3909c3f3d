#pragma once

// The FCM HTTP v1 simulator's routes (specs/FCM-HTTP-v1.md):
// POST /v1/projects/{project}/messages:send with Google's error envelope,
// POST /token (the OAuth token endpoint a service account uses), and the
// test routes GET /_sim/messages and POST /_sim/tokens.

#include <memory>

#include "io/http/router.hpp"

namespace switchboard::sim {

class sim_core;
class fcm_state;

void add_fcm_routes(http::router& routes, std::shared_ptr<sim_core> core,
                    std::shared_ptr<fcm_state> state);

} // namespace switchboard::sim
