#pragma once

// A fresh database with every migration applied, and one connection to it:
// the base of the jobs suites' fixtures.

#include <pqxx/pqxx>
#include <string>

#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/pg_harness.hpp"

namespace switchboard::test {

struct jobs_database {
  jobs_database() {
    persistence::migrator::apply(conn, persistence::embedded_migrations());
  }

  std::string conninfo = pg_harness::get().fresh_database("jobs");
  pqxx::connection conn{conninfo};
};

} // namespace switchboard::test
