#define CAF_SUITE amqp.ingest.failures
#include <chrono>
#include <memory>
#include <string>

#include "caf/test/unit_test.hpp"

#include "tests/amqp/ingest_fixture.hpp"
#include "tests/support/pg_harness.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

namespace {

struct fixture : test::ingest_fixture {
  std::vector<io::amqp::outgoing> numbered(int from, int to) {
    std::vector<io::amqp::outgoing> result;
    for (int i = from; i < to; ++i)
      result.push_back(
          message("notification.email",
                  R"({"type":"email","i":)" + std::to_string(i) + "}",
                  "n-" + std::to_string(i)));
    return result;
  }
};

// A link that loses every ack, as if the node died between the commit and
// the ack.
struct ack_losing_link : io::amqp::broker_link {
  explicit ack_losing_link(std::unique_ptr<io::amqp::broker_link> x)
      : inner(std::move(x)) {
    // nop
  }

  void connect() override {
    inner->connect();
  }

  void ack(uint64_t, uint64_t, bool) override {
    // Lost.
  }

  void nack(uint64_t c, uint64_t tag, bool multiple, bool requeue) override {
    inner->nack(c, tag, multiple, requeue);
  }

  void reject(uint64_t c, uint64_t tag, bool requeue) override {
    inner->reject(c, tag, requeue);
  }

  std::unique_ptr<io::amqp::broker_link> inner;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(amqp_ingest_failure_tests, fixture)

CAF_TEST(nothing is acked while the database is down and nothing is lost) {
  start_ingest();
  auto& pg = test::pg_harness::get();
  pg.stop();
  publish(numbered(0, 50));
  // Writes fail and their batches go back to the broker, unacked.
  auto handed_back = wait_for([](const amqp_ingest_stats& s) {
    return s.requeued >= 50;
  });
  auto before = stats();
  pg.start();
  CAF_MESSAGE("while down: received " << before.received << ", requeued "
                                      << before.requeued);
  CAF_REQUIRE(handed_back);
  CAF_CHECK_EQUAL(before.acked, 0u);
  CAF_CHECK_EQUAL(before.created, 0u);
  CAF_REQUIRE(wait_for(
      [](const amqp_ingest_stats& s) {
        return s.acked >= 50;
      },
      60s));
  auto after = stats();
  CAF_CHECK_EQUAL(after.acked, 50u);
  CAF_CHECK_EQUAL(after.created, 50u);
  CAF_CHECK_EQUAL(count_jobs(), 50);
  CAF_CHECK_EQUAL(count_jobs("unique_key LIKE 'amqp:n-%'"), 50);
  CAF_CHECK_EQUAL(publisher()->ready_count(topo.queue), 0u);
}

CAF_TEST(a message redelivered after a lost ack yields one job) {
  auto opts = ingest_options();
  auto make = opts.make_link;
  opts.make_link = [make](caf::actor sink) {
    return std::make_unique<ack_losing_link>(make(std::move(sink)));
  };
  start_ingest(opts);
  publish(numbered(0, 5));
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.created >= 5;
  }));
  CAF_CHECK_EQUAL(count_jobs(), 5);
  // The "crash": the connection closes with five deliveries unacked.
  stop_ingest();
  start_ingest();
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked >= 5;
  }));
  auto s = stats();
  CAF_CHECK_EQUAL(s.received, 5u);
  CAF_CHECK_EQUAL(s.created, 0u);
  CAF_CHECK_EQUAL(count_jobs(), 5);
  CAF_CHECK_EQUAL(publisher()->ready_count(topo.queue), 0u);
}

CAF_TEST(the consumer reconnects after the broker restarts) {
  start_ingest();
  publish(numbered(0, 10));
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked >= 10;
  }));
  broker.stop_app();
  auto lost = wait_for([](const amqp_ingest_stats& s) {
    return !s.connected && s.disconnects >= 1;
  });
  broker.start_app();
  CAF_REQUIRE(lost);
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.connected && s.connects >= 2;
  }));
  publish(numbered(10, 20));
  CAF_REQUIRE(wait_for([](const amqp_ingest_stats& s) {
    return s.acked >= 20;
  }));
  CAF_CHECK_EQUAL(stats().created, 20u);
  CAF_CHECK_EQUAL(count_jobs(), 20);
}

CAF_TEST_FIXTURE_SCOPE_END()
