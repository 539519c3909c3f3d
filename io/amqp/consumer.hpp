#pragma once

// The broker connection of the AMQP ingest: one librabbitmq connection on a
// thread of its own (an io_context with one thread), so its blocking calls
// never run on CAF's scheduler. It waits for the socket to become readable
// (no polling), reads what arrived and sends it to `sink` as one
// std::vector<amqp_delivery>; acks posted by the sink run on the same
// thread. It sends a heartbeat every heartbeat/2 while connected.
//
// It never reconnects on its own: it reports amqp_disconnected and waits
// for the next connect(), so the sink owns the backoff (a delayed message,
// driven by CAF's clock).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <caf/actor.hpp>

#include "io/amqp/broker_link.hpp"
#include "io/amqp/connection.hpp"
#include "io/amqp/endpoint.hpp"

namespace switchboard::io::amqp {

struct consumer_options {
  endpoint broker;
  topology topo;
  /// Unacked deliveries the broker may send ahead (basic.qos).
  uint16_t prefetch = 500;
  /// 0: no heartbeats.
  std::chrono::seconds heartbeat{30};
  /// Longest wait of each blocking step (connect, login, each declare).
  std::chrono::milliseconds timeout{5000};
};

class consumer : public broker_link {
 public:
  /// Starts the thread; connects only when connect() is called.
  consumer(consumer_options opts, caf::actor sink);

  /// Closes the connection and joins the thread (waits at most the
  /// connect timeout for a blocking step in progress).
  ~consumer() override;

  void connect() override;
  void ack(uint64_t connection, uint64_t tag, bool multiple) override;
  void nack(uint64_t connection, uint64_t tag, bool multiple,
            bool requeue) override;
  void reject(uint64_t connection, uint64_t tag, bool requeue) override;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

} // namespace switchboard::io::amqp
