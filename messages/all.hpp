#pragma once

// Registers every message type of switchboard with an actor system config.
// Each area owns one type-ID block in its own header, at its own offset from
// caf::first_custom_type_id (200): sb_core +0 (atoms.hpp), sb_db +100
// (database.hpp), sb_sup +200 (supervision.hpp), sb_node +400 (node.hpp),
// sb_queue +500 (queues.hpp), sb_http +700
// (http_client.hpp), sb_cron +800 (cron.hpp), sb_notify +900
// (notifications.hpp), sb_poll +1200 (polling.hpp), sb_amqp +1100 (amqp.hpp);
// later areas take the next free hundred.

#include <caf/actor_system_config.hpp>

namespace switchboard {

/// Adds all of switchboard's message types to `cfg`.
void add_message_types(caf::actor_system_config& cfg);

} // namespace switchboard
