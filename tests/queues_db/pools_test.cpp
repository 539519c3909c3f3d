#define CAF_SUITE queues_db.pools
#include <atomic>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <pqxx/pqxx>

#include "caf/test/unit_test.hpp"
#include <caf/actor_cast.hpp>
#include <caf/after.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/blocking_handler.hpp"
#include "actors/queues/worker_pool.hpp"
#include "persistence/job_listener.hpp"
#include "persistence/jobs_repo.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/pool_fixture.hpp"
#include "tests/support/wait_until.hpp"

using namespace switchboard;
using namespace std::chrono_literals;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

/// How often each job id was run.
struct run_counts {
  std::mutex mtx;
  std::map<std::string, int> runs;

  void add(const std::string& id) {
    std::lock_guard<std::mutex> guard{mtx};
    ++runs[id];
  }

  int of(const std::string& id) {
    std::lock_guard<std::mutex> guard{mtx};
    return runs[id];
  }

  size_t size() {
    std::lock_guard<std::mutex> guard{mtx};
    return runs.size();
  }
};

// Fails the first `failures` attempts of every job, then completes.
job_handler_actor::behavior_type flaky(job_handler_actor::pointer,
                                       std::shared_ptr<run_counts> counts,
                                       int failures) {
  return {
      [counts, failures](run_job_atom, const job& x) {
        counts->add(x.id);
        if (counts->of(x.id) <= failures) return job_retry("flaky");
        return job_completed();
      },
  };
}

/// Jobs in the slow handler at once, and the most seen.
struct in_flight {
  int now = 0;
  int most = 0;
};

// Holds each job for 1 ms (its answer a message to itself), so that jobs
// overlap in the handler and the pool's bound shows in `seen->most`.
caf::behavior slow(caf::event_based_actor* self,
                   std::shared_ptr<run_counts> counts,
                   std::shared_ptr<in_flight> seen) {
  // Every job waits the same 1 ms, so they are answered in arrival order.
  auto held = std::make_shared<std::deque<caf::response_promise>>();
  return {
      [=](run_job_atom, const job& x) {
        counts->add(x.id);
        seen->most = std::max(seen->most, ++seen->now);
        held->push_back(self->make_response_promise());
        self->delayed_send(self, 1ms, caf::ok_atom_v);
        return held->back();
      },
      [=](caf::ok_atom) {
        --seen->now;
        auto rp = held->front();
        held->pop_front();
        rp.deliver(job_completed());
      },
  };
}

struct fixture : test::jobs_database, test::pool_fixture {
  fixture() {
    start_pool(test::test_pool_options(jobs_database::conninfo, 4));
  }

  ~fixture() {
    for (auto& x : pools)
      caf::anon_send_exit(x, caf::exit_reason::kill);
    if (listener) caf::anon_send_exit(listener, caf::exit_reason::kill);
  }

  worker_pool_options options(uint32_t concurrency = 4) {
    worker_pool_options opts;
    opts.queue = "q";
    opts.worker = "it";
    opts.concurrency = concurrency;
    opts.claim_batch = 50;
    opts.heartbeat = 1s;
    opts.drain = 100ms;
    auto db = pool;
    opts.database = [db] {
      return db;
    };
    opts.handlers["noop"] = [](caf::actor_system& sys) {
      return make_noop_handler(sys);
    };
    return opts;
  }

  void with_listener(worker_pool_options& opts) {
    if (!listener) {
      persistence::job_listener_options l;
      l.conninfo = jobs_database::conninfo;
      l.reconnect_delay = [](uint32_t) -> caf::timespan {
        return 20ms;
      };
      listener = caf::actor_cast<caf::actor>(
          persistence::spawn_job_listener(sys, l));
    }
    auto l = listener;
    opts.listener = [l] {
      return l;
    };
  }

  worker_pool_actor start(worker_pool_options opts) {
    auto result = spawn_worker_pool(sys, std::move(opts));
    pools.push_back(result);
    return result;
  }

  std::vector<std::string> enqueue(size_t n, new_job x) {
    x.queue = "q";
    if (x.kind.empty()) x.kind = "noop";
    std::vector<new_job> batch(n, x);
    std::vector<std::string> ids;
    for (auto& r : jobs_repo::enqueue(conn, batch))
      ids.push_back(r.value.id);
    return ids;
  }

  job reload(const std::string& id) {
    auto x = jobs_repo::get(conn, id);
    if (!x) throw std::logic_error("job vanished");
    return *x;
  }

