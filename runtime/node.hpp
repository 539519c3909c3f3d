#pragma once

// The node supervisor: the root of the actor tree. It owns the database pool
// (registered as `database_atom`) and the domain supervisors, which are empty
// until their issues land. Failures below it are handled by the supervision
// building block; if the node supervisor itself gives up, it quits with the
// reason and the process shuts down.

#include <string>

#include "config/config.hpp"
#include "messages/supervision.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard {

struct node_options {
  const config* cfg = nullptr;
  /// Where the database is (embedded or external).
  std::string conninfo;
  /// Metrics of every supervisor and of the pool; outlives the node.
  prometheus::Registry* metrics = nullptr;
};

/// The domain supervisors under the node, in start order.
const std::vector<std::string>& domain_supervisor_names();

/// Spawns the node supervisor and its children.
supervisor_actor spawn_node(caf::actor_system& sys, const node_options& opts);

} // namespace switchboard
