#define CAF_SUITE persistence.jobs.enqueue
#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <set>
#include <stdexcept>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "persistence/jobs_repo.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/jobs_database.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/test_system.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::persistence;
using namespace std::chrono_literals;
using switchboard::test::pg_harness;
using switchboard::test::throws;

namespace {

struct fixture : test::jobs_database {
  static new_job make(std::string queue, std::string key = {}) {
    new_job x;
    x.queue = std::move(queue);
    x.kind = "k";
    x.unique_key = std::move(key);
    return x;
  }

  /// Each answer is a new job equal to the stored row, field for field.
  void check_as_stored(const std::vector<enqueue_result>& results) {
    for (auto& r : results) {
      auto stored = jobs_repo::get(conn, r.value.id);
      CAF_REQUIRE(stored);
      CAF_CHECK(r.created);
      CAF_CHECK_EQUAL(caf::deep_to_string(r.value),
                      caf::deep_to_string(*stored));
    }
  }
};

struct listener : pqxx::notification_receiver {
  std::vector<std::string> payloads;

  explicit listener(pqxx::connection_base& conn)
      : pqxx::notification_receiver(conn, jobs_repo::notify_channel) {
    // nop
  }

  void operator()(const std::string& payload, int) override {
    payloads.push_back(payload);
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(jobs_enqueue_tests, fixture)

CAF_TEST(one job is stored with every field) {
  auto x = make("mail", "welcome-1");
  x.payload = R"({"to": "a@b"})";
  x.priority = 7;
  x.max_attempts = 3;
  x.backoff = job_backoff{"exponential", 500, true};
  x.timeout_ms = 2000;
  auto before = caf::make_timestamp() - 1s;
  auto results = jobs_repo::enqueue(conn, {x});
  CAF_REQUIRE_EQUAL(results.size(), 1u);
  CAF_CHECK(results[0].created);
  auto& j = results[0].value;
  CAF_CHECK(!j.id.empty());
  CAF_CHECK_EQUAL(j.queue, "mail");
  CAF_CHECK_EQUAL(j.kind, "k");
  CAF_CHECK_EQUAL(j.payload, R"({"to": "a@b"})");
  CAF_CHECK_EQUAL(j.priority, 7);
  CAF_CHECK_EQUAL(j.state, "waiting");
  CAF_CHECK_EQUAL(j.attempts, 0);
  CAF_CHECK_EQUAL(j.max_attempts, 3);
  CAF_CHECK_EQUAL(j.backoff.type, "exponential");
  CAF_CHECK_EQUAL(j.backoff.delay_ms, 500);
  CAF_CHECK(j.backoff.jitter);
  CAF_CHECK_EQUAL(j.timeout_ms, 2000);
  CAF_CHECK_EQUAL(j.unique_key, "welcome-1");
  CAF_CHECK(j.locked_by.empty());
  CAF_CHECK(!j.started_at);
  CAF_CHECK_GREATER(j.created_at, before);
  CAF_CHECK_LESS(j.created_at, caf::make_timestamp() + 1s);
  auto again = jobs_repo::get(conn, j.id);
  CAF_REQUIRE(again);
  CAF_CHECK_EQUAL(again->run_at, j.run_at);
  CAF_CHECK_EQUAL(again->backoff.delay_ms, 500);
  CAF_CHECK(!jobs_repo::get(conn, "123456789"));
  CAF_CHECK(!jobs_repo::get(conn, "not-an-id"));
}

CAF_TEST(many jobs in one call keep the input order) {
  std::vector<new_job> batch;
  for (int i = 0; i < 50; ++i) {
    auto x = make(i % 2 == 0 ? "even" : "odd");
    x.payload = "{\"i\": " + std::to_string(i) + "}";
    batch.push_back(x);
  }
  auto results = jobs_repo::enqueue(conn, batch);
  CAF_REQUIRE_EQUAL(results.size(), 50u);
  std::set<std::string> ids;
  for (size_t i = 0; i < results.size(); ++i) {
    CAF_CHECK(results[i].created);
    CAF_CHECK_EQUAL(results[i].value.payload,
                    "{\"i\": " + std::to_string(i) + "}");
    CAF_CHECK_EQUAL(results[i].value.queue, batch[i].queue);
    ids.insert(results[i].value.id);
  }
  CAF_CHECK_EQUAL(ids.size(), 50u);
  CAF_CHECK_EQUAL(jobs_repo::stats(conn, "even").waiting, 25);
  CAF_CHECK(jobs_repo::enqueue(conn, {}).empty());
}

// A batch without unique keys takes a leaner statement that builds each
// answer from its input: it must be the job as stored.
CAF_TEST(a batch without unique keys answers each job as stored) {
  std::vector<new_job> batch;
  for (int i = 0; i < 20; ++i) {
    auto x = make(i % 3 == 0 ? "a" : "b");
    x.payload = R"({"i":)" + std::to_string(i) + R"(,"s":"x\"y"})";
    x.priority = i % 4;
    x.max_attempts = 1 + i % 5;
    x.backoff = job_backoff{i % 2 == 0 ? "fixed" : "exponential", 100 * i,
                            i % 2 == 0};
    x.timeout_ms = 1000 * i;
    if (i % 5 == 0) x.delay_ms = 60000;
    if (i % 7 == 0) x.run_at = caf::make_timestamp() - 1h;
    batch.push_back(x);
  }
  auto results = jobs_repo::enqueue(conn, batch);
  CAF_REQUIRE_EQUAL(results.size(), batch.size());
  check_as_stored(results);
  for (size_t i = 0; i < results.size(); ++i) {
    auto& got = results[i].value;
    CAF_CHECK_EQUAL(got.state,
                    i % 7 == 0 || i % 5 != 0 ? "waiting" : "delayed");
  }
}

// The bulk path (COPY) answers from its input and the database's now();
// every field must still be the stored one, whatever the batch mixes.
CAF_TEST(a mixed bulk batch answers each job as stored) {
  const std::vector<std::string> payloads = {
      "{}",
      R"({"to":"a@b","n":-1.50,"tags":["x","y"],"z":null})",
      R"({"b":{"d":[1,{"y":true,"x":false}],"c":"tab\there"},"a":0})",
      R"("unicode: é 日本 \u0041\n")",
      R"([1e3, -0, {"dup":1,"dup":2}])", // left to PostgreSQL
      R"({"\u00e9":"\ud83d\ude00"})",    // left to PostgreSQL
      "[]",
      "  42  ",
  };
  auto now = caf::make_timestamp();
  std::vector<new_job> batch;
  for (int i = 0; i < 240; ++i) {
    auto x = make(i % 3 == 0 ? "mixed a" : (i % 3 == 1 ? "b\\q" : "c\tq"));
    x.kind = i % 2 == 0 ? "k" : "kind\nwith\\escapes";
    x.payload = payloads[i % payloads.size()];
    x.priority = i % 5 - 2;
    x.max_attempts = 1 + i % 4;
    x.backoff = job_backoff{i % 2 == 0 ? "fixed" : "exponential", (i % 3) * 250,
                            i % 4 == 0};
    x.timeout_ms = (i % 6) * 1000;
    switch (i % 6) {
    case 0: break;
    case 1: x.delay_ms = 1; break;
    case 2: x.delay_ms = 86'400'000; break;
    case 3: x.run_at = now - 24h; break;
    case 4: x.run_at = now + 1h + std::chrono::nanoseconds{i * 1001}; break;
    case 5: x.run_at = caf::timestamp{} - 50h; break; // before 1970
    }
    batch.push_back(x);
  }
  auto results = jobs_repo::enqueue(conn, batch);
  CAF_REQUIRE_EQUAL(results.size(), batch.size());
  std::set<std::string> ids;
  check_as_stored(results);
  for (size_t i = 0; i < results.size(); ++i) {
    auto& got = results[i].value;
    CAF_CHECK_EQUAL(got.queue, batch[i].queue);
    CAF_CHECK_EQUAL(got.kind, batch[i].kind);
    auto due_later = i % 6 == 1 || i % 6 == 2 || i % 6 == 4;
    CAF_CHECK_EQUAL(got.state, due_later ? "delayed" : "waiting");
    if (i > 0)
      CAF_CHECK_LESS(std::stoll(results[i - 1].value.id), std::stoll(got.id));
    ids.insert(got.id);
  }
  CAF_CHECK_EQUAL(ids.size(), batch.size());
  CAF_CHECK_EQUAL(results[4].value.payload, R"([1000, 0, {"dup": 2}])");
  CAF_MESSAGE("every job shares the transaction's now()");
  CAF_CHECK_EQUAL(results[0].value.run_at, results[0].value.created_at);
  CAF_CHECK_EQUAL(results[2].value.run_at, results[2].value.created_at + 24h);
  CAF_CHECK_EQUAL(results[1].value.created_at, results[0].value.created_at);
  CAF_MESSAGE("the queues are registered");
  pqxx::nontransaction tx{conn};
  CAF_CHECK_EQUAL(tx.exec1("SELECT count(*) FROM queues")[0].as<int>(), 3);
}

CAF_TEST(a bulk batch of default jobs answers each job as stored) {
  auto results = jobs_repo::enqueue(conn, std::vector<new_job>(30, make("d")));
  CAF_REQUIRE_EQUAL(results.size(), 30u);
  check_as_stored(results);
  CAF_CHECK_EQUAL(results[0].value.payload, "{}");
  CAF_CHECK_EQUAL(results[0].value.state, "waiting");
  CAF_CHECK_EQUAL(jobs_repo::stats(conn, "d").waiting, 30);
}

// Beyond a century of delay the general statement takes the batch.
CAF_TEST(a far delay is answered as stored) {
  auto x = make("far");
  x.delay_ms = 200LL * 365 * 86'400'000;
  auto results = jobs_repo::enqueue(conn, {x, make("far")});
  CAF_REQUIRE_EQUAL(results.size(), 2u);
  check_as_stored(results);
  CAF_CHECK_EQUAL(results[0].value.state, "delayed");
  CAF_CHECK_EQUAL(results[1].value.state, "waiting");
}

CAF_TEST(a duplicate unique key returns the retained job in any state) {
  auto first = jobs_repo::enqueue(conn, {make("poll", "poll-1")});
  CAF_REQUIRE(first[0].created);
  CAF_MESSAGE("duplicates within one batch and against the table");
  auto dup = jobs_repo::enqueue(
      conn, {make("poll", "poll-1"), make("poll", "poll-2"),
             make("poll", "poll-2"), make("other", "poll-1")});
  CAF_REQUIRE_EQUAL(dup.size(), 4u);
  CAF_CHECK(!dup[0].created);
  CAF_CHECK_EQUAL(dup[0].value.id, first[0].value.id);
  CAF_CHECK(dup[1].created);
  CAF_CHECK(!dup[2].created);
  CAF_CHECK_EQUAL(dup[2].value.id, dup[1].value.id);
  CAF_CHECK(dup[3].created); // the key is per queue
  CAF_MESSAGE("a completed job still dedupes until it is pruned");
  auto claimed = jobs_repo::claim(conn, "poll", "w", 10, 30s);
  CAF_REQUIRE_EQUAL(claimed.size(), 2u);
  std::vector<job_completion> done;
  for (auto& j : claimed)
    done.push_back({j.id, "{}"});
  CAF_CHECK_EQUAL(jobs_repo::complete(conn, "w", done).size(), 2u);
  auto later = jobs_repo::enqueue(conn, {make("poll", "poll-1")});
  CAF_CHECK(!later[0].created);
  CAF_CHECK_EQUAL(later[0].value.id, first[0].value.id);
  CAF_CHECK_EQUAL(later[0].value.state, "completed");
  pqxx::nontransaction tx{conn};
  CAF_CHECK_EQUAL(tx.exec1("SELECT count(*) FROM jobs")[0].as<int>(), 3);
}

CAF_TEST(one unique key enqueued concurrently yields one job) {
  constexpr int threads = 6;
  constexpr int keys = 30;
  std::vector<std::future<std::vector<enqueue_result>>> runs;
  for (int t = 0; t < threads; ++t)
    runs.push_back(std::async(std::launch::async, [this] {
      pqxx::connection own{conninfo};
      std::vector<enqueue_result> out;
      for (int k = 0; k < keys; ++k) {
        auto r = jobs_repo::enqueue(own, {make("race", std::to_string(k))});
        out.push_back(r.at(0));
      }
      return out;
    }));
  std::vector<std::set<std::string>> ids(keys);
  std::vector<int> created(keys, 0);
  for (auto& run : runs) {
    auto out = run.get();
    CAF_REQUIRE_EQUAL(out.size(), static_cast<size_t>(keys));
    for (int k = 0; k < keys; ++k) {
      ids[k].insert(out[k].value.id);
      created[k] += out[k].created ? 1 : 0;
    }
  }
  for (int k = 0; k < keys; ++k) {
    CAF_CHECK_EQUAL(ids[k].size(), 1u);
    CAF_CHECK_EQUAL(created[k], 1);
  }
  pqxx::nontransaction tx{conn};
  CAF_CHECK_EQUAL(tx.exec1("SELECT count(*) FROM jobs")[0].as<int>(), keys);
}

CAF_TEST(a job due later is delayed and not claimable until run_at) {
  auto x = make("later");
  x.delay_ms = 60'000;
  auto y = make("later");
  y.run_at = caf::make_timestamp() + 1h;
  auto z = make("later");
  z.run_at = caf::make_timestamp() - 1s;
  auto results = jobs_repo::enqueue(conn, {x, y, z});
  CAF_CHECK_EQUAL(results[0].value.state, "delayed");
  CAF_CHECK_EQUAL(results[1].value.state, "delayed");
  CAF_CHECK_EQUAL(results[2].value.state, "waiting");
  CAF_CHECK_GREATER(results[0].value.run_at, caf::make_timestamp() + 50s);
  // Stored with microsecond precision, the time survives the round trip.
  CAF_CHECK_EQUAL(
      results[1].value.run_at,
      caf::timestamp{std::chrono::duration_cast<std::chrono::microseconds>(
          y.run_at->time_since_epoch())});
  auto claimed = jobs_repo::claim(conn, "later", "w", 10, 30s);
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  CAF_CHECK_EQUAL(claimed[0].id, results[2].value.id);
  CAF_CHECK(jobs_repo::claim(conn, "later", "w", 10, 30s).empty());
  auto next = jobs_repo::next_run_at(conn, "later");
  CAF_REQUIRE(next);
  CAF_CHECK_EQUAL(*next, results[0].value.run_at);
  CAF_MESSAGE("once run_at passed, the delayed job is claimable");
  {
    pqxx::work tx{conn};
    tx.exec_params("UPDATE jobs SET run_at = now() - interval '1 second'"
                   " WHERE id = $1",
                   results[0].value.id);
    tx.commit();
  }
  auto due = jobs_repo::next_run_at(conn, "later");
  CAF_REQUIRE(due);
  CAF_CHECK_LESS(*due, caf::make_timestamp());
  claimed = jobs_repo::claim(conn, "later", "w", 10, 30s);
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  CAF_CHECK_EQUAL(claimed[0].id, results[0].value.id);
  CAF_CHECK(!jobs_repo::next_run_at(conn, "empty"));
}

CAF_TEST(enqueueing a ready job notifies the queue by name) {
  pqxx::connection listening{conninfo};
  listener received{listening};
  auto later = make("later");
  later.delay_ms = 60'000;
  jobs_repo::enqueue(conn, {later});
  jobs_repo::enqueue(conn, {make("now")});
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (received.payloads.empty()
         && std::chrono::steady_clock::now() < deadline)
    listening.await_notification(0, 100'000);
  // Notifications arrive in commit order: a NOTIFY for the delayed job
  // would have come first.
  CAF_REQUIRE_EQUAL(received.payloads.size(), 1u);
  CAF_CHECK_EQUAL(received.payloads[0], "now");
}

CAF_TEST(a bulk batch notifies exactly the queues with a job ready now) {
  pqxx::connection listening{conninfo};
  listener received{listening};
  std::vector<new_job> batch;
  // "ready": delayed jobs and one due at once; "past": run_at passed;
  // "later": only jobs due later; "ready" again after them.
  for (int i = 0; i < 10; ++i) {
    auto x = make(i == 7 ? "ready" : "later");
    if (i != 7) x.delay_ms = 60'000 + i;
    batch.push_back(x);
  }
  auto past = make("past");
  past.run_at = caf::make_timestamp() - 1s;
  batch.push_back(past);
  auto future = make("later");
  future.run_at = caf::make_timestamp() + 1h;
  batch.push_back(future);
  auto delayed_ready = make("ready");
  delayed_ready.delay_ms = 5000;
  batch.push_back(delayed_ready);
  jobs_repo::enqueue(conn, batch);
  // A marker after it: its NOTIFY arrives last (commit order).
  jobs_repo::enqueue(conn, {make("marker")});
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while ((received.payloads.empty() || received.payloads.back() != "marker")
         && std::chrono::steady_clock::now() < deadline)
    listening.await_notification(0, 100'000);
  std::multiset<std::string> got(received.payloads.begin(),
                                 received.payloads.end());
  CAF_CHECK_EQUAL(got.size(), 3u);
  CAF_CHECK_EQUAL(got.count("ready"), 1u);
  CAF_CHECK_EQUAL(got.count("past"), 1u);
  CAF_CHECK_EQUAL(got.count("marker"), 1u);
  CAF_CHECK_EQUAL(got.count("later"), 0u);
  CAF_CHECK_EQUAL(jobs_repo::stats(conn, "later").delayed, 10);
  CAF_CHECK_EQUAL(jobs_repo::stats(conn, "ready").waiting, 1);
}

CAF_TEST(invalid jobs are refused before anything is written) {
  auto no_kind = make("q");
  no_kind.kind.clear();
  CAF_CHECK(throws<std::invalid_argument>([&] {
    jobs_repo::enqueue(conn, {make("q"), no_kind});
  }));
  auto bad_backoff = make("q");
  bad_backoff.backoff.type = "linear";
  CAF_CHECK(throws<std::invalid_argument>([&] {
    jobs_repo::enqueue(conn, {bad_backoff});
  }));
  auto bad_json = make("q");
  bad_json.payload = "{not json";
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    jobs_repo::enqueue(conn, {make("q"), bad_json});
  }));
  CAF_MESSAGE("a COPY the server refuses (not UTF-8) leaves the connection "
              "usable");
  auto bad_bytes = make("q");
  bad_bytes.payload = "\"\xff\"";
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    jobs_repo::enqueue(conn, {make("q"), bad_bytes});
  }));
  auto bad_queue = make("q\xc3");
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    jobs_repo::enqueue(conn, {bad_queue});
  }));
  {
    pqxx::nontransaction tx{conn};
    CAF_CHECK_EQUAL(tx.exec1("SELECT count(*) FROM jobs")[0].as<int>(), 0);
  }
  CAF_CHECK_EQUAL(jobs_repo::enqueue(conn, {make("q")}).size(), 1u);
}

CAF_TEST(queue messages survive CAF serialization) {
  test::test_config cfg;
  caf::actor_system sys{cfg};
  auto stored = jobs_repo::enqueue(conn, {make("ser", "key")})[0];
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  CAF_REQUIRE(!sink(stored));
  enqueue_result copy;
  caf::binary_deserializer source{sys, buf};
  CAF_REQUIRE(!source(copy));
  CAF_CHECK(copy.created);
  CAF_CHECK_EQUAL(copy.value.id, stored.value.id);
  CAF_CHECK_EQUAL(copy.value.created_at, stored.value.created_at);
  CAF_CHECK(!copy.value.started_at);
  CAF_CHECK_NOT_EQUAL(caf::deep_to_string(copy).find("ser"), std::string::npos);
}

CAF_TEST_FIXTURE_SCOPE_END()
