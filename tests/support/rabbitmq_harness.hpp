#pragma once

// The one private RabbitMQ broker of a test binary (the rabbitmq-server
// package's scripts, run as a node of its own: unique node name, free AMQP
// and distribution ports, fresh Erlang cookie, data and logs in a temporary
// directory). It starts on first use, takes about ten seconds, and is killed
// with its whole process group when the harness goes away, or by a guardian
// process as soon as the test binary dies, so no broker outlives its test.

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace switchboard::test {

class rabbitmq_harness {
 public:
  /// The shared broker, started (and ready for AMQP) on the first call.
  static rabbitmq_harness& get();

  ~rabbitmq_harness();

  /// amqp://guest:guest@127.0.0.1:<port> (vhost "/")
  std::string url() const;

  uint16_t port() const {
    return port_;
  }

  /// Stops the broker application (the AMQP listener goes away and every
  /// connection is closed), the Erlang node stays up.
  void stop_app();

  /// Starts it again and waits until it accepts connections.
  void start_app();

  /// Runs rabbitmqctl against this node; returns its exit code.
  int ctl(const std::vector<std::string>& args);

 private:
  rabbitmq_harness();

  std::vector<std::string> environment() const;
  void wait_ready();

  temp_dir dir_;
  std::string node_;
  uint16_t port_ = 0;
  uint16_t dist_port_ = 0;
  /// The guardian: kills the broker's process group when this process
  /// closes `lifeline_`.
  pid_t guardian_ = -1;
  int lifeline_ = -1;
};

} // namespace switchboard::test
