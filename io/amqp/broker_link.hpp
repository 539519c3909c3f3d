#pragma once

// What the ingest actor asks of its broker connection. Every call returns
// at once (the work happens on the connection's own thread) and is safe from
// any thread. Results come back to the ingest actor as messages
// (messages/amqp.hpp): amqp_connected, amqp_disconnected and deliveries.
//
// Acks name the connection their deliveries came on; one for a connection
// that is gone is dropped, because the broker requeued its unacked
// deliveries when it closed.

#include <cstdint>

namespace switchboard::io::amqp {

class broker_link {
 public:
  virtual ~broker_link() = default;

  /// Connects (a new connection number), declares the topology and starts
  /// consuming; answers amqp_connected or amqp_disconnected. Does nothing
  /// while connected.
  virtual void connect() = 0;

  /// basic.ack of `tag` (and every earlier tag when `multiple`).
  virtual void ack(uint64_t connection, uint64_t tag, bool multiple) = 0;

  /// basic.nack of `tag` (and every earlier tag when `multiple`).
  virtual void nack(uint64_t connection, uint64_t tag, bool multiple,
                    bool requeue)
      = 0;

  /// basic.reject of one delivery.
  virtual void reject(uint64_t connection, uint64_t tag, bool requeue) = 0;
};

} // namespace switchboard::io::amqp
