#define CAF_SUITE persistence.batch_writer
#include "persistence/batch_writer.hpp"

#include <pqxx/pqxx>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "messages/error.hpp"
#include "tests/support/load_driver.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;

namespace {

db_row row(uint32_t id) {
  // Every tenth row has a NULL note.
  std::optional<std::string> note;
  if (id % 10 != 0) note = "note " + std::to_string(id);
  return db_row{{std::to_string(id), note, "{\"n\": 1}"}};
}

struct fixture : test::pool_fixture {
  fixture() {
    conninfo = pg_harness::get().fresh_database("writer");
    {
      pqxx::connection conn{conninfo};
      pqxx::nontransaction tx{conn};
      tx.exec("CREATE TABLE items (id bigint PRIMARY KEY, note text, "
              "detail jsonb NOT NULL)");
    }
    start_pool(test::test_pool_options(conninfo, 4));
  }

  ~fixture() {
    if (writer) caf::anon_send_exit(writer, caf::exit_reason::user_shutdown);
  }

  void spawn_writer(uint32_t max_rows, caf::timespan max_delay,
                    std::string table = "items") {
    batch_writer_options opts;
    opts.db = pool;
    opts.table = std::move(table);
    opts.columns = {"id", "note", "detail"};
    opts.conflict_clause = "ON CONFLICT (id) DO NOTHING";
    opts.max_rows = max_rows;
    opts.max_delay = max_delay;
    opts.idempotent = true;
    writer = spawn_batch_writer(sys, std::move(opts));
  }

  caf::expected<db_batch_result> put(db_row r) {
    caf::expected<db_batch_result> result{caf::make_error(errc::internal)};
    self->request(writer, 10s, caf::put_atom_v, std::move(r))
        .receive(
            [&](db_batch_result& x) {
              result = x;
            },
            [&](caf::error& err) {
              result = err;
            });
    return result;
  }

  db_writer_stats writer_stats() {
    db_writer_stats result;
    self->request(writer, 10s, caf::get_atom_v, stats_atom_v)
        .receive(
            [&](db_writer_stats& x) {
              result = x;
            },
            [&](caf::error& err) {
              CAF_FAIL(render(err));
            });
    return result;
  }

  int64_t count(const std::string& where = "true") {
    pqxx::connection conn{conninfo};
    pqxx::nontransaction tx{conn};
    return tx.exec1("SELECT count(*) FROM items WHERE " + where)[0]
        .as<int64_t>();
  }

  batch_writer_actor writer;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(batch_writer_tests, fixture)

CAF_TEST(many rows are written in few transactions) {
  constexpr uint32_t n = 10000;
  spawn_writer(500, 20ms);
  test::spawn_row_driver(sys, writer, 0, n, row,
                         caf::actor_cast<caf::actor>(self), 60s);
  uint32_t ok = 0;
  uint32_t failed = 0;
  self->receive(
      [&](uint32_t x, uint32_t y) {
        std::tie(ok, failed) = {x, y};
      },
      caf::after(60s) >>
          [] {
            CAF_FAIL("no report");
          });
  CAF_CHECK_EQUAL(ok, n);
  CAF_CHECK_EQUAL(failed, 0u);
  CAF_CHECK_EQUAL(count(), n);
  CAF_CHECK_EQUAL(count("note IS NULL"), n / 10);
  CAF_CHECK_EQUAL(count("(detail->>'n')::int = 1"), n);
  auto s = writer_stats();
  CAF_MESSAGE(n << " rows in " << s.batches << " batches");
  CAF_CHECK_LESS_OR_EQUAL(s.batches, n / 100);
  CAF_CHECK_EQUAL(s.rows_inserted, n);
  CAF_CHECK_EQUAL(s.rows_skipped, 0u);
  CAF_CHECK_EQUAL(s.failed_batches, 0u);
}

CAF_TEST(duplicates are skipped and counted) {
  spawn_writer(500, 20ms);
  for (uint32_t id = 0; id < 10; ++id)
    CAF_REQUIRE(put(row(id)));
  auto me = caf::actor_cast<caf::actor>(self);
  // Ids 5..14: five known, five new.
  test::spawn_row_driver(sys, writer, 5, 10, row, me, 10s);
  self->receive(
      [](uint32_t ok, uint32_t) {
        CAF_CHECK_EQUAL(ok, 10u);
      },
      caf::after(10s) >>
          [] {
            CAF_FAIL("no report");
          });
  auto s = writer_stats();
  CAF_CHECK_EQUAL(s.rows_received, 20u);
  CAF_CHECK_EQUAL(s.rows_inserted, 15u);
  CAF_CHECK_EQUAL(s.rows_skipped, 5u);
  CAF_CHECK_EQUAL(count(), 15);
}

CAF_TEST(a lone row is flushed after the delay and answered after commit) {
  spawn_writer(500, 50ms);
  auto started = std::chrono::steady_clock::now();
  auto result = put(row(77));
  auto waited = std::chrono::steady_clock::now() - started;
  CAF_REQUIRE(result);
  CAF_CHECK_EQUAL(result->rows, 1u);
  CAF_CHECK_EQUAL(result->inserted, 1u);
  CAF_CHECK_EQUAL(result->skipped, 0u);
  CAF_CHECK_GREATER_OR_EQUAL(waited, 50ms);
  CAF_MESSAGE("the answer came after the commit: another session sees it");
  CAF_CHECK_EQUAL(count("id = 77"), 1);
  CAF_CHECK_EQUAL(writer_stats().batches, 1u);
}

CAF_TEST(every waiter of a failed batch gets the error) {
  spawn_writer(3, 1s, "no_such_table");
  auto h1 = self->request(writer, 10s, caf::put_atom_v, row(1));
  auto h2 = self->request(writer, 10s, caf::put_atom_v, row(2));
  auto h3 = self->request(writer, 10s, caf::put_atom_v, row(3));
  int failures = 0;
  for (auto* h : {&h1, &h2, &h3})
    h->receive(
        [](db_batch_result&) {
          CAF_FAIL("batch succeeded");
        },
        [&](caf::error& err) {
          CAF_CHECK_EQUAL(err.code(),
                          static_cast<uint8_t>(errc::db_query_failed));
          ++failures;
        });
  CAF_CHECK_EQUAL(failures, 3);
  auto s = writer_stats();
  CAF_CHECK_EQUAL(s.failed_batches, 1u);
  CAF_CHECK_EQUAL(s.rows_failed, 3u);
}

CAF_TEST(a row of the wrong width is refused) {
  spawn_writer(500, 20ms);
  auto result = put(db_row{{std::string{"1"}}});
  CAF_REQUIRE(!result);
  CAF_CHECK_EQUAL(result.error().code(),
                  static_cast<uint8_t>(errc::invalid_argument));
  CAF_CHECK_EQUAL(writer_stats().rows_received, 0u);
}

CAF_TEST(stopping the writer flushes what it holds) {
  spawn_writer(500, 10s);
  for (uint32_t id = 0; id < 3; ++id)
    caf::anon_send(writer, caf::add_atom_v, row(id));
  CAF_REQUIRE(test::wait_until(
      [&] {
        return writer_stats().pending == 3;
      },
      10s));
  self->monitor(writer);
  caf::anon_send_exit(writer, caf::exit_reason::user_shutdown);
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(10s) >> [] {});
  CAF_CHECK(down);
  CAF_CHECK_EQUAL(count(), 3);
}

CAF_TEST_FIXTURE_SCOPE_END()
