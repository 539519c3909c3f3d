#define CAF_SUITE persistence.pool_restart
#include <pqxx/pqxx>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "messages/error.hpp"
#include "persistence/database_pool.hpp"
#include "persistence/db_request.hpp"
#include "tests/support/load_driver.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;

namespace {

constexpr uint32_t requests_per_phase = 1000;

// Each request inserts its own row. It is safe to run twice (a commit cut
// off by the restart is retried), so every request must end ok.
db_task insert_row(uint32_t id) {
  return make_db_task(
      "insert restart row",
      [id](pqxx::connection_base& conn) {
        pqxx::work tx{conn};
        tx.exec_params0("INSERT INTO restart_rows (id) VALUES ($1) "
                        "ON CONFLICT DO NOTHING",
                        id);
        tx.commit();
      },
      true);
}

struct fixture : test::pool_fixture {
  fixture() {
    conninfo = pg_harness::get().fresh_database("restart");
    pqxx::connection conn{conninfo};
    pqxx::nontransaction tx{conn};
    tx.exec("CREATE TABLE restart_rows (id int PRIMARY KEY)");
  }

  // Waits for one driver's (ok, failed) report.
  std::pair<uint32_t, uint32_t> report() {
    std::pair<uint32_t, uint32_t> result{0, 0};
    self->receive(
        [&](uint32_t ok, uint32_t failed) {
          result = {ok, failed};
        },
        caf::after(60s) >>
            [] {
              CAF_FAIL("no report from the load driver");
            });
    return result;
  }

  int64_t rows() {
    pqxx::connection conn{conninfo};
    pqxx::nontransaction tx{conn};
    return tx.exec1("SELECT count(*) FROM restart_rows")[0].as<int64_t>();
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(pool_restart_tests, fixture)

CAF_TEST(no request is lost when the server restarts mid load) {
  auto opts = test::test_pool_options(conninfo, 4);
  opts.settings.request_deadline_ms = 60000;
  start_pool(opts);
  auto& pg = pg_harness::get();
  auto me = caf::actor_cast<caf::actor>(self);
  CAF_MESSAGE("phase 1: load runs, then the server stops under it");
  test::spawn_task_driver(sys, pool, 0, requests_per_phase, insert_row, me,
                          120s);
  CAF_REQUIRE(wait_for_stats(
      [](const auto& s) {
        return s.served_total >= 100;
      },
      30s));
  pg.stop();
  CAF_MESSAGE("server stopped after " << stats().served_total << " answers");
  CAF_MESSAGE("phase 2: requests arrive while the server is down");
  test::spawn_task_driver(sys, pool, requests_per_phase, requests_per_phase,
                          insert_row, me, 120s);
  CAF_REQUIRE(wait_for_stats(
      [](const auto& s) {
        return s.connected == 0 && s.waiting > 0;
      },
      30s));
  CAF_MESSAGE("the server comes back; every request completes");
  pg.start();
  auto [ok1, failed1] = report();
  auto [ok2, failed2] = report();
  CAF_CHECK_EQUAL(ok1 + ok2, 2 * requests_per_phase);
  CAF_CHECK_EQUAL(failed1 + failed2, 0u);
  CAF_CHECK_EQUAL(rows(), 2 * requests_per_phase);
  CAF_CHECK(wait_for_stats(
      [](const auto& s) {
        return s.connected == 4;
      },
      10s));
  auto s = stats();
  CAF_CHECK_EQUAL(s.failed_total, 0u);
  CAF_CHECK_GREATER_OR_EQUAL(s.reconnects_total, 4u);
}

CAF_TEST_FIXTURE_SCOPE_END()
