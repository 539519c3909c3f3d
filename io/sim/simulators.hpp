#pragma once

// The platform simulators, startable in-process (tests, `switchboard sim`):
// each one a real HTTP server on loopback speaking a platform's wire format
// (docs/simulators.md), plus control routes under /_sim/. Beast and JSON
// stay in the .cpp files.
//
// In a test:
//
//   auto settings = sim::test_settings();          // ephemeral ports, seed 1
//   sim::simulators sims{settings, {sim::platform::twitter}};
//   auto url = sims.get(sim::platform::twitter).base_url();  //
//   http://127.0.0.1:PORT sims.get(sim::platform::twitter).add_fault({...});
//   auto n = sims.get(sim::platform::twitter).stats().account("42").requests;
//   sims.fcm().set_token_state("tok", sim::device_state::unregistered);

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "io/sim/fault.hpp"
#include "io/sim/sim_stats.hpp"

namespace switchboard::io {
class io_runtime;
} // namespace switchboard::io

namespace switchboard::sim {

enum class platform { twitter, linkedin, fcm, smseagle };

/// "twitter", "linkedin", "fcm", "smseagle".
std::string_view platform_name(platform p);

std::vector<platform> all_platforms();

/// Defaults with every port 0 (ephemeral), for tests.
simulator_settings test_settings();

class sim_core;
class fcm_state;
class smseagle_state;

/// One running simulator. Every member is thread-safe.
class simulator {
 public:
  virtual ~simulator();

  platform kind() const noexcept;
  uint16_t port() const noexcept;
  /// "http://BIND:PORT", without a trailing slash.
  std::string base_url() const;

  stats_snapshot stats() const;
  void add_fault(fault_rule rule);
  /// Clears counters, faults, rate-limit windows and recorded messages; the
  /// message streams and the clock stay as they are.
  void reset();

  /// The simulator's clock: real UTC time plus an offset tests can advance,
  /// so that new messages appear and rate-limit windows end without waiting.
  std::chrono::system_clock::time_point now() const;
  void advance_clock(std::chrono::milliseconds by);

  /// Built by `simulators`.
  explicit simulator(std::shared_ptr<sim_core> core);

 protected:
  std::shared_ptr<sim_core> core_;
};

/// What a device token does on FCM's send endpoint.
enum class device_state {
  valid,
  /// 404 UNREGISTERED.
  unregistered,
  /// 400 INVALID_ARGUMENT.
  invalid,
  /// 403 SENDER_ID_MISMATCH.
  foreign,
};

/// One message FCM accepted.
struct fcm_record {
  /// "projects/P/messages/0:..."
  std::string name;
  std::string project;
  /// The token, topic or condition.
  std::string target;
  /// The request's `message` object as JSON text.
  std::string message_json;
};

class fcm_simulator : public simulator {
 public:
  fcm_simulator(std::shared_ptr<sim_core> core,
                std::shared_ptr<fcm_state> state);
  /// Overrides the token's state (the default: "unregistered-", "invalid-"
  /// and "foreign-" prefixes, else valid).
  void set_token_state(const std::string& token, device_state state);
  /// Every accepted message, in order of acceptance (validate_only excluded).
  std::vector<fcm_record> accepted() const;

 private:
  std::shared_ptr<fcm_state> state_;
};

/// One SMS the SMSEagle simulator accepted.
struct sms_record {
  int64_t id = 0;
  std::string number;
  std::string text;
};

class smseagle_simulator : public simulator {
 public:
  smseagle_simulator(std::shared_ptr<sim_core> core,
                     std::shared_ptr<smseagle_state> state);
  /// Every accepted SMS, one per recipient, in order (test sends excluded).
  std::vector<sms_record> accepted() const;

 private:
  std::shared_ptr<smseagle_state> state_;
};

/// The simulators of some platforms on one Asio runtime. Starting binds every
/// port (throws std::system_error when one is taken); destruction stops them.
class simulators {
 public:
  explicit simulators(const simulator_settings& settings,
                      std::vector<platform> which = all_platforms());
  ~simulators();

  simulators(const simulators&) = delete;
  simulators& operator=(const simulators&) = delete;

  bool has(platform p) const;
  /// Throws std::out_of_range when `p` was not started.
  simulator& get(platform p);
  simulator& twitter();
  simulator& linkedin();
  fcm_simulator& fcm();
  smseagle_simulator& smseagle();

  /// Closes every listener and connection; idempotent.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace switchboard::sim
