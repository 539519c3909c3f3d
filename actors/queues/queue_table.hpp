#pragma once

// The queues a configuration names ([queues.media], [queues.notification],
// [queues.cleanup], [queues.broadcast]), by name.

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace switchboard {

struct named_queue {
  std::string name;
  const queue_settings* settings = nullptr;
};

/// Every configured queue (enabled or not), in a fixed order.
std::vector<named_queue> configured_queues(const queues_settings& all);

/// The section of queue `name`, or nullptr for a queue the configuration
/// does not name (such a queue takes jobs, but no pool of this node runs
/// them).
const queue_settings* find_queue_settings(const queues_settings& all,
                                          std::string_view name);

} // namespace switchboard
