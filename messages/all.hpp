#pragma once

// Registers every message type of switchboard with an actor system config.
// Each area owns one type-ID block in its own header, at its own offset:
//   sb_core 200 (atoms.hpp), sb_db 300 (database.hpp),
//   sb_sup 400 (supervision.hpp), sb_node 600 (node.hpp); later areas take
//   700, 800, ... in steps of 100.

#include <caf/actor_system_config.hpp>

namespace switchboard {

/// Adds all of switchboard's message types to `cfg`.
void add_message_types(caf::actor_system_config& cfg);

} // namespace switchboard
