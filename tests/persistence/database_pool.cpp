#define CAF_SUITE persistence.database_pool
#include "persistence/database_pool.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <pqxx/pqxx>
#include <prometheus/registry.h>
#include <stdexcept>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "messages/error.hpp"
#include "persistence/db_request.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;
using switchboard::test::test_pool_options;

namespace {

// A task that holds its connection until the test opens the gate, so the
// pool's queue can be filled deterministically.
struct gate {
  std::promise<void> open_promise;
  std::shared_future<void> opened = open_promise.get_future().share();
  std::shared_ptr<std::atomic<int>> entered
      = std::make_shared<std::atomic<int>>(0);
  bool is_open = false;

  ~gate() {
    open();
  }

  void open() {
    if (!std::exchange(is_open, true)) open_promise.set_value();
  }

  db_task task() {
    return make_db_task("wait at gate", [opened = opened, entered = entered](
                                            pqxx::connection_base&) {
      ++*entered;
      opened.wait();
      return int32_t{7};
    });
  }
};

db_task select_int(int32_t value) {
  return make_db_task("select int", [value](pqxx::connection_base& conn) {
    pqxx::nontransaction tx{conn};
    return tx.exec_params1("SELECT $1::int", value)[0].as<int32_t>();
  });
}

bool has_code(const caf::error& err, errc code) {
  return err.category() == caf::atom("sb")
         && err.code() == static_cast<uint8_t>(code);
}

struct fixture : test::pool_fixture {
  fixture() {
    conninfo = pg_harness::get().fresh_database("pool");
  }

