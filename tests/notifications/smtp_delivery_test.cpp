#define CAF_SUITE notifications.smtp_delivery
#include <chrono>
#include <string>

#include "caf/test/unit_test.hpp"

#include "io/smtp/notification_mail.hpp"
#include "tests/notifications/mail_text.hpp"
#include "tests/notifications/smtp_server.hpp"
#include "tests/support/wait_until.hpp"

using namespace switchboard;
using test::smtp_server;

namespace {

smtp::server server_at(const std::string& url) {
  smtp::server s;
  s.url = url;
  s.from = "Hub <hub@example.org>";
  s.timeout_ms = 10000;
  return s;
}

notification welcome() {
  notification n;
  n.job_id = "77";
  n.attempt = 1;
  n.type = "email";
  n.user_id = "u1";
  n.title = "Welcome <Jane>";
  n.body = "Hello Jane,\nyour account is ready.";
  n.email = "jane@example.org";
  return n;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

CAF_TEST(an e - mail arrives with recipient subject and HTML part) {
  smtp_server server;
  auto r = smtp::deliver_email(server_at(server.url()), welcome());
  CAF_CHECK_EQUAL(r.status, delivery_status::delivered);
  CAF_CHECK_EQUAL(r.error_code, "");
  CAF_CHECK_EQUAL(r.provider_message_id.rfind("<sb.77.1.", 0), 0u);
  auto arrived = test::wait_until([&] {
    return server.messages().size() == 1;
  });
  CAF_REQUIRE(arrived);
  auto mail = test::qp_decode(server.messages().front());
  CAF_CHECK(contains(mail, "X-RcptTo: jane@example.org"));
  CAF_CHECK(contains(mail, "To: jane@example.org"));
  CAF_CHECK(contains(mail, "From: Hub <hub@example.org>"));
  CAF_CHECK(contains(mail, "Subject: Welcome <Jane>"));
  CAF_CHECK(contains(mail, "Message-ID: " + r.provider_message_id));
  CAF_CHECK(contains(mail, "multipart/alternative"));
  // The mailbox rewrites parameters (charset="utf-8"); the type stays.
  CAF_CHECK(contains(mail, "Content-Type: text/html; charset="));
  CAF_CHECK(contains(mail, "Content-Type: text/plain; charset="));
  CAF_CHECK(contains(mail, "quoted-printable"));
  CAF_CHECK(contains(mail, "<title>Welcome &lt;Jane&gt;</title>"));
  CAF_CHECK(contains(mail, "Hello Jane,<br>"));
}

CAF_TEST(a non - ASCII subject arrives as an encoded word) {
  smtp_server server;
  auto n = welcome();
  n.title = "Gr\xc3\xbc\xc3\x9f"
            "e";
  auto r = smtp::deliver_email(server_at(server.url()), n);
  CAF_CHECK_EQUAL(r.status, delivery_status::delivered);
  auto arrived = test::wait_until([&] {
    return server.messages().size() == 1;
  });
  CAF_REQUIRE(arrived);
  CAF_CHECK(
      contains(server.messages().front(), "Subject: =?UTF-8?B?R3LDvMOfZQ==?="));
}

CAF_TEST(a refused recipient is a permanent failure) {
  smtp_server server{smtp_server::mode::reject};
  auto r = smtp::deliver_email(server_at(server.url()), welcome());
  CAF_CHECK_EQUAL(r.status, delivery_status::permanent);
  CAF_CHECK_EQUAL(r.error_code, "smtp_550");
  CAF_CHECK_EQUAL(r.provider_message_id, "");
  CAF_CHECK(!contains(r.error, "jane@example.org"));
}

CAF_TEST(a server that is down is a transient failure) {
  std::string url;
  {
    smtp_server server;
    url = server.url();
  }
  auto r = smtp::deliver_email(server_at(url), welcome());
  CAF_CHECK_EQUAL(r.status, delivery_status::transient);
  CAF_CHECK_EQUAL(r.error_code, "network");
}
