#define CAF_SUITE amqp.ingest.flow
#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <string>

#include "caf/test/unit_test.hpp"

#include "tests/amqp/ingest_fixture.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

namespace {

struct fixture : test::ingest_fixture {};

// The seed's job shapes (worker-service README "Job Types").
std::string media_body(int i, const char* type) {
  return R"({"type":")" + std::string{type} + R"(","s3Key":"u/)"
         + std::to_string(i) + R"(.bin","userId":"u1","messageId":"m)"
         + std::to_string(i) + R"(","i":)" + std::to_string(i) + "}";
}

std::string notification_body(int i, const char* type) {
  return R"({"type":")" + std::string{type}
         + R"(","userId":"u1","title":"t","body":"secret text","i":)"
         + std::to_string(i) + "}";
}

std::string cleanup_body(int i, const char* type) {
  return R"({"type":")" + std::string{type} + R"(","i":)" + std::to_string(i)
         + "}";
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(amqp_ingest_flow_tests, fixture)

CAF_TEST(a thousand confirmed messages become exactly a thousand jobs) {
  start_ingest();
  const char* media_kinds[] = {"image", "video", "audio"};
  const char* notification_kinds[] = {"push", "email", "sms"};
  const char* cleanup_kinds[] = {"stories", "sessions"};
  std::vector<io::amqp::outgoing> msgs;
  std::map<std::pair<std::string, std::string>, int64_t> expected;
  for (int i = 0; i < 1000; ++i) {
    std::string queue;
    std::string kind;
    std::string body;
    if (i % 5 < 2) {
      queue = "media", kind = media_kinds[i % 3],
      body = media_body(i, kind.c_str());
    } else if (i % 5 < 4) {
      queue = "notification", kind = notification_kinds[i % 3];
      body = notification_body(i, kind.c_str());
    } else {
      queue = "cleanup", kind = cleanup_kinds[i % 2];
      body = cleanup_body(i, kind.c_str());
    }
    ++expected[{queue, kind}];
    msgs.push_back(
        message(queue + "." + kind, body, "msg-" + std::to_string(i)));
  }
  auto start = std::chrono::steady_clock::now();
  publish(msgs);
  auto published = std::chrono::steady_clock::now();
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked >= 1000;
  }));
  auto done = std::chrono::steady_clock::now();
  auto ms = [](auto d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  };
  CAF_MESSAGE("published 1000 with confirms in " << ms(published - start)
                                                 << " ms; all acked after "
                                                 << ms(done - start) << " ms");
  auto s = stats();
  CAF_CHECK_EQUAL(s.received, 1000u);
  CAF_CHECK_EQUAL(s.acked, 1000u);
  CAF_CHECK_EQUAL(s.created, 1000u);
  CAF_CHECK_EQUAL(s.rejected, 0u);
  CAF_CHECK_EQUAL(count_jobs(), 1000);
  pqxx::read_transaction tx{conn};
  for (auto row : tx.exec("SELECT queue, kind, count(*) FROM jobs "
                          "GROUP BY queue, kind")) {
    auto key
        = std::make_pair(row[0].as<std::string>(), row[1].as<std::string>());
    CAF_CHECK_EQUAL(row[2].as<int64_t>(), expected[key]);
    expected.erase(key);
  }
  CAF_CHECK(expected.empty());
  // Each message's payload arrived whole, under its message id.
  auto mismatched
      = tx.exec1("SELECT count(*) FROM jobs WHERE unique_key <> 'amqp:msg-' || "
                 "(payload->>'i') OR payload->>'type' <> kind")[0];
  CAF_CHECK_EQUAL(mismatched.as<int64_t>(), 0);
  auto distinct = tx.exec1("SELECT count(DISTINCT payload->>'i') FROM jobs")[0];
  CAF_CHECK_EQUAL(distinct.as<int64_t>(), 1000);
  // The queue's defaults for the kind apply (push runs before e-mail).
  auto push = tx.exec1("SELECT min(priority), max(priority) FROM jobs "
                       "WHERE kind = 'push'");
  auto email = tx.exec1("SELECT max(priority) FROM jobs WHERE kind = 'email'");
  CAF_CHECK_GREATER(push[0].as<int>(), email[0].as<int>());
  CAF_CHECK_EQUAL(publisher()->ready_count(topo.queue), 0u);
}

CAF_TEST(a malformed message is rejected and does not block the rest) {
  // Rejected messages are dead-lettered to a queue of their own.
  io::amqp::topology dead;
  dead.exchange = topo.exchange + "_dlx";
  dead.exchange_type = "fanout";
  dead.queue = topo.queue + "_dead";
  dead.bindings = {""};
  topo.dead_letter_exchange = dead.exchange;
  publisher()->declare(dead);
  start_ingest();
  publish({message("media.image", media_body(1, "image"), "ok-1"),
           message("media.image", "{not json", "bad-1"),
           message("other.thing", R"({"type":"x"})", "bad-2"),
           message("cleanup.stories", "[1, 2]", "bad-3"),
           message("notification.push", notification_body(2, "push"), "ok-2")});
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked + s.rejected >= 5;
  }));
  auto s = stats();
  CAF_CHECK_EQUAL(s.acked, 2u);
  CAF_CHECK_EQUAL(s.rejected, 3u);
  CAF_CHECK_EQUAL(count_jobs(), 2);
  CAF_CHECK_EQUAL(count_jobs("unique_key = 'amqp:ok-2'"), 1);
  auto pub = publisher();
  CAF_CHECK(test::wait_until(
      [&] {
        return pub->ready_count(dead.queue) == 3;
      },
      std::chrono::seconds(10)));
  CAF_CHECK_EQUAL(pub->ready_count(topo.queue), 0u);
}

CAF_TEST(a message published twice with one message id yields one job) {
  start_ingest();
  publish(
      {message("media.video", media_body(7, "video"), "same-id"),
       message("media.video", media_body(7, "video"), "same-id"),
       message("cleanup.sessions", R"({"type":"sessions","uniqueKey":"k1"})"),
       message("cleanup.sessions", R"({"type":"sessions","uniqueKey":"k1"})")});
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked >= 4;
  }));
  CAF_CHECK_EQUAL(stats().created, 2u);
  CAF_CHECK_EQUAL(count_jobs(), 2);
  CAF_CHECK_EQUAL(count_jobs("unique_key = 'amqp:same-id'"), 1);
  CAF_CHECK_EQUAL(count_jobs("unique_key = 'amqp:k1'"), 1);
}

CAF_TEST_FIXTURE_SCOPE_END()