  caf::expected<db_reply> exec(db_task task, caf::timespan timeout = 10s) {
    caf::expected<db_reply> result{caf::make_error(errc::internal)};
    self->request(pool, timeout, exec_atom_v, std::move(task))
        .receive(
            [&](db_reply& reply) {
              result = std::move(reply);
            },
            [&](caf::error& err) {
              result = std::move(err);
            });
    return result;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(database_pool_tests, fixture)

CAF_TEST(exec runs a task and returns its value) {
  start_pool(test_pool_options(conninfo, 2));
  auto reply = exec(select_int(42));
  CAF_REQUIRE(reply);
  CAF_REQUIRE(reply->value.match_elements<int32_t>());
  CAF_CHECK_EQUAL(reply->value.get_as<int32_t>(0), 42);
  auto s = stats();
  CAF_CHECK_EQUAL(s.size, 2u);
  CAF_CHECK_EQUAL(s.connected, 2u);
  CAF_CHECK_EQUAL(s.in_use, 0u);
  CAF_CHECK_EQUAL(s.waiting, 0u);
  CAF_CHECK_EQUAL(s.served_total, 1u);
  CAF_CHECK_EQUAL(s.failed_total, 0u);
}

CAF_TEST(statements and the connect hook are set up on every connection) {
  auto opts = test_pool_options(conninfo, 1);
  opts.statements = {{"plus_one", "SELECT $1::int + 1"}};
  opts.on_connect = [](pqxx::connection_base& conn) {
    pqxx::nontransaction tx{conn};
    tx.exec("SET application_name = 'sb_pool_test'");
  };
  start_pool(opts);
  auto check = make_db_task("prepared", [](pqxx::connection_base& conn) {
    pqxx::read_transaction tx{conn};
    auto sum = tx.exec_prepared1("plus_one", 41)[0].as<int32_t>();
    auto app = tx.exec1("SHOW application_name")[0].as<std::string>();
    return app == "sb_pool_test" ? sum : -1;
  });
  auto first = exec(check);
  CAF_REQUIRE(first);
  CAF_CHECK_EQUAL(first->value.get_as<int32_t>(0), 42);
  CAF_MESSAGE("after a server restart the new connection has them too");
  pg_harness::get().restart();
  auto again = exec(check, 20s);
  CAF_REQUIRE(again);
  CAF_CHECK_EQUAL(again->value.get_as<int32_t>(0), 42);
  CAF_CHECK_GREATER_OR_EQUAL(stats().reconnects_total, 1u);
}

CAF_TEST(ping reports a reachable database and its latency) {
  start_pool(test_pool_options(conninfo, 1));
  db_ping result;
  self->request(pool, 10s, caf::ping_atom_v)
      .receive(
          [&](db_ping& p) {
            result = p;
          },
          [&](caf::error& err) {
            CAF_FAIL(render(err));
          });
  CAF_CHECK(result.reachable);
  CAF_CHECK_GREATER(result.latency_us, 0);
  CAF_CHECK_LESS(result.latency_us, 10'000'000);
}

CAF_TEST(an sql error fails the request with its sqlstate only) {
  start_pool(test_pool_options(conninfo, 1));
  auto task = make_db_task("select missing", [](pqxx::connection_base& conn) {
    pqxx::work tx{conn};
    tx.exec("SELECT * FROM no_such_table");
  });
  auto reply = exec(task);
  CAF_REQUIRE(!reply);
  CAF_CHECK(has_code(reply.error(), errc::db_query_failed));
  auto context = caf::to_string(reply.error().context());
  CAF_CHECK_NOT_EQUAL(context.find("42P01"), std::string::npos);
  CAF_CHECK_EQUAL(context.find("no_such_table"), std::string::npos);
  CAF_MESSAGE("the connection stays usable");
  CAF_CHECK(exec(select_int(1)));
  CAF_CHECK_EQUAL(stats().failed_total, 1u);
}

CAF_TEST(a task that throws is reported as internal) {
  start_pool(test_pool_options(conninfo, 1));
  auto task = make_db_task("throws", [](pqxx::connection_base&) -> int {
    throw std::runtime_error("secret value 1234");
  });
  auto reply = exec(task);
  CAF_REQUIRE(!reply);
  CAF_CHECK(has_code(reply.error(), errc::internal));
  CAF_CHECK_EQUAL(caf::to_string(reply.error().context()).find("1234"),
                  std::string::npos);
  CAF_CHECK(exec(select_int(1)));
}

CAF_TEST(a full queue refuses at once with db_overloaded) {
  auto opts = test_pool_options(conninfo, 1);
  opts.settings.queue_limit = 2;
  start_pool(opts);
  gate g;
  auto blocked = self->request(pool, 10s, exec_atom_v, g.task());
  CAF_REQUIRE(test::wait_until(
      [&] {
        return *g.entered == 1;
      },
      10s));
  auto queued1 = self->request(pool, 10s, exec_atom_v, select_int(1));
  auto queued2 = self->request(pool, 10s, exec_atom_v, select_int(2));
  CAF_REQUIRE(wait_for_stats(
      [](const auto& s) {
        return s.waiting == 2;
      },
      10s));
  auto refused = exec(select_int(3));
  CAF_REQUIRE(!refused);
  CAF_CHECK(has_code(refused.error(), errc::db_overloaded));
  g.open();
  int answered = 0;
  for (auto* h : {&blocked, &queued1, &queued2})
    h->receive(
        [&](db_reply&) {
          ++answered;
        },
        [&](caf::error& err) {
          CAF_FAIL(render(err));
        });
  CAF_CHECK_EQUAL(answered, 3);
  auto s = stats();
  CAF_CHECK_EQUAL(s.served_total, 3u);
  CAF_CHECK_EQUAL(s.failed_total, 1u);
}

CAF_TEST(a request waiting past the deadline fails with db_timeout) {
  auto opts = test_pool_options(conninfo, 2);
  opts.settings.request_deadline_ms = 300;
  start_pool(opts);
  auto& pg = pg_harness::get();
  pg.stop();
  auto started = std::chrono::steady_clock::now();
  auto reply = exec(select_int(1));
  auto waited = std::chrono::steady_clock::now() - started;
  pg.start();
  CAF_REQUIRE(!reply);
  CAF_CHECK(has_code(reply.error(), errc::db_timeout));
  CAF_CHECK_GREATER_OR_EQUAL(waited, 300ms);
  CAF_CHECK_LESS(waited, 5s);
  CAF_MESSAGE("the pool reconnects when the server is back");
  CAF_CHECK(wait_for_stats(
      [](const auto& s) {
        return s.connected == 2;
      },
      10s));
  CAF_CHECK(exec(select_int(1)));
  CAF_CHECK_GREATER_OR_EQUAL(stats().reconnects_total, 1u);
}

CAF_TEST(stopping the pool fails queued requests with shutting_down) {
  start_pool(test_pool_options(conninfo, 1));
  gate g;
  auto running = self->request(pool, 10s, exec_atom_v, g.task());
  CAF_REQUIRE(test::wait_until(
      [&] {
        return *g.entered == 1;
      },
      10s));
  auto queued = self->request(pool, 10s, exec_atom_v, select_int(1));
  CAF_REQUIRE(wait_for_stats(
      [](const auto& s) {
        return s.waiting == 1;
      },
      10s));
  self->monitor(pool);
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  queued.receive(
      [](db_reply&) {
        CAF_FAIL("queued request ran");
      },
      [](caf::error& err) {
        CAF_CHECK(has_code(err, errc::shutting_down));
      });
  CAF_MESSAGE("the running task finishes and is answered");
  g.open();
  running.receive(
      [](db_reply& r) {
        CAF_CHECK(r.value.match_elements<int32_t>());
      },
      [](caf::error& err) {
        CAF_FAIL(render(err));
      });
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(10s) >> [] {});
  CAF_CHECK(down);
}

CAF_TEST(metrics follow the pool) {
  auto registry = std::make_shared<prometheus::Registry>();
  auto opts = test_pool_options(conninfo, 2);
  opts.metrics = registry.get();
  start_pool(opts);
  CAF_REQUIRE(exec(select_int(1)));
  auto failed = exec(make_db_task("bad", [](pqxx::connection_base& conn) {
    pqxx::work tx{conn};
    tx.exec("SELEC 1");
  }));
  CAF_REQUIRE(!failed);
  // Gauges are published after the request is answered; poll for them.
  auto value = [&](const std::string& name, const std::string& label) {
    for (auto& family : registry->Collect())
      if (family.name == name)
        for (auto& metric : family.metric)
          if (label.empty()
              || (!metric.label.empty() && metric.label[0].value == label))
            return family.type == prometheus::MetricType::Counter
                       ? metric.counter.value
                       : metric.gauge.value;
    return -1.0;
  };
  CAF_CHECK(test::wait_until(
      [&] {
        return value("switchboard_db_pool_connections", "idle") == 2.0;
      },
      10s));
  CAF_CHECK_EQUAL(value("switchboard_db_pool_connections", "in_use"), 0.0);
  CAF_CHECK_EQUAL(value("switchboard_db_pool_connections", "down"), 0.0);
  CAF_CHECK_EQUAL(value("switchboard_db_pool_waiting", ""), 0.0);
  CAF_CHECK_EQUAL(value("switchboard_db_requests_total", "ok"), 1.0);
  CAF_CHECK_EQUAL(value("switchboard_db_requests_total", "error"), 1.0);
  CAF_CHECK_EQUAL(value("switchboard_db_reconnects_total", ""), 0.0);
  // The pool writes to the registry until it is gone.
  stop_pool();
}

CAF_TEST_FIXTURE_SCOPE_END()
