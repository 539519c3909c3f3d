#pragma once

// The AMQP ingest (docs/amqp.md): jobs published to a RabbitMQ exchange
// become rows of the durable queues.
//
// Promises:
// - A delivery is acked only after the transaction that enqueued its job
//   committed. Deliveries are written in batches (up to batch_max, or what
//   arrived within batch_delay, or everything that arrived while the
//   previous batch was being written), one jobs_repo::enqueue per batch,
//   and a committed batch is acked with one basic.ack (multiple).
// - A delivery that does not map to a job (delivery_mapping.hpp) is
//   rejected at once without requeue, so the broker dead-letters it when its
//   queue has a dead-letter exchange; the log names its tag, routing key and
//   reason, never its body. It does not hold up the others.
// - A batch whose write failed is handed back to the broker (basic.nack
//   with requeue) after a backoff, and nothing more is written until then.
//   Nothing accepted is lost: until the ack the broker keeps the message.
// - A lost connection is reported by the link; the actor connects again
//   after a backoff (exponential, the supervision backoff policy), reset by a
//   successful connect. Deliveries of a lost connection that were not yet
//   written are forgotten: the broker redelivers them.
// - With a message id (or a body "uniqueKey"), a redelivered message maps to
//   the job it already created (unique key), so at-least-once delivery
//   yields one job.

#include <chrono>
#include <functional>
#include <memory>

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "io/amqp/broker_link.hpp"
#include "messages/amqp.hpp"
#include "messages/database.hpp"
#include "runtime/supervision/backoff.hpp"

namespace switchboard {

struct amqp_ingest_options {
  /// The configured queues: deliveries for any other queue are rejected;
  /// their sections give the jobs' defaults.
  queues_settings queues;
  size_t batch_max = 200;
  std::chrono::milliseconds batch_delay{2};
  /// Between connect attempts, and before a failed batch is handed back.
  backoff_policy backoff = exponential_backoff(
      std::chrono::milliseconds{500}, 2.0, std::chrono::milliseconds{30000},
      jitter_mode::full);
  /// The database actor, looked up for every batch (it may restart).
  std::function<database_actor()> database;
  /// Makes the broker link that reports to the given actor (the ingest
  /// actor itself); called once when the actor starts. The link is
  /// destroyed when the actor exits.
  std::function<std::unique_ptr<io::amqp::broker_link>(caf::actor)> make_link;
};

/// Spawns the ingest actor; it connects at once. Detached: destroying the
/// link on exit may wait for a connect in progress.
amqp_ingest_actor spawn_amqp_ingest(caf::actor_system& sys,
                                    amqp_ingest_options opts);

/// Spawns it on the scheduler, for the test coordinator.
amqp_ingest_actor spawn_amqp_ingest_scheduled(caf::actor_system& sys,
                                              amqp_ingest_options opts);

} // namespace switchboard
