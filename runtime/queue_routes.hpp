#pragma once

// The queue and job routes of API.md ("Queues and cron"), documented in
// docs/queues-api.md: list queues, enqueue, list jobs, get, retry and
// remove a job, pause, resume and clean a queue. Each request is one
// database task (runtime/db_route.hpp); the validation and the JSON live in
// io/http/queue_json.hpp.

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "io/http/router.hpp"
#include "runtime/db_route.hpp"

namespace switchboard {

struct queue_routes_deps {
  db_route_context db;
  /// The configured queues: a queue not named here is unknown (404); an
  /// enqueued job gets its queue's defaults for what it leaves out.
  queues_settings queues;
};

/// The node's deps: the database actor from the registry, a database
/// timeout inside the HTTP handler timeout, the configured queues.
queue_routes_deps node_queue_routes_deps(caf::actor_system& sys,
                                         const config& cfg);

/// Adds the nine routes (admin token) to `r`.
void add_queue_routes(http::router& r, queue_routes_deps deps);

} // namespace switchboard
