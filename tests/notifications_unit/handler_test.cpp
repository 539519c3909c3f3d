#define CAF_SUITE notifications.handler
#include <memory>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/queues/handlers/notification/notification_handler.hpp"
#include "messages/all.hpp"
#include "persistence/notifications_repo.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::notify;

namespace {

struct test_config : caf::actor_system_config {
  test_config() {
    switchboard::add_message_types(*this);
  }
};

notification_sender_actor::behavior_type
canned_sender(notification_sender_actor::pointer, delivery_result r) {
  return {
      [=](deliver_atom, const notification&) {
        return r;
      },
  };
}

notification_sender_actor::behavior_type
silent_sender(notification_sender_actor::pointer) {
  return {
      [](deliver_atom, const notification&) -> caf::result<delivery_result> {
        return caf::delegated<delivery_result>{};
      },
  };
}

using rows_ptr = std::shared_ptr<std::vector<db_row>>;

batch_writer_actor::behavior_type recording_writer(batch_writer_actor::pointer,
                                                   rows_ptr rows) {
  return {
      [=](caf::put_atom, const db_row& row) {
        rows->push_back(row);
        return db_batch_result{1, 1, 0};
      },
      [=](caf::add_atom, const db_row& row) {
        rows->push_back(row);
      },
      [](caf::get_atom, stats_atom) {
        return db_writer_stats{};
      },
  };
}

delivery_result delivered(std::string id) {
  delivery_result r;
  r.provider_message_id = std::move(id);
  return r;
}

delivery_result unregistered() {
  delivery_result r;
  r.status = delivery_status::permanent;
  r.error_code = "UNREGISTERED";
  r.error = "fcm rejected the message: UNREGISTERED (http_404)";
  return r;
}

delivery_result quota(int64_t retry_after_ms) {
  delivery_result r;
  r.status = delivery_status::transient;
  r.error_code = "QUOTA_EXCEEDED";
  r.error = "fcm rejected the message: QUOTA_EXCEEDED (http_429)";
  r.retry_after_ms = retry_after_ms;
  return r;
}

job make_job(std::string payload, std::string kind = "push") {
  job j;
  j.id = "42";
  j.queue = "notification";
  j.kind = std::move(kind);
  j.attempts = 1;
  j.payload = std::move(payload);
  return j;
}

const char* push_payload = R"({"type":"push","userId":"u1","title":"T",)"
                           R"("body":"B","fcmToken":"device-token-123456"})";

struct fixture : test_coordinator_fixture<test_config> {
  // Column positions in notifications_repo::to_row.
  static constexpr size_t col_success = 7;
  static constexpr size_t col_error_code = 8;
  static constexpr size_t col_provider_id = 10;
  static constexpr size_t col_recipient = 6;

  fixture() {
    writer = sys.spawn(recording_writer, rows);
  }

  void start(notification_senders senders) {
    notification_handler_options opts;
    opts.senders = std::move(senders);
    opts.log = writer;
    opts.send_timeout = 5s;
    handler = spawn_notification_handler(sys, opts);
    sched.run();
  }

  // Runs one attempt through the handler, sender and writer (no timers).
  job_outcome run_job(const job& j) {
    auto res = self->request(handler, caf::infinite, run_job_atom_v, j);
    sched.run();
    job_outcome out;
    bool answered = false;
    res.receive(
        [&](job_outcome& o) {
          out = std::move(o);
          answered = true;
        },
        [&](caf::error& err) {
          CAF_FAIL("handler failed: " << to_string(err));
        });
    CAF_REQUIRE(answered);
    return out;
  }

  std::string cell(size_t row, size_t col) {
    const auto& value = rows->at(row).values.at(col);
    return value ? *value : std::string{"NULL"};
  }

