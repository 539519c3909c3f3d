#pragma once

// One queue's worker pool (DESIGN.md "Durable queues"; docs/queues.md).
//
// Promises:
// - Never more than `concurrency` jobs in its handlers: it claims (FOR
//   UPDATE SKIP LOCKED, at most claim_batch per round trip) only into free
//   slots, and dispatches claimed jobs in claim order (priority first).
//   While its attempts are short (prefetch_below), it also holds up to
//   `concurrency` claimed jobs that start as running ones finish.
// - Each attempt is a request to the kind's handler with the job's timeout
//   (or the kind's default); a request that times out is abandoned and
//   recorded as a failed attempt "timeout after N ms". A kind without a
//   handler fails its job for good.
// - Outcomes are recorded owner-checked through the database actor:
//   completions batched (everything finished while the previous write was
//   in flight goes in one statement; a finish waits for the answers of jobs
//   dispatched with it while they arrive back to back), all outcomes and
//   the claim of a round trip in one transaction, up to trips_in_flight
//   round trips at once (a claim reserves the slots it was sized by until
//   it returns), retries at
//   finished_at + backoff, snoozes with the attempt given back. A job the
//   pool no longer owns (its lock was rescued) is counted as lost and never
//   reported on again.
// - While jobs run, their locks are renewed every `heartbeat`; jobs missing
//   from the answer are lost.
// - It looks for jobs when woken (NOTIFY through the job listener, a
//   resume) and on one timer for the queue's next run_at, never by polling.
// - A job claimed ahead (claim_ahead) starts at its run_at, never before.
// - Exited with a reason (its supervisor's user_shutdown) it drains: claims
//   nothing more, lets running jobs finish for up to `drain`, then releases
//   the rest to waiting with their attempt given back, and quits.

#include <chrono>
#include <functional>
#include <string>

#include <caf/fwd.hpp>
#include <caf/timestamp.hpp>

#include "actors/queues/handler_table.hpp"
#include "config/config.hpp"
#include "messages/database.hpp"
#include "messages/worker_pool.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard {

struct worker_pool_options {
  std::string queue;
  /// Lock owner prefix (node id and queue); the pool appends its actor id
  /// so that a restarted pool never mistakes its predecessor's jobs for its
  /// own.
  std::string worker;
  uint32_t concurrency = 1;
  uint32_t claim_batch = 50;
  std::chrono::milliseconds lock{30000};
  std::chrono::milliseconds heartbeat{10000};
  std::chrono::milliseconds drain{5000};
  /// Jobs due within this much are claimed ahead and started by the pool's
  /// own timer at their run_at: a delayed job then starts on time instead
  /// of one round trip (a commit) late. They hold their slots meanwhile.
  std::chrono::milliseconds claim_ahead{0};
  /// Round trips in flight at once (each its own connection and commit):
  /// with 2, the outcomes of half the slots are written while the other
  /// half runs, instead of every slot waiting for one commit.
  uint32_t trips_in_flight = 1;
  /// While the pool's recent attempts took less than this on average, it
  /// claims up to twice `concurrency` jobs more, started in claim order as
  /// running ones finish (actors/queues/prefetch_policy.hpp). 0: never.
  std::chrono::milliseconds prefetch_below{0};
  /// The queue's section: default timeouts of kinds.
  queue_settings settings;
  handler_table handlers;
  /// The database actor, looked up for every request (it may restart).
  std::function<database_actor()> database;
  /// The job listener to subscribe to; empty or invalid: none (wake-ups
  /// only from the timer and resume).
  std::function<caf::actor()> listener;
  /// The wall clock that run_at is compared with (tests fix it).
  std::function<caf::timestamp()> now;
  prometheus::Registry* metrics = nullptr;
};

/// Spawns a pool; it starts claiming at once.
worker_pool_actor spawn_worker_pool(caf::actor_system& sys,
                                    worker_pool_options opts);

} // namespace switchboard
