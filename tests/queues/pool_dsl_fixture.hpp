#pragma once

// The worker pool on CAF's test coordinator: its timers run on the test
// clock, and the database actor is a stand-in that runs each db_task at once
// on a real connection to a fresh PostgreSQL database (no fake job store),
// so every step is deterministic and every SQL statement real.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/queues/worker_pool.hpp"
#include "actors/queues/worker_pool_state.hpp"
#include "persistence/jobs_repo.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/test_system.hpp"

namespace switchboard::test {

/// What the stand-in database saw.
struct db_log {
  std::vector<std::string> labels;
};

/// A handler the test answers by hand: it keeps each request's promise
/// until told (ok_atom, outcome) to answer the oldest one.
using manual_handler_actor
    = job_handler_actor::extend<caf::reacts_to<caf::ok_atom, job_outcome>>;

struct manual_state {
  std::deque<std::pair<job, caf::typed_response_promise<job_outcome>>> open;
  std::vector<std::string> seen;
};

struct pool_dsl_fixture : test_coordinator_fixture<test_config>, jobs_database {
  pool_dsl_fixture();

  ~pool_dsl_fixture() override;

  /// Options with the stand-in database and the manual handler as kind
  /// "manual"; nothing wakes it but its own timer.
  worker_pool_options options(uint32_t concurrency = 3);

  worker_pool_actor start(worker_pool_options opts);

  /// Another stand-in database on the same connection (a restarted one).
  database_actor spawn_db();

  /// Enqueues one job of queue "q".
  job enqueue(new_job x);

  job reload(const std::string& id);

  manual_state& handler_state();

  /// The running pool's state (started by start()).
  worker_pool_state& pool_state();

  /// Answers the oldest open request of the manual handler.
  void answer(job_outcome outcome);

  std::shared_ptr<db_log> log = std::make_shared<db_log>();
  database_actor db;
  manual_handler_actor handler;
  worker_pool_actor pool;
  /// What the pool's wall clock says (it compares run_at with it).
  caf::timestamp wall_now = caf::make_timestamp();
};

} // namespace switchboard::test
