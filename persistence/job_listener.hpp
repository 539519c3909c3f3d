#pragma once

// The node's LISTEN connection for job wake-ups (jobs_repo::notify_channel).
//
// Promises:
// - A detached actor (its own thread) with its own libpqxx connection,
//   outside the database pool: waiting for notifications never holds a
//   pooled connection.
// - A NOTIFY whose payload names a queue wakes (wake_atom) every pool
//   subscribed for that queue; notifications that arrive together wake a
//   pool once.
// - It waits for notifications in steps of at most `wait_step`, handling
//   its mailbox (subscriptions, exit) between steps.
// - A lost or failed connection is re-established after
//   reconnect_delay(attempt); after each (re)connect every subscribed pool
//   is woken, since notifications may have been missed meanwhile.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "messages/worker_pool.hpp"

namespace switchboard::persistence {

struct job_listener_options {
  std::string conninfo;
  /// Delay before reconnect attempt `attempt` (1 = the first after a
  /// failure). Required.
  std::function<caf::timespan(uint32_t attempt)> reconnect_delay;
  std::chrono::milliseconds wait_step{200};
};

/// Spawns the listener detached; it connects at once.
job_listener_actor spawn_job_listener(caf::actor_system& sys,
                                      job_listener_options opts);

} // namespace switchboard::persistence
