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

 private:
  test::temp_dir dir_;
  persistence::embedded_postgres server_;
  std::string conninfo_;
};

} // namespace switchboard::bench
