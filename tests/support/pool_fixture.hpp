#pragma once

// A real actor system with a database pool on a fresh database of the
// shared test server, for integration suites. The pool is stopped when the
// fixture goes away.

#include <chrono>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "messages/database.hpp"
#include "persistence/database_pool.hpp"
#include "tests/support/test_system.hpp"
#include "tests/support/wait_until.hpp"

namespace switchboard::test {

/// Pool options for tests: small, quick to reconnect (20 ms per attempt,
/// at most 200 ms).
persistence::pool_options test_pool_options(std::string conninfo,
                                            uint32_t size = 2);

struct pool_fixture {
  pool_fixture();

  ~pool_fixture();

  /// Spawns `pool` with `opts` and waits until all its connections are up.
  void start_pool(persistence::pool_options opts);

  /// Stops the pool and waits until it is gone.
  void stop_pool();

  /// The pool's current stats (fails the test if it does not answer).
  db_pool_stats stats();

  /// Polls the pool's stats until `pred` holds or `deadline` passes.
  template <class Pred>
  bool wait_for_stats(Pred pred, std::chrono::milliseconds deadline);

  test_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;
  std::string conninfo;
  database_actor pool;
};

template <class Pred>
bool pool_fixture::wait_for_stats(Pred pred,
                                  std::chrono::milliseconds deadline) {
  return wait_until(
      [&] {
        return pred(stats());
      },
      deadline);
}

} // namespace switchboard::test
