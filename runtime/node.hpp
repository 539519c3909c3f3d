#pragma once

// The node supervisor: the root of the actor tree. It owns the database pool
// (registered as `database_atom`) and the domain supervisors, which are empty
// until their issues land. Failures below it are handled by the supervision
// building block; if the node supervisor itself gives up, it quits with the
// reason and the process shuts down.

#include <string>
#include <vector>

#include <caf/atom.hpp>

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

/// A domain supervisor under the node and the registry key it is found by.
struct domain_supervisor {
  std::string name;
  caf::atom_value key;
};

/// The domain supervisors under the node, in start order.
const std::vector<domain_supervisor>& domain_supervisors();

/// Spawns the node supervisor and its children.
supervisor_actor spawn_node(caf::actor_system& sys, const node_options& opts);

} // namespace switchboard
