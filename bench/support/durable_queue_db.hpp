#pragma once

// The queue benchmarks' database: a private, durable PostgreSQL cluster
// (fsync, synchronous_commit and full_page_writes at their defaults, all on)
// in a temporary directory, with every migration applied. Removed at the
// end of the benchmark.

#include <pqxx/pqxx>
#include <string>

#include "persistence/embedded_postgres.hpp"
#include "tests/support/temp_dir.hpp"

namespace switchboard::bench {

class durable_queue_db {
 public:
  durable_queue_db();

  ~durable_queue_db();

  const std::string& conninfo() const {
    return conninfo_;
  }

  /// "fsync=on synchronous_commit=on full_page_writes=on", as the server
  /// reports them.
  std::string durability();

  /// With SB_BENCH_STATEMENTS=1 in the environment the server was started
  /// with pg_stat_statements (planning tracked): forgets what it counted.
  void reset_statements();

  /// The statements run since reset_statements(), costliest first: calls,
  /// mean planning and execution time, rows, query start; empty without
  /// SB_BENCH_STATEMENTS=1.
  std::string statements(size_t top = 8);

 private:
  test::temp_dir dir_;
  persistence::embedded_postgres server_;
  std::string conninfo_;
  bool statements_ = false;
};

} // namespace switchboard::bench
