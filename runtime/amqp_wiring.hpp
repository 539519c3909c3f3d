#pragma once

// The AMQP ingest of a node ([amqp], docs/amqp.md): a child of
// queue_supervisor when amqp.enabled, writing through the database actor
// found in the registry at use.

#include <optional>

#include "actors/queues/amqp/amqp_ingest.hpp"
#include "config/config.hpp"
#include "io/amqp/consumer.hpp"
#include "messages/supervision.hpp"

namespace switchboard {

/// The consumer options of [amqp]. Throws std::invalid_argument for a URL
/// librabbitmq cannot parse (the message masks the password).
io::amqp::consumer_options amqp_consumer_options(const config& cfg);

/// The ingest child, or std::nullopt when amqp.enabled is false. Throws
/// like amqp_consumer_options.
std::optional<child_spec> amqp_child(const config& cfg);

} // namespace switchboard
