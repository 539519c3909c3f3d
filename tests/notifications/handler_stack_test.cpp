#define CAF_SUITE notifications.handler_stack
// The notification handler end to end: real senders over the real HTTP
// client to the FCM and SMSEagle simulators, e-mail to a real SMTP server,
// attempts written through a batching writer to PostgreSQL.

#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"
#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "actors/queues/handlers/notification/notification_service.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "io/sim/simulators.hpp"
#include "persistence/db_request.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "persistence/notifications_repo.hpp"
#include "tests/notifications/mail_text.hpp"
#include "tests/notifications/smtp_server.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using test::pg_harness;

namespace {

struct fixture : test::pool_fixture {
  fixture() {
    conninfo = pg_harness::get().fresh_database("notify");
    {
      pqxx::connection conn{conninfo};
      persistence::migrator::apply(conn, persistence::embedded_migrations());
    }
    start_pool(test::test_pool_options(conninfo, 2));
    client = http::client::spawn_http_client(sys, io.context(),
                                             http_client_settings{});
    settings.fcm_base_url = sims.fcm().base_url();
    settings.fcm_project_id = "test-project";
    settings.fcm_access_token = "ya29.test";
    settings.smseagle_base_url = sims.smseagle().base_url();
    settings.smseagle_access_token = "eagle-token";
    settings.smtp_url = smtp.url();
    settings.smtp_from = "Hub <hub@example.org>";
    settings.send_timeout_ms = 5000;
    // The production path: the service spawns and links its senders and
    // its writer of `notifications`.
    handler = notify::spawn_notification_service(
        sys, {settings, database_settings{}, pool, client});
  }

  ~fixture() {
    // The client's sockets live on io's context: it must be gone before io.
    for (auto hdl : {caf::actor_cast<caf::actor>(handler),
                     caf::actor_cast<caf::actor>(client)}) {
      self->monitor(hdl);
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
      self->receive([](const caf::down_msg&) {},
                    caf::after(std::chrono::seconds(5)) >> [] {});
    }
  }

  job_outcome run(const std::string& id, const std::string& kind,
                  const std::string& payload, int32_t attempt = 1) {
    job j;
    j.id = id;
    j.queue = "notification";
    j.kind = kind;
    j.attempts = attempt;
    j.payload = payload;
    job_outcome out;
    bool answered = false;
    self->request(handler, 20s, run_job_atom_v, j)
        .receive(
            [&](job_outcome& o) {
              out = std::move(o);
              answered = true;
            },
            [&](caf::error& err) {
              CAF_FAIL("no outcome: " << to_string(err));
            });
    CAF_REQUIRE(answered);
    return out;
  }

  std::vector<notification_attempt> attempts(const std::string& job_id) {
    auto rows = persistence::db_call(
        self, pool, "notifications of a job",
        [job_id](pqxx::connection_base& c) {
          return persistence::notifications_repo::for_job(c, job_id);
        });
    CAF_REQUIRE(rows);
    return *rows;
  }

  io::io_runtime io{1};
  sim::simulators sims{sim::test_settings(),
                       {sim::platform::fcm, sim::platform::smseagle}};
  test::smtp_server smtp;
  notifications_settings settings;
  http_client_actor client;
  job_handler_actor handler;
};

std::string push_payload(const std::string& token) {
  return R"({"type":"push","userId":"u1","title":"New message",)"
         R"("body":"You have 1 unread SMS","fcmToken":")"
         + token + R"(","data":{"chat":"c1"}})";
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(handler_stack_tests, fixture)

CAF_TEST(a push reaches the FCM simulator and is recorded) {
  auto o = run("101", "push", push_payload("device-token-good-1"));
  CAF_CHECK_EQUAL(o.status, job_status::completed);
  auto accepted = sims.fcm().accepted();
  CAF_REQUIRE_EQUAL(accepted.size(), 1u);
  CAF_CHECK_EQUAL(accepted[0].project, "test-project");
  CAF_CHECK_EQUAL(accepted[0].target, "device-token-good-1");
  CAF_CHECK_NOT_EQUAL(accepted[0].message_json.find("You have 1 unread SMS"),
                      std::string::npos);
  auto rows = attempts("101");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].success, true);
  CAF_CHECK_EQUAL(rows[0].type, "push");
  CAF_CHECK_EQUAL(rows[0].user_id, "u1");
  CAF_CHECK_EQUAL(rows[0].provider_message_id, accepted[0].name);
  CAF_CHECK_EQUAL(rows[0].recipient, "…good-1");
  CAF_CHECK(rows[0].finished_at >= rows[0].started_at);
}

