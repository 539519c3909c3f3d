#pragma once

// Wires the HTTP monitoring routes to the actor tree. The routes only see
// callbacks; each callback spawns a one-shot actor that asks the live actor
// (looked up in the registry, so a restarted instance is found) and answers.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "io/http/monitoring_routes.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard {

struct node_identity {
  std::string node_id;
  std::chrono::system_clock::time_point started_at;
};

/// Callbacks for /health, /metrics, /metrics/queues and /shutdown.
http::monitoring_deps
make_monitoring_deps(caf::actor_system& sys, node_identity identity,
                     std::shared_ptr<prometheus::Registry> registry,
                     bool protect_monitoring,
                     std::function<void()> request_shutdown);

} // namespace switchboard
