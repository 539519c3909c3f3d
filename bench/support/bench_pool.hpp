#pragma once

// What both queue benchmarks run: an actor system with a database pool and
// one worker pool on the benchmark's database, started after the jobs were
// enqueued, so the figures measure the pool alone.

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/queues/worker_pool.hpp"
#include "tests/support/test_system.hpp"

namespace switchboard::bench {

class bench_pool {
 public:
  /// Starts the database pool (`db_connections`) and waits until it is
  /// connected; starts no worker pool yet.
  bench_pool(const std::string& conninfo, uint32_t db_connections);

  ~bench_pool();

  /// Starts the worker pool (with a job listener) on `opts`, which gets
  /// the database and the listener from here.
  void start(worker_pool_options opts);

  /// The worker pool's count of finished attempts.
  uint64_t processed();

  caf::actor_system& system() {
    return sys_;
  }

 private:
  test::test_config cfg_;
  caf::actor_system sys_;
  caf::scoped_actor self_;
  database_actor db_;
  caf::actor listener_;
  worker_pool_actor pool_;
};

} // namespace switchboard::bench