CAF_TEST(an unregistered token is dead on its first attempt) {
  sims.fcm().set_token_state("device-token-gone",
                             sim::device_state::unregistered);
  auto o = run("102", "push", push_payload("device-token-gone"));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_NOT_EQUAL(o.error.find("UNREGISTERED"), std::string::npos);
  CAF_CHECK_EQUAL(o.error.find("device-token-gone"), std::string::npos);
  CAF_CHECK_EQUAL(sims.fcm().accepted().size(), 0u);
  auto rows = attempts("102");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].success, false);
  CAF_CHECK_EQUAL(rows[0].error_code, "UNREGISTERED");
}

CAF_TEST(a quota error is retried after Retry - After) {
  sim::fault_rule rule;
  rule.kind = sim::fault_kind::rate_limit;
  rule.count = 1;
  rule.reset_after_ms = 30000;
  sims.fcm().add_fault(rule);
  auto o = run("103", "push", push_payload("device-token-good-2"));
  CAF_CHECK_EQUAL(o.status, job_status::retry);
  CAF_CHECK_EQUAL(o.delay_ms, 30000);
  CAF_CHECK_NOT_EQUAL(o.error.find("QUOTA_EXCEEDED"), std::string::npos);
  auto rows = attempts("103");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].error_code, "QUOTA_EXCEEDED");
}

CAF_TEST(every attempt is recorded : an overloaded FCM then a delivery) {
  sim::fault_rule rule;
  rule.kind = sim::fault_kind::server_error;
  rule.status = 503;
  rule.count = 1;
  sims.fcm().add_fault(rule);
  auto payload = push_payload("device-token-good-3");
  auto first = run("107", "push", payload, 1);
  CAF_CHECK_EQUAL(first.status, job_status::retry);
  auto second = run("107", "push", payload, 2);
  CAF_CHECK_EQUAL(second.status, job_status::completed);
  auto rows = attempts("107");
  CAF_REQUIRE_EQUAL(rows.size(), 2u);
  CAF_CHECK_EQUAL(rows[0].attempt, 1);
  CAF_CHECK_EQUAL(rows[0].success, false);
  CAF_CHECK_EQUAL(rows[1].attempt, 2);
  CAF_CHECK_EQUAL(rows[1].success, true);
  CAF_CHECK_EQUAL(sims.fcm().accepted().size(), 1u);
}

CAF_TEST(an sms reaches the SMSEagle simulator and is recorded) {
  auto o = run("104", "sms",
               R"({"type":"sms","userId":"u2","title":"Code",)"
               R"("body":"Your code is 123456","phoneNumber":"+48123456789"})");
  CAF_CHECK_EQUAL(o.status, job_status::completed);
  auto accepted = sims.smseagle().accepted();
  CAF_REQUIRE_EQUAL(accepted.size(), 1u);
  CAF_CHECK_EQUAL(accepted[0].number, "+48123456789");
  CAF_CHECK_EQUAL(accepted[0].text, "Code\nYour code is 123456");
  auto rows = attempts("104");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].success, true);
  CAF_CHECK_EQUAL(rows[0].provider_message_id, std::to_string(accepted[0].id));
  CAF_CHECK_EQUAL(rows[0].recipient, "+48******789");
}

CAF_TEST(an e - mail reaches the SMTP server and is recorded) {
  auto o = run("105", "email",
               R"({"type":"email","userId":"u3","title":"Welcome",)"
               R"("body":"Hello","email":"jane@example.org"})");
  CAF_CHECK_EQUAL(o.status, job_status::completed);
  auto arrived = test::wait_until([&] {
    return smtp.messages().size() == 1;
  });
  CAF_REQUIRE(arrived);
  auto mail = test::qp_decode(smtp.messages().front());
  CAF_CHECK_NOT_EQUAL(mail.find("X-RcptTo: jane@example.org"),
                      std::string::npos);
  CAF_CHECK_NOT_EQUAL(mail.find("Subject: Welcome"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(mail.find("text/html"), std::string::npos);
  auto rows = attempts("105");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].success, true);
  CAF_CHECK_NOT_EQUAL(mail.find("Message-ID: " + rows[0].provider_message_id),
                      std::string::npos);
  CAF_CHECK_EQUAL(rows[0].recipient, "j***@example.org");
}

CAF_TEST(an invalid payload fails and is recorded without a delivery) {
  auto o = run("106", "email", R"({"type":"email","userId":"u4","body":"B"})");
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_NOT_EQUAL(o.error.find("payload field email"), std::string::npos);
  auto rows = attempts("106");
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].error_code, "invalid_payload");
  CAF_CHECK_EQUAL(smtp.messages().size(), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
