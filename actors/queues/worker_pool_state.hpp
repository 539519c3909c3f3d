#pragma once

// Internal to the worker pool (actors/queues/worker_pool.cpp): its state and
// the steps of its life, one method each.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/actor_clock.hpp>
#include <caf/error.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/attempt_decision.hpp"
#include "actors/queues/pool_metrics.hpp"
#include "actors/queues/prefetch_policy.hpp"
#include "actors/queues/worker_pool.hpp"

namespace switchboard {

/// A job in a handler.
struct running_job {
  job value;
  caf::actor_clock::time_point started;
  /// Its lock is gone (heartbeat, release): its outcome is dropped.
  bool lost = false;
  /// At started + timeout_ms it is abandoned as timed out.
  int64_t timeout_ms = 0;
  /// Tells this attempt's answer from a late one of an earlier attempt of
  /// the same job (abandoned, then claimed again).
  uint64_t attempt_tag = 0;

  caf::actor_clock::time_point deadline() const {
    return started + std::chrono::milliseconds{timeout_ms};
  }
};

/// An outcome waiting to be recorded.
struct pending_outcome {
  std::string id;
  attempt_decision decision;
};

/// What one database round trip of the pool brought back.
struct pool_round_trip {
  /// Outcomes recorded: completed, retried (failed), dead, snoozed, lost.
  size_t completed = 0;
  size_t retried = 0;
  size_t dead = 0;
  size_t snoozed = 0;
  size_t lost = 0;
  std::vector<job> claimed;
  /// Asked for when the claim took fewer jobs than it could.
  std::optional<caf::timestamp> next_run_at;
  bool claim_asked = false;
  size_t claim_limit = 0;
};

struct worker_pool_state {
  static inline const char* name = "worker_pool";

  worker_pool_state(worker_pool_actor::stateful_pointer<worker_pool_state> self)
      : self(self) {
  }

  void init(worker_pool_options options);

  // -- claiming --------------------------------------------------------------

  /// One database round trip: records pending outcomes, then claims into
  /// free slots when jobs may be ready. At most opts.trips_in_flight are in
  /// flight; a claim reserves the slots it was sized by until it returns.
  void start_trip();

  /// `wakes_at_departure`: wakes when the trip left.
  void on_round_trip(pool_round_trip& result, uint64_t wakes_at_departure);

  /// The trip that wrote the outcomes of `ids` came back (or failed).
  void trip_ended(const std::vector<std::string>& ids, size_t claim_limit);

  /// opts.trips_in_flight, at least 1.
  uint32_t max_trips() const;

  /// Outcomes that make a trip worth starting at once.
  size_t full_trip() const;

  /// The next look at the queue: at `at`, or at once when it has passed.
  void arm_timer(caf::timestamp at);

  void on_timer(uint64_t generation);

  /// After a job finished: a round trip now when it carries a full load
  /// (every running job finished, a claim batch of outcomes, or draining),
  /// otherwise once answers stop arriving back to back (the pool yields to
  /// its mailbox meanwhile), so that the finishes of jobs dispatched
  /// together share one trip and one commit instead of alternating between
  /// trips of 1 and of the rest.
  void trip_or_wait();

  void on_flush();

  /// The generation of (wake_atom, generation) that means "yield, then
  /// maybe flush" (sent without delay): timer
  /// generations start at 1, so it is never a run_at timer's.
  static constexpr uint64_t flush_generation = 0;

  void wake();

  // -- running ---------------------------------------------------------------

  void dispatch(const job& x);

  /// Dispatches a due job when a slot is free, else keeps it prefetched.
  void start_or_prefetch(const job& x);

  /// Dispatches prefetched jobs into the free slots, in claim order.
  void start_prefetched();

  /// Drops a job claimed ahead or prefetched (its lock was lost); whether
  /// it was one.
  bool forget_unstarted(const std::string& id);

  /// Keeps a job claimed ahead until its run_at.
  void hold(const job& x, caf::timestamp now);

  void on_start(const std::string& id);

  void finish(const std::string& id, const job_outcome& outcome);

