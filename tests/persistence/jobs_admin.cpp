#define CAF_SUITE persistence.jobs.admin
#include <chrono>
#include <cmath>
#include <pqxx/pqxx>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "persistence/jobs_repo.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::pg_harness;
using switchboard::test::throws;

namespace {

struct fixture : test::jobs_database {
  std::vector<std::string> add(const std::string& queue, size_t n,
                               int32_t max_attempts = 1) {
    new_job x;
    x.queue = queue;
    x.kind = "k";
    x.max_attempts = max_attempts;
    std::vector<std::string> ids;
    for (auto& r : jobs_repo::enqueue(conn, std::vector<new_job>(n, x)))
      ids.push_back(r.value.id);
    return ids;
  }

  // Claims `n` jobs of `queue` and completes them.
  std::vector<std::string> complete(const std::string& queue, size_t n) {
    std::vector<job_completion> done;
    for (auto& j : jobs_repo::claim(conn, queue, "w", n, 30s))
      done.push_back({j.id, {}});
    return jobs_repo::complete(conn, "w", done);
  }

  void exec(const std::string& sql, const std::string& id) {
    pqxx::work tx{conn};
    tx.exec_params(sql, id);
    tx.commit();
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(jobs_admin_tests, fixture)

CAF_TEST(a dead job is retried with fresh attempts) {
  auto id = add("q", 1).at(0);
  auto claimed = jobs_repo::claim(conn, "q", "w", 1, 30s);
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  CAF_REQUIRE(jobs_repo::fail(conn, "w", id, "boom", std::nullopt));
  CAF_CHECK_EQUAL(jobs_repo::get(conn, id)->state, "dead");
  CAF_CHECK(jobs_repo::retry(conn, id));
  auto back = *jobs_repo::get(conn, id);
  CAF_CHECK_EQUAL(back.state, "waiting");
  CAF_CHECK_EQUAL(back.attempts, 0);
  CAF_CHECK_EQUAL(back.last_error, "boom");
  CAF_CHECK(!back.finished_at);
  CAF_MESSAGE("only failed or dead jobs are retried");
  CAF_CHECK(!jobs_repo::retry(conn, id));
  CAF_CHECK(!jobs_repo::retry(conn, "987654"));
  CAF_CHECK(!jobs_repo::retry(conn, "x1"));
  CAF_CHECK_EQUAL(jobs_repo::claim(conn, "q", "w", 1, 30s).size(), 1u);
}

CAF_TEST(remove deletes any job but an active one) {
  auto ids = add("q", 2);
  auto claimed = jobs_repo::claim(conn, "q", "w", 1, 30s);
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  CAF_REQUIRE_EQUAL(claimed[0].id, ids[0]);
  CAF_CHECK(jobs_repo::remove(conn, ids[0])
            == jobs_repo::remove_outcome::active);
  CAF_CHECK(jobs_repo::remove(conn, ids[1])
            == jobs_repo::remove_outcome::removed);
  CAF_CHECK(jobs_repo::remove(conn, ids[1])
            == jobs_repo::remove_outcome::not_found);
  CAF_CHECK(jobs_repo::remove(conn, "garbage")
            == jobs_repo::remove_outcome::not_found);
  CAF_CHECK(!jobs_repo::get(conn, ids[1]));
  CAF_CHECK(jobs_repo::get(conn, ids[0]));
}

CAF_TEST(clean and prune delete by age and state) {
  add("q", 3);
  auto done = complete("q", 3);
  CAF_REQUIRE_EQUAL(done.size(), 3u);
  auto dead = add("q", 1).at(0);
  jobs_repo::claim(conn, "q", "w", 1, 30s);
  jobs_repo::fail(conn, "w", dead, "x", std::nullopt);
  auto age = "UPDATE jobs SET finished_at = now() - interval '2 hours'"
             " WHERE id = $1";
  exec(age, done[0]);
  exec(age, done[1]);
  exec(age, dead);
  CAF_CHECK_EQUAL(jobs_repo::clean(conn, "q", "completed", 1h), 2u);
  CAF_CHECK(!jobs_repo::get(conn, done[0]));
  CAF_CHECK(jobs_repo::get(conn, done[2]));
  CAF_CHECK_EQUAL(jobs_repo::clean(conn, "other", "dead", 1h), 0u);
  CAF_CHECK(throws<std::invalid_argument>([&] {
    jobs_repo::clean(conn, "q", "bogus", 1h);
  }));
  CAF_CHECK(throws<std::invalid_argument>([&] {
    jobs_repo::clean(conn, "q", "active", 1h);
  }));
  CAF_MESSAGE("pruning takes old completed jobs only, freeing their keys");
  new_job keyed;
  keyed.queue = "q";
  keyed.kind = "k";
  keyed.unique_key = "cron-1";
  auto key_id = jobs_repo::enqueue(conn, {keyed})[0].value.id;
  CAF_REQUIRE_EQUAL(complete("q", 1).size(), 1u);
  exec(age, key_id);
  CAF_CHECK_EQUAL(jobs_repo::prune_completed(conn, 1h), 1u);
  CAF_CHECK(jobs_repo::get(conn, done[2]));
  CAF_CHECK_EQUAL(jobs_repo::get(conn, dead)->state, "dead");
  auto again = jobs_repo::enqueue(conn, {keyed})[0];
  CAF_CHECK(again.created);
  CAF_CHECK_NOT_EQUAL(again.value.id, key_id);
  CAF_CHECK_EQUAL(jobs_repo::clean(conn, "q", "dead", 1h), 1u);
}

CAF_TEST(stats count states and measure recent jobs) {
  add("s", 4, 3);
  new_job later;
  later.queue = "s";
  later.kind = "k";
  later.delay_ms = 60'000;
  jobs_repo::enqueue(conn, {later});
  auto done = complete("s", 2);
  CAF_REQUIRE_EQUAL(done.size(), 2u);
  exec("UPDATE jobs SET finished_at = started_at + interval '100 ms'"
       " WHERE id = $1",
       done[0]);
  exec("UPDATE jobs SET finished_at = started_at + interval '300 ms'"
       " WHERE id = $1",
       done[1]);
  auto two = jobs_repo::claim(conn, "s", "w", 2, 30s);
  CAF_REQUIRE_EQUAL(two.size(), 2u);
  jobs_repo::fail(conn, "w", two[0].id, "x", caf::make_timestamp() + 1h);
  auto dead = add("s", 1, 1).at(0);
  jobs_repo::claim(conn, "s", "w", 1, 30s);
  jobs_repo::fail(conn, "w", dead, "x", caf::make_timestamp() + 1h);
  auto x = jobs_repo::stats(conn, "s");
  CAF_CHECK_EQUAL(x.queue, "s");
  CAF_CHECK_EQUAL(x.waiting, 0);
  CAF_CHECK_EQUAL(x.delayed, 1);
  CAF_CHECK_EQUAL(x.active, 1);
  CAF_CHECK_EQUAL(x.completed, 2);
  CAF_CHECK_EQUAL(x.failed, 1);
  CAF_CHECK_EQUAL(x.dead, 1);
  CAF_CHECK(!x.paused);
  CAF_CHECK_EQUAL(x.p50_ms, 200.0);
  CAF_CHECK_LESS(std::abs(x.p95_ms - 290.0), 1e-6);
  CAF_CHECK_EQUAL(x.recent_finished, 3);
  CAF_CHECK_EQUAL(x.success_rate, 2.0 / 3.0);
  add("t", 1);
  jobs_repo::pause(conn, "u");
  auto all = jobs_repo::stats_all(conn);
  CAF_REQUIRE_EQUAL(all.size(), 3u);
  CAF_CHECK_EQUAL(all[0].queue, "s");
  CAF_CHECK_EQUAL(all[1].waiting, 1);
  CAF_CHECK(all[2].paused);
  CAF_CHECK_EQUAL(all[2].success_rate, 1.0);
}

CAF_TEST(lists page by state with an id cursor) {
  auto ids = add("l", 5);
  add("other", 2);
  complete("l", 1);
  auto page = jobs_repo::list(conn, "l", "waiting", "", 2);
  CAF_REQUIRE_EQUAL(page.size(), 2u);
  CAF_CHECK_EQUAL(page[0].id, ids[1]);
  CAF_CHECK_EQUAL(page[1].id, ids[2]);
  page = jobs_repo::list(conn, "l", "waiting", page.back().id, 2);
  CAF_REQUIRE_EQUAL(page.size(), 2u);
  CAF_CHECK_EQUAL(page[0].id, ids[3]);
  CAF_CHECK_EQUAL(page[1].id, ids[4]);
  CAF_CHECK(jobs_repo::list(conn, "l", "waiting", page.back().id, 2).empty());
  CAF_CHECK_EQUAL(jobs_repo::list(conn, "l", "", "", 100).size(), 5u);
  auto completed = jobs_repo::list(conn, "l", "completed", "", 10);
  CAF_REQUIRE_EQUAL(completed.size(), 1u);
  CAF_CHECK_EQUAL(completed[0].id, ids[0]);
  CAF_CHECK(throws<std::invalid_argument>([&] {
    jobs_repo::list(conn, "l", "nope", "", 10);
  }));
}

CAF_TEST_FIXTURE_SCOPE_END()
