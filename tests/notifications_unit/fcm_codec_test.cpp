#define CAF_SUITE notifications.fcm_codec
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "caf/test/unit_test.hpp"

#include "io/fcm/fcm_codec.hpp"
#include "io/fcm/retry_after.hpp"

using namespace switchboard;
using json = nlohmann::json;

namespace {

const auto now = std::chrono::system_clock::time_point{
    std::chrono::seconds{1'700'000'000}};

notification push(std::string data_json = "{}") {
  notification n;
  n.type = "push";
  n.user_id = "u1";
  n.title = "New message";
  n.body = "You have 1 unread SMS";
  n.fcm_token = "tok-123";
  n.data_json = std::move(data_json);
  return n;
}

std::string fcm_error(int code, const std::string& status,
                      const std::string& error_code) {
  json error{{"code", code}, {"message", "x"}, {"status", status}};
  if (!error_code.empty())
    error["details"] = json::array(
        {{{"@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError"},
          {"errorCode", error_code}}});
  return json{{"error", error}}.dump();
}

delivery_result parse(int status, const std::string& body,
                      const std::string& retry_after = "") {
  return fcm::parse_send_response(status, body, retry_after, now);
}

} // namespace

CAF_TEST(the send request follows the v1 wire format) {
  fcm::endpoint to{"http://127.0.0.1:9103", "my-project", "ya29.token"};
  auto req = fcm::build_send(to, push(R"({"kind":"sms"})"));
  CAF_CHECK_EQUAL(req.method, "POST");
  CAF_CHECK_EQUAL(req.url, "http://127.0.0.1:9103/v1/projects/my-project/"
                           "messages:send");
  CAF_REQUIRE_EQUAL(req.headers.size(), 2u);
  CAF_CHECK_EQUAL(req.headers[0].name, "Authorization");
  CAF_CHECK_EQUAL(req.headers[0].value, "Bearer ya29.token");
  auto body = json::parse(req.body);
  CAF_CHECK_EQUAL(body["message"]["token"], "tok-123");
  CAF_CHECK_EQUAL(body["message"]["notification"]["title"], "New message");
  CAF_CHECK_EQUAL(body["message"]["notification"]["body"],
                  "You have 1 unread SMS");
  CAF_CHECK_EQUAL(body["message"]["data"]["kind"], "sms");
}

CAF_TEST(an empty data map is left out) {
  auto req = fcm::build_send({"https://fcm.googleapis.com", "p", "t"}, push());
  auto body = json::parse(req.body);
  CAF_CHECK(!body["message"].contains("data"));
}

CAF_TEST(200 with a name is delivered with the name as message id) {
  auto r = parse(200, R"({"name":"projects/p/messages/0:1500%31bd"})");
  CAF_CHECK_EQUAL(r.status, delivery_status::delivered);
  CAF_CHECK_EQUAL(r.provider_message_id, "projects/p/messages/0:1500%31bd");
  CAF_CHECK_EQUAL(r.error_code, "");
}

CAF_TEST(200 without a name is a transient bad response) {
  auto r = parse(200, "{}");
  CAF_CHECK_EQUAL(r.status, delivery_status::transient);
  CAF_CHECK_EQUAL(r.error_code, "bad_response");
}

CAF_TEST(the spec table : permanent codes are never retried) {
  struct row {
    int http;
    const char* status;
    const char* code;
  };
  const row rows[] = {
      {404, "NOT_FOUND", "UNREGISTERED"},
      {400, "INVALID_ARGUMENT", "INVALID_ARGUMENT"},
      {403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH"},
      {401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR"},
  };
  for (const auto& x : rows) {
    auto r = parse(x.http, fcm_error(x.http, x.status, x.code), "30");
    CAF_CHECK_EQUAL(r.status, delivery_status::permanent);
    CAF_CHECK_EQUAL(r.error_code, x.code);
    CAF_CHECK_EQUAL(r.retry_after_ms, 0);
  }
}

CAF_TEST(the spec table : transient codes honour Retry - After) {
  struct row {
    int http;
    const char* status;
    const char* code;
  };
  const row rows[] = {
      {429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"},
      {503, "UNAVAILABLE", "UNAVAILABLE"},
      {500, "INTERNAL", "INTERNAL"},
  };
  for (const auto& x : rows) {
    auto r = parse(x.http, fcm_error(x.http, x.status, x.code), "30");
    CAF_CHECK_EQUAL(r.status, delivery_status::transient);
    CAF_CHECK_EQUAL(r.error_code, x.code);
    CAF_CHECK_EQUAL(r.retry_after_ms, 30000);
  }
}

CAF_TEST(the canonical status decides without an FcmError detail) {
  auto expired = parse(401, fcm_error(401, "UNAUTHENTICATED", ""));
  CAF_CHECK_EQUAL(expired.status, delivery_status::transient);
  CAF_CHECK_EQUAL(expired.error_code, "UNAUTHENTICATED");
  auto denied = parse(403, fcm_error(403, "PERMISSION_DENIED", ""));
  CAF_CHECK_EQUAL(denied.status, delivery_status::permanent);
  auto unspecified
      = parse(503, fcm_error(503, "UNAVAILABLE", "UNSPECIFIED_ERROR"));
  CAF_CHECK_EQUAL(unspecified.error_code, "UNAVAILABLE");
}

CAF_TEST(the HTTP status decides without a readable error) {
  auto gateway = parse(502, "<html>bad gateway</html>", "2");
  CAF_CHECK_EQUAL(gateway.status, delivery_status::transient);
  CAF_CHECK_EQUAL(gateway.error_code, "http_502");
  CAF_CHECK_EQUAL(gateway.retry_after_ms, 2000);
  auto missing = parse(404, "not json");
  CAF_CHECK_EQUAL(missing.status, delivery_status::permanent);
  CAF_CHECK_EQUAL(missing.error_code, "http_404");
  CAF_CHECK_EQUAL(parse(429, "").status, delivery_status::transient);
}

CAF_TEST(errors never echo the token) {
  auto r = parse(404, fcm_error(404, "NOT_FOUND", "UNREGISTERED"));
  CAF_CHECK_EQUAL(r.error.find("tok-123"), std::string::npos);
  CAF_CHECK_EQUAL(r.error, "fcm rejected the message: UNREGISTERED (http_404)");
}

CAF_TEST(Retry - After as seconds or as an HTTP - date) {
  auto secs = fcm::parse_retry_after_ms("120", now);
  CAF_REQUIRE(secs);
  CAF_CHECK_EQUAL(*secs, 120000);
  // now is Tue, 14 Nov 2023 22:13:20 GMT.
  auto date = fcm::parse_retry_after_ms("Tue, 14 Nov 2023 22:13:50 GMT", now);
  CAF_REQUIRE(date);
  CAF_CHECK_EQUAL(*date, 30000);
  auto past = fcm::parse_retry_after_ms("Tue, 14 Nov 2023 22:00:00 GMT", now);
  CAF_REQUIRE(past);
  CAF_CHECK_EQUAL(*past, 0);
  auto padded = fcm::parse_retry_after_ms(" 5 ", now);
  CAF_REQUIRE(padded);
  CAF_CHECK_EQUAL(*padded, 5000);
  CAF_CHECK(!fcm::parse_retry_after_ms("", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("soon", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("-3", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("12abc", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("Tue, 14 Nov 2023 22:13:50", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("Tue, 14 Nov 2023 22:13:50 CET", now));
  CAF_CHECK(!fcm::parse_retry_after_ms("Tue, 31 Foo 2023 22:13:50 GMT", now));
}
