#pragma once

// An account poller on CAF's test coordinator: its timers run on the test
// clock, its wall clock is derived from the test clock, and the HTTP client
// and database are scripted stand-ins that answer as the real ones do
// (a response of any status or a typed network error; db_reply values of
// the types the repositories return).

#include <deque>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/polling/account_poller.hpp"
#include "messages/polling_ops.hpp"
#include "tests/support/test_system.hpp"

namespace switchboard::test {

/// What the stand-in HTTP client answers next, in order; when the script is
/// empty it answers an empty 200 page. With `hold` set it keeps the
/// promise until release() (a poll in flight).
struct http_script {
  std::deque<std::variant<http_response, caf::error>> answers;
  std::vector<http_request> seen;
  /// Test-clock times of the requests, relative to the fixture's start.
  std::vector<caf::timespan> at;
  bool hold = false;
  std::deque<caf::response_promise> held;
};

struct db_script {
  std::vector<std::string> labels;
  /// What a store reports as inserted.
  uint32_t inserted = 0;
  /// Loads that fail (db_overloaded) before one succeeds.
  int failing_loads = 0;
  /// The load finds the token unreadable (and parks the account).
  bool unreadable_token = false;
};

struct poller_fixture : test_coordinator_fixture<test_config> {
  poller_fixture();
  ~poller_fixture() override;

  /// Spawns the poller of account "a1" (twitter, interval 60 s, stored
  /// next poll 1 s after the start) and runs its load.
  void start(bool adaptive = false, int failing_loads = 0);

  /// Like start(), but the poller is handed its loaded account as the
  /// polling manager's start-up load does (preloaded_account_poller).
  void start_preloaded();

  /// The wall-clock time the poller sees.
  caf::timestamp wall_now() const;

  /// Time since the fixture started, on the test clock.
  caf::timespan elapsed() const;

  /// Advances the test clock and runs every message it causes.
  void advance(caf::timespan d);

  /// Polls and retries made: requests of a mentions page. A Twitter/X poll
  /// then reads the account's DM events too; http->seen has every request.
  size_t requests() const;

  /// The `i`-th request of a mentions page.
  const http_request& mentions_request(size_t i) const;

  size_t count_label(const std::string& label) const;

  /// Kills the stand-in HTTP client (holding whatever it holds) and starts
  /// a new one with the same script: a supervisor's restart.
  void restart_http();

  /// Answers the oldest held request with `res`.
  void release(http_response res);

  static http_response page(int status, std::string body = "{\"meta\":{}}");

  polling::poller_state& state();

  /// The poller's dependencies: the stand-ins, a real batching writer
  /// (behind store_spy) and the test clock.
  std::shared_ptr<polling::poller_deps> make_deps(bool adaptive,
                                                  int failing_loads);

  /// The deps' timer slack (set before start()).
  std::chrono::milliseconds timer_slack{0};
  std::shared_ptr<http_script> http = std::make_shared<http_script>();
  std::shared_ptr<db_script> db = std::make_shared<db_script>();
  std::vector<poller_event> events;
  /// Failure notes the poller sent to the batching writer, in order.
  std::vector<poll_note> notes;
  /// Poll results the poller sent to the batching writer, in order.
  std::vector<poll_result> results;
  caf::actor http_actor;
  caf::actor db_actor;
  caf::actor manager;
  caf::actor poller;
  caf::actor store;
  /// Records notes, then passes everything on to `store`.
  caf::actor store_spy;
  caf::timestamp wall_start;
  caf::actor_clock::time_point steady_start;
};

} // namespace switchboard::test
