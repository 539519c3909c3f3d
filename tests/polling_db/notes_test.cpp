#define CAF_SUITE polling_db.notes
#include <chrono>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "persistence/accounts_repo.hpp"
#include "persistence/poll_failures_repo.hpp"
#include "persistence/poll_notes_repo.hpp"
#include "tests/polling_db/polling_database.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;

namespace {

struct fixture : test::polling_database {
  /// The notes of the test, for accounts `prefix`1 .. `prefix`3 and a
  /// ghost; `prefix`3 is disconnected.
  std::vector<poll_note> notes_for(const std::string& prefix) {
    auto t0 = caf::timestamp{std::chrono::seconds{1'900'000'000}};
    return {
        {prefix + "1", "rate_limited", "HTTP 429", 1, t0 + 900s, false},
        {prefix + "2", "server_error", "HTTP 503", 1, t0 + 120s, false},
        {prefix + "1", "transient", "connection refused", 4, t0 + 60s, true},
        {prefix + "3", "transient", "timeout", 4, t0 + 60s, true},
        {"ghost", "transient", "timeout", 4, t0 + 60s, true},
        {prefix + "2", "transient", "malformed", 3, t0 + 30s, true},
    };
  }

  void connect_set(const std::string& prefix) {
    connect(prefix + "1");
    connect(prefix + "2", "linkedin");
    connect(prefix + "3");
    accounts_repo::disconnect(conn, prefix + "3");
  }

  /// What the poller wrote before batching: one call per note.
  void record_one_by_one(const std::vector<poll_note>& notes) {
    for (auto& n : notes) {
      if (n.failed)
        poll_failures_repo::record(conn, n.account_id, n.error_kind, n.error,
                                   n.attempts);
      accounts_repo::record_error(conn, n.account_id, n.error, n.next_poll_at);
    }
  }

  /// The failures of accounts starting with `prefix`, oldest first.
  std::vector<poll_failure> failures_of(const std::string& prefix) {
    std::vector<poll_failure> out;
    for (auto& f : poll_failures_repo::list(conn, 100))
      if (f.account_id.rfind(prefix, 0) == 0) out.insert(out.begin(), f);
    return out;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(notes_tests, fixture)

CAF_TEST(a batch of notes records what one call per note recorded) {
  connect_set("x");
  connect_set("y");
  CAF_CHECK_EQUAL(poll_notes_repo::record(conn, notes_for("x")), 3u);
  record_one_by_one(notes_for("y"));
  for (auto i : {"1", "2", "3"}) {
    auto x = accounts_repo::get(conn, std::string{"x"} + i);
    auto y = accounts_repo::get(conn, std::string{"y"} + i);
    CAF_REQUIRE(x && y);
    CAF_CHECK_EQUAL(x->last_error, y->last_error);
    CAF_CHECK_EQUAL(x->consecutive_failures, y->consecutive_failures);
    CAF_CHECK_EQUAL(x->next_poll_at, y->next_poll_at);
    CAF_CHECK_EQUAL(x->status, y->status);
  }
  auto x1 = accounts_repo::get(conn, "x1");
  CAF_CHECK_EQUAL(x1->last_error, "connection refused");
  CAF_CHECK_EQUAL(x1->consecutive_failures, 2);
  CAF_MESSAGE("a disconnected account gets a failure row but no update");
  auto x3 = accounts_repo::get(conn, "x3");
  CAF_CHECK(x3->last_error.empty());
  CAF_CHECK_EQUAL(x3->consecutive_failures, 0);
  auto xs = failures_of("x");
  auto ys = failures_of("y");
  CAF_REQUIRE_EQUAL(xs.size(), 3u);
  CAF_REQUIRE_EQUAL(ys.size(), xs.size());
  for (size_t i = 0; i < xs.size(); ++i) {
    CAF_CHECK_EQUAL(xs[i].account_id.substr(1), ys[i].account_id.substr(1));
    CAF_CHECK_EQUAL(xs[i].platform, ys[i].platform);
    CAF_CHECK_EQUAL(xs[i].error_kind, ys[i].error_kind);
    CAF_CHECK_EQUAL(xs[i].error, ys[i].error);
    CAF_CHECK_EQUAL(xs[i].attempts, ys[i].attempts);
  }
  CAF_CHECK_EQUAL(xs[1].platform, "twitter");
  CAF_CHECK_EQUAL(xs[2].platform, "linkedin");
}

CAF_TEST(a batch beyond the parameter limit is split and fully recorded) {
  exec("INSERT INTO connected_accounts (id, platform, user_id,"
       " access_token_enc, poll_interval_ms, current_interval_ms)"
       " SELECT 'n' || i, 'twitter', 'u' || i, '\\x00'::bytea, 60000, 60000"
       " FROM generate_series(1, 17000) AS i");
  std::vector<poll_note> notes;
  auto at = caf::timestamp{std::chrono::seconds{1'900'000'000}};
  for (int i = 1; i <= 17000; ++i)
    notes.push_back(
        {"n" + std::to_string(i), "transient", "timeout", 4, at, true});
  CAF_CHECK_EQUAL(poll_notes_repo::record(conn, notes), 17000u);
  auto counts = exec("SELECT count(*) FILTER (WHERE consecutive_failures = 1"
                     " AND last_error = 'timeout'),"
                     " (SELECT count(*) FROM poll_failures)"
                     " FROM connected_accounts");
  CAF_CHECK_EQUAL(counts[0][0].as<int>(), 17000);
  CAF_CHECK_EQUAL(counts[0][1].as<int>(), 17000);
}

CAF_TEST(no notes touch nothing) {
  CAF_CHECK_EQUAL(poll_notes_repo::record(conn, {}), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
