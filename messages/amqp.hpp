#pragma once

// Messages of the AMQP ingest (docs/amqp.md): what the broker connection
// (io/amqp/consumer.*) reports to the ingest actor
// (actors/queues/amqp_ingest.*), and the ingest actor's interface.
//
// Delivery tags are per connection: `connection` numbers the broker
// connection a delivery came on, and an ack for an older connection is
// dropped (the broker already requeued those deliveries when it closed).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"

namespace switchboard {

/// One message the broker delivered and that awaits ack, nack or reject.
struct amqp_delivery {
  /// The broker connection it came on (1, 2, ... per consumer).
  uint64_t connection = 0;
  uint64_t tag = 0;
  std::string exchange;
  std::string routing_key;
  /// The message-id property; empty when the publisher set none.
  std::string message_id;
  /// The body as published (JSON text expected). Never logged.
  std::string body;
  bool redelivered = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, amqp_delivery& x) {
  return f(caf::meta::type_name("amqp_delivery"), x.connection, x.tag,
           x.exchange, x.routing_key, x.message_id, x.body, x.redelivered);
}

/// The consumer is connected: topology declared and consuming.
struct amqp_connected {
  uint64_t connection = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, amqp_connected& x) {
  return f(caf::meta::type_name("amqp_connected"), x.connection);
}

/// A connect attempt failed or an established connection was lost. Its
/// unacked deliveries are back in the broker's queue. `reason` names the
/// failure without the URL's password.
struct amqp_disconnected {
  uint64_t connection = 0;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, amqp_disconnected& x) {
  return f(caf::meta::type_name("amqp_disconnected"), x.connection, x.reason);
}

/// Counters of the ingest actor since it started.
struct amqp_ingest_stats {
  bool connected = false;
  /// Successful connects (the first one included).
  uint64_t connects = 0;
  /// Failed connect attempts and lost connections.
  uint64_t disconnects = 0;
  uint64_t received = 0;
  /// Deliveries acked after their jobs committed.
  uint64_t acked = 0;
  /// Jobs newly created (acked minus unique-key duplicates).
  uint64_t created = 0;
  /// Malformed deliveries rejected without requeue.
  uint64_t rejected = 0;
  /// Deliveries handed back with requeue after a database failure.
  uint64_t requeued = 0;
  /// Deliveries waiting for the next batch or in the batch being written.
  uint64_t pending = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, amqp_ingest_stats& x) {
  return f(caf::meta::type_name("amqp_ingest_stats"), x.connected, x.connects,
           x.disconnects, x.received, x.acked, x.created, x.rejected,
           x.requeued, x.pending);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_amqp, caf::first_custom_type_id + 1100)

CAF_ADD_TYPE_ID(sb_amqp, (switchboard::amqp_delivery))
CAF_ADD_TYPE_ID(sb_amqp, (std::vector<switchboard::amqp_delivery>))
CAF_ADD_TYPE_ID(sb_amqp, (switchboard::amqp_connected))
CAF_ADD_TYPE_ID(sb_amqp, (switchboard::amqp_disconnected))
CAF_ADD_TYPE_ID(sb_amqp, (switchboard::amqp_ingest_stats))

// Timers of the ingest actor, tagged with a generation number.
CAF_ADD_ATOM(sb_amqp, switchboard, amqp_flush_atom, "amqp_flush")
CAF_ADD_ATOM(sb_amqp, switchboard, amqp_conn_atom, "amqp_conn")
CAF_ADD_ATOM(sb_amqp, switchboard, amqp_retry_atom, "amqp_retry")

CAF_END_TYPE_ID_BLOCK(sb_amqp)

namespace switchboard {

/// The ingest actor: turns deliveries into jobs and acks each delivery only
/// after its job committed.
// clang-format off
using amqp_ingest_actor = caf::typed_actor<
  /// Deliveries from the consumer, in tag order.
  caf::reacts_to<std::vector<amqp_delivery>>,
  caf::reacts_to<amqp_connected>,
  caf::reacts_to<amqp_disconnected>,
  /// Timer: write the pending deliveries (generation).
  caf::reacts_to<amqp_flush_atom, uint64_t>,
  /// Timer: connect again after a backoff (generation).
  caf::reacts_to<amqp_conn_atom, uint64_t>,
  /// Timer: hand a failed batch back to the broker (generation).
  caf::reacts_to<amqp_retry_atom, uint64_t>,
  caf::replies_to<caf::get_atom, stats_atom>::with<amqp_ingest_stats>>;
// clang-format on

} // namespace switchboard
