#pragma once

// The platform simulators that `switchboard run` starts in-process when
// simulators.enabled (the default), so that a fresh node talks to something
// real at once: the same servers as `switchboard sim` (io/sim/simulators.hpp),
// on loopback at the configured ports, started before the database and the
// actors and stopped after the node.

#include <memory>
#include <string>

#include "config/config.hpp"

namespace switchboard::sim {
class simulators;
} // namespace switchboard::sim

namespace switchboard {

class embedded_simulators {
 public:
  /// Binds every simulator and logs one line with each one's URL. A port
  /// that is taken (say, by a `switchboard sim` beside the node) throws
  /// std::runtime_error naming the port and what to do about it.
  explicit embedded_simulators(const simulator_settings& settings);
  ~embedded_simulators();

  embedded_simulators(const embedded_simulators&) = delete;
  embedded_simulators& operator=(const embedded_simulators&) = delete;

  /// The settings with the ports actually bound (a configured 0 becomes the
  /// ephemeral port): what the gateways must point at.
  const simulator_settings& bound() const noexcept {
    return bound_;
  }

  /// Closes every listener; idempotent.
  void stop();

 private:
  std::unique_ptr<sim::simulators> sims_;
  simulator_settings bound_;
};

/// "twitter 9101, linkedin 9102, fcm 9103, smseagle 9104": the configured
/// ports, for error messages.
std::string describe_simulator_ports(const simulator_settings& settings);

} // namespace switchboard