  /// The handler's answer of the attempt `tag`; a late one is dropped.
  void answered(const std::string& id, uint64_t tag,
                const job_outcome& outcome);

  /// One timer for the earliest deadline of the running jobs, instead of
  /// a request timeout per job: each of those costs two events on CAF
  /// 0.17's single clock thread (set, then cancel on the answer).
  void arm_deadline(caf::actor_clock::time_point at);

  /// Abandons the running jobs past their deadline, then arms the next.
  void on_deadline(uint64_t generation);

  void arm_heartbeat();

  void on_heartbeat(uint64_t generation);

  void progress(const std::string& id, const std::string& json);

  // -- lifecycle -------------------------------------------------------------

  void subscribe();

  void begin_drain(caf::error reason);

  void on_drain_deadline();

  /// Hands jobs back to waiting; the pool quits only after the answer.
  void release(std::vector<std::string> ids);

  /// Quits once draining and nothing is running or in flight.
  void maybe_quit();

  pool_stats stats() const;

  void on_exit_msg(const caf::exit_msg& msg);

  void on_down(const caf::down_msg& msg);

  // -- helpers ---------------------------------------------------------------

  std::optional<job_handler_actor> handler_for(const std::string& kind);

  /// Before dispatching a trip's claims: stops the handlers when the
  /// database actor is not the one they were spawned with. They hold its
  /// handle, and a restarted database is a new actor (their jobs would
  /// fail until the pool restarts).
  void renew_handlers_on_new_database();

  database_actor database() const;

  /// Slots a claim may fill: concurrency and prefetch() less the jobs
  /// running, held, prefetched and promised to claims in flight.
  size_t free_slots() const;

  /// Jobs the pool may hold beyond concurrency now.
  uint32_t prefetch() const;

  bool busy() const;

  std::vector<std::string> locked_ids() const;

  void db_failed(const char* what, const caf::error& err);

  worker_pool_actor::stateful_pointer<worker_pool_state> self;
  worker_pool_options opts;
  /// The lock owner name.
  std::string worker;
  queue_pool_metrics metrics;

  std::unordered_map<std::string, running_job> running;
  /// Claimed ahead, waiting for their run_at; they hold slots and locks.
  std::unordered_map<std::string, job> held;
  /// Claimed beyond concurrency (opts.prefetch), in claim order, waiting
  /// for a running job to finish; they hold locks.
  std::deque<job> prefetched;
  attempt_time_mean attempt_mean;
  std::vector<pending_outcome> pending;
  /// Outcomes in the round trip in flight (their jobs still hold locks).
  std::vector<std::string> recording;
  uint32_t trips_in_flight = 0;
  /// Slots promised to the claims in flight: each trip claims only into
  /// slots no other claim was sized by, so claims may overlap.
  size_t claiming = 0;
  /// Jobs may be ready: the next chance to claim should take it.
  bool backlog = true;
  /// Wake-ups so far: a claim that came back short proves the queue empty
  /// only if nothing woke the pool after it left.
  uint64_t wakes = 0;
  bool paused = false;

  uint64_t timer_generation = 0;
  std::optional<caf::timestamp> timer_at;
  /// A yield message is queued; pending.size() when the latest yield was
  /// sent, and yields in a row that brought no new outcome.
  bool flush_armed = false;
  size_t flush_seen = 0;
  uint32_t idle_yields = 0;
  std::chrono::steady_clock::time_point flush_progress_at;
  uint64_t beat_generation = 0;
  bool beat_armed = false;
  uint64_t deadline_generation = 0;
  /// When the armed deadline timer fires; none when not armed.
  std::optional<caf::actor_clock::time_point> deadline_at;
  uint64_t attempts_dispatched = 0;

  std::map<std::string, job_handler_actor> handlers;
  /// The database actor the handlers were spawned with.
  database_actor handlers_db;
  caf::actor listener;

  bool stopping = false;
  size_t releasing = 0;
  caf::error exit_reason;

  uint64_t processed = 0;
  uint64_t failed = 0;
};

using worker_pool_pointer
    = worker_pool_actor::stateful_pointer<worker_pool_state>;

} // namespace switchboard
