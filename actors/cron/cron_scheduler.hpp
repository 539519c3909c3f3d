#pragma once

// The cron actor: runs a cron table on this node (a cluster singleton
// later). Each firing enqueues one job with the unique key
// "cron-{entry}-{fire time}" through the database actor and then records
// the firing, so a restart or a second node never enqueues a firing twice.
//
// Promises:
// - On start it reads the recorded last firings and applies each entry's
//   missed-firing policy (skip, run once, run all up to a cap).
// - It keeps exactly one live timer, to the earliest next firing of the
//   table (generation-tagged; stale timers are ignored). No polling.
// - A firing that fails to enqueue stays pending and is retried with an
//   exponential backoff; nothing due is dropped.
// - One info log line per firing.
// - Answers get_atom with the table's status (GET /api/cron).

#include <chrono>
#include <functional>
#include <vector>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "actors/cron/cron_entry.hpp"
#include "actors/cron/cron_schedule.hpp"
#include "messages/cron.hpp"
#include "messages/database.hpp"
#include "messages/queues.hpp"

namespace switchboard::cron {

struct cron_options {
  /// The table; default_table() when empty at spawn.
  std::vector<cron_entry> table;
  /// Wall-clock time. Must advance with the actor clock (tests map CAF's
  /// test clock onto a wall time); system_clock::now() when empty.
  std::function<instant()> now;
  /// The database actor, asked per request (so a restarted pool is found);
  /// the registry's `database_atom` when empty. An invalid handle counts as
  /// a database error.
  std::function<database_actor()> database;
  /// Fills in what a firing's job leaves out (its queue's attempts,
  /// backoff, timeout, priority); nothing when empty.
  std::function<void(new_job&)> job_defaults;
  /// How long one database request may take.
  caf::timespan db_timeout = std::chrono::seconds{10};
  /// Retry after a database error: exponential from base, doubling, to cap.
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_cap{60000};
};

/// Spawns the cron actor. A table that does not compile (bad expression,
/// unknown zone, duplicate name) makes the actor quit with
/// errc::invalid_argument at once.
cron_actor spawn_cron(caf::actor_system& sys, cron_options opts);

} // namespace switchboard::cron
