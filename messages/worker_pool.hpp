#pragma once

// Messages and typed interfaces of the queues' worker pools
// (actors/queues/worker_pool.*), their janitor and the job listener
// (persistence/job_listener.*).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/queues.hpp"

namespace switchboard {

/// What one worker pool reports about itself (per-state counts of its
/// queue come from the database: queue_stats).
struct pool_stats {
  std::string queue;
  /// The lock owner name of this pool's claims.
  std::string worker;
  /// Jobs its handlers run now, and how many they may.
  uint32_t active = 0;
  uint32_t capacity = 0;
  /// Claimed jobs waiting for a slot (prefetch; active in the database,
  /// not started).
  uint32_t prefetched = 0;
  /// Attempts finished since the pool started, and those that failed
  /// (retried, dead or timed out).
  uint64_t processed = 0;
  uint64_t failed = 0;
  bool paused = false;
  /// Draining for shutdown: claims nothing.
  bool stopping = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, pool_stats& x) {
  return f(caf::meta::type_name("pool_stats"), x.queue, x.worker, x.active,
           x.capacity, x.prefetched, x.processed, x.failed, x.paused,
           x.stopping);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_pool, caf::first_custom_type_id + 600)

CAF_ADD_TYPE_ID(sb_pool, (switchboard::pool_stats))
CAF_ADD_TYPE_ID(sb_pool, (std::vector<switchboard::pool_stats>))

// Jobs may be ready: a NOTIFY for the pool's queue, a resume, a reconnect
// of the listener (wake_atom); the pool's own run_at timer (wake_atom,
// generation).
CAF_ADD_ATOM(sb_pool, switchboard, wake_atom, "qwake")
CAF_ADD_ATOM(sb_pool, switchboard, pause_atom, "qpause")
CAF_ADD_ATOM(sb_pool, switchboard, resume_atom, "qresume")
// Internal timers of a pool: lock heartbeat, shutdown drain deadline.
CAF_ADD_ATOM(sb_pool, switchboard, heartbeat_atom, "qbeat")
CAF_ADD_ATOM(sb_pool, switchboard, drain_atom, "qdrain")
// Internal: (start_atom, job id) starts a job claimed ahead at its run_at.
CAF_ADD_ATOM(sb_pool, switchboard, start_atom, "qstart")
// Internal: (deadline_atom, generation) the earliest running job's timeout.
CAF_ADD_ATOM(sb_pool, switchboard, deadline_atom, "qdeadline")
// Internal timers of the janitor.
CAF_ADD_ATOM(sb_pool, switchboard, rescue_atom, "qrescue")
CAF_ADD_ATOM(sb_pool, switchboard, prune_atom, "qprune")
// Job listener: (subscribe_atom, queue, pool) and its reconnect and listen
// steps.
CAF_ADD_ATOM(sb_pool, switchboard, subscribe_atom, "qsubscribe")
CAF_ADD_ATOM(sb_pool, switchboard, listen_atom, "qlisten")
CAF_ADD_ATOM(sb_pool, switchboard, connect_atom, "qconnect")
// Registry key of the node's job listener.
CAF_ADD_ATOM(sb_pool, switchboard, job_listener_atom, "qlistener")

CAF_END_TYPE_ID_BLOCK(sb_pool)

namespace switchboard {

// clang-format off
/// One queue's worker pool. It claims jobs only into free slots, runs each
/// on its kind's handler with the job's timeout, records outcomes (batched
/// completions) and heartbeats the locks of running jobs. Exit it with
/// user_shutdown to drain: it stops claiming, lets running jobs finish up
/// to its drain deadline and hands the rest back to waiting.
using worker_pool_actor = caf::typed_actor<
  caf::replies_to<caf::get_atom, stats_atom>::with<pool_stats>,
  /// Pause or resume the queue (in the database: every node's pools).
  caf::replies_to<pause_atom>::with<caf::ok_atom>,
  caf::replies_to<resume_atom>::with<caf::ok_atom>,
  /// Jobs of the queue may be ready now.
  caf::reacts_to<wake_atom>,
  /// Internal: the run_at timer (generation).
  caf::reacts_to<wake_atom, uint64_t>,
  /// Internal: heartbeat of running jobs' locks (generation).
  caf::reacts_to<heartbeat_atom, uint64_t>,
  /// Internal: the drain deadline.
  caf::reacts_to<drain_atom>,
  /// Internal: the run_at of a job claimed ahead (job id).
  caf::reacts_to<start_atom, std::string>,
  /// Internal: the timeout of the earliest running job (generation).
  caf::reacts_to<deadline_atom, uint64_t>,
  /// Internal: (re)subscribe to the node's job listener.
  caf::reacts_to<subscribe_atom>,
  /// From a handler: progress (job id, JSON text) of a job it runs.
  caf::reacts_to<progress_atom, std::string, std::string>>;

/// The node's LISTEN connection: forwards NOTIFYs on `sb_jobs` as wake_atom
/// to the pools subscribed for the queue named in the payload, and wakes
/// every pool after a reconnect (notifications may have been missed).
using job_listener_actor = caf::typed_actor<
  /// Subscribes a pool (monitored; forgotten when it goes down).
  caf::reacts_to<subscribe_atom, std::string, caf::actor>,
  /// Internal: one wait for notifications; a (re)connect attempt.
  caf::reacts_to<listen_atom>,
  caf::reacts_to<connect_atom>>;

/// The node's janitor: rescues jobs whose locks expired and prunes
/// completed jobs past their retention, each on its own timer.
using queue_janitor_actor = caf::typed_actor<
  caf::reacts_to<rescue_atom>,
  caf::reacts_to<prune_atom>>;
// clang-format on

} // namespace switchboard
