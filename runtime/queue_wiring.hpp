#pragma once

// The durable queues of a node: the children of queue_supervisor. In start
// order: the job listener (registry key job_listener_atom), the janitor,
// and one worker pool per enabled queue of [queues] (child name
// "pool-<queue>"), each with the handlers of runtime/job_handlers.
//
// A pool finds the database and the listener in the registry at use, so
// either may restart under it. The same children run in any process with
// an actor system whose registry holds a database actor under
// database_atom (a second worker process of a test or benchmark).

#include <string>
#include <vector>

#include "config/config.hpp"
#include "messages/supervision.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard {

struct queue_wiring_options {
  const config* cfg = nullptr;
  /// The LISTEN connection's database.
  std::string conninfo;
  /// Lock owner prefix of this node's pools; empty: node.id, or host name
  /// and pid.
  std::string node_id;
  prometheus::Registry* metrics = nullptr;
};

std::vector<child_spec> queue_children(const queue_wiring_options& opts);

} // namespace switchboard
