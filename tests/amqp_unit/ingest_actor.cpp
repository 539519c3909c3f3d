#define CAF_SUITE amqp.ingest_actor
#include <memory>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/queues/amqp/amqp_ingest.hpp"
#include "messages/all.hpp"
#include "messages/error.hpp"
#include "messages/queues.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

namespace {

using call_log = std::shared_ptr<std::vector<std::string>>;

struct test_config : caf::actor_system_config {
  test_config() {
    switchboard::add_message_types(*this);
  }
};

// Records what the actor asks of the broker.
struct recording_link : io::amqp::broker_link {
  explicit recording_link(call_log x) : log(std::move(x)) {
    // nop
  }
  void connect() override {
    log->push_back("connect");
  }
  void ack(uint64_t c, uint64_t tag, bool multiple) override {
    log->push_back("ack " + std::to_string(c) + " " + std::to_string(tag)
                   + (multiple ? " multiple" : ""));
  }
  void nack(uint64_t c, uint64_t tag, bool multiple, bool requeue) override {
    log->push_back("nack " + std::to_string(c) + " " + std::to_string(tag)
                   + (multiple ? " multiple" : "")
                   + (requeue ? " requeue" : ""));
  }
  void reject(uint64_t c, uint64_t tag, bool requeue) override {
    log->push_back("reject " + std::to_string(c) + " " + std::to_string(tag)
                   + (requeue ? " requeue" : ""));
  }
  call_log log;
};

// Answers every write (empty results) or fails it while *down.
database_actor::behavior_type fake_db(database_actor::pointer,
                                      std::shared_ptr<bool> down) {
  return {
      [down](exec_atom, db_task&) -> caf::result<db_reply> {
        if (*down) return caf::make_error(errc::db_timeout, "down");
        return db_reply{caf::make_message(std::vector<enqueue_result>{})};
      },
      [](caf::ping_atom) {
        return db_ping{true, 0};
      },
      [](caf::get_atom, stats_atom) {
        return db_pool_stats{};
      },
  };
}

amqp_delivery good(uint64_t tag) {
  amqp_delivery result;
  result.connection = 1;
  result.tag = tag;
  result.routing_key = "media.image";
  result.body = R"({"type":"image"})";
  return result;
}

amqp_delivery bad(uint64_t tag) {
  auto result = good(tag);
  result.body = "{oops";
  return result;
}

struct fixture : test_coordinator_fixture<test_config> {
  fixture() {
    db = sys.spawn(fake_db, down);
  }

  ~fixture() override {
    if (ingest) caf::anon_send_exit(ingest, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(db, caf::exit_reason::user_shutdown);
  }

  void start(size_t batch_max) {
    amqp_ingest_options opts;
    opts.batch_max = batch_max;
    opts.batch_delay = 2ms;
    opts.backoff = exponential_backoff(100ms, 2.0, 1000ms);
    auto handle = db;
    opts.database = [handle] {
      return handle;
    };
    auto x = calls;
    opts.make_link = [x](caf::actor) {
      return std::make_unique<recording_link>(x);
    };
    ingest = spawn_amqp_ingest_scheduled(sys, opts);
    sched.run();
  }

  void deliver(std::vector<amqp_delivery> xs) {
    self->send(ingest, std::move(xs));
    sched.run();
  }

  amqp_ingest_stats stats() {
    auto result
        = self->request(ingest, caf::infinite, caf::get_atom_v, stats_atom_v);
    sched.run();
    amqp_ingest_stats s;
    result.receive(
        [&](amqp_ingest_stats& x) {
          s = x;
        },
        [](caf::error&) {
          CAF_FAIL("no stats");
        });
    return s;
  }

  const std::vector<std::string>& log() {
    return *calls;
  }

  call_log calls = std::make_shared<std::vector<std::string>>();
  std::shared_ptr<bool> down = std::make_shared<bool>(false);
  database_actor db;
  amqp_ingest_actor ingest;
};

using strings = std::vector<std::string>;

} // namespace

CAF_TEST_FIXTURE_SCOPE(amqp_ingest_actor_tests, fixture)

CAF_TEST(a batch is acked once after its write and bad ones are rejected) {
  start(10);
  deliver({good(1), bad(2), good(3)});
  CAF_MESSAGE("the reject goes out at once, the ack waits for the write");
  CAF_CHECK_EQUAL(log(), (strings{"connect", "reject 1 2"}));
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log().size(), 2u);
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log(),
                  (strings{"connect", "reject 1 2", "ack 1 3 multiple"}));
  auto s = stats();
  CAF_CHECK_EQUAL(s.received, 3u);
  CAF_CHECK_EQUAL(s.acked, 2u);
  CAF_CHECK_EQUAL(s.rejected, 1u);
  CAF_CHECK_EQUAL(s.pending, 0u);
}

CAF_TEST(a full batch is written without waiting) {
  start(2);
  deliver({good(1), good(2), good(3)});
  CAF_MESSAGE("what arrived during the first write follows it at once");
  CAF_CHECK_EQUAL(log(),
                  (strings{"connect", "ack 1 2 multiple", "ack 1 3 multiple"}));
  CAF_CHECK_EQUAL(stats().pending, 0u);
}

CAF_TEST(a failed write is handed back after the backoff) {
  start(10);
  *down = true;
  deliver({good(1), good(2)});
  advance_time(2ms);
  sched.run();
  CAF_CHECK_EQUAL(log(), strings{"connect"});
  CAF_MESSAGE("nothing for 99 ms, then a nack with requeue");
  advance_time(99ms);
  sched.run();
  CAF_CHECK_EQUAL(log(), strings{"connect"});
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log(), (strings{"connect", "nack 1 2 multiple requeue"}));
  CAF_MESSAGE("the redelivery fails again: the backoff doubles");
  deliver({good(3)});
  advance_time(2ms);
  sched.run();
  advance_time(199ms);
  sched.run();
  CAF_CHECK_EQUAL(log().size(), 2u);
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log().back(), "nack 1 3 multiple requeue");
  CAF_MESSAGE("once the database is back, it is acked");
  *down = false;
  deliver({good(4)});
  advance_time(2ms);
  sched.run();
  CAF_CHECK_EQUAL(log().back(), "ack 1 4 multiple");
  auto s = stats();
  CAF_CHECK_EQUAL(s.requeued, 3u);
  CAF_CHECK_EQUAL(s.acked, 1u);
}

CAF_TEST(a lost connection is retried with backoff and its deliveries dropped) {
  start(10);
  deliver({good(1)});
  self->send(ingest, amqp_disconnected{1, "gone"});
  sched.run();
  CAF_MESSAGE("the pending delivery is forgotten: the broker requeued it");
  CAF_CHECK_EQUAL(stats().pending, 0u);
  advance_time(99ms);
  sched.run();
  CAF_CHECK_EQUAL(log(), strings{"connect"});
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log(), (strings{"connect", "connect"}));
  self->send(ingest, amqp_disconnected{2, "refused"});
  sched.run();
  advance_time(199ms);
  sched.run();
  CAF_CHECK_EQUAL(log().size(), 2u);
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log().size(), 3u);
  self->send(ingest, amqp_connected{3});
  sched.run();
  auto s = stats();
  CAF_CHECK(s.connected);
  CAF_CHECK_EQUAL(s.disconnects, 2u);
  CAF_MESSAGE("a connect resets the backoff");
  self->send(ingest, amqp_disconnected{3, "gone"});
  sched.run();
  advance_time(100ms);
  sched.run();
  CAF_CHECK_EQUAL(log().size(), 4u);
}

CAF_TEST_FIXTURE_SCOPE_END()
