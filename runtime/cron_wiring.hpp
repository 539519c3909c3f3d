#pragma once

// The node's cron actor (DESIGN.md's tree: `cron (singleton)` under the node
// supervisor), registered as `cron_atom`: the default table, its jobs given
// their queue's defaults from [queues].

#include "actors/cron/cron_scheduler.hpp"
#include "config/config.hpp"
#include "messages/supervision.hpp"

namespace switchboard {

/// The node's cron options: the default table; firings' jobs get their
/// queue's defaults from `cfg.queues`.
cron::cron_options node_cron_options(const config& cfg);

/// The cron child of the node supervisor.
child_spec cron_child(const config& cfg);

} // namespace switchboard
