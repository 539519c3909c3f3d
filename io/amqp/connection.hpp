#pragma once

// One blocking AMQP 0-9-1 connection over librabbitmq with one channel.
// Every call blocks the calling thread, so it is used only on the
// consumer's own thread (io/amqp/consumer.*) and in tests, never on a CAF
// scheduler thread. Not thread-safe: one thread owns it.
//
// Failures throw amqp::failure, whose text names the operation and the
// broker's or library's reason, never the password.

#include <chrono>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/amqp/endpoint.hpp"
#include "messages/amqp.hpp"

struct amqp_connection_state_t_;

namespace switchboard::io::amqp {

/// A broker or library error; the connection is unusable afterwards.
class failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What the consumer declares before consuming (all idempotent on the
/// broker): a durable exchange, a durable queue bound to it once per
/// binding key.
struct topology {
  std::string exchange;
  /// topic, direct, fanout or headers.
  std::string exchange_type = "topic";
  std::string queue;
  std::vector<std::string> bindings;
  /// Declared as the queue's x-dead-letter-exchange when not empty, so
  /// rejected messages go there; the broker refuses to change the argument
  /// of an existing queue.
  std::string dead_letter_exchange;
};

/// What publish() sends besides the body.
struct outgoing {
  std::string exchange;
  std::string routing_key;
  std::string body;
  /// The message-id property; empty: none.
  std::string message_id;
  /// Delivery mode 2: the broker writes it to disk in a durable queue.
  bool persistent = true;
};

class connection {
 public:
  /// Connects, logs in and opens channel 1; each step waits at most
  /// `timeout`. `heartbeat` 0 disables heartbeats.
  connection(const endpoint& ep, std::chrono::seconds heartbeat,
             std::chrono::milliseconds timeout);

  /// Closes channel and connection when still open (best effort).
  ~connection();

  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// The socket, for waiting until it is readable.
  int fd() const;

  void declare(const topology& t);

  /// Messages ready in `queue` (not counting unacked deliveries); throws
  /// when the queue does not exist.
  uint32_t ready_count(const std::string& queue);

  /// At most `prefetch` unacked deliveries on the channel (basic.qos).
  void set_prefetch(uint16_t prefetch);

  /// Starts consuming `queue` with manual acks.
  void consume(const std::string& queue);

  /// Returns the deliveries that arrived, without blocking: those already
  /// buffered and what the socket holds now (at most `max`). Also sends a
  /// heartbeat when one is due. Throws when the broker closed the channel or
  /// connection, cancelled the consumer, or the socket failed.
  std::vector<amqp_delivery> read_available(size_t max);

  void ack(uint64_t tag, bool multiple);
  void nack(uint64_t tag, bool multiple, bool requeue);
  void reject(uint64_t tag, bool requeue);

  /// Puts the channel in confirm mode (publisher confirms).
  void enable_confirms();

  void publish(const outgoing& msg);

  /// Waits until the broker confirmed (basic.ack) every message published
  /// so far in confirm mode; throws on a nack, a return, or after `timeout`.
  void wait_for_confirms(std::chrono::milliseconds timeout);

 private:
  void check_rpc(const char* what);
  /// Handles a frame other than a delivery (an amqp_frame_t).
  void handle_frame(const void* frame);
  void close() noexcept;

  amqp_connection_state_t_* state_ = nullptr;
  bool open_ = false;
  bool confirms_ = false;
  uint64_t published_ = 0;
  /// Published in confirm mode, not yet confirmed (publish sequence numbers).
  std::set<uint64_t> unconfirmed_;
};

} // namespace switchboard::io::amqp
