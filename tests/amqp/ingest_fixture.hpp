#pragma once

// An ingest actor with the real consumer on the binary's private broker,
// writing through a real database pool into a fresh database. Every test
// gets its own exchange, queue and database.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/queues/amqp/amqp_ingest.hpp"
#include "io/amqp/connection.hpp"
#include "io/amqp/consumer.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/pool_fixture.hpp"
#include "tests/support/rabbitmq_harness.hpp"

namespace switchboard::test {

struct ingest_fixture : jobs_database, pool_fixture {
  ingest_fixture();

  ~ingest_fixture();

  /// The consumer options of this test's topology.
  io::amqp::consumer_options consumer_options() const;

  /// Ingest options with a quick backoff (20 ms to 200 ms).
  amqp_ingest_options ingest_options();

  void start_ingest(amqp_ingest_options opts);

  void start_ingest() {
    start_ingest(ingest_options());
  }

  /// Exits the ingest actor and waits until it is gone (its connection is
  /// closed, so the broker requeues what it did not ack).
  void stop_ingest();

  amqp_ingest_stats stats();

  /// Waits until `pred(stats())` holds.
  template <class Pred>
  bool wait_for(Pred pred,
                std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
    return wait_until(
        [&] {
          return pred(stats());
        },
        deadline);
  }

  /// A publisher on this test's topology, in confirm mode.
  std::unique_ptr<io::amqp::connection> publisher();

  /// Publishes and waits for the broker's confirms.
  void publish(const std::vector<io::amqp::outgoing>& msgs);

  io::amqp::outgoing message(std::string routing_key, std::string body,
                             std::string message_id = {}) const;

  int64_t count_jobs(const std::string& where = "true");

  rabbitmq_harness& broker;
  io::amqp::topology topo;
  amqp_ingest_actor ingest;
};

} // namespace switchboard::test
