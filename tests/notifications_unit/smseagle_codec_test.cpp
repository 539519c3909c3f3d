#define CAF_SUITE notifications.smseagle_codec
#include <nlohmann/json.hpp>

#include "caf/test/unit_test.hpp"

#include "io/smseagle/smseagle_codec.hpp"

using namespace switchboard;
using json = nlohmann::json;

namespace {

notification sms(std::string title = "Code") {
  notification n;
  n.type = "sms";
  n.user_id = "u1";
  n.title = std::move(title);
  n.body = "Your code is 123456";
  n.phone_number = "+48123456789";
  return n;
}

} // namespace

CAF_TEST(the send request follows API v2) {
  smseagle::endpoint to{"http://127.0.0.1:9104", "secret-token"};
  auto req = smseagle::build_send(to, sms());
  CAF_CHECK_EQUAL(req.method, "POST");
  CAF_CHECK_EQUAL(req.url, "http://127.0.0.1:9104/api/v2/messages/sms");
  CAF_REQUIRE_EQUAL(req.headers.size(), 2u);
  CAF_CHECK_EQUAL(req.headers[0].name, "access-token");
  CAF_CHECK_EQUAL(req.headers[0].value, "secret-token");
  auto body = json::parse(req.body);
  CAF_CHECK_EQUAL(body["to"], json::array({"+48123456789"}));
  CAF_CHECK_EQUAL(body["text"], "Code\nYour code is 123456");
}

CAF_TEST(an sms without a title is the body alone) {
  CAF_CHECK_EQUAL(smseagle::sms_text(sms("")), "Your code is 123456");
}

CAF_TEST(queued is delivered with the outbox id) {
  auto r = smseagle::parse_send_response(
      200, R"([{"status":"queued","message":"x","number":"+4812","id":654}])");
  CAF_CHECK_EQUAL(r.status, delivery_status::delivered);
  CAF_CHECK_EQUAL(r.provider_message_id, "654");
}

CAF_TEST(a recipient that was not queued is permanent) {
  auto r = smseagle::parse_send_response(
      200, R"([{"status":"error","number":"+4812"}])");
  CAF_CHECK_EQUAL(r.status, delivery_status::permanent);
  CAF_CHECK_EQUAL(r.error_code, "error");
}

CAF_TEST(an object instead of the array is a transient bad response) {
  auto r = smseagle::parse_send_response(
      200, R"({"message":"Resource(s) not found"})");
  CAF_CHECK_EQUAL(r.status, delivery_status::transient);
  CAF_CHECK_EQUAL(r.error_code, "bad_response");
}

CAF_TEST(client errors are permanent and server errors transient) {
  auto bad = smseagle::parse_send_response(400, R"({"message":"bad"})");
  CAF_CHECK_EQUAL(bad.status, delivery_status::permanent);
  CAF_CHECK_EQUAL(bad.error_code, "http_400");
  auto unauthorized = smseagle::parse_send_response(401, "");
  CAF_CHECK_EQUAL(unauthorized.status, delivery_status::permanent);
  auto busy = smseagle::parse_send_response(503, "");
  CAF_CHECK_EQUAL(busy.status, delivery_status::transient);
  CAF_CHECK_EQUAL(busy.error_code, "http_503");
  CAF_CHECK_EQUAL(smseagle::parse_send_response(429, "").status,
                  delivery_status::transient);
}
