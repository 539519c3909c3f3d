#define CAF_SUITE queues_procs.processes
// Two real worker processes (queue_worker_proc) on one database: the claim,
// the owner checks and the janitor's rescue across processes, including a
// kill -9 mid-run. Every job's handler inserts a row into job_runs, so the
// table shows how often each job ran and in which process.

#include <atomic>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "persistence/jobs_repo.hpp"
#include "tests/queues_procs/worker_process.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/wait_until.hpp"

using namespace switchboard;
using namespace std::chrono_literals;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

constexpr int64_t total_jobs = 10000;
// Jobs per round trip: the claim batch and the pool's default.
constexpr unsigned concurrency = 50;

struct fixture : test::jobs_database {
  fixture() {
    pqxx::work tx{conn};
    tx.exec("CREATE TABLE job_runs (job_id BIGINT NOT NULL,"
            " worker TEXT NOT NULL,"
            " ran_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
    tx.commit();
  }

  test::worker_process_options worker(const std::string& name,
                                      std::chrono::milliseconds lock) {
    // The application name tells the processes' sessions apart.
    return {conninfo + " application_name=" + name, "procs", name, concurrency,
            lock};
  }

  int64_t scalar(const std::string& sql) {
    pqxx::read_transaction tx{conn};
    return tx.exec1(sql)[0].as<int64_t>();
  }

  // Connections whose last statement was a LISTEN: one per live worker.
  bool listening(int64_t n) {
    return test::wait_until(
        [&] {
          return scalar("SELECT count(*) FROM pg_stat_activity"
                        " WHERE datname = current_database()"
                        " AND query ILIKE 'LISTEN%'")
                 == n;
        },
        20s);
  }

  // All jobs in one statement; a rescued job needs an attempt left.
  void enqueue_all() {
    new_job x;
    x.queue = "procs";
    x.kind = "record";
    x.max_attempts = 3;
    auto results
        = jobs_repo::enqueue(conn, std::vector<new_job>(total_jobs, x));
    CAF_REQUIRE_EQUAL(results.size(), static_cast<size_t>(total_jobs));
  }

  int64_t completed() {
    return scalar("SELECT count(*) FROM jobs WHERE state = 'completed'");
  }

  int64_t runs_by(const std::string& name) {
    pqxx::read_transaction tx{conn};
    return tx
        .exec_params1("SELECT count(*) FROM job_runs WHERE worker = $1",
                      name)[0]
        .as<int64_t>();
  }

  // Job ids recorded more than once.
  std::set<int64_t> duplicates() {
    pqxx::read_transaction tx{conn};
    std::set<int64_t> result;
    for (auto row : tx.exec("SELECT job_id FROM job_runs GROUP BY job_id"
                            " HAVING count(*) > 1"))
      result.insert(row[0].as<int64_t>());
    return result;
  }
};

bool exited_cleanly(int status) {
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(processes_tests, fixture)

CAF_TEST(two processes run 10000 jobs each exactly once) {
  test::worker_process a{worker("proc_a", 2000ms)};
  test::worker_process b{worker("proc_b", 2000ms)};
  CAF_REQUIRE(listening(2));
  enqueue_all();
  CAF_REQUIRE(test::wait_until(
      [&] {
        return completed() == total_jobs;
      },
      120s));
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs"), total_jobs);
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM job_runs"), total_jobs);
  CAF_CHECK_EQUAL(scalar("SELECT count(DISTINCT job_id) FROM job_runs"),
                  total_jobs);
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs j WHERE NOT EXISTS"
                         " (SELECT 1 FROM job_runs r WHERE r.job_id = j.id)"),
                  0);
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs WHERE attempts <> 1"), 0);
  auto by_a = runs_by("proc_a");
  auto by_b = runs_by("proc_b");
  CAF_MESSAGE("proc_a ran " << by_a << " jobs, proc_b " << by_b);
  CAF_CHECK_GREATER(by_a, 0);
  CAF_CHECK_GREATER(by_b, 0);
  CAF_CHECK(exited_cleanly(a.terminate(10s)));
  CAF_CHECK(exited_cleanly(b.terminate(10s)));
}

