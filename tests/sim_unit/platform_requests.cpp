#define CAF_SUITE sim.platform_requests
#include "caf/test/unit_test.hpp"

#include "io/sim/fcm_request.hpp"
#include "io/sim/linkedin_routes.hpp"
#include "io/sim/smseagle_request.hpp"
#include "io/sim/smseagle_routes.hpp"
#include "io/sim/twitter_routes.hpp"

using namespace switchboard::sim;

namespace {

fcm_refusal fcm_refused(std::string_view body) {
  auto parsed = parse_fcm_send(body);
  auto* refusal = std::get_if<fcm_refusal>(&parsed);
  CAF_REQUIRE(refusal != nullptr);
  return *refusal;
}

std::string sms_refused(std::string_view body, bool single = false) {
  auto parsed = parse_sms_send(body, single);
  auto* err = std::get_if<std::string>(&parsed);
  CAF_REQUIRE(err != nullptr);
  return *err;
}

} // namespace

CAF_TEST(fcm accepts one target with string data) {
  auto parsed = parse_fcm_send(
      R"({"message":{"token":"abc:DEF-1","data":{"kind":"sms"},
          "notification":{"title":"t","body":"b"},"android":{"ttl":"3600s"}}})");
  auto* send = std::get_if<fcm_send>(&parsed);
  CAF_REQUIRE(send != nullptr);
  CAF_CHECK_EQUAL(send->target, "abc:DEF-1");
  CAF_CHECK(send->is_token);
  CAF_CHECK(!send->validate_only);
}

CAF_TEST(fcm refuses what FCM refuses with INVALID_ARGUMENT) {
  CAF_CHECK_EQUAL(fcm_refused("{").http_status, 400);
  CAF_CHECK_EQUAL(fcm_refused(R"({"message":{}})").message,
                  "Exactly one of token, topic or condition must be set");
  CAF_CHECK_EQUAL(
      fcm_refused(R"({"message":{"token":"a","topic":"b"}})").error_code,
      "INVALID_ARGUMENT");
  CAF_CHECK_EQUAL(
      fcm_refused(R"({"message":{"token":"a","data":{"n":12}}})").message,
      "Invalid value at 'message.data[0].value' (TYPE_STRING), 12");
  CAF_CHECK_EQUAL(
      fcm_refused(R"({"message":{"token":"a","data":{"google.x":"1"}}})")
          .message,
      "Invalid data payload key: google.x");
  CAF_CHECK_EQUAL(
      fcm_refused(R"({"message":{"token":"a","android":{"ttl":"9999999s"}}})")
          .message,
      "TTL must be between 0 and 2419200 seconds");
  CAF_CHECK_EQUAL(fcm_refused(R"({"message":{"token":"bad token"}})").message,
                  "The registration token is not a valid FCM registration "
                  "token");
  std::string big(3000, 'x');
  CAF_CHECK_EQUAL(
      fcm_refused(R"({"message":{"topic":"news","data":{"k":")" + big + "\"}}}")
          .http_status,
      400);
  auto ok = parse_fcm_send(R"({"message":{"token":"a","data":{"k":")" + big
                           + "\"}}}");
  CAF_CHECK(std::holds_alternative<fcm_send>(ok));
}

CAF_TEST(smseagle accepts numbers contacts and groups) {
  auto parsed = parse_sms_send(
      R"({"to":["+48123456789"],"contacts":[3],"groups":[4],"text":"hi",
          "validity":"1h","encoding":"unicode","priority":0})",
      false);
  auto* send = std::get_if<sms_send>(&parsed);
  CAF_REQUIRE(send != nullptr);
  CAF_REQUIRE_EQUAL(send->recipients.size(), 3u);
  CAF_CHECK_EQUAL(send->recipients[1], "contact:3");
  CAF_CHECK_EQUAL(send->recipients[2], "group:4");
  CAF_CHECK_EQUAL(send->validity, "1h");
  auto single = parse_sms_send(R"({"to":"+48123456789","text":"x"})", true);
  CAF_CHECK(std::holds_alternative<sms_send>(single));
}

CAF_TEST(smseagle refuses bad sends with a message) {
  CAF_CHECK_EQUAL(sms_refused(R"({"text":"x"})"),
                  "at least one of to, contacts or groups is required");
  CAF_CHECK_EQUAL(sms_refused(R"({"to":["+48123"]})"), "text is required");
  CAF_CHECK_EQUAL(sms_refused(R"({"to":["abc"],"text":"x"})"),
                  "invalid phone number: abc");
  CAF_CHECK_EQUAL(sms_refused(R"({"to":["+48123"],"text":"x","validity":"3h"})")
                      .substr(0, 17),
                  "validity must be ");
  CAF_CHECK_EQUAL(sms_refused(R"({"to":"+48123","text":"x"})"),
                  "to must be an array of numbers");
}

CAF_TEST(smseagle folder queries) {
  auto parsed = parse_folder_query(
      {{"id_from", "5"}, {"limit", "10"}, {"order", "desc"}, {"unread", "1"}});
  auto* q = std::get_if<folder_query>(&parsed);
  CAF_REQUIRE(q != nullptr);
  CAF_REQUIRE(q->id_from.has_value());
  CAF_CHECK_EQUAL(*q->id_from, 5);
  CAF_CHECK_EQUAL(q->limit, 10u);
  CAF_CHECK(q->descending);
  CAF_CHECK(std::holds_alternative<std::string>(
      parse_folder_query({{"limit", "0"}})));
  CAF_CHECK(std::holds_alternative<std::string>(
      parse_folder_query({{"id_from", "-1"}})));
}

CAF_TEST(an accepted sms moves from outbox to sent to delivered) {
  CAF_CHECK_EQUAL(progress_of("+48123", 0).folder, "outbox");
  CAF_CHECK_EQUAL(progress_of("+48123", 1500).status, "delivery_pending");
  CAF_CHECK_EQUAL(progress_of("+48123", 3000).status, "delivery_ok");
  CAF_CHECK_EQUAL(progress_of("+48199", 3000).status, "delivery_failed");
}

CAF_TEST(linkedin post urns round trip) {
  auto urn = post_urn("2414183", 2);
  CAF_CHECK_EQUAL(urn, "urn:li:share:241418302");
  auto ref = parse_post_urn(urn);
  CAF_REQUIRE(ref.has_value());
  CAF_CHECK_EQUAL(ref->organization, "2414183");
  CAF_CHECK_EQUAL(ref->number, 2u);
  CAF_CHECK(parse_post_urn("urn:li:activity:241418303").has_value());
  CAF_CHECK(!parse_post_urn("urn:li:share:241418309").has_value());
  CAF_CHECK(!parse_post_urn("urn:li:share:abc").has_value());
}

CAF_TEST(a token stands for a user id) {
  CAF_CHECK_EQUAL(user_id_of_token("user-2244994945"), "2244994945");
  auto derived = user_id_of_token("opaque-token-xyz");
  CAF_CHECK_EQUAL(derived.size(), 18u);
  CAF_CHECK_EQUAL(derived, user_id_of_token("opaque-token-xyz"));
}