  int64_t count(const std::string& state) {
    pqxx::read_transaction tx{conn};
    return tx
        .exec_params1("SELECT count(*) FROM jobs WHERE state = $1", state)[0]
        .as<int64_t>();
  }

  // Connections whose last statement was a LISTEN: the listener's.
  int64_t listening() {
    pqxx::read_transaction tx{conn};
    return tx
        .exec1("SELECT count(*) FROM pg_stat_activity"
               " WHERE datname = current_database()"
               " AND query ILIKE 'LISTEN%'")[0]
        .as<int64_t>();
  }

  pool_stats stats(const worker_pool_actor& x) {
    pool_stats result;
    self->request(x, 5s, caf::get_atom_v, stats_atom_v)
        .receive(
            [&](pool_stats& s) {
              result = s;
            },
            [](caf::error&) {});
    return result;
  }

  bool request_ok(const worker_pool_actor& x, bool pause) {
    bool ok = false;
    auto handle = [&](caf::ok_atom) {
      ok = true;
    };
    auto fail = [](caf::error&) {};
    if (pause)
      self->request(x, 5s, pause_atom_v).receive(handle, fail);
    else
      self->request(x, 5s, resume_atom_v).receive(handle, fail);
    return ok;
  }

  std::vector<worker_pool_actor> pools;
  caf::actor listener;
};