  rows_ptr rows = std::make_shared<std::vector<db_row>>();
  batch_writer_actor writer;
  job_handler_actor handler;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(handler_tests, fixture)

CAF_TEST(a delivered push completes and is recorded) {
  auto push = sys.spawn(canned_sender, delivered("projects/p/messages/7"));
  start({push, {}, {}});
  auto o = run_job(make_job(push_payload));
  CAF_CHECK_EQUAL(o.status, job_status::completed);
  CAF_CHECK_NOT_EQUAL(o.result.find("projects/p/messages/7"),
                      std::string::npos);
  CAF_REQUIRE_EQUAL(rows->size(), 1u);
  CAF_CHECK_EQUAL(cell(0, col_success), "true");
  CAF_CHECK_EQUAL(cell(0, col_provider_id), "projects/p/messages/7");
  CAF_CHECK_EQUAL(cell(0, col_recipient), "…123456");
}

CAF_TEST(an unregistered token fails the job on its first attempt) {
  auto push = sys.spawn(canned_sender, unregistered());
  start({push, {}, {}});
  auto o = run_job(make_job(push_payload));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_EQUAL(o.error, "push: fcm rejected the message: UNREGISTERED "
                           "(http_404) [UNREGISTERED]");
  CAF_REQUIRE_EQUAL(rows->size(), 1u);
  CAF_CHECK_EQUAL(cell(0, col_success), "false");
  CAF_CHECK_EQUAL(cell(0, col_error_code), "UNREGISTERED");
}

CAF_TEST(a quota error retries after Retry - After) {
  auto push = sys.spawn(canned_sender, quota(30000));
  start({push, {}, {}});
  auto o = run_job(make_job(push_payload));
  CAF_CHECK_EQUAL(o.status, job_status::retry);
  CAF_CHECK_EQUAL(o.delay_ms, 30000);
  CAF_CHECK_EQUAL(rows->size(), 1u);
}

CAF_TEST(the messages go handler to sender to writer to the pool) {
  auto push = sys.spawn(canned_sender, delivered("m1"));
  start({push, {}, {}});
  self->send(handler, run_job_atom_v, make_job(push_payload));
  expect((run_job_atom, job), from(self).to(handler));
  expect((deliver_atom, notification), from(handler).to(push));
  expect((delivery_result), from(push).to(handler));
  expect((caf::put_atom, db_row), from(handler).to(writer));
  expect((db_batch_result), from(writer).to(handler));
  expect((job_outcome), from(handler).to(self));
}

CAF_TEST(an invalid payload fails at once without a delivery) {
  auto push = sys.spawn(canned_sender, delivered("never"));
  start({push, {}, {}});
  auto o = run_job(make_job(R"({"type":"push","userId":"u1","body":"B"})"));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_EQUAL(o.error, "push: payload field fcmToken is required for "
                           "type push [invalid_payload]");
  CAF_REQUIRE_EQUAL(rows->size(), 1u);
  CAF_CHECK_EQUAL(cell(0, col_error_code), "invalid_payload");
}

CAF_TEST(a payload without a user cannot be recorded but still fails) {
  start({{}, {}, {}});
  auto o = run_job(make_job(R"({"type":"push","body":"B","fcmToken":"t"})"));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_EQUAL(rows->size(), 0u);
}

CAF_TEST(a channel without a provider fails as not configured) {
  start({{}, {}, {}});
  auto o = run_job(make_job(
      R"({"type":"sms","userId":"u1","body":"B","phoneNumber":"+4812345"})",
      "sms"));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_NOT_EQUAL(o.error.find("not_configured"), std::string::npos);
  CAF_CHECK_EQUAL(rows->size(), 1u);
}

CAF_TEST(a sender that does not answer in time is a retry) {
  auto push = sys.spawn(silent_sender);
  start({push, {}, {}});
  auto res = self->request(handler, caf::infinite, run_job_atom_v,
                           make_job(push_payload));
  sched.run();
  CAF_CHECK_EQUAL(rows->size(), 0u);
  // The send timeout (5 s) is the only pending timer.
  CAF_CHECK_EQUAL(advance_time(4s), 0u);
  CAF_CHECK_EQUAL(advance_time(1s), 1u);
  sched.run();
  job_outcome out;
  res.receive(
      [&](job_outcome& o) {
        out = std::move(o);
      },
      [&](caf::error& err) {
        CAF_FAIL(to_string(err));
      });
  CAF_CHECK_EQUAL(out.status, job_status::retry);
  CAF_CHECK_EQUAL(out.delay_ms, 0);
  CAF_CHECK_NOT_EQUAL(out.error.find("[timeout]"), std::string::npos);
  CAF_REQUIRE_EQUAL(rows->size(), 1u);
  CAF_CHECK_EQUAL(cell(0, col_error_code), "timeout");
}

CAF_TEST_FIXTURE_SCOPE_END()
