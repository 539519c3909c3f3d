#define CAF_SUITE notifications.payload
#include <string>

#include "caf/test/unit_test.hpp"

#include "actors/queues/handlers/notification/notification_payload.hpp"

using namespace switchboard;
using switchboard::notify::parse_payload;

namespace {

job make_job(std::string payload, std::string kind = "notify") {
  job j;
  j.id = "17";
  j.queue = "notification";
  j.kind = std::move(kind);
  j.attempts = 2;
  j.payload = std::move(payload);
  return j;
}

std::string error_of(std::string payload, std::string kind = "notify") {
  return parse_payload(make_job(std::move(payload), std::move(kind))).error;
}

} // namespace

CAF_TEST(a push payload as the seed sends it) {
  auto parsed = parse_payload(
      make_job(R"({"type":"push","userId":"u1","title":"T","body":"B",)"
               R"("fcmToken":"tok","data":{"chat":"c1"}})"));
  CAF_REQUIRE_EQUAL(parsed.error, "");
  const auto& n = parsed.value;
  CAF_CHECK_EQUAL(n.job_id, "17");
  CAF_CHECK_EQUAL(n.attempt, 2);
  CAF_CHECK_EQUAL(n.type, "push");
  CAF_CHECK_EQUAL(n.user_id, "u1");
  CAF_CHECK_EQUAL(n.title, "T");
  CAF_CHECK_EQUAL(n.body, "B");
  CAF_CHECK_EQUAL(n.fcm_token, "tok");
  CAF_CHECK_EQUAL(n.data_json, R"({"chat":"c1"})");
}

CAF_TEST(e - mail and sms payloads) {
  auto mail = parse_payload(
      make_job(R"({"type":"email","userId":"u1","title":"T","body":"B",)"
               R"("email":"a@example.org"})"));
  CAF_CHECK_EQUAL(mail.error, "");
  CAF_CHECK_EQUAL(mail.value.email, "a@example.org");
  auto sms = parse_payload(make_job(
      R"({"type":"sms","userId":"u1","body":"B","phoneNumber":"+48123456"})"));
  CAF_CHECK_EQUAL(sms.error, "");
  CAF_CHECK_EQUAL(sms.value.phone_number, "+48123456");
}

CAF_TEST(the type may come from the job kind) {
  auto parsed = parse_payload(make_job(
      R"({"userId":"u1","body":"B","phoneNumber":"+48123456"})", "sms"));
  CAF_CHECK_EQUAL(parsed.error, "");
  CAF_CHECK_EQUAL(parsed.value.type, "sms");
}

CAF_TEST(the type must agree with the job kind) {
  CAF_CHECK_EQUAL(
      error_of(R"({"type":"email","userId":"u1","body":"B","email":"a@b.c"})",
               "push"),
      "payload field type email does not match the job kind push");
  CAF_CHECK_EQUAL(
      error_of(R"({"type":"email","userId":"u1","body":"B","email":"a@b.c"})",
               "notify"),
      "");
}

CAF_TEST(a missing recipient names its field) {
  CAF_CHECK_EQUAL(error_of(R"({"type":"push","userId":"u1","body":"B"})"),
                  "payload field fcmToken is required for type push");
  CAF_CHECK_EQUAL(error_of(R"({"type":"email","userId":"u1","body":"B"})"),
                  "payload field email is required for type email");
  CAF_CHECK_EQUAL(error_of(R"({"type":"sms","userId":"u1","body":"B"})"),
                  "payload field phoneNumber is required for type sms");
}

CAF_TEST(malformed recipients are refused without echoing them) {
  auto bad_mail = error_of(
      R"({"type":"email","userId":"u1","body":"B","email":"not-an-address"})");
  CAF_CHECK_EQUAL(bad_mail, "payload field email is not an e-mail address");
  auto bad_phone = error_of(
      R"({"type":"sms","userId":"u1","body":"B","phoneNumber":"call me"})");
  CAF_CHECK_EQUAL(bad_phone, "payload field phoneNumber is not a phone number");
}

CAF_TEST(other invalid payloads) {
  CAF_CHECK_EQUAL(error_of("[1,2]"), "payload must be a JSON object");
  CAF_CHECK_EQUAL(error_of("{not json"), "payload must be a JSON object");
  CAF_CHECK_EQUAL(error_of(R"({"type":"fax","userId":"u1","body":"B"})"),
                  "payload field type must be push, email or sms");
  CAF_CHECK_EQUAL(error_of(R"({"userId":"u1","body":"B"})", "other"),
                  "payload field type must be push, email or sms");
  CAF_CHECK_EQUAL(error_of(R"({"type":"push","body":"B","fcmToken":"t"})"),
                  "payload field userId is required");
  CAF_CHECK_EQUAL(
      error_of(R"({"type":"push","userId":"u1","title":7,"fcmToken":"t"})"),
      "payload field title must be a string");
  CAF_CHECK_EQUAL(error_of(R"({"type":"push","userId":"u1","fcmToken":"t"})"),
                  "payload fields title and body are both empty");
  CAF_CHECK_EQUAL(error_of(R"({"type":"push","userId":"u1","body":"B",)"
                           R"("fcmToken":"t","data":{"n":12}})"),
                  "payload field data.n must be a string");
  CAF_CHECK_EQUAL(error_of(R"({"type":"push","userId":"u1","body":"B",)"
                           R"("fcmToken":"t","data":[1]})"),
                  "payload field data must be an object");
}

CAF_TEST(an invalid payload keeps what can be recorded) {
  auto parsed
      = parse_payload(make_job(R"({"type":"push","userId":"u1","body":"B"})"));
  CAF_CHECK_NOT_EQUAL(parsed.error, "");
  CAF_CHECK_EQUAL(parsed.value.type, "push");
  CAF_CHECK_EQUAL(parsed.value.user_id, "u1");
  auto unknown = parse_payload(make_job(R"({"type":"fax","userId":"u1"})"));
  CAF_CHECK_EQUAL(unknown.value.type, "");
}