// A handler whose jobs run until `gate` opens (a job stuck in its work).
handler_factory gated_handler(std::shared_future<void> gate) {
  return [gate](caf::actor_system& sys) {
    return make_blocking_handler(sys, [gate](const job&) {
      gate.wait();
      return job_completed();
    });
  };
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(pools_tests, fixture)

CAF_TEST(every job enqueued is run once and completed) {
  auto counts = std::make_shared<run_counts>();
  auto opts = options(10);
  opts.handlers["count"] = [counts](caf::actor_system& sys) {
    return sys.spawn(flaky, counts, 0);
  };
  new_job x;
  x.kind = "count";
  auto ids = enqueue(500, x);
  start(opts);
  CAF_REQUIRE(test::wait_until(
      [&] {
        return count("completed") == 500;
      },
      20s));
  CAF_CHECK_EQUAL(counts->size(), 500u);
  for (auto& id : ids) {
    CAF_CHECK_EQUAL(counts->of(id), 1);
    CAF_CHECK_EQUAL(reload(id).attempts, 1);
  }
}

// Two round trips in flight: the outcomes of one half of the slots are
// written while the other half runs; still each job once, and never more
// than concurrency jobs in the handler.
CAF_TEST(with two trips in flight every job runs once within concurrency) {
  auto counts = std::make_shared<run_counts>();
  auto seen = std::make_shared<in_flight>();
  auto opts = options(8);
  opts.trips_in_flight = 2;
  opts.handlers["slow"] = [counts, seen](caf::actor_system& sys) {
    return caf::actor_cast<job_handler_actor>(sys.spawn(slow, counts, seen));
  };
  new_job x;
  x.kind = "slow";
  auto ids = enqueue(400, x);
  start(opts);
  CAF_REQUIRE(test::wait_until(
      [&] {
        return count("completed") == 400;
      },
      30s));
  CAF_CHECK_EQUAL(counts->size(), 400u);
  for (auto& id : ids)
    CAF_CHECK_EQUAL(counts->of(id), 1);
  CAF_CHECK_LESS_OR_EQUAL(seen->most, 8);
  CAF_CHECK_GREATER(seen->most, 1);
}

CAF_TEST(a job failing twice then succeeding ends completed after 3 attempts) {
  auto counts = std::make_shared<run_counts>();
  auto opts = options();
  opts.handlers["flaky"] = [counts](caf::actor_system& sys) {
    return sys.spawn(flaky, counts, 2);
  };
  new_job x;
  x.kind = "flaky";
  x.max_attempts = 4;
  x.backoff = {"exponential", 20, false};
  auto id = enqueue(1, x).at(0);
  start(opts);
  CAF_REQUIRE(test::wait_until(
      [&] {
        return reload(id).state == "completed";
      },
      10s));
  auto done = reload(id);
  CAF_CHECK_EQUAL(done.attempts, 3);
  CAF_CHECK_EQUAL(done.last_error, "flaky");
  CAF_CHECK_EQUAL(counts->of(id), 3);
}

CAF_TEST(a job past its timeout counts as a failed attempt) {
  auto opts = options();
  // The job runs until the test ends: far past its 50 ms timeout.
  auto release = std::make_shared<std::promise<void>>();
  opts.handlers["slow"] = gated_handler(release->get_future().share());
  new_job x;
  x.kind = "slow";
  x.timeout_ms = 50;
  auto id = enqueue(1, x).at(0);
  start(opts);
  CAF_REQUIRE(test::wait_until(
      [&] {
        return reload(id).state == "dead";
      },
      10s));
  auto dead = reload(id);
  CAF_CHECK_EQUAL(dead.attempts, 1);
  CAF_CHECK_EQUAL(dead.last_error, "timeout after 50 ms");
  release->set_value();
}

CAF_TEST(a NOTIFY wakes an idle pool) {
  auto opts = options();
  with_listener(opts);
  auto p = start(opts);
  // Idle: its first look found nothing, so no timer is due.
  CAF_REQUIRE(test::wait_until([&] {
    return stats(p).worker != "";
  }));
  CAF_REQUIRE(test::wait_until([&] {
    return listening() == 1;
  }));
  auto id = enqueue(1, new_job{}).at(0);
  CAF_CHECK(test::wait_until(
      [&] {
        return reload(id).state == "completed";
      },
      2s));
}

// A NOTIFY the listener read before a pool's subscription arrived was never
// forwarded: the listener wakes each new subscriber once, so a job enqueued
// between the pool's first look and its subscription is not left waiting.
CAF_TEST(the listener wakes a pool once it is subscribed) {
  auto opts = options();
  with_listener(opts);
  // Connected: its wake-up of every pool after a connect is behind it.
  CAF_REQUIRE(test::wait_until([&] {
    return listening() == 1;
  }));
  caf::scoped_actor subscriber{sys};
  caf::anon_send(listener, subscribe_atom_v, std::string{"q"},
                 caf::actor_cast<caf::actor>(subscriber));
  bool woken = false;
  subscriber->receive(
      [&](wake_atom) {
        woken = true;
      },
      caf::after(std::chrono::seconds{10}) >> [] {});
  CAF_CHECK(woken);
}

CAF_TEST(pause stops claims and resume restarts them) {
  auto opts = options();
  with_listener(opts);
  auto p = start(opts);
  CAF_REQUIRE(request_ok(p, true));
  auto id = enqueue(1, new_job{}).at(0);
  CAF_CHECK(!test::wait_until(
      [&] {
        return reload(id).state != "waiting";
      },
      300ms));
  CAF_CHECK(stats(p).paused);
  CAF_REQUIRE(request_ok(p, false));
  CAF_CHECK(test::wait_until(
      [&] {
        return reload(id).state == "completed";
      },
      5s));
}

CAF_TEST(graceful shutdown releases unfinished jobs with the attempt back) {
  auto release = std::make_shared<std::promise<void>>();
  auto opts = options();
  opts.handlers["stuck"] = gated_handler(release->get_future().share());
  new_job x;
  x.kind = "stuck";
  auto id = enqueue(1, x).at(0);
  auto p = start(opts);
  CAF_REQUIRE(test::wait_until([&] {
    return stats(p).active == 1;
  }));
  self->monitor(p);
  caf::anon_send_exit(p, caf::exit_reason::user_shutdown);
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(5s) >> [] {});
  CAF_CHECK(down);
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "waiting");
  CAF_CHECK_EQUAL(after.attempts, 0);
  CAF_CHECK(after.locked_by.empty());
  release->set_value();
}

CAF_TEST(a rescued job cannot be completed by its old worker) {
  auto release = std::make_shared<std::promise<void>>();
  auto opts = options(1);
  opts.handlers["stuck"] = gated_handler(release->get_future().share());
  new_job x;
  x.kind = "stuck";
  auto id = enqueue(1, x).at(0);
  auto p = start(opts);
  CAF_REQUIRE(test::wait_until([&] {
    return reload(id).state == "active";
  }));
  {
    pqxx::work tx{conn};
    tx.exec("UPDATE jobs SET locked_until = now() - interval '1 second'");
    tx.commit();
  }
  CAF_CHECK_EQUAL(jobs_repo::rescue_expired(conn), 1u);
  CAF_CHECK_EQUAL(reload(id).state, "dead");
  release->set_value();
  CAF_REQUIRE(test::wait_until([&] {
    return stats(p).processed == 1;
  }));
  // The complete of the old owner was sent and changed nothing.
  CAF_CHECK(test::wait_until([&] {
    return stats(p).active == 0;
  }));
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "dead");
  CAF_CHECK_EQUAL(after.last_error, "lock expired");
}

CAF_TEST_FIXTURE_SCOPE_END()
