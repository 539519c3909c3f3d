#pragma once

// What every account poller shares: how to reach the database, the HTTP
// client and the manager (looked up per use, so a restarted one is found),
// the key ring, the platform endpoints, the timing of the error rules and
// the clock. Built once by the wiring (runtime/polling_wiring.hpp); tests
// build their own with stand-in actors and the test clock.

#include <chrono>
#include <functional>
#include <memory>

#include <caf/actor.hpp>
#include <caf/timespan.hpp>
#include <caf/timestamp.hpp>

#include "actors/polling/adaptive_interval_policy.hpp"
#include "actors/polling/poll_error_policy.hpp"
#include "io/gateways/poll_gateway.hpp"
#include "messages/database.hpp"
#include "messages/http_client.hpp"

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard::polling {

struct poller_deps {
  std::function<database_actor()> database;
  std::function<http_client_actor()> http;
  /// The batching writer of poll results (poll_store.hpp).
  std::function<caf::actor()> store;
  /// The polling manager (poller_event reports); may return an invalid
  /// handle.
  std::function<caf::actor()> manager;
  std::shared_ptr<const crypto::keyring> ring;
  gateways::gateway_endpoints endpoints;
  poll_timing timing;
  adaptive_settings adaptive;
  /// Regular polls start on this grid (timer_slack_policy.hpp); 0: at
  /// their exact times (the DSL tests' default).
  std::chrono::milliseconds timer_slack{0};
  /// An account stored with interval 0 polls at this one.
  std::chrono::milliseconds default_interval{std::chrono::minutes{1}};
  /// Wall-clock now (caf::timestamp); tests derive it from the test clock.
  std::function<caf::timestamp()> now;
};

using poller_deps_ptr = std::shared_ptr<const poller_deps>;

/// The supervisor child name of an account's poller (the seed's job id).
inline std::string poller_name(const std::string& account_id) {
  return "poll-" + account_id;
}

} // namespace switchboard::polling