CAF_TEST(kill - 9 of one process mid - run loses no job) {
  test::worker_process a{worker("proc_a", 2000ms)};
  test::worker_process b{worker("proc_b", 2000ms)};
  CAF_REQUIRE(listening(2));
  enqueue_all();
  CAF_REQUIRE(test::wait_until(
      [&] {
        return completed() >= 3000 && runs_by("proc_a") > 0
               && runs_by("proc_b") > 0;
      },
      120s));
  a.kill9();
  // Once its sessions ended (a statement sent before the kill may still
  // commit), what proc_a held stays frozen until its locks expire.
  CAF_REQUIRE(test::wait_until(
      [&] {
        return scalar("SELECT count(*) FROM pg_stat_activity"
                      " WHERE application_name = 'proc_a'")
               == 0;
      },
      10s));
  std::set<int64_t> held;
  {
    pqxx::read_transaction tx{conn};
    for (auto row : tx.exec("SELECT id FROM jobs WHERE state = 'active'"
                            " AND locked_by LIKE 'proc\\_a#%'"))
      held.insert(row[0].as<int64_t>());
  }
  auto at_kill = completed();
  CAF_MESSAGE("killed proc_a after " << at_kill << " completions holding "
                                     << held.size() << " jobs");
  CAF_REQUIRE_LESS(at_kill, total_jobs);
  CAF_CHECK_GREATER(held.size(), 0u);
  CAF_REQUIRE(test::wait_until(
      [&] {
        return completed() == total_jobs;
      },
      120s));
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs"), total_jobs);
  CAF_CHECK_EQUAL(scalar("SELECT count(DISTINCT job_id) FROM job_runs"),
                  total_jobs);
  // Only jobs proc_a was running at the kill ran twice (once there, once
  // after the rescue), and never more of them than its concurrency.
  auto twice = duplicates();
  CAF_MESSAGE(twice.size() << " jobs ran twice");
  CAF_CHECK_LESS_OR_EQUAL(twice.size(), concurrency);
  for (auto id : twice)
    CAF_CHECK(held.count(id) == 1);
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM job_runs"),
                  total_jobs + static_cast<int64_t>(twice.size()));
  // Every job proc_a held was rescued (attempt counted) and run again; no
  // job of the live proc_b was taken from it.
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs WHERE attempts = 2"),
                  static_cast<int64_t>(held.size()));
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs WHERE attempts > 2"), 0);
  CAF_CHECK(exited_cleanly(b.terminate(10s)));
}

CAF_TEST(a unique key enqueued concurrently from two connections is one job) {
  constexpr size_t keys = 200;
  auto keyed = [](const std::string& key) {
    new_job x;
    x.queue = "unique";
    x.kind = "record";
    x.unique_key = key;
    return x;
  };
  auto enqueue_keys = [&](std::vector<std::string>& ids,
                          std::vector<bool>& created, std::atomic<int>& ready) {
    pqxx::connection own{conninfo};
    ++ready;
    while (ready.load() < 2)
      std::this_thread::yield();
    auto add = [&](const enqueue_result& r) {
      ids.push_back(r.value.id);
      created.push_back(r.created);
    };
    // One statement per key, so the two connections interleave key by key.
    for (size_t i = 0; i < keys; ++i)
      add(jobs_repo::enqueue(own, {keyed("key-" + std::to_string(i))}).at(0));
    // Then every key in one statement: one waits on the other's keys.
    std::vector<new_job> bulk;
    for (size_t i = 0; i < keys; ++i)
      bulk.push_back(keyed("bulk-" + std::to_string(i)));
    for (auto& r : jobs_repo::enqueue(own, bulk))
      add(r);
  };
  std::vector<std::string> ids_a, ids_b;
  std::vector<bool> created_a, created_b;
  std::atomic<int> ready{0};
  std::thread ta{[&] {
    enqueue_keys(ids_a, created_a, ready);
  }};
  std::thread tb{[&] {
    enqueue_keys(ids_b, created_b, ready);
  }};
  ta.join();
  tb.join();
  CAF_REQUIRE_EQUAL(ids_a.size(), 2 * keys);
  CAF_REQUIRE_EQUAL(ids_b.size(), 2 * keys);
  size_t mismatched = 0;
  size_t created_twice_or_never = 0;
  for (size_t i = 0; i < 2 * keys; ++i) {
    if (ids_a[i] != ids_b[i]) ++mismatched;
    if (created_a[i] == created_b[i]) ++created_twice_or_never;
  }
  CAF_CHECK_EQUAL(mismatched, 0u);
  CAF_CHECK_EQUAL(created_twice_or_never, 0u);
  CAF_CHECK_EQUAL(scalar("SELECT count(*) FROM jobs WHERE queue = 'unique'"),
                  static_cast<int64_t>(2 * keys));
  size_t won_by_a = 0;
  for (bool x : created_a)
    won_by_a += x ? 1 : 0;
  CAF_MESSAGE("connection a created " << won_by_a << " of " << 2 * keys);
}

CAF_TEST_FIXTURE_SCOPE_END()
