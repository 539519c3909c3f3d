#define CAF_SUITE polling_db.failures
#include <chrono>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "persistence/poll_failures_repo.hpp"
#include "tests/polling_db/polling_database.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::throws;

namespace {

struct fixture : test::polling_database {
  poll_failure fail(const std::string& account, const std::string& error) {
    auto f = poll_failures_repo::record(conn, account, "transient", error, 4);
    if (!f) throw std::runtime_error("account missing");
    return *f;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(failures_tests, fixture)

CAF_TEST(a failed poll is recorded with its account platform) {
  connect("acc-1", "linkedin");
  auto f = fail("acc-1", "net_connection_reset");
  CAF_CHECK(!f.id.empty());
  CAF_CHECK_EQUAL(f.account_id, "acc-1");
  CAF_CHECK_EQUAL(f.platform, "linkedin");
  CAF_CHECK_EQUAL(f.error_kind, "transient");
  CAF_CHECK_EQUAL(f.error, "net_connection_reset");
  CAF_CHECK_EQUAL(f.attempts, 4);
  CAF_CHECK(!f.retried_at);
  CAF_CHECK(!poll_failures_repo::record(conn, "ghost", "transient", "x", 1));
}

CAF_TEST(failures list newest first up to a limit) {
  connect("acc-1");
  auto a = fail("acc-1", "first");
  auto b = fail("acc-1", "second");
  auto c = fail("acc-1", "third");
  auto all = poll_failures_repo::list(conn, 10);
  CAF_REQUIRE_EQUAL(all.size(), 3u);
  CAF_CHECK_EQUAL(all[0].id, c.id);
  CAF_CHECK_EQUAL(all[2].id, a.id);
  auto two = poll_failures_repo::list(conn, 2);
  CAF_REQUIRE_EQUAL(two.size(), 2u);
  CAF_CHECK_EQUAL(two[1].id, b.id);
  CAF_CHECK_EQUAL(poll_failures_repo::count_open(conn), 3u);
}

CAF_TEST(a failure is retried once) {
  connect("acc-1");
  auto f = fail("acc-1", "boom");
  auto retried = poll_failures_repo::retry(conn, f.id);
  CAF_REQUIRE(retried.has_value());
  CAF_CHECK_EQUAL(retried->account_id, "acc-1");
  CAF_CHECK(retried->retried_at);
  CAF_CHECK(!poll_failures_repo::retry(conn, f.id));
  CAF_CHECK(!poll_failures_repo::retry(conn, "999999"));
  CAF_CHECK(!poll_failures_repo::retry(conn, "not-a-number"));
  CAF_CHECK(!poll_failures_repo::retry(conn, ""));
  CAF_CHECK(poll_failures_repo::list(conn, 10).empty());
  CAF_CHECK_EQUAL(poll_failures_repo::count_open(conn), 0u);
}

CAF_TEST(clean removes failures older than the age) {
  connect("acc-1");
  auto old_one = fail("acc-1", "old");
  auto new_one = fail("acc-1", "new");
  exec("UPDATE poll_failures SET failed_at = now() - interval '25 hours'"
       " WHERE id = $1::bigint",
       old_one.id);
  CAF_CHECK_EQUAL(poll_failures_repo::clean(conn, 24h), 1u);
  auto left = poll_failures_repo::list(conn, 10);
  CAF_REQUIRE_EQUAL(left.size(), 1u);
  CAF_CHECK_EQUAL(left[0].id, new_one.id);
  CAF_CHECK_EQUAL(poll_failures_repo::clean(conn, 24h), 0u);
  CAF_CHECK_EQUAL(poll_failures_repo::clean(conn, 0ms), 1u);
  CAF_CHECK(throws<std::invalid_argument>([&] {
    poll_failures_repo::clean(conn, -1ms);
  }));
}

CAF_TEST_FIXTURE_SCOPE_END()
