#pragma once

// The polling routes of API.md ("Polling"), documented in docs/polling.md:
// platforms, connect / disconnect / show / list accounts, poll now, an
// account's messages (decrypted), stats, failed polls, retry and clean.
// Commands go to the polling manager; reads are database tasks
// (runtime/db_route.hpp). The JSON lives in io/http/polling_json.hpp.

#include <functional>
#include <memory>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "io/http/router.hpp"
#include "runtime/db_route.hpp"

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard {

struct polling_routes_deps {
  db_route_context db;
  /// The live polling manager, or an invalid handle while there is none.
  std::function<caf::actor()> manager;
  /// Opens message bodies for GET /api/accounts/{id}/messages.
  std::shared_ptr<const crypto::keyring> ring;
};

/// The node's deps: database and manager from the registry, the key ring of
/// [polling], timeouts inside the HTTP handler timeout.
polling_routes_deps node_polling_routes_deps(caf::actor_system& sys,
                                             const config& cfg);

/// Adds the eleven routes (admin token) to `r`.
void add_polling_routes(http::router& r, polling_routes_deps deps);

} // namespace switchboard
