#define CAF_SUITE sim.fcm_wire
#include "caf/test/unit_test.hpp"

#include "tests/sim/sim_fixture.hpp"

using namespace switchboard::sim;
using namespace switchboard::sim::testing;
using nlohmann::json;

namespace {

constexpr platform fcm = platform::fcm;
const std::string send_path = "/v1/projects/hub-app/messages:send";

std::string push_to(const std::string& token) {
  return json{{"message",
               {{"token", token},
                {"notification", {{"title", "New"}, {"body", "1 unread"}}},
                {"data", {{"kind", "sms"}}}}}}
      .dump();
}

std::string fcm_error_code(const client_response& res) {
  return res.json()["error"]["details"][0]["errorCode"].get<std::string>();
}

fault_rule fault_for(const std::string& token, fault_kind kind) {
  fault_rule r;
  r.kind = kind;
  r.account = token;
  r.count = 1;
  return r;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(fcm_wire_tests, sim_fixture)

CAF_TEST(an accepted push answers its name and is recorded) {
  start({fcm});
  auto res = post(fcm, send_path, push_to("device-1"), bearer("ya29.x"));
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto name = res.json()["name"].get<std::string>();
  CAF_CHECK_EQUAL(name.rfind("projects/hub-app/messages/0:", 0), 0u);
  auto accepted = sims->fcm().accepted();
  CAF_REQUIRE_EQUAL(accepted.size(), 1u);
  CAF_CHECK_EQUAL(accepted[0].name, name);
  CAF_CHECK_EQUAL(accepted[0].target, "device-1");
  CAF_CHECK_EQUAL(
      json::parse(accepted[0].message_json)["data"]["kind"].get<std::string>(),
      "sms");
  CAF_CHECK_EQUAL(sims->fcm().stats().account("device-1").messages_accepted,
                  1u);
  auto listed = get(fcm, "/_sim/messages").json();
  CAF_CHECK_EQUAL(listed["items"][0]["name"], name);
}

CAF_TEST(token states give UNREGISTERED INVALID_ARGUMENT SENDER_ID_MISMATCH) {
  start({fcm});
  sims->fcm().set_token_state("gone", device_state::unregistered);
  auto gone = post(fcm, send_path, push_to("gone"), bearer("t"));
  CAF_CHECK_EQUAL(gone.status, 404);
  CAF_CHECK_EQUAL(gone.json()["error"]["status"].get<std::string>(),
                  "NOT_FOUND");
  CAF_CHECK_EQUAL(fcm_error_code(gone), "UNREGISTERED");
  auto bad = post(fcm, send_path, push_to("invalid-1"), bearer("t"));
  CAF_CHECK_EQUAL(bad.status, 400);
  CAF_CHECK_EQUAL(fcm_error_code(bad), "INVALID_ARGUMENT");
  auto foreign = post(fcm, send_path, push_to("foreign-1"), bearer("t"));
  CAF_CHECK_EQUAL(foreign.status, 403);
  CAF_CHECK_EQUAL(fcm_error_code(foreign), "SENDER_ID_MISMATCH");
  CAF_CHECK_EQUAL(
      post(fcm, "/_sim/tokens", R"({"token":"gone","state":"valid"})").status,
      200);
  CAF_CHECK_EQUAL(post(fcm, send_path, push_to("gone"), bearer("t")).status,
                  200);
  CAF_CHECK_EQUAL(post(fcm, "/_sim/tokens", R"({"token":"gone"})").status, 400);
  CAF_CHECK_EQUAL(sims->fcm().accepted().size(), 1u);
}

CAF_TEST(bad requests and missing auth are refused) {
  start({fcm});
  auto bad
      = post(fcm, send_path, R"({"message":{"data":{"a":"b"}}})", bearer("t"));
  CAF_CHECK_EQUAL(bad.status, 400);
  CAF_CHECK_EQUAL(bad.json()["error"]["status"].get<std::string>(),
                  "INVALID_ARGUMENT");
  auto anonymous = post(fcm, send_path, push_to("d"));
  CAF_CHECK_EQUAL(anonymous.status, 401);
  CAF_CHECK_EQUAL(anonymous.json()["error"]["status"].get<std::string>(),
                  "UNAUTHENTICATED");
  CAF_CHECK(sims->fcm().accepted().empty());
}

CAF_TEST(
    faults give QUOTA_EXCEEDED with Retry_After then UNAVAILABLE and INTERNAL) {
  start({fcm});
  auto quota = fault_for("d", fault_kind::rate_limit);
  quota.reset_after_ms = 30'000;
  sims->fcm().add_fault(quota);
  auto unavailable = fault_for("d", fault_kind::server_error);
  unavailable.status = 503;
  unavailable.reset_after_ms = 5'000;
  sims->fcm().add_fault(unavailable);
  sims->fcm().add_fault(fault_for("d", fault_kind::server_error));
  sims->fcm().add_fault(fault_for("d", fault_kind::revoked));
  auto a = post(fcm, send_path, push_to("d"), bearer("t"));
  CAF_CHECK_EQUAL(a.status, 429);
  CAF_CHECK_EQUAL(fcm_error_code(a), "QUOTA_EXCEEDED");
  CAF_CHECK_EQUAL(a.header("retry-after"), "30");
  auto b = post(fcm, send_path, push_to("d"), bearer("t"));
  CAF_CHECK_EQUAL(b.status, 503);
  CAF_CHECK_EQUAL(fcm_error_code(b), "UNAVAILABLE");
  CAF_CHECK_EQUAL(b.header("retry-after"), "5");
  auto c = post(fcm, send_path, push_to("d"), bearer("t"));
  CAF_CHECK_EQUAL(c.status, 500);
  CAF_CHECK_EQUAL(fcm_error_code(c), "INTERNAL");
  CAF_CHECK_EQUAL(post(fcm, send_path, push_to("d"), bearer("t")).status, 401);
  CAF_CHECK_EQUAL(post(fcm, send_path, push_to("d"), bearer("t")).status, 200);
  CAF_CHECK_EQUAL(sims->fcm().accepted().size(), 1u);
}

CAF_TEST(the token endpoint grants an access token for a JWT assertion) {
  start({fcm});
  auto ok = http_request(
      port(fcm), "POST", "/token",
      "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
      "&assertion=eyJ.x.y",
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  CAF_REQUIRE_EQUAL(ok.status, 200);
  CAF_CHECK_EQUAL(ok.json()["token_type"].get<std::string>(), "Bearer");
  CAF_CHECK_EQUAL(ok.json()["expires_in"].get<int>(), 3599);
  CAF_CHECK_EQUAL(post(fcm, "/token", "grant_type=password").status, 400);
}

CAF_TEST_FIXTURE_SCOPE_END()
