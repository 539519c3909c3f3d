#define CAF_SUITE persistence.jobs.ownership
#include <chrono>
#include <pqxx/pqxx>

#include "caf/test/unit_test.hpp"

#include "persistence/jobs_repo.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/pg_harness.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::pg_harness;

namespace {

struct fixture : test::jobs_database {
  // Enqueues one job and claims it for `worker`.
  job claimed(const std::string& worker, int32_t max_attempts = 3) {
    new_job x;
    x.queue = "q";
    x.kind = "k";
    x.max_attempts = max_attempts;
    jobs_repo::enqueue(conn, {x});
    auto got = jobs_repo::claim(conn, "q", worker, 1, 30s);
    if (got.size() != 1) throw std::logic_error("nothing claimed");
    return got[0];
  }

  void expire_locks() {
    pqxx::work tx{conn};
    tx.exec("UPDATE jobs SET locked_until = now() - interval '1 second'"
            " WHERE state = 'active'");
    tx.commit();
  }

  job reload(const std::string& id) {
    auto x = jobs_repo::get(conn, id);
    if (!x) throw std::logic_error("job vanished");
    return *x;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(jobs_ownership_tests, fixture)

CAF_TEST(only the owner changes an active job) {
  auto j = claimed("owner");
  auto later = caf::make_timestamp() + 1min;
  CAF_CHECK(jobs_repo::complete(conn, "thief", {{j.id, "{}"}}).empty());
  CAF_CHECK(!jobs_repo::fail(conn, "thief", j.id, "boom", later));
  CAF_CHECK(!jobs_repo::snooze(conn, "thief", j.id, later));
  CAF_CHECK(!jobs_repo::progress(conn, "thief", j.id, "{\"pct\": 1}"));
  CAF_CHECK(jobs_repo::heartbeat(conn, "thief", {j.id}, 30s).empty());
  CAF_CHECK_EQUAL(reload(j.id).state, "active");
  CAF_CHECK_EQUAL(reload(j.id).locked_by, "owner");
  CAF_MESSAGE("the owner can");
  CAF_CHECK(jobs_repo::progress(conn, "owner", j.id, "{\"pct\": 50}"));
  CAF_CHECK_EQUAL(reload(j.id).progress, "{\"pct\": 50}");
  auto beat
      = jobs_repo::heartbeat(conn, "owner", {j.id, "nope", "424242"}, 10min);
  CAF_REQUIRE_EQUAL(beat.size(), 1u);
  CAF_CHECK_EQUAL(beat[0], j.id);
  CAF_CHECK_GREATER(*reload(j.id).locked_until, caf::make_timestamp() + 5min);
  auto done = jobs_repo::complete(conn, "owner", {{j.id, "{\"ok\": true}"}});
  CAF_REQUIRE_EQUAL(done.size(), 1u);
  auto after = reload(j.id);
  CAF_CHECK_EQUAL(after.state, "completed");
  CAF_CHECK_EQUAL(after.result, "{\"ok\": true}");
  CAF_CHECK(after.finished_at);
  CAF_CHECK(after.locked_by.empty());
  CAF_MESSAGE("a completed job cannot be completed again");
  CAF_CHECK(jobs_repo::complete(conn, "owner", {{j.id, {}}}).empty());
}

CAF_TEST(an expired lock is rescued and its old owner is refused) {
  auto j = claimed("old", 3);
  CAF_CHECK_EQUAL(jobs_repo::rescue_expired(conn), 0u);
  expire_locks();
  CAF_CHECK_EQUAL(jobs_repo::rescue_expired(conn), 1u);
  auto back = reload(j.id);
  CAF_CHECK_EQUAL(back.state, "waiting");
  CAF_CHECK_EQUAL(back.attempts, 1);
  CAF_CHECK(back.locked_by.empty());
  CAF_CHECK_EQUAL(back.last_error, "lock expired");
  CAF_CHECK(jobs_repo::complete(conn, "old", {{j.id, {}}}).empty());
  CAF_CHECK(jobs_repo::heartbeat(conn, "old", {j.id}, 30s).empty());
  CAF_MESSAGE("a new owner takes it with the next attempt");
  auto again = jobs_repo::claim(conn, "q", "new", 1, 30s);
  CAF_REQUIRE_EQUAL(again.size(), 1u);
  CAF_CHECK_EQUAL(again[0].attempts, 2);
  CAF_CHECK(!jobs_repo::fail(conn, "old", j.id, "late", std::nullopt));
  CAF_CHECK_EQUAL(jobs_repo::complete(conn, "new", {{j.id, {}}}).size(), 1u);
}

CAF_TEST(a rescued job without attempts left is dead) {
  auto j = claimed("w", 1);
  expire_locks();
  CAF_CHECK_EQUAL(jobs_repo::rescue_expired(conn), 1u);
  CAF_CHECK_EQUAL(reload(j.id).state, "dead");
  CAF_CHECK(jobs_repo::claim(conn, "q", "w", 1, 30s).empty());
}

CAF_TEST(a snooze gives the attempt back) {
  auto j = claimed("w");
  CAF_CHECK_EQUAL(j.attempts, 1);
  auto until = caf::make_timestamp() + 1min;
  CAF_CHECK(jobs_repo::snooze(conn, "w", j.id, until));
  auto snoozed = reload(j.id);
  CAF_CHECK_EQUAL(snoozed.state, "delayed");
  CAF_CHECK_EQUAL(snoozed.attempts, 0);
  CAF_CHECK(snoozed.locked_by.empty());
  CAF_CHECK(jobs_repo::claim(conn, "q", "w", 1, 30s).empty());
  CAF_MESSAGE("a snooze into the past makes it waiting at once");
  {
    pqxx::work tx{conn};
    tx.exec("UPDATE jobs SET run_at = now() - interval '1 second'");
    tx.commit();
  }
  auto again = jobs_repo::claim(conn, "q", "w", 1, 30s);
  CAF_REQUIRE_EQUAL(again.size(), 1u);
  CAF_CHECK_EQUAL(again[0].attempts, 1);
  CAF_CHECK(jobs_repo::snooze(conn, "w", j.id, caf::make_timestamp() - 1s));
  CAF_CHECK_EQUAL(reload(j.id).state, "waiting");
  CAF_CHECK_EQUAL(reload(j.id).attempts, 0);
}

CAF_TEST(a failure retries while attempts last then dies) {
  auto j = claimed("w", 2);
  auto retry_at = caf::make_timestamp() - 1s;
  auto failed = jobs_repo::fail(conn, "w", j.id, "timeout", retry_at);
  CAF_REQUIRE(failed);
  CAF_CHECK_EQUAL(failed->state, "failed");
  CAF_CHECK_EQUAL(failed->last_error, "timeout");
  CAF_CHECK_EQUAL(
      failed->run_at,
      caf::timestamp{std::chrono::duration_cast<std::chrono::microseconds>(
          retry_at.time_since_epoch())});
  CAF_CHECK(failed->locked_by.empty());
  auto again = jobs_repo::claim(conn, "q", "w", 1, 30s);
  CAF_REQUIRE_EQUAL(again.size(), 1u);
  CAF_CHECK_EQUAL(again[0].attempts, 2);
  auto dead = jobs_repo::fail(conn, "w", j.id, "timeout again", retry_at);
  CAF_REQUIRE(dead);
  CAF_CHECK_EQUAL(dead->state, "dead");
  CAF_CHECK_EQUAL(dead->last_error, "timeout again");
  CAF_MESSAGE("without a retry time a failure is final");
  auto k = claimed("w", 5);
  auto final_failure
      = jobs_repo::fail(conn, "w", k.id, "bad input", std::nullopt);
  CAF_REQUIRE(final_failure);
  CAF_CHECK_EQUAL(final_failure->state, "dead");
  CAF_CHECK(!jobs_repo::fail(conn, "w", "nope", "x", std::nullopt));
}

CAF_TEST_FIXTURE_SCOPE_END()
