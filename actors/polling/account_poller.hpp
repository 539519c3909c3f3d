#pragma once

// One actor per active account of a polling platform (issue 3).
//
//   start --load--> waiting --timer--> active --pages done, stored--> waiting
//                      ^                 |  \--401/403--> parked (quits)
//                      |                 v
//                      +---timer---- delayed (retry 2/4/8 s, 5xx 2 min,
//                                             rate limit until reset)
//
// Every wait is a delayed_send to self tagged with a generation; starting a
// poll bumps the generation, so a stale timer never starts a second poll
// and polls of one account never overlap. "Poll now" during a poll
// coalesces with it. Errors follow polling::decide() (poll_error_policy).
//
// Start-up: a poller started with its account (preloaded_account_poller:
// the manager's start-up load pages through every active account) makes no
// query of its own. Any other start (connect, a supervisor restart after a
// crash) loads its account (cursor, token, interval) from the database, so
// a restarted poller continues where the stored cursor is. A token that
// cannot be decrypted (its key rotated away) parks the account as
// needs_reauth on load, instead of retrying the load forever.
//
//   (poll, generation)               a timer
//   (poll_now)                       poll now, or coalesce with the poll
//   (acc_conn, polling_account)      reconnected: the next request uses the
//                                    new token, the next schedule the new
//                                    interval

#include <cstdint>
#include <string>
#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/polling/poller_deps.hpp"
#include "messages/polling.hpp"
#include "messages/polling_ops.hpp"

namespace switchboard::polling {

struct poller_state {
  static inline const char* name = "account_poller";

  std::string account_id;
  poller_deps_ptr deps;
  polling_account acc;
  caf::actor manager;
  /// The phase last reported to the manager (stopped: none yet).
  poller_phase reported = poller_phase::stopped;
  /// The HTTP client and poll store this poller monitors: its requests to
  /// them carry no CAF timeout, and CAF 0.17 never answers a request whose
  /// receiver died holding it, so their death fails the poll in flight.
  std::vector<caf::actor_addr> watched;
  /// Tags timers: only the newest one starts a poll.
  uint64_t generation = 0;
  bool in_flight = false;
  /// The next timer continues the current poll as a retry.
  bool retrying = false;
  uint32_t retries_done = 0;
  caf::timestamp poll_started;
  /// When the pending timer is due (lateness of regular polls).
  caf::timestamp due;
  std::string page_token;
  std::vector<polled_message> batch;
  std::string newest;
  /// "Poll now" requests absorbed by a running poll.
  uint64_t coalesced = 0;
  /// HTTP requests made (all polls).
  uint64_t requests = 0;
};

using poller_actor_ptr = caf::stateful_actor<poller_state>*;

/// The poller of `account_id`.
caf::behavior account_poller(poller_actor_ptr self, std::string account_id,
                             poller_deps_ptr deps);

/// A poller whose account the caller already loaded (cursor, token,
/// interval, next poll): it schedules its first poll at once, without a
/// query. `name` is poller_name(id) (the supervisor's start_with form).
caf::behavior preloaded_account_poller(poller_actor_ptr self, std::string name,
                                       polling_account account,
                                       poller_deps_ptr deps);

/// The supervisor's start function form: `name` is poller_name(id).
caf::behavior named_account_poller(poller_actor_ptr self, std::string name,
                                   poller_deps_ptr deps);

} // namespace switchboard::polling
