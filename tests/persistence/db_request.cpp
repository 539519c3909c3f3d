#define CAF_SUITE persistence.db_request
#include "persistence/db_request.hpp"

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;

namespace {

// A domain type with no CAF type ID: it travels boxed.
struct account_row {
  std::string id;
  int64_t polls = 0;
};

struct fixture : test::pool_fixture {
  fixture() {
    conninfo = pg_harness::get().fresh_database("request");
    start_pool(test::test_pool_options(conninfo, 1));
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(db_request_tests, fixture)

CAF_TEST(db_call returns values with and without a type id) {
  auto n = db_call(self, pool, "count", [](pqxx::connection_base& conn) {
    pqxx::read_transaction tx{conn};
    return tx.exec1("SELECT 40 + 2")[0].as<int64_t>();
  });
  CAF_REQUIRE(n);
  CAF_CHECK_EQUAL(*n, 42);
  auto rows = db_call(self, pool, "rows", [](pqxx::connection_base& conn) {
    pqxx::read_transaction tx{conn};
    std::vector<account_row> out;
    for (auto row :
         tx.exec("SELECT 'acc-' || g, g FROM generate_series(1, 3) g"))
      out.push_back({row[0].as<std::string>(), row[1].as<int64_t>()});
    return out;
  });
  CAF_REQUIRE(rows);
  CAF_REQUIRE_EQUAL(rows->size(), 3u);
  CAF_CHECK_EQUAL((*rows)[2].id, "acc-3");
  CAF_CHECK_EQUAL((*rows)[2].polls, 3);
}

CAF_TEST(db_call of a void task reports success or the error) {
  auto created = db_call(self, pool, "create", [](pqxx::connection_base& c) {
    pqxx::work tx{c};
    tx.exec("CREATE TABLE t (id int)");
    tx.commit();
  });
  CAF_CHECK(created);
  auto again = db_call(self, pool, "create", [](pqxx::connection_base& c) {
    pqxx::work tx{c};
    tx.exec("CREATE TABLE t (id int)");
    tx.commit();
  });
  CAF_REQUIRE(!again);
  CAF_CHECK_EQUAL(again.error().code(),
                  static_cast<uint8_t>(errc::db_query_failed));
}

CAF_TEST(db_request answers inside the calling actor) {
  auto me = caf::actor_cast<caf::actor>(self);
  auto db = pool;
  sys.spawn([=](caf::event_based_actor* client) {
    db_request(
        client, db, "sum",
        [](pqxx::connection_base& conn) {
          pqxx::read_transaction tx{conn};
          return account_row{"sum", tx.exec1("SELECT 2 + 3")[0].as<int64_t>()};
        },
        [=](account_row row) {
          client->send(me, row.polls);
          db_request(
              client, db, "fail",
              [](pqxx::connection_base& conn) {
                pqxx::work tx{conn};
                tx.exec("SELECT * FROM missing_table");
              },
              [=] {
                client->send(me, int64_t{-1});
              },
              [=](const caf::error& err) {
                client->send(me, err);
              });
        },
        [=](const caf::error& err) {
          client->send(me, err);
        });
  });
  int64_t sum = 0;
  caf::error err;
  self->receive(
      [&](int64_t x) {
        sum = x;
      },
      caf::after(10s) >>
          [] {
            CAF_FAIL("no value");
          });
  self->receive(
      [&](caf::error& x) {
        err = x;
      },
      caf::after(10s) >>
          [] {
            CAF_FAIL("no error");
          });
  CAF_CHECK_EQUAL(sum, 5);
  CAF_CHECK_EQUAL(err.code(), static_cast<uint8_t>(errc::db_query_failed));
}

CAF_TEST(a short caller timeout fires even if the pool is slow) {
  auto result = db_call(
      self, pool, "sleep",
      [](pqxx::connection_base& conn) {
        pqxx::nontransaction tx{conn};
        tx.exec("SELECT pg_sleep(0.5)");
      },
      db_request_options{50ms, false});
  CAF_REQUIRE(!result);
  CAF_CHECK(result.error() == caf::sec::request_timeout);
}

CAF_TEST_FIXTURE_SCOPE_END()
