#define CAF_SUITE notifications.smtp
#include <chrono>
#include <curl/curl.h>
#include <set>
#include <string>

#include "caf/test/unit_test.hpp"

#include "io/smtp/email_template.hpp"
#include "io/smtp/mail_headers.hpp"
#include "io/smtp/smtp_outcome.hpp"

using namespace switchboard;
using namespace switchboard::smtp;

namespace {

delivery_result classify_status(int curl_code, long smtp_code) {
  return classify(send_status{curl_code, smtp_code, "some curl text"},
                  "<id@x>");
}

} // namespace

CAF_TEST(an accepted message is delivered with its Message - ID) {
  auto r = classify_status(CURLE_OK, 250);
  CAF_CHECK_EQUAL(r.status, delivery_status::delivered);
  CAF_CHECK_EQUAL(r.provider_message_id, "<id@x>");
}

CAF_TEST(the classification table) {
  struct row {
    int curl;
    long smtp;
    delivery_status status;
    const char* code;
  };
  const row rows[] = {
      // RCPT TO refused: curl reports a send error with the server's code.
      {CURLE_SEND_ERROR, 550, delivery_status::permanent, "smtp_550"},
      {CURLE_SEND_ERROR, 553, delivery_status::permanent, "smtp_553"},
      {CURLE_SEND_ERROR, 451, delivery_status::transient, "smtp_451"},
      {CURLE_RECV_ERROR, 421, delivery_status::transient, "smtp_421"},
      {CURLE_COULDNT_CONNECT, 0, delivery_status::transient, "network"},
      {CURLE_COULDNT_RESOLVE_HOST, 0, delivery_status::transient, "network"},
      {CURLE_OPERATION_TIMEDOUT, 0, delivery_status::transient, "timeout"},
      {CURLE_LOGIN_DENIED, 535, delivery_status::permanent, "smtp_auth"},
      {CURLE_URL_MALFORMAT, 0, delivery_status::permanent, "smtp_config"},
      {CURLE_UNSUPPORTED_PROTOCOL, 0, delivery_status::permanent,
       "smtp_config"},
      {CURLE_USE_SSL_FAILED, 0, delivery_status::permanent, "smtp_config"},
  };
  for (const auto& x : rows) {
    auto r = classify_status(x.curl, x.smtp);
    CAF_CHECK_EQUAL(r.status, x.status);
    CAF_CHECK_EQUAL(r.error_code, x.code);
    CAF_CHECK_EQUAL(r.provider_message_id, "");
  }
}

CAF_TEST(the template escapes markup and keeps line breaks) {
  notification n;
  n.title = "Hi <b>Bob</b> & \"you\"";
  n.body = "line 1\nline <2>";
  auto mail = render_email(n);
  CAF_CHECK_EQUAL(mail.subject, n.title);
  CAF_CHECK_NOT_EQUAL(mail.html.find("Hi &lt;b&gt;Bob&lt;/b&gt; &amp; "
                                     "&quot;you&quot;"),
                      std::string::npos);
  CAF_CHECK_NOT_EQUAL(mail.html.find("line 1<br>\nline &lt;2&gt;"),
                      std::string::npos);
  CAF_CHECK_EQUAL(mail.html.find("<b>Bob"), std::string::npos);
  CAF_CHECK_EQUAL(mail.html.find("{{"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(mail.text.find("line <2>"), std::string::npos);
}

CAF_TEST(the subject is one line) {
  notification n;
  n.title = "a\r\nBcc: evil@example.org";
  auto mail = render_email(n);
  CAF_CHECK_EQUAL(mail.subject.find('\n'), std::string::npos);
  CAF_CHECK_EQUAL(mail.subject.find('\r'), std::string::npos);
}

CAF_TEST(header text is ASCII as is and otherwise an encoded word) {
  CAF_CHECK_EQUAL(encode_header_text("Hello"), "Hello");
  CAF_CHECK_EQUAL(encode_header_text("a\r\nb"), "ab");
  // "Grüße" in UTF-8, base64.
  CAF_CHECK_EQUAL(encode_header_text("Gr\xc3\xbc\xc3\x9f"
                                     "e"),
                  "=?UTF-8?B?R3LDvMOfZQ==?=");
}

CAF_TEST(the Date header) {
  auto t = std::chrono::system_clock::time_point{
      std::chrono::seconds{1'700'000'000}};
  CAF_CHECK_EQUAL(rfc5322_date(t), "Tue, 14 Nov 2023 22:13:20 +0000");
}

CAF_TEST(addresses and Message - IDs) {
  CAF_CHECK_EQUAL(address_of("Hub <hub@example.org>"), "hub@example.org");
  CAF_CHECK_EQUAL(address_of("hub@example.org"), "hub@example.org");
  CAF_CHECK_EQUAL(domain_of("Hub <hub@example.org>"), "example.org");
  CAF_CHECK_EQUAL(domain_of("nobody"), "localhost");
  auto a = make_message_id("42", 2, "hub@example.org");
  auto b = make_message_id("42", 2, "hub@example.org");
  CAF_CHECK_EQUAL(a.rfind("<sb.42.2.", 0), 0u);
  CAF_CHECK_EQUAL(a.substr(a.size() - 13), "@example.org>");
  CAF_CHECK_NOT_EQUAL(a, b);
}

CAF_TEST(plain addresses) {
  CAF_CHECK(is_plain_address("j.doe+x@example.org"));
  CAF_CHECK(!is_plain_address("j.doe@"));
  CAF_CHECK(!is_plain_address("@example.org"));
  CAF_CHECK(!is_plain_address("a@b@c"));
  CAF_CHECK(!is_plain_address("a b@example.org"));
  CAF_CHECK(!is_plain_address("a@example.org\r\nRCPT TO:<x@y>"));
  CAF_CHECK(!is_plain_address("<a@example.org>"));
  CAF_CHECK(!is_plain_address("a@example.org,b@example.org"));
}
